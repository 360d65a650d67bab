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
	rules := f.rules()
	if len(dirs) == 0 && len(rules) == 0 && len(f.Severity) == 0 {
		return
	}
	s := &scope{f: f, path: v.Source.Path, rules: rules, recs: NewRecords(v)}
	s.place(text{file: file}, placedAll(file, dirs, 0, 0), false)
	ds := v.Diagnostics[:0]
	for _, d := range v.Diagnostics {
		if s.drops(&d) {
			continue
		}
		f.override(&d)
		ds = append(ds, d)
	}
	if len(dirs) > 0 {
		ds = schema.SortDiagnostics(append(ds, s.unused(nil)...))
	}
	v.Diagnostics = ds
}

// rules are the config's [[ignore]] rules.
func (f *Filter) rules() []*config.Rule {
	var rules []*config.Rule
	if f.Config != nil {
		for i := range f.Config.Ignore {
			rules = append(rules, &f.Config.Ignore[i])
		}
	}
	return rules
}

// text is a decoded input, or a piece of one that starts after line lines
// and off bytes of it (a piece starts at the start of a line).
type text struct {
	file      *schema.File
	line, off int
}

// placed is a directive with its place in the input.
type placed struct {
	Directive              // Off, End and Line in the input
	col, endLine, endCol   int
	carried                bool // its entry is the text's first (it stood at the end of the text before)
	rec                    int  // the record it stands before, or -1
	name                   string
	used                   []bool
	entryLine, lostEndLine int // a lost entry's lines in the input (0: none)
}

// placedAll places the directives scanned in file, a text after line
// lines and off bytes of the input.
func placedAll(file *schema.File, dirs []Directive, line, off int) []*placed {
	out := make([]*placed, len(dirs))
	for i, d := range dirs {
		p := &placed{Directive: d, rec: -1, used: make([]bool, len(d.Codes))}
		p.Line, p.col = file.Position(d.Off)
		p.endLine, p.endCol = file.Position(d.End)
		p.Line += line
		p.endLine += line
		p.Off += off
		p.End += off
		out[i] = p
	}
	return out
}

// scope applies a filter to the diagnostics of a text: its rules, and the
// directives placed in it.
type scope struct {
	f     *Filter
	path  string
	rules []*config.Rule
	recs  *Records
	dirs  []*placed
	byRec map[int][]*placed
	lost  []*placed
}

// place finds the entry each directive of t stands before: a record of
// s.recs, an entry that made no record (lost), or none (an error). With
// carry, a directive whose entry would be after the text's last line is
// returned rather than judged: it stands before the next text's first entry.
func (s *scope) place(t text, dirs []*placed, carry bool) (later []*placed) {
	s.byRec = map[int][]*placed{}
	for _, d := range dirs {
		if d.Err != "" {
			s.dirs = append(s.dirs, d)
			continue
		}
		at := 1
		if !d.carried {
			at = nextEntry(t.file, d.Line-t.line)
		}
		if carry && at > t.file.LineCount() {
			later = append(later, d)
			continue
		}
		s.dirs = append(s.dirs, d)
		if r := s.recs.starting(at + t.line); r >= 0 {
			d.rec, d.name = r, s.recs.name(r)
			s.byRec[r] = append(s.byRec[r], d)
			continue
		}
		if !strings.HasPrefix(strings.TrimLeft(t.file.LineText(at), " \t"), "@") {
			d.Err = notBefore(d.Codes)
			continue
		}
		end := at + 1
		for end <= t.file.LineCount() && !strings.HasPrefix(strings.TrimLeft(t.file.LineText(end), " \t"), "@") {
			end++
		}
		d.entryLine, d.lostEndLine = at+t.line, end-1+t.line
		s.lost = append(s.lost, d)
	}
	return later
}

func notBefore(codes []schema.Code) string {
	return fmt.Sprintf("procx:ignore %s is not right before an entry (put it on the line above the entry's @); it silences nothing", codeList(codes))
}

// drops reports whether a rule or a directive accepts d, and marks the
// directive used.
func (s *scope) drops(d *schema.Diagnostic) bool {
	r := -2 // not yet looked up
	rec := func() int {
		if r == -2 {
			r = s.recs.Of(d)
		}
		return r
	}
	for _, rule := range s.rules {
		if rule.Code != d.Code {
			continue
		}
		var p *schema.Record
		if i := rec(); i >= 0 {
			p = s.recs.Record(i)
		}
		if rule.Matches(s.f.Config, s.path, d.Code, p) {
			return true
		}
	}
	if len(s.byRec) > 0 && rec() >= 0 {
		for _, dir := range s.byRec[rec()] {
			if dir.use(d.Code) {
				return true
			}
		}
	}
	for _, l := range s.lost {
		if d.Line >= l.entryLine && d.Line <= l.lostEndLine && d.Pointer == "" && l.use(d.Code) {
			return true
		}
	}
	return false
}

