package extract

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/pdftext"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

// PDF reads a PDF: the same table-of-contents page printed to PDF, or a
// paper's first page. It extracts each page's text as lines from the
// content streams (decoding strings through each font's /ToUnicode CMap),
// re-flows lines that the typesetter wrapped at the right margin, expands
// ligatures, joins words hyphenated at a line end when the joined word is
// attested elsewhere in the text, and hands the text to the TOCText
// segmenter. The decoded text replaces the document's text, and its
// File.Page maps offsets to PDF pages, so diagnostics and spans carry the
// page.
//
// github.com/ledongthuc/pdf parses the file structure (xref, objects,
// filters, encryption); a panic in it becomes a diagnostic.
type PDF struct{}

// Name returns "pdf".
func (PDF) Name() string { return "pdf" }

// Sniff recognises the "%PDF-" header in the first kilobyte.
func (PDF) Sniff(doc *Document) int {
	raw := doc.Raw
	if raw == nil {
		raw = doc.Text
	}
	if source.PDFHeader(raw) >= 0 {
		return 100
	}
	return 0
}

// Read extracts the text of the PDF in doc.Raw, replaces doc's text with
// it, and segments it as a table of contents; a PDF that reads as no table
// of contents gives one record with the title of its first page. Once ctx
// is done it reads no more pages and returns an empty volume.
func (PDF) Read(ctx context.Context, doc *Document, opt Options) *schema.Volume {
	raw := doc.Raw
	if raw == nil {
		raw = doc.Text
	}
	lines, diags := pdftext.Lines(ctx, doc.Path, raw, opt.PDF.WithDefaults())
	if ctx.Err() != nil {
		return emptyVolume(doc, "pdf")
	}
	pages := 0 // the last page with text, before reflow joins paragraphs across pages
	for _, l := range lines {
		pages = max(pages, l.Page)
	}
	lines = reflow(lines)
	text, starts := pdfDocText(lines)
	placeOnPages(diags, lines, starts)
	*doc = Document{File: schema.NewFile(doc.Path, text), Raw: raw}
	doc.File.Page = func(off int) int {
		if len(lines) == 0 {
			return 0 // no page was read: a diagnostic is about the file
		}
		i := sort.SearchInts(starts, off+1) - 1
		if i < 0 || i >= len(lines) {
			return 1
		}
		return lines[i].Page
	}
	var v *schema.Volume
	switch {
	case len(lines) == 0:
		v = emptyVolume(doc, "pdf")
		if len(diags) == 0 {
			diags = append(diags, schema.UnknownFormat.At(0, -1,
				"pdf %q has no text (scanned pages, or fonts without a text mapping)", doc.Path))
		}
	case isTOC(doc):
		v = (TOCText{}).Read(ctx, doc, opt)
	default:
		v = firstPage(doc, lines, starts)
		for i := range v.Papers {
			v.Papers[i].PageCount = max(v.Papers[i].PageCount, pages)
		}
	}
	v.Source.Format = "pdf"
	v.Diagnostics = append(diags, v.Diagnostics...)
	return v
}

// placeOnPages places the diagnostics about one page (Page set, no offset)
// at the page's text: its lines, or where its text would be when it has
// none; and a cut with no page (the pages not read) at the end of the text.
func placeOnPages(diags []schema.Diagnostic, lines []pdftext.Line, starts []int) {
	for i := range diags {
		d := &diags[i]
		if d.Off >= 0 || len(lines) == 0 {
			continue
		}
		if d.Page == 0 {
			if d.Cut {
				end := starts[len(lines)-1] + len(lines[len(lines)-1].Text)
				d.Off, d.End = end, end
			}
			continue
		}
		first := sort.Search(len(lines), func(j int) bool { return lines[j].Page >= d.Page })
		last := sort.Search(len(lines), func(j int) bool { return lines[j].Page > d.Page })
		switch {
		case first < last:
			d.Off, d.End = starts[first], starts[last-1]+len(lines[last-1].Text)
		case first < len(lines):
			d.Off, d.End = starts[first], starts[first]
		default:
			end := starts[len(lines)-1] + len(lines[len(lines)-1].Text)
			d.Off, d.End = end, end
		}
	}
}

