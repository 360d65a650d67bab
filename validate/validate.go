// Package validate checks volumes: against the JSON Schema of package
// schema (with gojsonschema) and with volume-level checks (page ranges,
// duplicate DOIs and keys, prose against BibTeX, ...).
//
// Checks are values (Check) with a stable code, a title, a doc text and a
// default severity; they report through a callback and never print. Codes
// raised by the other stages (encoding, unparsed-text, ...) are documented
// here too, so that "procx explain" knows every code.
package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// Check is one volume-level check, or the documentation of a code that an
// earlier stage raises (Run is nil).
type Check struct {
	Code     string
	Title    string // one line, lowercase
	Doc      string // what it means and how to fix it
	Severity schema.Severity
	Run      func(*Pass)
}

// Pass is one check running over one volume.
type Pass struct {
	Volume  *schema.Volume
	Check   *Check
	found   []schema.Diagnostic // what the check reported
	disable []string            // the codes not to report
	groups  [][]int             // the record indexes by container (see groups)
}

func (p *Pass) report(d schema.Diagnostic) { p.found = append(p.found, d) }

func (p *Pass) disabled(code string) bool { return slices.Contains(p.disable, code) }

// ReportAt records a finding delta bytes into the input behind ptr (the
// offending character of a value).
func (p *Pass) ReportAt(ptr string, delta int, related []schema.Related, format string, args ...any) {
	d := schema.Diagnostic{
		Code: p.Check.Code, Severity: p.Check.Severity,
		Message: fmt.Sprintf(format, args...),
		Path:    p.Volume.Source.Path, Pointer: ptr, Related: related,
		Off: -1, End: -1,
	}
	if r, ok := p.Volume.Locate(ptr); ok {
		d.Off, d.End = r.Off+delta, r.Off+delta+1
	}
	p.report(d)
}

// ReportAs records a finding under another documented code, for checks
// that share their work (the page-sequence sort finds overlaps and gaps).
func (p *Pass) ReportAs(c *Check, ptr string, related []schema.Related, format string, args ...any) {
	saved := p.Check
	p.Check = c
	p.Report(ptr, related, format, args...)
	p.Check = saved
}

// Report records a finding at the JSON Pointer ptr of the volume.
func (p *Pass) Report(ptr string, related []schema.Related, format string, args ...any) {
	p.report(schema.Diagnostic{
		Code: p.Check.Code, Severity: p.Check.Severity,
		Message: fmt.Sprintf(format, args...),
		Path:    p.Volume.Source.Path, Pointer: ptr, Related: related,
		Off: -1, End: -1,
	})
}

// RelatedAt builds a related position at a pointer.
func RelatedAt(ptr, format string, args ...any) schema.Related {
	return schema.Related{Pointer: ptr, Message: fmt.Sprintf(format, args...), Off: -1}
}

// registry holds every documented code, in the order of DESIGN.md.
var registry []*Check

func register(c *Check) *Check {
	registry = append(registry, c)
	return c
}

// Checks returns every documented code, sorted by code.
func Checks() []*Check {
	out := slices.Clone(registry)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup returns the check or code documentation for code.
func Lookup(code string) (*Check, bool) {
	for _, c := range registry {
		if c.Code == code {
			return c, true
		}
	}
	return nil, false
}

// Options select the checks to run.
type Options struct {
	// Disable lists codes whose diagnostics are dropped, from every stage.
	Disable []string
}

// Validate returns an error naming the first unknown code in o.Disable.
func (o Options) Validate() error {
	for _, c := range o.Disable {
		if _, ok := Lookup(c); !ok {
			return fmt.Errorf("validate: unknown diagnostic code %q (procx explain lists them)", c)
		}
	}
	return nil
}

// Volume runs every check over v and appends their diagnostics to
// v.Diagnostics. A check that panics is reported, not propagated.
func Volume(v *schema.Volume, opt Options) {
	var checks []*Check
	for _, c := range registry {
		if c.Run != nil && !slices.Contains(opt.Disable, c.Code) {
			checks = append(checks, c)
		}
	}
	// Checks only read the volume, so a large one's run side by side,
	// each reporting into its own list; the lists join in registry order.
	found := make([][]schema.Diagnostic, len(checks))
	g := groups(v) // read by most checks: made once
	chunks := [][2]int{{0, len(checks)}}
	if len(v.Papers) >= parallelMin {
		chunks = par.Split(len(checks), 1)
	}
	par.Run(chunks, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			found[i] = run(v, g, checks[i], opt)
		}
	})
	for _, ds := range found {
		v.Diagnostics = append(v.Diagnostics, ds...)
	}
}

// run runs one check and returns what it reports. A check that panics is
// reported, not propagated.
func run(v *schema.Volume, groups [][]int, c *Check, opt Options) (found []schema.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			found = append(found, schema.Diagnostic{
				Code: "internal-error", Severity: schema.Error, Path: v.Source.Path,
				Message: fmt.Sprintf("check %s failed: %v", c.Code, r), Off: -1, End: -1,
			})
		}
	}()
	p := Pass{Volume: v, Check: c, disable: opt.Disable, groups: groups}
	defer func() { found = p.found }() // also when the check panics
	c.Run(&p)
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
