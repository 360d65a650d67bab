package extract

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"unicode"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// OpenTOCText reads an ACM OpenTOC page saved as text: the volume title
// line, "SESSION: …" headings, and per paper a title line, an "A, B, C"
// author line and abstract paragraphs. There is no BibTeX and there are no
// affiliations. A name list directly under a heading, followed by a title
// and its authors, lists the session chairs.
type OpenTOCText struct{}

// Name returns "opentoc-text".
func (OpenTOCText) Name() string { return "opentoc-text" }

var (
	reSessionHeading = regexp.MustCompile(`^(SESSION|SECTION):\s*(.*)$`)
	reFullCitation   = regexp.MustCompile(`^Full Citation in the ACM Digital Library$`)
)

// Sniff looks for "SESSION:" headings or the "Full Citation" line in text
// without BibTeX entries or markup.
func (OpenTOCText) Sniff(doc *Document) int {
	head := doc.Text[:min(len(doc.Text), 1<<16)]
	t := bytes.TrimSpace(head)
	if len(t) == 0 || t[0] == '<' || t[0] == '{' || t[0] == '[' || bibtex.CountEntryStarts(head, 1) > 0 {
		return 0
	}
	score := 0
	for _, l := range source.SplitLines(head) {
		switch {
		case reSessionHeading.MatchString(l.Text):
			score = max(score, 60)
		case reFullCitation.MatchString(l.Text):
			score = 70
		}
	}
	return score
}

// Read segments the text into headings and papers.
func (OpenTOCText) Read(_ context.Context, doc *Document, opt Options) *schema.Volume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "opentoc-text", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	ls := source.SplitLines(doc.Text)
	heading := func(i int) bool { return i < len(ls) && reSessionHeading.MatchString(ls[i].Text) }
	// paperAt: a title line followed by a name list.
	paperAt := func(i int) bool {
		return i+1 < len(ls) && !heading(i) && !reFullCitation.MatchString(ls[i].Text) &&
			isTitleLine(ls[i].Text) && isNameList(ls[i+1].Text)
	}
	i := 0
	if len(ls) > 0 && !heading(0) && !paperAt(0) {
		p := &v.Proceedings
		p.Title = ls[0].Text
		rg := schema.Range{Off: ls[0].Off, End: ls[0].End}
		v.Pos.Set("/proceedings/title", rg)
		if m := reTitlePrefix.FindStringSubmatch(p.Title); m != nil {
			p.Acronym, p.Title = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
			v.Pos.Set("/proceedings/acronym", rg)
		}
		i = 1
	}
	section := ""
	for i < len(ls) {
		l := ls[i]
		switch {
		case reFullCitation.MatchString(l.Text):
			i++
		case heading(i):
			section = strings.TrimSpace(reSessionHeading.FindStringSubmatch(l.Text)[2])
			s := schema.Section{Name: section, Span: doc.SpanOf(schema.Range{Off: l.Off, End: l.End})}
			i++
			// Chairs: a name list followed by a paper whose title is no
			// name list (else the list is that title's authors), or by
			// nothing.
			if i < len(ls) && isNameList(ls[i].Text) &&
				(paperAt(i+1) && !isNameList(ls[i+1].Text) || i+1 == len(ls) || heading(i+1)) {
				for _, n := range splitAuthors(ls[i].Text) {
					s.Chairs = append(s.Chairs, schema.Author{Name: n})
				}
				s.Span.EndLine = ls[i].Num
				i++
			}
			v.Proceedings.Sections = append(v.Proceedings.Sections, s)
		case paperAt(i):
			rec := schema.Record{Kind: schema.KindPaper, Section: section, Title: l.Text}
			rec.Pos.Set("/title", schema.Range{Off: l.Off, End: l.End})
			rec.Authors = authorsFromLines(doc, &rec, ls[i+1:i+2])
			j := i + 2
			for j < len(ls) && !heading(j) && !paperAt(j) && !reFullCitation.MatchString(ls[j].Text) {
				j++
			}
			setAbstract(&rec, ls[i+2:j])
			rg := schema.Range{Off: l.Off, End: ls[j-1].End}
			rec.Pos.Set("", rg)
			rec.Span = doc.SpanOf(rg)
			v.Papers = append(v.Papers, rec)
			i = j
		default:
			v.Diagnostics = append(v.Diagnostics, schema.UnparsedText.At(l.Off, l.End,
				"text outside any paper: %q", text.Clip(l.Text, 80)))
			i++
		}
	}
	return v
}

// isTitleLine is true for a line that can be a paper title: not a
// sentence ending in a full stop, not a paragraph.
func isTitleLine(t string) bool {
	return source.RuneLen(t) <= 300 && !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "...")
}

// nameParticles are the lower-case words a name may contain.
var nameParticles = map[string]bool{
	"de": true, "da": true, "das": true, "do": true, "dos": true, "du": true, "des": true, "del": true,
	"della": true, "di": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "ten": true,
	"la": true, "le": true, "bin": true, "al": true, "el": true, "y": true, "zu": true,
}

// isNameList is true for a line that reads as "A, B, C" or "A, B and C":
// every part one to five words besides particles, each capitalised or an
// initial, with no digits or sentence punctuation.
func isNameList(t string) bool {
	if t == "" || source.RuneLen(t) > 2000 || strings.ContainsAny(t, ":;[]?!\"0123456789") || strings.HasSuffix(t, ".") && !endsWithInitial(t) {
		return false
	}
	names := splitAuthors(t)
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		words := strings.Fields(n)
		if len(words) == 0 || source.RuneLen(n) > 60 {
			return false
		}
		count := 0
		for _, w := range words {
			if nameParticles[w] {
				continue
			}
			count++
			// A nickname in parentheses: "Sam (Likun) Xi".
			if len(w) > 2 && w[0] == '(' && w[len(w)-1] == ')' {
				w = w[1 : len(w)-1]
			}
			r := []rune(w)
			// A lower-case initial: "Bruno C. d. S. Oliveira".
			if len(r) == 2 && r[1] == '.' && unicode.IsLetter(r[0]) {
				continue
			}
			if !unicode.IsLetter(r[0]) || unicode.IsLower(r[0]) || strings.ContainsAny(w, "()") {
				return false
			}
		}
		if count > 5 {
			return false
		}
	}
	return true
}

// endsWithInitial is true for "… J." and "… Jr.".
func endsWithInitial(t string) bool {
	i := strings.LastIndexByte(t, ' ')
	w := t[i+1:]
	return source.RuneLen(w) <= 3
}
