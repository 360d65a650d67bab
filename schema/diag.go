package schema

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity orders diagnostics: Info < Warning < Error.
type Severity int

// The severities.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("schema: unknown severity %q (want info, warning or error)", s)
}

// MarshalJSON writes the severity's name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity's name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var n string
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	v, err := ParseSeverity(n)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Diagnostic is one finding about the input. Inside the stages a diagnostic
// carries byte offsets (Off, End) into the decoded text, or a JSON Pointer
// into the volume; File.Resolve turns them into 1-based lines and columns
// (columns count Unicode code points) when the volume is reported.
type Diagnostic struct {
	Code      Code      `json:"code"`
	Severity  Severity  `json:"severity"`
	Message   string    `json:"message"`
	Path      string    `json:"path"`
	Line      int       `json:"line,omitempty"`
	Column    int       `json:"column,omitempty"`
	EndLine   int       `json:"end_line,omitempty"`
	EndColumn int       `json:"end_column,omitempty"`
	Page      int       `json:"page,omitempty"`
	Pointer   string    `json:"pointer,omitempty"`
	Related   []Related `json:"related,omitempty"`
	Fixes     []Fix     `json:"fixes,omitempty"`

	// Off and End are byte offsets into the decoded input; -1 when unknown.
	Off int `json:"-"`
	End int `json:"-"`

	// Cut marks a diagnostic that says the reader stopped short: the input
	// from Off to End (the whole input when Off is -1) was not read in
	// full, so what the records read from there lack or contradict is this
	// diagnostic's consequence, which the checks do not report again.
	Cut bool `json:"-"`

	// Skipped marks a diagnostic that cost the input a record: the reader
	// skipped the entry or record it is about (a syntax error, a record
	// with no title), so pages missing between its neighbours may be its
	// own, which the page-sequence check does not report.
	Skipped bool `json:"-"`
}

// Related is another position that explains a diagnostic (the other paper
// of an overlap). Path, when set, names another file than the
// diagnostic's (the PDF of a paper), and Page a page of it.
type Related struct {
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Page    int    `json:"page,omitempty"`
	Pointer string `json:"pointer,omitempty"`
	Message string `json:"message"`

	Off int `json:"-"`
}

// String formats d as "path:line:col: severity: message [code]", with
// " (page N)" before the code for PDF inputs.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, max(d.Column, 1))
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Page > 0 {
		// Lines of a PDF count in its extracted text; the page finds them
		// in the document.
		fmt.Fprintf(&b, " (page %d)", d.Page)
	}
	fmt.Fprintf(&b, " [%s]", d.Code)
	return b.String()
}

// SortDiagnostics orders diagnostics by path, line, column, code and message
// and removes exact duplicates, as go/scanner's ErrorList does.
func SortDiagnostics(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Pointer, b.Pointer),
		)
	})
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return a.Path == b.Path && a.Line == b.Line && a.Column == b.Column &&
			a.Code == b.Code && a.Message == b.Message && a.Pointer == b.Pointer
	})
}

// Range is a byte range [Off, End) of the decoded input.
type Range struct{ Off, End int }

// Positions maps JSON Pointers to the input bytes their values came from.
// It is a list rather than a map: a record has a few dozen entries, and a
// list of them costs a fraction of a map's memory in large volumes. A later
// entry for the same pointer wins.
type Positions []Position

// Position is one entry of Positions.
type Position struct {
	Ptr string
	Range
}

// Get returns the range recorded for exactly ptr.
func (p Positions) Get(ptr string) (Range, bool) {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i].Ptr == ptr {
			return p[i].Range, true
		}
	}
	return Range{}, false
}

// Lookup returns the range of the longest pointer in p that is ptr or a
// prefix of it at a "/" boundary, so "/authors/2/family" falls back to
// "/authors/2", then "/authors", then "".
func (p Positions) Lookup(ptr string) (Range, bool) {
	for {
		if r, ok := p.Get(ptr); ok {
			return r, true
		}
		if ptr == "" {
			return Range{}, false
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			ptr = ""
		} else {
			ptr = ptr[:i]
		}
	}
}

// Set records the range of ptr.
func (p *Positions) Set(ptr string, r Range) {
	*p = append(*p, Position{ptr, r})
}

// Locate returns the input bytes behind a JSON Pointer into the volume:
// "/papers/3/pages" looks in record 3's positions, anything else in the
// volume's. A pointer with no exact position falls back to its parent.
func (v *Volume) Locate(ptr string) (Range, bool) {
	if rest, ok := strings.CutPrefix(ptr, "/papers/"); ok {
		idx, sub, _ := strings.Cut(rest, "/")
		n := 0
		for _, c := range idx {
			if c < '0' || c > '9' || n > len(v.Papers) {
				return Range{}, false
			}
			n = n*10 + int(c-'0')
		}
		if idx == "" || n >= len(v.Papers) {
			return Range{}, false
		}
		if sub != "" {
			sub = "/" + sub
		}
		return v.Papers[n].Pos.Lookup(sub)
	}
	return v.Pos.Lookup(ptr)
}

// PlaceDiagnostics gives every diagnostic that has a pointer but no byte
// offset the offset of the input its pointer names.
func (v *Volume) PlaceDiagnostics() {
	for i := range v.Diagnostics {
		d := &v.Diagnostics[i]
		if d.Off < 0 && d.Pointer != "" {
			if r, ok := v.Locate(d.Pointer); ok {
				d.Off, d.End = r.Off, r.End
			}
		}
		for j := range d.Related {
			r := &d.Related[j]
			if r.Off < 0 && r.Pointer != "" {
				if rg, ok := v.Locate(r.Pointer); ok {
					r.Off = rg.Off
				}
			}
		}
	}
}
