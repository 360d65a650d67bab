// Package validate checks volumes: against the JSON Schema of package
// schema (with gojsonschema) and with volume-level checks (page ranges,
// duplicate DOIs and keys, prose against BibTeX, ...).
//
// The checks are an ordered list of values, each with the code it reports
// under (declared with its severity and documentation in package schema);
// they report through a pass and never print.
package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// A volumeCheck is one volume-level check: the code it reports under, and its
// run, which reads the volume and reports through the pass.
type volumeCheck struct {
	code schema.Code
	run  func(*checkPass)
}

// checks are the volume-level checks, in the order their diagnostics are
// joined. A check may report under another code too (the page-sequence
// sort finds overlaps and gaps).
var checks = []volumeCheck{
	{schema.AuthorMismatch, runAuthorMismatch},
	{schema.TitleMismatch, runTitleMismatch},
	{schema.DOIMismatch, runDOIMismatch},
	{schema.PagesMismatch, runPagesMismatch},
	{schema.YearMismatch, runYearMismatch},
	{schema.KeyPageMismatch, runKeyPage},
	{schema.DOIFormat, runDOIFormat},
	{schema.DOIPrefix, runDOIPrefix},
	{schema.DuplicateDOI, runDuplicateDOI},
	{schema.DuplicateKey, runDuplicateKey},
	{schema.DuplicateTitle, runDuplicateTitle},
	{schema.MissingField, runMissingField},
	{schema.BibTeXUnescaped, runUnescaped},
	{schema.PagesOverlap, runPageSequence},
	{schema.PagesReversed, runPagesReversed},
	{schema.PagesFormat, runPagesFormat},
	{schema.PagesDash, runPagesDash},
	{schema.DOIURL, runDOIURL},
}

// A checkPass is one check running over one volume.
type checkPass struct {
	Volume  *schema.Volume
	code    schema.Code               // what Report reports under
	found   []schema.Diagnostic       // what the check reported
	disable []schema.Code             // the codes not to report
	groups  [][]int                   // the record indexes by container (see groups)
	cmp     *comparing                // what the checks that compare records read
	emit    func([]schema.Diagnostic) // with Compare: takes what the check found so far (see flush)
}

// flushAt is how many findings a check of Compare holds before it hands
// them on.
const flushAt = 4096

// flush hands what the check found so far to emit, if it has one and the
// findings are flushAt or more: the findings of a large container need
// not all be held. A check calls it only where it has nothing to take
// back.
func (p *checkPass) flush() {
	if p.emit != nil && len(p.found) >= flushAt {
		p.emit(p.found)
		p.found = nil
	}
}

func (p *checkPass) disabled(code schema.Code) bool { return slices.Contains(p.disable, code) }

// ReportAt records a finding delta bytes into the input behind ptr (the
// offending character of a value).
func (p *checkPass) ReportAt(ptr string, delta int, related []schema.Related, format string, args ...any) {
	d := p.code.AtPointer(p.Volume.Source.Path, ptr, format, args...)
	d.Related = related
	if r, ok := p.Volume.Locate(ptr); ok {
		d.Off, d.End = r.Off+delta, r.Off+delta+1
	}
	p.found = append(p.found, d)
}

// Report records a finding at the JSON Pointer ptr of the volume.
func (p *checkPass) Report(ptr string, related []schema.Related, format string, args ...any) {
	p.ReportAs(p.code, ptr, related, format, args...)
}

// ReportAs records a finding under another code than the check's, for
// checks that share their work.
func (p *checkPass) ReportAs(code schema.Code, ptr string, related []schema.Related, format string, args ...any) {
	d := code.AtPointer(p.Volume.Source.Path, ptr, format, args...)
	d.Related = related
	p.found = append(p.found, d)
}

// RelatedAt builds a related position at a pointer.
func RelatedAt(ptr, format string, args ...any) schema.Related {
	return schema.Related{Pointer: ptr, Message: fmt.Sprintf(format, args...), Off: -1}
}

// Options select the checks to run.
type Options struct {
	// Disable lists codes whose diagnostics are dropped, from every stage.
	Disable []schema.Code
}

// Validate returns an error naming the first unknown code in o.Disable.
func (o Options) Validate() error {
	for _, c := range o.Disable {
		if !c.Known() {
			return fmt.Errorf("validate: unknown diagnostic code %q (procx explain lists them)", c)
		}
	}
	return nil
}

// Volume runs every check over v and appends their diagnostics to
// v.Diagnostics. A check that panics is reported, not propagated.
func Volume(v *schema.Volume, opt Options) {
	var run []volumeCheck
	for _, c := range checks {
		if !slices.Contains(opt.Disable, c.code) {
			run = append(run, c)
		}
	}
	// Checks only read the volume, so a large one's run side by side,
	// each reporting into its own list; the lists join in order.
	found := make([][]schema.Diagnostic, len(run))
	g := groups(v) // read by most checks: made once
	var cmp *comparing
	if slices.ContainsFunc(run, func(c volumeCheck) bool { return slices.Contains(CrossRecordCodes, c.code) }) {
		cmp = newComparing(v, g)
	}
	chunks := [][2]int{{0, len(run)}}
	if len(v.Papers) >= parallelMin {
		chunks = par.Split(len(run), 1)
	}
	par.Run(chunks, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			found[i] = runCheck(&checkPass{Volume: v, groups: g, cmp: cmp}, run[i], opt)
		}
	})
	for _, ds := range found {
		v.Diagnostics = append(v.Diagnostics, ds...)
	}
}

// runCheck runs one check over what p reads and returns what it reports.
// A check that panics is reported, not propagated.
func runCheck(p *checkPass, c volumeCheck, opt Options) (found []schema.Diagnostic) {
	p.code, p.disable = c.code, opt.Disable
	v := p.Volume
	defer func() {
		found = p.found // also when the check panics
		if r := recover(); r != nil {
			found = append(found, schema.InternalError.AtPointer(v.Source.Path, "", "check %s failed: %v", c.code, r))
		}
	}()
	c.run(p)
	return p.found
}

// Filter removes the diagnostics of disabled codes.
func Filter(ds []schema.Diagnostic, opt Options) []schema.Diagnostic {
	if len(opt.Disable) == 0 {
		return ds
	}
	return slices.DeleteFunc(ds, func(d schema.Diagnostic) bool { return slices.Contains(opt.Disable, d.Code) })
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
