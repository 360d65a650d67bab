package validate

import (
	"cmp"
	"slices"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// requiredFields are the fields BibTeX's standard styles require per
// entry type.
var requiredFields = map[string][]string{
	"inproceedings": {"author", "title", "booktitle", "year"},
	"conference":    {"author", "title", "booktitle", "year"},
	"article":       {"author", "title", "journal", "year"},
	"incollection":  {"author", "title", "booktitle", "publisher", "year"},
	"proceedings":   {"title", "year"},
	"book":          {"title", "publisher", "year"},
	"phdthesis":     {"author", "title", "school", "year"},
	"mastersthesis": {"author", "title", "school", "year"},
	"techreport":    {"author", "title", "institution", "year"},
}

func runMissingField(p *checkPass) {
	v := p.Volume
	broken := brokenRecords(v)
	for _, g := range p.groups {
		var papers []int
		have := map[string]int{}
		for _, i := range g {
			r := &v.Papers[i]
			if r.Kind != schema.KindPaper {
				continue
			}
			papers = append(papers, i)
			if r.Pages != nil || r.BibTeX != nil && r.BibTeX.Fields["pages"] != "" {
				have["pages"]++
			}
			if r.DOI != "" || r.BibTeX != nil && r.BibTeX.Fields["doi"] != "" {
				have["doi"]++
			}
			if r.BibTeX != nil {
				have["bibtex"]++
			}
		}
		for _, i := range papers {
			r := &v.Papers[i]
			if strings.TrimSpace(r.Title) == "" {
				p.Report(ptr(i, "/title"), nil, "paper at line %d has no title", r.Span.Line)
			}
			if len(r.Authors) == 0 {
				p.Report(ptr(i, "/authors"), nil, "paper %q has no authors", text.Clip(r.Title, 60))
			}
			if r.BibTeX != nil {
				for _, f := range requiredFields[r.BibTeX.Type] {
					if strings.TrimSpace(r.BibTeX.Fields[f]) == "" && !inherited(v, r, f) {
						p.Report(ptr(i, "/bibtex/fields/"+f), nil, "bibtex entry %q of %q has no %q field", r.BibTeX.Key, text.Clip(r.Title, 60), f)
					}
				}
			}
			if broken[i] {
				continue
			}
			// What most papers of the volume have, this one needs too.
			for _, f := range []string{"bibtex", "pages", "doi"} {
				if have[f]*3 < len(papers)*2 || have[f] < 2 {
					continue
				}
				missing := false
				switch f {
				case "bibtex":
					missing = r.BibTeX == nil
				case "pages":
					missing = r.Pages == nil && (r.BibTeX == nil || r.BibTeX.Fields["pages"] == "")
				case "doi":
					missing = r.DOI == "" && (r.BibTeX == nil || r.BibTeX.Fields["doi"] == "")
				}
				if missing && !(f != "bibtex" && r.BibTeX == nil && have["bibtex"]*3 >= len(papers)*2) {
					p.Report(ptr(i, ""), nil, "paper %q has no %s, unlike %d of the volume's %d papers", text.Clip(r.Title, 60), f, have[f], len(papers))
				}
			}
		}
	}
}

// inherited reports whether a field an entry lacks comes from elsewhere:
// a crossref'd entry, the year the record got from its volume, or the
// volume's @proceedings for the booktitle (as PMLR exports have it).
func inherited(v *schema.Volume, r *schema.Record, field string) bool {
	if r.BibTeX.Fields["crossref"] != "" {
		return true
	}
	switch field {
	case "year":
		return r.Year != 0
	case "booktitle":
		return v.Proceedings.Title != "" && v.Source.Format == "bibtex"
	}
	return false
}

// brokenRecords are the records whose span holds a bibtex-syntax error,
// or a pages-format error a reader raised (an XML record's pages that
// could not be read): their missing fields are that error's consequence,
// not new findings.
func brokenRecords(v *schema.Volume) map[int]bool {
	var errs []int // offsets of the syntax errors
	for _, d := range v.Diagnostics {
		if (d.Code == schema.BibTeXSyntax || d.Code == schema.PagesFormat) && d.Off >= 0 {
			errs = append(errs, d.Off)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	// The records' ranges by start, each with the furthest end of the
	// ranges up to it, so that the ranges holding an offset are found by
	// a binary search and a walk back, not by reading every record for
	// every error (a large file with many broken entries).
	type span struct{ off, end, maxEnd, i int }
	spans := make([]span, 0, len(v.Papers))
	for i, r := range v.Papers {
		if rg, ok := r.Pos.Get(""); ok && rg.Off < rg.End {
			spans = append(spans, span{rg.Off, rg.End, 0, i})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.off, b.off) })
	for j := range spans {
		spans[j].maxEnd = spans[j].end
		if j > 0 {
			spans[j].maxEnd = max(spans[j].end, spans[j-1].maxEnd)
		}
	}
	out := map[int]bool{}
	for _, off := range errs {
		// spans[:j] start at or before off.
		j, _ := slices.BinarySearchFunc(spans, off+1, func(s span, t int) int { return cmp.Compare(s.off, t) })
		for j--; j >= 0 && spans[j].maxEnd > off; j-- {
			if off < spans[j].end {
				out[spans[j].i] = true
			}
		}
	}
	return out
}

// verbatimFields are read verbatim by BibTeX styles and biblatex.
var verbatimFields = map[string]bool{
	"url": true, "doi": true, "eprint": true, "file": true, "pdf": true, "urldate": true,
	"archiveprefix": true, "primaryclass": true, "howpublished": false, "bibsource": true, "biburl": true,
}

func runUnescaped(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil {
			continue
		}
		var found []string // reported in field-name order
		for name, val := range r.BibTeX.Fields {
			if at, _ := unescaped(val); at >= 0 && !verbatimFields[name] {
				found = append(found, name)
			}
		}
		slices.Sort(found)
		for _, name := range found {
			val := r.BibTeX.Fields[name]
			at, c := unescaped(val)
			p.ReportAt(ptr(i, "/bibtex/fields/"+name), 1+at, nil,
				"unescaped %q in bibtex %s %q: write \\%c", string(c), name, text.Clip(val, 60), c)
		}
	}
}

// bibSpecial marks the bytes unescaped looks at.
var bibSpecial = [256]bool{'\\': true, '$': true, '&': true, '%': true, '#': true, '_': true}

// unescaped returns the byte index of the first special character without
// a backslash outside math, or -1.
func unescaped(s string) (int, byte) {
	math := false
	for i := 0; i < len(s); i++ {
		if !bibSpecial[s[i]] {
			continue // most bytes: one load, no switch
		}
		switch c := s[i]; c {
		case '\\':
			i++
		case '$':
			math = !math
		case '&', '%', '#':
			return i, c
		case '_':
			if !math {
				return i, c
			}
		}
	}
	return -1, 0
}
