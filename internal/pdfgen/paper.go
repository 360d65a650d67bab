package pdfgen

import (
	"fmt"
	"strings"
)

// Paper describes the camera-ready PDF of one paper: its first page sets
// the title in large type, centred lines of authors and affiliations in
// the body size under it, then the body text; further pages carry a line
// of body text each, so that the PDF has Pages pages.
type Paper struct {
	Title   string
	Authors []string // one line, "A, B and C"
	Lines   []string // after the authors: affiliations, abstract, body
	Pages   int      // at least 1
}

// Render typesets the paper in o's font; the title is set at twice o's
// font size.
func (p Paper) Render(o Options) []byte {
	o.defaults()
	body := &renderer{o: o}
	big := o
	big.FontSize, big.Leading = 2*o.FontSize, 2.4*o.FontSize
	head := &renderer{o: big}
	var first []string
	y := o.Height - o.Margin
	for _, l := range head.wrap(p.Title) {
		first = append(first, head.line(l, o.Margin, y))
		y -= big.Leading
	}
	y -= o.Leading
	lines := append([]string{joinAuthors(p.Authors)}, p.Lines...)
	for _, para := range lines {
		for _, l := range body.wrap(para) {
			if y < o.Margin {
				break
			}
			first = append(first, body.line(l, o.Margin, y))
			y -= o.Leading
		}
	}
	pages := [][]string{first}
	for i := 2; i <= max(p.Pages, 1); i++ {
		// Each page's own words: a line repeated on every page reads as
		// a running head.
		var page []string
		for k := range 4 {
			line := fmt.Sprintf("The %s part of the argument uses %s bounds, step %d.",
				pageWords[(i+k)%len(pageWords)], pageWords[(i*7+k*3)%len(pageWords)], k+1)
			page = append(page, body.line(line, o.Margin, o.Height/2-float64(k)*o.Leading))
		}
		pages = append(pages, page)
	}
	return body.document(pages)
}

// joinAuthors writes names as a byline: "A", "A and B", "A, B and C".
func joinAuthors(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

var pageWords = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"}
