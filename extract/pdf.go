package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/procx/procx/extract/internal/frontmatter"
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
	lim := opt.PDF.WithDefaults()
	lim.RunPages = 2 // the runs of a paper's first pages, for its front matter
	lines, diags := pdftext.Lines(ctx, doc.Path, raw, lim)
	if ctx.Err() != nil {
		return emptyVolume(doc, "pdf")
	}
	positioned := lines
	front := frontmatter.Analyze(positioned)
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
	case isTOC(doc, front):
		v = (TOCText{}).Read(ctx, doc, opt)
	default:
		v = frontmatter.Paper(doc, front, positioned, lines, starts)
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

// isTOC tells a table of contents from other PDFs by content: BibTeX
// entries after prose, or, unless the first page reads as a paper's front
// matter (a title, authors and an abstract), at least three parenthesised
// affiliation lines.
func isTOC(doc *Document, front frontmatter.Front) bool {
	switch s := (TOCText{}).Sniff(doc); {
	case s >= 50:
		return true
	case s == 0:
		return false
	}
	if front.Title != "" && len(front.Authors) > 0 && front.Abstract != "" {
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
