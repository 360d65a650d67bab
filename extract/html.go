package extract

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// OpenTOCHTML reads an ACM OpenTOC page: the h1 volume title, h2
// "SESSION: …" headings, and per paper an h3 > a.DLtitleLink title whose
// href is the DOI link (or, on older pages, an "authorize?N…" access link),
// a ul.DLauthors > li.nameList author list and a div.DLabstract abstract.
//
// An author list directly under an h2, before any title, lists the
// session chairs: it goes to the section, never to a paper.
type OpenTOCHTML struct{}

// Name returns "opentoc-html".
func (OpenTOCHTML) Name() string { return "opentoc-html" }

// Sniff looks for the OpenTOC class names in the first 64 KiB.
func (OpenTOCHTML) Sniff(doc *Document) int {
	head := doc.Text[:min(len(doc.Text), 1<<16)]
	switch {
	case hasOpenTOCMarker(head):
		return 95
	case source.ContainsFold(head, "<html") || source.ContainsFold(head, "<!doctype html"):
		return 30 // HTML, but not a table of contents we know
	}
	return 0
}

// htmlReader is the state of one OpenTOC page read.
type htmlReader struct {
	doc *Document
	v   *schema.Volume

	section  int // index into v.Proceedings.Sections, -1 before the first h2
	paper    int // index into v.Papers of the paper since the last h2, -1 if none
	titleOff int // where the h2 being read starts
	h3Off    int // where the open h3 starts, -1 outside

	text    strings.Builder // text being captured
	capture int             // element depth of the capture, 0 when not capturing
	what    string          // what is captured: "h1", "h2", "title", "author", "abstract"
	capOff  int             // where the captured element's content starts

	authors    []schema.Author // the author list being read
	authorPos  []schema.Range
	authorsOff int
	inAuthors  bool

	// Text outside every part the reader collects: reported, so that
	// nothing on the page is dropped unseen (see stray).
	strayText          []string
	strayOff, strayEnd int
	hidden             int  // depth inside script, style, title, template, the citation link
	inCitLink          bool // inside OpenTOC's a.DLcitLink

	paras       []string
	abstractOff int
	abstractDiv int // div depth inside div.DLabstract, 0 when outside
}

// Read parses the page with the html tokenizer, tracking byte offsets.
func (OpenTOCHTML) Read(_ context.Context, doc *Document, opt Options) *schema.Volume {
	r := &htmlReader{doc: doc, section: -1, paper: -1, h3Off: -1}
	r.v = &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "opentoc-html", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	r.run()
	if len(r.v.Papers) == 0 && len(bytes.TrimSpace(doc.Text)) > 0 {
		msg := "page has no paper title links (h3 > a.DLtitleLink)"
		if t := r.v.Proceedings.Title; t != "" {
			msg += fmt.Sprintf(": %q", text.Clip(t, 80))
		}
		r.v.Diagnostics = append(r.v.Diagnostics, schema.UnknownFormat.At(0, -1, "%s", msg))
	}
	return r.v
}

func (r *htmlReader) run() {
	z := html.NewTokenizer(bytes.NewReader(r.doc.Text))
	z.SetMaxBuf(len(r.doc.Text) + 1)
	off := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		start, end := off, off+len(raw)
		off = end
		switch tt {
		case html.ErrorToken:
			r.finishPaper(len(r.doc.Text))
			r.flushStray()
			return
		case html.TextToken:
			switch {
			case r.capture > 0 || r.abstractDiv > 0:
				r.text.WriteString(html.UnescapeString(string(raw)))
			case r.hidden == 0:
				r.stray(raw, start, end)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, val []byte
				k, val, hasAttr = z.TagAttr()
				attrs[string(k)] = string(val)
			}
			a := atom.Lookup(name)
			if hiddenText(a) && tt == html.StartTagToken {
				r.hidden++
			}
			if a == atom.A && hasClass(attrs, "DLcitLink") && tt == html.StartTagToken && !r.inCitLink {
				r.inCitLink = true // the volume's "Full Citation" link: page chrome
				r.hidden++
			}
			r.start(a, attrs, start, end, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (hiddenText(a) || a == atom.A && r.inCitLink) && r.hidden > 0 {
				r.hidden--
			}
			if a == atom.A {
				r.inCitLink = false
			}
			r.end(a, start, end)
		}
	}
}