// isTOC tells a table of contents from other PDFs: BibTeX entries after
// prose, or at least three parenthesised affiliation lines.
func isTOC(doc *Document) bool {
	switch s := (TOCText{}).Sniff(doc); {
	case s >= 50:
		return true
	case s == 0:
		return false
	}
	n := 0
	for _, l := range source.SplitLines(doc.Text) {
		if isAffiliationLine(l.Text) && strings.Contains(l.Text, ",") {
			n++
		}
	}
	return n >= 3
}

// firstPage reads a PDF that is no table of contents (a paper's first
// page): the largest type on page 1 is the title; the rest is reported.
func firstPage(doc *Document, lines []pdftext.Line, starts []int) *schema.Volume {
	v := emptyVolume(doc, "pdf")
	big := 0.0
	for _, l := range lines {
		if l.Page == 1 && utf8.RuneCountInString(l.Text) >= 3 {
			big = max(big, l.Size)
		}
	}
	first, last := -1, -1
	for i, l := range lines {
		if l.Page != 1 {
			break
		}
		if math.Abs(l.Size-big) < 0.5 && utf8.RuneCountInString(l.Text) >= 3 {
			if first < 0 {
				first = i
			} else if i != last+1 {
				break
			}
			last = i
		}
	}
	rest := 0
	if first >= 0 {
		var ls []Line
		for i := first; i <= last; i++ {
			ls = append(ls, Line{Num: i + 1, Off: starts[i], End: starts[i] + len(lines[i].Text), Text: lines[i].Text})
		}
		rec := schema.Record{Kind: schema.KindPaper, Authors: []schema.Author{}}
		setTitle(&rec, ls)
		r := schema.Range{Off: ls[0].Off, End: ls[len(ls)-1].End}
		rest = r.End
		// The authors: the next line with letters, when it reads as a
		// list of names with affiliation marks ("Anna Sundström,1").
		for i := last + 1; i < len(lines) && i <= last+3 && lines[i].Page == 1; i++ {
			t := lines[i].Text
			if !strings.ContainsFunc(t, unicode.IsLetter) || utf8.RuneCountInString(t) < 3 {
				continue
			}
			if names := authorNames(t); len(names) > 0 {
				for _, n := range names {
					rec.Authors = append(rec.Authors, schema.Author{Name: n})
				}
				al := Line{Num: i + 1, Off: starts[i], End: starts[i] + len(t), Text: t}
				rec.Pos.Set("/authors", schema.Range{Off: al.Off, End: al.End})
				r.End, rest, last = al.End, al.End, i
			}
			break
		}
		for _, l := range lines {
			rec.PageCount = max(rec.PageCount, l.Page)
		}
		rec.Span = doc.SpanOf(r)
		rec.Pos.Set("", r)
		v.Papers = append(v.Papers, rec)
	}
	v.Diagnostics = append(v.Diagnostics, schema.UnparsedText.At(rest, len(doc.Text),
		"pdf reads as no table of contents (no bibtex entries or affiliation lines): took the title from the largest type on page 1 and left %d lines unread", len(lines)-max(last+1, 0)))
	return v
}

// authorNames reads a first page's author line: names separated by commas
// and "and", each perhaps followed by affiliation marks (digits, *, †).
// It returns nil for a line that does not read so.
func authorNames(t string) []string {
	if utf8.RuneCountInString(t) > 300 || (!strings.Contains(t, ",") && !strings.Contains(t, " and ")) || source.EndsSentence(t) {
		return nil
	}
	// A heading set on the same baseline, in the next column.
	for _, h := range []string{" Abstract", " ABSTRACT"} {
		t = strings.TrimSuffix(t, h)
	}
	var out []string
	for _, n := range splitAuthors(t) {
		n = strings.TrimFunc(n, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("*†‡§¶,", r) })
		n = strings.TrimSpace(n)
		if !strings.ContainsFunc(n, unicode.IsLetter) {
			continue
		}
		if strings.Count(n, " ") > 5 {
			return nil // a phrase, not a name
		}
		out = append(out, n)
	}
	return out
}