// use marks code used by the directive, if it names it.
func (d *placed) use(code schema.Code) bool {
	if j := slices.Index(d.Codes, code); j >= 0 {
		d.used[j] = true
		return true
	}
	return false
}

// unused reports each of s's directives that is malformed or silenced
// nothing, but those hold keeps (to judge later).
func (s *scope) unused(hold func(*placed) bool) []schema.Diagnostic {
	var ds []schema.Diagnostic
	for _, dir := range s.dirs {
		if hold != nil && dir.Err == "" && hold(dir) {
			continue
		}
		if d, ok := s.f.judge(s.path, dir); ok {
			ds = append(ds, d)
		}
	}
	return ds
}

// judge returns the unused-ignore diagnostic of a directive that is
// malformed or silenced nothing.
func (f *Filter) judge(path string, dir *placed) (schema.Diagnostic, bool) {
	if slices.Contains(f.Disable, schema.UnusedIgnore) {
		return schema.Diagnostic{}, false
	}
	msg := dir.Err
	if msg == "" {
		var unused []schema.Code
		for j, c := range dir.Codes {
			// A code the run disables has no findings to silence:
			// its ignore is not reported.
			if !dir.used[j] && !slices.Contains(f.Disable, c) {
				unused = append(unused, c)
			}
		}
		if len(unused) == 0 {
			return schema.Diagnostic{}, false
		}
		msg = fmt.Sprintf("procx:ignore %s silences nothing: the entry after it has no such finding", codeList(unused))
		if dir.rec >= 0 {
			msg = fmt.Sprintf("procx:ignore %s silences nothing: entry %s has no such finding", codeList(unused), dir.name)
		}
	}
	d := schema.UnusedIgnore.At(dir.Off, dir.End, "%s", msg)
	d.Path = path
	d.Line, d.Column = dir.Line, dir.col
	d.EndLine, d.EndColumn = dir.endLine, dir.endCol
	f.override(&d)
	return d, true
}

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
	papers []schema.Record
	first  int   // the volume index of papers[0]
	order  []int // indexes into papers by first line
}

// NewRecords indexes v's records by their spans.
func NewRecords(v *schema.Volume) *Records { return NewPieceRecords(0, v.Papers) }

// NewPieceRecords indexes the records of a piece of a volume, the first
// of which is record first of the volume.
func NewPieceRecords(first int, papers []schema.Record) *Records {
	r := &Records{papers: papers, first: first}
	for i := range papers {
		if papers[i].Span.Line > 0 {
			r.order = append(r.order, i)
		}
	}
	sort.SliceStable(r.order, func(a, b int) bool {
		return papers[r.order[a]].Span.Line < papers[r.order[b]].Span.Line
	})
	return r
}

// Record returns the record of index i in the volume (one Of returned).
func (r *Records) Record(i int) *schema.Record { return &r.papers[i-r.first] }

// Of returns the index in the volume of the record d is about, or -1.
func (r *Records) Of(d *schema.Diagnostic) int {
	if rel, ok := strings.CutPrefix(d.Pointer, "/papers/"); ok {
		idx, _, _ := strings.Cut(rel, "/")
		if n, err := strconv.Atoi(idx); err == nil && n >= r.first && n < r.first+len(r.papers) {
			return n
		}
		return -1
	}
	if d.Line <= 0 || d.Pointer != "" {
		return -1
	}
	k := sort.Search(len(r.order), func(k int) bool { return r.papers[r.order[k]].Span.Line > d.Line }) - 1
	if k < 0 {
		return -1
	}
	if i := r.order[k]; r.papers[i].Span.EndLine >= d.Line {
		return r.first + i
	}
	return -1
}

// starting returns the volume index of the record whose span starts at
// line, or -1.
func (r *Records) starting(line int) int {
	k := sort.Search(len(r.order), func(k int) bool { return r.papers[r.order[k]].Span.Line >= line })
	if k < len(r.order) && r.papers[r.order[k]].Span.Line == line {
		return r.first + r.order[k]
	}
	return -1
}

// name quotes record i by its key, else its title.
func (r *Records) name(i int) string {
	if i < 0 {
		return "?"
	}
	p := r.Record(i)
	if p.BibTeX != nil && p.BibTeX.Key != "" {
		return strconv.Quote(p.BibTeX.Key)
	}
	return strconv.Quote(p.Title)
}