func hasClass(attrs map[string]string, c string) bool {
	for _, f := range strings.Fields(attrs["class"]) {
		if f == c {
			return true
		}
	}
	return false
}

func (r *htmlReader) begin(what string, off int) {
	r.what, r.capture, r.capOff = what, 1, off
	r.text.Reset()
}

// hiddenText reports whether an element's text is not page content.
func hiddenText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Template, atom.Noscript:
		return true
	}
	return false
}

// stray gathers text outside the collected parts of the page; a run of it
// between two collected parts becomes one diagnostic (flushStray).
func (r *htmlReader) stray(raw []byte, off, end int) {
	t := flatten(html.UnescapeString(string(raw)))
	if t == "" {
		return
	}
	if r.strayText == nil {
		r.strayOff = off + len(raw) - len(bytes.TrimLeft(raw, " \t\r\n"))
	}
	r.strayText = append(r.strayText, t)
	r.strayEnd = end - (len(raw) - len(bytes.TrimRight(raw, " \t\r\n")))
}

// flushStray reports the run of stray text gathered so far.
func (r *htmlReader) flushStray() {
	if r.strayText == nil {
		return
	}
	t := strings.Join(r.strayText, " ")
	r.v.Diagnostics = append(r.v.Diagnostics, schema.HTMLExtraText.At(r.strayOff, r.strayEnd,
		"text outside the parts procx reads (titles, authors, abstracts, headings): %q", text.Clip(t, 80)))
	r.strayText = nil
}

func (r *htmlReader) start(a atom.Atom, attrs map[string]string, off, end int, selfClosing bool) {
	if structural(a, attrs) {
		r.flushStray()
	}
	if structural(a, attrs) || r.inAuthors && a == atom.Li {
		// Pages with unclosed tags: a new heading, title link, author
		// list or abstract ends what is open, as an HTML parser's implied
		// end tags would, instead of swallowing the rest of the page.
		r.closeOpen(a, off)
	}
	if r.capture > 0 && !selfClosing && !isVoid(a) {
		r.capture++
	}
	if r.abstractDiv > 0 {
		switch a {
		case atom.Div:
			r.abstractDiv++
		case atom.P:
			r.paragraph()
		case atom.Br:
			r.text.WriteByte(' ')
		case atom.Sup:
			r.text.WriteByte('^')
		}
		return
	}
	switch a {
	case atom.H1:
		r.begin("h1", end)
	case atom.H2:
		r.finishPaper(off)
		r.begin("h2", end)
		r.titleOff = off
	case atom.H3:
		r.finishPaper(off)
		r.h3Off = off
	case atom.A:
		if hasClass(attrs, "DLtitleLink") {
			r.finishPaper(off)
			rec := schema.Record{Kind: schema.KindPaper, Authors: []schema.Author{}}
			if r.section >= 0 {
				rec.Section = r.v.Proceedings.Sections[r.section].Name
			}
			href := strings.TrimSpace(attrs["href"])
			if doi := doiFromHref(href); doi != "" {
				rec.DOI = doi
				rec.Pos.Set("/doi", schema.Range{Off: off, End: end})
			} else if href != "" {
				if strings.HasPrefix(href, "//") {
					href = "https:" + href
				}
				rec.URL = href
				rec.Pos.Set("/url", schema.Range{Off: off, End: end})
			}
			start := off
			if r.h3Off >= 0 {
				start = r.h3Off
			}
			rec.Pos.Set("", schema.Range{Off: start, End: end})
			r.v.Papers = append(r.v.Papers, rec)
			r.paper = len(r.v.Papers) - 1
			r.begin("title", end)
		}
	case atom.Ul:
		if hasClass(attrs, "DLauthors") {
			r.inAuthors, r.authors, r.authorPos, r.authorsOff = true, nil, nil, off
		}
	case atom.Li:
		if r.inAuthors {
			r.begin("author", end)
		}
	case atom.Div:
		if hasClass(attrs, "DLabstract") {
			r.abstractDiv, r.paras, r.abstractOff = 1, nil, off
			r.text.Reset()
		}
	}
}

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Img, atom.Hr, atom.Meta, atom.Link, atom.Input, atom.Wbr, atom.Col, atom.Area, atom.Base, atom.Embed, atom.Source, atom.Track:
		return true
	}
	return false
}

