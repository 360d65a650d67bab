package extract

import (
	"bytes"
	"strings"

	"github.com/procx/procx/schema"
)

// BibNames is bibNames, for the external tests.
func BibNames(field string) []schema.Author { return bibNames(field) }

// RenderOpenTOCText renders a volume as an OpenTOC page saved as text: the
// title line, then per section its heading and chairs, and per paper its
// title, its authors and its abstract paragraphs, blocks separated by blank
// lines. OpenTOCText reads it back.
func RenderOpenTOCText(v *schema.Volume) []byte {
	var b bytes.Buffer
	title := v.Proceedings.Title
	if v.Proceedings.Acronym != "" {
		title = v.Proceedings.Acronym + ": " + title
	}
	if title != "" {
		b.WriteString(title + "\n")
	}
	b.WriteString("Full Citation in the ACM Digital Library\n")
	paper := func(p *schema.Record) {
		b.WriteString("\n" + p.Title + "\n")
		names := make([]string, len(p.Authors))
		for i, a := range p.Authors {
			names[i] = a.Name
		}
		b.WriteString(strings.Join(names, ", ") + "\n")
		if p.Abstract != "" {
			b.WriteString("\n" + p.Abstract + "\n")
		}
	}
	next := 0
	for next < len(v.Papers) && v.Papers[next].Section == "" {
		paper(&v.Papers[next])
		next++
	}
	for _, s := range v.Proceedings.Sections {
		b.WriteString("\nSESSION: " + s.Name + "\n")
		if len(s.Chairs) > 0 {
			names := make([]string, len(s.Chairs))
			for i, a := range s.Chairs {
				names[i] = a.Name
			}
			b.WriteString(strings.Join(names, ", ") + "\n")
		}
		for next < len(v.Papers) && v.Papers[next].Section == s.Name {
			paper(&v.Papers[next])
			next++
		}
	}
	for ; next < len(v.Papers); next++ {
		paper(&v.Papers[next])
	}
	return b.Bytes()
}
