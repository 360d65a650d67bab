package suppress

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/schema"
)

// Filter is what a run accepts. The zero Filter changes nothing but
// reports malformed and unused directives.
type Filter struct {
	Config   *config.Config                  // nil without a procx.toml
	Severity map[schema.Code]schema.Severity // the file's overrides, then --severity's
	Disable  []schema.Code                   // codes dropped (for unused-ignore itself)
}

// Volume applies f to v's diagnostics in place: it drops those an
// [[ignore]] rule or a directive of the input accepts, reports each
// directive that is malformed or silenced nothing, and sets the
// overridden severities. file is v's decoded input (nil when not at
// hand: directives are then not read).
func (f *Filter) Volume(v *schema.Volume, file *schema.File) {
	var dirs []Directive
	if file != nil && v.Source.Format == "bibtex" {
		dirs = Scan(file.Text)
	}
	var rules []*config.Rule
	if f.Config != nil {
		for i := range f.Config.Ignore {
			rules = append(rules, &f.Config.Ignore[i])
		}
	}
	if len(dirs) == 0 && len(rules) == 0 && len(f.Severity) == 0 {
		return
	}
	recs := NewRecords(v)
	// The directives by the record they stand before; lost lists those
	// before an entry that made no record (a syntax error lost it), which
	// reach the lines up to the next entry.
	byRec := map[int][]int{}
	var lost []lostEntry
	for i := range dirs {
		d := &dirs[i]
		if d.Err != "" {
			continue
		}
		at := nextEntry(file, d.Line)
		if r := recs.starting(at); r >= 0 {
			byRec[r] = append(byRec[r], i)
			continue
		}
		if !strings.HasPrefix(strings.TrimLeft(file.LineText(at), " \t"), "@") {
			d.Err = fmt.Sprintf("procx:ignore %s is not right before an entry (put it on the line above the entry's @); it silences nothing", codeList(d.Codes))
			continue
		}
		end := at + 1
		for end <= file.LineCount() && !strings.HasPrefix(strings.TrimLeft(file.LineText(end), " \t"), "@") {
			end++
		}
		lost = append(lost, lostEntry{dir: i, line: at, end: end - 1})
	}
	used := make([][]bool, len(dirs))
	for i := range dirs {
		used[i] = make([]bool, len(dirs[i].Codes))
	}
	ds := v.Diagnostics[:0]
diags:
	for _, d := range v.Diagnostics {
		r := -2 // not yet looked up
		rec := func() int {
			if r == -2 {
				r = recs.Of(&d)
			}
			return r
		}
		for _, rule := range rules {
			if rule.Code != d.Code {
				continue
			}
			var p *schema.Record
			if i := rec(); i >= 0 {
				p = &v.Papers[i]
			}
			if rule.Matches(f.Config, v.Source.Path, d.Code, p) {
				continue diags
			}
		}
		if len(byRec) > 0 && rec() >= 0 {
			for _, di := range byRec[rec()] {
				if j := slices.Index(dirs[di].Codes, d.Code); j >= 0 {
					used[di][j] = true
					continue diags
				}
			}
		}
		for _, l := range lost {
			if d.Line >= l.line && d.Line <= l.end && d.Pointer == "" {
				if j := slices.Index(dirs[l.dir].Codes, d.Code); j >= 0 {
					used[l.dir][j] = true
					continue diags
				}
			}
		}
		f.override(&d)
		ds = append(ds, d)
	}
	if len(dirs) > 0 && !slices.Contains(f.Disable, schema.UnusedIgnore) {
		for i, dir := range dirs {
			msg := dir.Err
			if msg == "" {
				var unused []schema.Code
				for j, c := range dir.Codes {
					// A code the run disables has no findings to silence:
					// its ignore is not reported.
					if !used[i][j] && !slices.Contains(f.Disable, c) {
						unused = append(unused, c)
					}
				}
				if len(unused) == 0 {
					continue
				}
				msg = fmt.Sprintf("procx:ignore %s silences nothing: the entry after it has no such finding", codeList(unused))
				if r := recs.starting(nextEntry(file, dir.Line)); r >= 0 {
					msg = fmt.Sprintf("procx:ignore %s silences nothing: entry %s has no such finding", codeList(unused), recs.name(r))
				}
			}
			d := schema.UnusedIgnore.At(dir.Off, dir.End, "%s", msg)
			d.Path = v.Source.Path
			d.Line, d.Column = file.Position(dir.Off)
			d.EndLine, d.EndColumn = file.Position(dir.End)
			f.override(&d)
			ds = append(ds, d)
		}
		ds = schema.SortDiagnostics(ds)
	}
	v.Diagnostics = ds
}

// lostEntry is the lines line..end of an entry that made no record, and
// the directive before it.
type lostEntry struct{ dir, line, end int }

func (f *Filter) override(d *schema.Diagnostic) {
	if s, ok := f.Severity[d.Code]; ok {
		d.Severity = s
	}
}

func isComment(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "%")
}

// nextEntry is the first line after line that is not a comment line.
func nextEntry(file *schema.File, line int) int {
	next := line + 1
	for next <= file.LineCount() && isComment(file.LineText(next)) {
		next++
	}
	return next
}

// Records finds the record a diagnostic is about: the one its JSON Pointer
// is inside (/papers/N/...), else the one whose span holds its line.
type Records struct {
	v     *schema.Volume
	order []int // record indexes by first line
}

// NewRecords indexes v's records by their spans.
func NewRecords(v *schema.Volume) *Records {
	r := &Records{v: v}
	for i := range v.Papers {
		if v.Papers[i].Span.Line > 0 {
			r.order = append(r.order, i)
		}
	}
	sort.SliceStable(r.order, func(a, b int) bool {
		return v.Papers[r.order[a]].Span.Line < v.Papers[r.order[b]].Span.Line
	})
	return r
}

// Of returns the index of the record d is about, or -1.
func (r *Records) Of(d *schema.Diagnostic) int {
	if rel, ok := strings.CutPrefix(d.Pointer, "/papers/"); ok {
		idx, _, _ := strings.Cut(rel, "/")
		if n, err := strconv.Atoi(idx); err == nil && n >= 0 && n < len(r.v.Papers) {
			return n
		}
		return -1
	}
	if d.Line <= 0 || d.Pointer != "" {
		return -1
	}
	k := sort.Search(len(r.order), func(k int) bool { return r.v.Papers[r.order[k]].Span.Line > d.Line }) - 1
	if k < 0 {
		return -1
	}
	if i := r.order[k]; r.v.Papers[i].Span.EndLine >= d.Line {
		return i
	}
	return -1
}

// starting returns the record whose span starts at line, or -1.
func (r *Records) starting(line int) int {
	k := sort.Search(len(r.order), func(k int) bool { return r.v.Papers[r.order[k]].Span.Line >= line })
	if k < len(r.order) && r.v.Papers[r.order[k]].Span.Line == line {
		return r.order[k]
	}
	return -1
}

// name quotes record i by its key, else its title.
func (r *Records) name(i int) string {
	if i < 0 {
		return "?"
	}
	p := &r.v.Papers[i]
	if p.BibTeX != nil && p.BibTeX.Key != "" {
		return strconv.Quote(p.BibTeX.Key)
	}
	return strconv.Quote(p.Title)
}