func (r *htmlReader) end(a atom.Atom, off, end int) {
	if r.abstractDiv > 0 {
		switch a {
		case atom.Div:
			r.abstractDiv--
			if r.abstractDiv == 0 {
				r.paragraph()
				r.abstract(off, end)
			}
		case atom.P:
			r.paragraph()
		}
		return
	}
	if r.capture > 0 {
		r.capture--
		if r.capture > 0 {
			return
		}
		r.finishCapture(off, end)
		return
	}
	if a == atom.H3 {
		r.h3Off = -1
	}
	if a == atom.Ul && r.inAuthors {
		r.inAuthors = false
		r.authorList(schema.Range{Off: r.authorsOff, End: end})
	}
}

// structural reports whether a start tag begins one of the parts of a
// page the reader collects.
func structural(a atom.Atom, attrs map[string]string) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3:
		return true
	case atom.A:
		return hasClass(attrs, "DLtitleLink")
	case atom.Ul:
		return hasClass(attrs, "DLauthors")
	case atom.Div:
		return hasClass(attrs, "DLabstract")
	}
	return false
}

// closeOpen ends, at off, the capture, abstract and author list still
// open when a structural start tag a arrives (an li only ends the
// capture of the previous li).
func (r *htmlReader) closeOpen(a atom.Atom, off int) {
	if r.capture > 0 {
		r.capture = 0
		r.finishCapture(off, off)
	}
	if a == atom.Li {
		return
	}
	if r.abstractDiv > 0 {
		r.abstractDiv = 0
		r.paragraph()
		r.abstract(off, off)
	}
	if r.inAuthors {
		r.inAuthors = false
		r.authorList(schema.Range{Off: r.authorsOff, End: off})
	}
}

// finishCapture stores the text captured up to off; end is where the
// element's end tag ends.
func (r *htmlReader) finishCapture(off, end int) {
	t := flatten(r.text.String())
	rg := schema.Range{Off: r.capOff, End: off}
	switch r.what {
	case "h1":
		r.proceedingsTitle(t, rg)
	case "h2":
		name := t
		for _, p := range []string{"SESSION:", "SECTION:"} {
			if rest, ok := strings.CutPrefix(name, p); ok {
				name = strings.TrimSpace(rest)
			}
		}
		r.v.Proceedings.Sections = append(r.v.Proceedings.Sections, schema.Section{
			Name: name, Span: r.doc.SpanOf(schema.Range{Off: r.titleOff, End: end}),
		})
		r.section = len(r.v.Proceedings.Sections) - 1
		r.paper = -1
	case "title":
		p := &r.v.Papers[r.paper]
		p.Title = t
		p.Pos.Set("/title", rg)
		r.extend(end)
	case "author":
		if t != "" {
			r.authors = append(r.authors, schema.Author{Name: t})
			r.authorPos = append(r.authorPos, rg)
		}
	}
	r.what = ""
}

// authorList gives a finished author list to the paper since the last
// heading, or, before any paper, to the section as its chairs.
func (r *htmlReader) authorList(rg schema.Range) {
	switch {
	case r.paper >= 0 && len(r.v.Papers[r.paper].Authors) == 0:
		p := &r.v.Papers[r.paper]
		p.Authors = r.authors
		if p.Authors == nil {
			p.Authors = []schema.Author{}
		}
		p.Pos.Set("/authors", rg)
		for i, ar := range r.authorPos {
			p.Pos.Set(source.AuthorPointer(i), ar)
		}
		r.extend(rg.End)
	case r.paper < 0 && r.section >= 0:
		s := &r.v.Proceedings.Sections[r.section]
		s.Chairs = append(s.Chairs, r.authors...)
		s.Span.EndLine = max(s.Span.EndLine, r.doc.Line(max(rg.End-1, rg.Off)))
	case len(r.authors) > 0:
		r.v.Diagnostics = append(r.v.Diagnostics, schema.UnparsedText.At(rg.Off, rg.End,
			"author list that belongs to no paper: %q", text.Clip(joinNames(r.authors), 80)))
	}
	r.authors, r.authorPos = nil, nil
}

