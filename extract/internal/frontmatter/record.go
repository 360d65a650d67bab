package frontmatter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/procx/procx/extract/internal/pdftext"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Paper reads a PDF that is no table of contents as a paper: f is the
// front matter of its first page by layout analysis (Analyze) of the
// positioned lines, placed in the document's text by
// the reflowed lines (starts are their offsets). It gives one record of
// kind paper, or none and one diagnostic saying what was missing; the
// lines of page 1 that went into no field are summed up in one info
// diagnostic.
func Paper(doc *source.Document, f Front, positioned, lines []pdftext.Line, starts []int) *schema.Volume {
	v := &schema.Volume{
		Source:      schema.Source{Path: doc.Path, Format: "pdf", Encoding: doc.Encoding},
		Papers:      []schema.Record{},
		Diagnostics: append([]schema.Diagnostic(nil), doc.Diagnostics...),
	}
	// Each positioned line lies in the reflowed line that starts with it
	// or with a line before it.
	where := make([]int, len(positioned))
	k := 0
	for i, l := range positioned {
		if k+1 < len(lines) && sameStart(l, lines[k+1]) {
			k++
		}
		where[i] = k
	}
	rangeOf := func(ls []int) (schema.Range, bool) {
		if len(ls) == 0 {
			return schema.Range{}, false
		}
		lo, hi := where[ls[0]], where[ls[0]]
		for _, i := range ls {
			lo, hi = min(lo, where[i]), max(hi, where[i])
		}
		return schema.Range{Off: starts[lo], End: starts[hi] + len(lines[hi].Text)}, true
	}
	pages := 0 // the last page with text: from the lines before reflow joins paragraphs across pages
	for _, l := range positioned {
		pages = max(pages, l.Page)
	}
	var missing []string
	if f.Title == "" {
		missing = append(missing, "no title set in a larger type")
	}
	if len(f.Authors) == 0 {
		missing = append(missing, "no author names below the title")
	}
	if len(missing) > 0 {
		what := strings.Join(missing, " and ")
		if f.Title != "" {
			what = fmt.Sprintf("%s (title %q)", what, text.Clip(f.Title, 80))
		}
		v.Diagnostics = append(v.Diagnostics, schema.PaperNoFrontMatter.At(0, -1,
			"pdf reads as no table of contents and its first page as no paper's front matter: %s", what))
		return v
	}
	rec := schema.Record{Kind: schema.KindPaper, Title: f.Title, Abstract: f.Abstract, Keywords: f.Keywords,
		DOI: text.CleanDOI(f.DOI), Arxiv: f.Arxiv, Venue: f.Venue, Emails: f.Emails, PageCount: pages}
	for _, a := range f.Affiliations {
		rec.Affiliations = append(rec.Affiliations, schema.Affiliation{Name: a})
	}
	for i, a := range f.Authors {
		var notes []string
		for _, m := range a.Marks {
			if n, ok := f.Notes[m]; ok && !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
		rec.Authors = append(rec.Authors, schema.Author{Name: a.Name, Email: a.Email, Note: strings.Join(notes, "; ")})
		for _, j := range a.Affils {
			rec.Affiliations[j].Authors = append(rec.Affiliations[j].Authors, i)
		}
	}
	all := append(append(append([]int(nil), f.TitleLines...), f.AuthorLines...), f.AbstractLines...)
	if r, ok := rangeOf(f.TitleLines); ok {
		rec.Pos.Set("/title", r)
	}
	if r, ok := rangeOf(f.AuthorLines); ok {
		rec.Pos.Set("/authors", r)
	}
	if r, ok := rangeOf(f.AbstractLines); ok {
		rec.Pos.Set("/abstract", r)
	}
	if r, ok := rangeOf(all); ok {
		rec.Span = doc.SpanOf(r)
		rec.Pos.Set("", r)
	}
	v.Papers = append(v.Papers, rec)
	// The lines of page 1 in no field, summed up.
	var unread []int
	for i, l := range positioned {
		if l.Page == 1 && !f.Used[i] && strings.TrimSpace(l.Text) != "" {
			unread = append(unread, i)
		}
	}
	if len(unread) > 0 {
		var quoted []string
		for _, i := range unread[:min(3, len(unread))] {
			quoted = append(quoted, fmt.Sprintf("%q (line %d)", text.Clip(positioned[i].Text, 50), where[i]+1))
		}
		var nums []int
		for _, i := range unread {
			if n := where[i] + 1; len(nums) == 0 || nums[len(nums)-1] != n {
				nums = append(nums, n)
			}
		}
		first := starts[where[unread[0]]]
		v.Diagnostics = append(v.Diagnostics, schema.PaperUnreadText.At(first, len(doc.Text),
			"%d printed lines of page 1 went into no field of the paper (at lines %s of the extracted text), from %s; the other pages are the paper's body, not read",
			len(unread), lineRanges(nums), strings.Join(quoted, ", ")))
	}
	return v
}

// sameStart reports whether two lines start at the same place.
func sameStart(a, b pdftext.Line) bool {
	return a.Page == b.Page && a.Y == b.Y && a.X0 == b.X0
}

// lineRanges writes ascending line numbers as ranges: "1, 5, 9–12".
func lineRanges(ns []int) string {
	var b strings.Builder
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d–%d", ns[i], ns[j])
		} else {
			fmt.Fprintf(&b, "%d", ns[i])
		}
		i = j + 1
	}
	return b.String()
}
