package suppress

import (
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/schema"
)

// Stream applies a filter to an input read in pieces (procx.Stream), as
// Volume applies it to the input read whole, with the same result: the
// diagnostics of each piece as it comes (Piece), then those of the checks
// that compare records, which come at the end (Findings), then End. It
// keeps no records: of the directives, those naming a code of the
// comparing checks (judged only when their findings come) and those
// before the next piece's first entry; of the [[ignore]] rules with a
// key, doi or title for such a code, the records they match.
type Stream struct {
	f      *Filter
	path   string
	bibtex bool
	cross  []schema.Code // the codes of the checks that compare records
	rules  []*config.Rule
	later  []*placed         // before the next piece's first entry
	held   map[int][]*placed // by record: directives naming a code of cross
	heldIn []*placed         // the same, in input order
	match  map[int][]*config.Rule
}

// Stream starts applying f to an input read in pieces: its source, and the
// codes of the checks whose findings come at the end
// (validate.CrossRecordCodes).
func (f *Filter) Stream(src schema.Source, cross []schema.Code) *Stream {
	return &Stream{f: f, path: src.Path, bibtex: src.Format == "bibtex", cross: cross, rules: f.rules(),
		held: map[int][]*placed{}, match: map[int][]*config.Rule{}}
}

// Active reports whether s changes anything: without rules, severity
// overrides or a BibTeX input (which may hold directives) it does not.
func (s *Stream) Active() bool {
	return s.bibtex || len(s.rules) > 0 || len(s.f.Severity) > 0
}

// Piece applies s to the diagnostics ds of a piece of the input: its
// records, the first of which is record first of the volume, and its
// decoded text (nil when not at hand), which starts after line lines and
// off bytes of the input. It returns those kept, sorted.
func (s *Stream) Piece(file *schema.File, line, off, first int, papers []schema.Record, ds []schema.Diagnostic) []schema.Diagnostic {
	if !s.Active() {
		return ds
	}
	recs := NewPieceRecords(first, papers)
	for _, rule := range s.rules {
		if (rule.Key != "" || rule.DOI != "" || rule.Title != "") && slices.Contains(s.cross, rule.Code) {
			for i := range papers {
				if rule.Matches(s.f.Config, s.path, rule.Code, &papers[i]) {
					s.match[first+i] = append(s.match[first+i], rule)
				}
			}
		}
	}
	sc := &scope{f: s.f, path: s.path, rules: s.rules, recs: recs}
	if s.bibtex && file != nil {
		dirs := s.later
		for _, d := range dirs {
			d.carried = true
		}
		dirs = append(dirs, placedAll(file, Scan(file.Text), line, off)...)
		s.later = sc.place(text{file: file, line: line, off: off}, dirs, true)
	} else if len(s.later) > 0 {
		// The piece holding their entry could not be read: they are
		// judged with no entry.
		sc.dirs, s.later = s.later, nil
	}
	out := ds[:0]
	for _, d := range ds {
		if sc.drops(&d) {
			continue
		}
		s.f.override(&d)
		out = append(out, d)
	}
	if len(sc.dirs) == 0 {
		return out
	}
	out = append(out, sc.unused(func(d *placed) bool {
		if d.rec < 0 || !slices.ContainsFunc(d.Codes, func(c schema.Code) bool { return slices.Contains(s.cross, c) }) {
			return false
		}
		s.held[d.rec] = append(s.held[d.rec], d)
		s.heldIn = append(s.heldIn, d)
		return true
	})...)
	return schema.SortDiagnostics(out)
}

// Findings applies s to the findings of the checks that compare records,
// whose pointers name their records' indexes in the volume. It returns
// those kept.
func (s *Stream) Findings(ds []schema.Diagnostic) []schema.Diagnostic {
	if !s.Active() {
		return ds
	}
	out := ds[:0]
diags:
	for _, d := range ds {
		r := pointed(d.Pointer)
		for _, rule := range s.rules {
			if rule.Code != d.Code {
				continue
			}
			if rule.Key == "" && rule.DOI == "" && rule.Title == "" {
				if rule.Matches(s.f.Config, s.path, d.Code, nil) {
					continue diags
				}
			} else if r >= 0 && slices.Contains(s.match[r], rule) {
				continue diags
			}
		}
		if r >= 0 {
			for _, dir := range s.held[r] {
				if dir.use(d.Code) {
					continue diags
				}
			}
		}
		s.f.override(&d)
		out = append(out, d)
	}
	return out
}

// End returns the unused-ignore diagnostics of the directives judged last:
// those naming a code of the comparing checks, and those at the end of the
// input before no entry.
func (s *Stream) End() []schema.Diagnostic {
	var ds []schema.Diagnostic
	for _, d := range s.later {
		d.Err = notBefore(d.Codes)
	}
	for _, d := range append(s.heldIn, s.later...) {
		if u, ok := s.f.judge(s.path, d); ok {
			ds = append(ds, u)
		}
	}
	s.later, s.heldIn, s.held = nil, nil, nil
	return schema.SortDiagnostics(ds)
}

// pointed returns the record index a pointer into the papers names, or -1.
func pointed(ptr string) int {
	rel, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok {
		return -1
	}
	idx, _, _ := strings.Cut(rel, "/")
	if n, err := strconv.Atoi(idx); err == nil && n >= 0 {
		return n
	}
	return -1
}