func joinNames(as []schema.Author) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ", ")
}

// paragraph ends the abstract paragraph being read.
func (r *htmlReader) paragraph() {
	if t := flatten(r.text.String()); t != "" {
		r.paras = append(r.paras, t)
	}
	r.text.Reset()
}

func (r *htmlReader) abstract(off, end int) {
	rg := schema.Range{Off: r.abstractOff, End: end}
	if len(r.paras) == 0 {
		return // the empty abstract divs of older pages
	}
	abstract := strings.Join(r.paras, "\n\n")
	if r.paper >= 0 && r.v.Papers[r.paper].Abstract == "" {
		p := &r.v.Papers[r.paper]
		p.Abstract = abstract
		p.Pos.Set("/abstract", rg)
		r.extend(end)
		return
	}
	r.v.Diagnostics = append(r.v.Diagnostics, schema.UnparsedText.At(rg.Off, rg.End,
		"abstract that belongs to no paper: %q", text.Clip(abstract, 80)))
}

// extend grows the current paper's range to end.
func (r *htmlReader) extend(end int) {
	if r.paper < 0 {
		return
	}
	p := &r.v.Papers[r.paper]
	rg, _ := p.Pos.Get("")
	if end > rg.End {
		rg.End = end
		p.Pos.Set("", rg)
	}
}

// finishPaper closes the current paper's span.
func (r *htmlReader) finishPaper(int) {
	if r.paper < 0 {
		return
	}
	p := &r.v.Papers[r.paper]
	whole, _ := p.Pos.Get("")
	p.Span = r.doc.SpanOf(whole)
}

// reTitlePrefix splits "VEE 2022: Proceedings of …" and "CPP '15- Proceedings
// of …" into the acronym and the title.
var reTitlePrefix = regexp.MustCompile(`^([^:]{1,40}?(?:\d{4}|'\d{2}))\s*[:\-–]\s*(\S.*)$`)

func (r *htmlReader) proceedingsTitle(t string, rg schema.Range) {
	p := &r.v.Proceedings
	if p.Title != "" {
		return
	}
	p.Title = t
	r.v.Pos.Set("/proceedings/title", rg)
	if m := reTitlePrefix.FindStringSubmatch(t); m != nil {
		p.Acronym, p.Title = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
		r.v.Pos.Set("/proceedings/acronym", rg)
	}
}

// reDOIHref finds the DOI in a link: https://dl.acm.org/doi/10.1145/…,
// /doi/abs/…, /doi/pdf/…, https://doi.org/….
var reDOIHref = regexp.MustCompile(`(?i)(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/|fullHtml/)?)(10\.\d{4,9}/[^?#\s"]+)`)

// doiFromHref returns the DOI a link points to, or "".
func doiFromHref(href string) string {
	m := reDOIHref.FindStringSubmatch(href)
	if m == nil {
		return ""
	}
	return strings.TrimRight(m[1], "/.")
}

// flatten folds the white space of text read from HTML to single spaces.
func flatten(s string) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	// A superscript marker before a space marks an empty superscript.
	return strings.TrimSuffix(strings.ReplaceAll(s, "^ ", " "), "^")
}

// containsFold reports whether b contains the lower-case ASCII string s in
// any case, without copying b.
// hasOpenTOCMarker reports bytes.Contains(head, "DLtitleLink") ||
// bytes.Contains(head, `id="DLtoc"`). Both markers hold "DL", which it
// looks for once: bytes.Index of `id="DLtoc"` tried every 'i' of a page
// of prose and then compared at every byte, and took longer than all
// the other sniffers together.
func hasOpenTOCMarker(head []byte) bool {
	for off := 0; ; {
		i := bytes.Index(head[off:], []byte("DL"))
		if i < 0 {
			return false
		}
		at := off + i
		if bytes.HasPrefix(head[at:], []byte("DLtitleLink")) ||
			at >= 4 && bytes.HasPrefix(head[at-4:], []byte(`id="DLtoc"`)) {
			return true
		}
		off = at + 1
	}
}
