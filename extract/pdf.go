package extract

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/procx/procx/internal/par"
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

// PDFLimits bound the PDF reader. Zero values take the defaults.
type PDFLimits struct {
	// MaxPages is the number of pages read (default 2000).
	MaxPages int
	// MaxStream is the number of decoded bytes read from one page's
	// content streams, and from one CMap (default 64 MiB).
	MaxStream int64
}

func (l PDFLimits) withDefaults() PDFLimits {
	if l.MaxPages <= 0 {
		l.MaxPages = 2000
	}
	if l.MaxStream <= 0 {
		l.MaxStream = 64 << 20
	}
	return l
}

// Name returns "pdf".
func (PDF) Name() string { return "pdf" }

// Sniff recognises the "%PDF-" header in the first kilobyte.
func (PDF) Sniff(doc *Document) int {
	raw := doc.Raw
	if raw == nil {
		raw = doc.Text
	}
	if pdfHeader(raw) >= 0 {
		return 100
	}
	return 0
}

// pdfHeader returns the offset of the "%PDF-1.x" header, or -1. Readers
// accept junk before the header within the first kilobyte; procx does too
// when the header starts a line and the file has objects, so that a text
// quoting "%PDF-" is still read as text.
func pdfHeader(data []byte) int {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 || len(data) < i+8 || (data[i+5] != '1' && data[i+5] != '2') || data[i+6] != '.' {
		return -1
	}
	if i > 0 && (data[i-1] != '\n' && data[i-1] != '\r' || !bytes.Contains(data, []byte("endobj"))) {
		return -1
	}
	return i
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
	lines, diags := pdfLines(ctx, doc.Path, raw, opt.PDF.withDefaults())
	if ctx.Err() != nil {
		return emptyVolume(doc, "pdf")
	}
	lines = reflow(lines)
	text, starts := pdfDocText(lines)
	*doc = Document{File: schema.NewFile(doc.Path, text), Raw: raw}
	doc.File.Page = func(off int) int {
		i := sort.SearchInts(starts, off+1) - 1
		if i < 0 || i >= len(lines) {
			return 1
		}
		return lines[i].page
	}
	var v *schema.Volume
	switch {
	case len(lines) == 0:
		v = emptyVolume(doc, "pdf")
		if len(diags) == 0 {
			diags = append(diags, diag("unparsed-text", schema.Warning, 0, -1,
				"pdf %q has no text (scanned pages, or fonts without a text mapping)", doc.Path))
		}
	case isTOC(doc):
		v = (TOCText{}).Read(ctx, doc, opt)
	default:
		v = firstPage(doc, lines, starts)
	}
	v.Source.Format = "pdf"
	v.Diagnostics = append(diags, v.Diagnostics...)
	return v
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
	for _, l := range splitLines(doc.Text) {
		if isAffiliationLine(l.Text) && strings.Contains(l.Text, ",") {
			n++
		}
	}
	return n >= 3
}

// firstPage reads a PDF that is no table of contents (a paper's first
// page): the largest type on page 1 is the title; the rest is reported.
func firstPage(doc *Document, lines []textLine, starts []int) *schema.Volume {
	v := emptyVolume(doc, "pdf")
	big := 0.0
	for _, l := range lines {
		if l.page == 1 && utf8.RuneCountInString(l.text) >= 3 {
			big = max(big, l.size)
		}
	}
	first, last := -1, -1
	for i, l := range lines {
		if l.page != 1 {
			break
		}
		if math.Abs(l.size-big) < 0.5 && utf8.RuneCountInString(l.text) >= 3 {
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
			ls = append(ls, Line{Num: i + 1, Off: starts[i], End: starts[i] + len(lines[i].text), Text: lines[i].text})
		}
		rec := schema.Record{Kind: schema.KindPaper, Authors: []schema.Author{}}
		setTitle(&rec, ls)
		r := schema.Range{Off: ls[0].Off, End: ls[len(ls)-1].End}
		rest = r.End
		// The authors: the next line with letters, when it reads as a
		// list of names with affiliation marks ("Anna Sundström,1").
		for i := last + 1; i < len(lines) && i <= last+3 && lines[i].page == 1; i++ {
			t := lines[i].text
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
		rec.Span = doc.SpanOf(r)
		rec.Pos.Set("", r)
		v.Papers = append(v.Papers, rec)
	}
	v.Diagnostics = append(v.Diagnostics, diag("unparsed-text", schema.Warning, rest, len(doc.Text),
		"pdf reads as no table of contents (no bibtex entries or affiliation lines): took the title from the largest type on page 1 and left %d lines unread", len(lines)-max(last+1, 0)))
	return v
}

// authorNames reads a first page's author line: names separated by commas
// and "and", each perhaps followed by affiliation marks (digits, *, †).
// It returns nil for a line that does not read so.
func authorNames(t string) []string {
	if utf8.RuneCountInString(t) > 300 || (!strings.Contains(t, ",") && !strings.Contains(t, " and ")) || endsSentence(t) {
		return nil
	}
	// A heading set on the same baseline, in the next column.
	for _, h := range []string{" Abstract", " ABSTRACT"} {
		t = strings.TrimSuffix(t, h)
	}
	var out []string
	for _, n := range SplitAuthors(t) {
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

// pdfLines opens a PDF and returns the lines of its pages. Any failure,
// panics of the PDF library included, is a diagnostic.
func pdfLines(ctx context.Context, path string, data []byte, lim PDFLimits) (lines []textLine, diags []schema.Diagnostic) {
	fail := func(sev schema.Severity, code, format string, args ...any) {
		diags = append(diags, diag(code, sev, 0, -1, format, args...))
	}
	defer func() {
		if r := recover(); r != nil {
			fail(schema.Error, "unparsed-text", "pdf: cannot read %q: %v", path, r)
		}
	}()
	if h := pdfHeader(data); h > 0 {
		data = data[h:] // junk before the header
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			fail(schema.Error, "unparsed-text", "pdf: %q is encrypted and cannot be read: %s", path, msg)
		} else {
			fail(schema.Error, "unparsed-text", "pdf: cannot read %q: %s", path, msg)
		}
		return nil, diags
	}
	pages := collectPages(r.Trailer().Key("Root").Key("Pages"), lim.MaxPages+1)
	if len(pages) > lim.MaxPages {
		fail(schema.Error, "limit", "pdf: %q has more than %d pages (--max-pdf-pages); read the first %d", path, lim.MaxPages, lim.MaxPages)
		pages = pages[:lim.MaxPages]
	}
	if len(pages) == 0 {
		fail(schema.Error, "unparsed-text", "pdf: %q has no pages", path)
	}
	// The pages are read on every core, a run of pages each with its own
	// font cache: pdf.Reader only reads (ReadAt on the bytes, no caches),
	// and a page's text depends on nothing read from another page. A panic
	// that escapes a page (pageText recovers its own) ends the document at
	// that page. Once ctx is done no more pages are read.
	type pageResult struct {
		lines    []textLine
		errs     []string
		panicked any
	}
	results := make([]pageResult, len(pages))
	par.Run(par.Split(len(pages), 8), func(_, lo, hi int) {
		i := lo
		defer func() {
			if r := recover(); r != nil {
				results[i].panicked = r
			}
		}()
		shared := make(map[string]*pdfFont)
		var scratch pageWalker
		for ; i < hi && ctx.Err() == nil; i++ {
			results[i].lines, results[i].errs = pageText(pages[i], lim.MaxStream, i+1, shared, &scratch)
		}
	})
	for i, res := range results {
		if res.panicked != nil {
			panic(res.panicked)
		}
		lines = append(lines, res.lines...)
		for _, e := range res.errs {
			code := "unparsed-text"
			if strings.Contains(e, "limit") {
				code = "limit"
			}
			fail(schema.Error, code, "pdf: %q page %d: %s", path, i+1, e)
		}
	}
	return lines, diags
}

// collectPages walks the page tree in order, at most max pages, guarding
// against cycles by depth and by the number of nodes visited.
func collectPages(root pdf.Value, max int) []pdf.Value {
	var out []pdf.Value
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		visits++
		if depth > 64 || len(out) >= max || visits > 4*max+1000 {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			out = append(out, v)
			return
		}
		for i := 0; i < kids.Len() && len(out) < max; i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return out
}

// inherited looks a key up on a page and its ancestors.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageText returns the lines of one page and the problems met reading it.
// scratch carries the glyph buffers from page to page, so that a long
// document does not grow them anew for every page.
func pageText(p pdf.Value, limit int64, num int, shared map[string]*pdfFont, scratch *pageWalker) (lines []textLine, errs []string) {
	w := &pageWalker{limit: limit, fonts: make(map[string]*pdfFont), shared: shared,
		glyphs: scratch.glyphs[:0], buf: scratch.buf[:0]}
	defer func() { scratch.glyphs, scratch.buf = w.glyphs, w.buf }()
	defer func() {
		if r := recover(); r != nil {
			errs = append(w.errs, fmt.Sprintf("%v", r))
			lines = pageLines(w.glyphs, num)
		}
	}()
	w.walk(p.Key("Contents"), inherited(p, "Resources"), identity, 0)
	lines = pageLines(w.glyphs, num)
	if mb := inherited(p, "MediaBox"); mb.Len() == 4 {
		width := mb.Index(2).Float64() - mb.Index(0).Float64()
		for i := range lines {
			lines[i].pageWidth = width
		}
	}
	return lines, w.errs
}

// reflow joins the lines the typesetter wrapped: a line is continued by
// the next when the next line's first word would have fitted in the room
// left at the right margin of its column, the type size is the same and
// the next line starts at the column's left edge; a parenthesised line
// ("(Inst, Country;") continues until its parenthesis closes. Lines that
// start a BibTeX entry, close one or open a parenthesis are never joined
// to the line before.
func reflow(ls []textLine) []textLine {
	if len(ls) == 0 {
		return nil
	}
	words := attestedWords(ls)
	cols := newColumns(ls)
	var groups [][]textLine
	cur := []textLine{ls[0]}
	joined := ls[0].text
	for i := 1; i < len(ls); i++ {
		if continues(joined, cur[len(cur)-1], ls[i], cols) {
			cur = append(cur, ls[i])
			joined = joinWrapped(joined, ls[i].text, words)
		} else {
			groups = append(groups, cur)
			cur = []textLine{ls[i]}
			joined = ls[i].text
		}
	}
	groups = append(groups, cur)
	groups = splitTitles(groups, bibTitles(groups, words), words)
	out := make([]textLine, len(groups))
	for i, g := range groups {
		out[i] = g[0]
		out[i].text = joinGroup(g, words)
		out[i].x1 = g[len(g)-1].x1
	}
	return out
}

func joinGroup(g []textLine, words map[string]bool) string {
	s := g[0].text
	for _, l := range g[1:] {
		s = joinWrapped(s, l.text, words)
	}
	return s
}

// bibTitles returns the folded titles of the BibTeX entries in the text.
func bibTitles(groups [][]textLine, words map[string]bool) map[string]bool {
	m := make(map[string]bool)
	for _, g := range groups {
		t := joinGroup(g, words)
		if strings.HasPrefix(strings.ToLower(t), "title") {
			if s := foldTitle(entryTitle([]Line{{Text: t}})); s != "" {
				m[s] = true
			}
		}
	}
	return m
}

// splitTitles undoes joins that geometry cannot tell from wrapping: a
// title that filled its line joined to the author line below it, or a
// full last line of an abstract joined to the next title. Where lines of
// a group spell a BibTeX title of the text, they become a group of their
// own.
func splitTitles(groups [][]textLine, titles map[string]bool, words map[string]bool) [][]textLine {
	if len(titles) == 0 {
		return groups
	}
	var out [][]textLine
	for _, g := range groups {
		start := 0
		for k := 0; k < len(g) && len(g) > 1; k++ {
			for j := k; j < len(g) && j < k+4; j++ {
				if !titles[foldTitle(joinGroup(g[k:j+1], words))] {
					continue
				}
				if k > start {
					out = append(out, g[start:k])
				}
				out = append(out, g[k:j+1])
				start = j + 1
				k = j
				break
			}
		}
		if start < len(g) {
			out = append(out, g[start:])
		}
	}
	return out
}

// continues reports whether next continues the logical line cur, whose
// last physical line is prev.
func continues(cur string, prev, next textLine, cols *columns) bool {
	t := next.text
	if strings.HasPrefix(t, "@") || strings.HasPrefix(t, "}") || opensAffiliation(t) ||
		strings.HasPrefix(cur, "@") || reLinkLabel.MatchString(t) || reLinkLabel.MatchString(cur) ||
		reDate.MatchString(t) || reAcronym.MatchString(cur) ||
		isFieldLine(t) && strings.HasSuffix(cur, ",") { // the next field of a BibTeX entry
		return false
	}
	if strings.HasPrefix(cur, "(") {
		// An affiliation line runs until its parenthesis closes.
		return strings.Count(cur, "(") > strings.Count(cur, ")") && len(cur) < 600
	}
	if math.Abs(prev.size-next.size) > 0.15*prev.size {
		return false
	}
	size := prev.size
	if next.page == prev.page {
		if math.Abs(next.x0-prev.x0) > size {
			return false
		}
	}
	right := cols.right(prev)
	// On a page set with equal side margins the column of a line that
	// starts at the left margin ends at the page width less that margin.
	if prev.pageWidth > 0 {
		if r := prev.pageWidth - prev.x0; r > right && r-right < 0.03*prev.pageWidth {
			right = r
		}
	}
	return right-prev.x1 < next.firstWord+0.25*size
}

// opensAffiliation is true for a line that starts with a parenthesis
// that closes only at its end, or not at all: "(Inst, Country;". A line
// such as "(2) the second finding" is prose.
func opensAffiliation(t string) bool {
	if !strings.HasPrefix(t, "(") {
		return false
	}
	i := strings.IndexByte(t, ')')
	return i < 0 || i == len(t)-1
}

// columns finds the right edge of the column a line is in: the rightmost
// line end among the lines of its page that start where it starts, with
// the same type size. Results are cached per page, start and size, so
// reflow stays linear in the number of lines of a page.
type columns struct {
	pages map[int][]textLine
	cache map[[3]int]float64
}

func newColumns(ls []textLine) *columns {
	c := &columns{pages: make(map[int][]textLine), cache: make(map[[3]int]float64)}
	for _, l := range ls {
		c.pages[l.page] = append(c.pages[l.page], l)
	}
	return c
}

func (c *columns) right(prev textLine) float64 {
	key := [3]int{prev.page, int(prev.x0), int(prev.size * 10)}
	if r, ok := c.cache[key]; ok {
		return max(r, prev.x1)
	}
	r := prev.x1
	page := c.pages[prev.page]
	for _, l := range page {
		// On a page with very many distinct lines starts, take the
		// page's right edge rather than scanning per column.
		if len(c.cache) > 256 || (math.Abs(l.x0-prev.x0) <= prev.size && math.Abs(l.size-prev.size) <= 0.15*prev.size) {
			r = max(r, l.x1)
		}
	}
	c.cache[key] = r
	return r
}

// joinWrapped joins a wrapped line to the next. A word hyphenated at the
// line end is joined without the hyphen when the joined word occurs
// elsewhere in the text, and keeps it otherwise ("virtio-" "mem").
func joinWrapped(a, b string, words map[string]bool) string {
	if strings.HasSuffix(a, "-") && len(a) > 1 {
		head := lastWord(strings.TrimSuffix(a, "-"))
		tail := firstLetters(b)
		if head != "" && tail != "" {
			if words[strings.ToLower(head+tail)] {
				return strings.TrimSuffix(a, "-") + b
			}
			return a + b
		}
	}
	return a + " " + b
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

func firstLetters(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// attestedWords returns the lowercased words of the lines, leaving out
// the fragments around a hyphen at a line end.
func attestedWords(ls []textLine) map[string]bool {
	m := make(map[string]bool)
	for i, l := range ls {
		t := l.text
		if strings.HasSuffix(t, "-") {
			t = strings.TrimSuffix(t, lastWord(strings.TrimSuffix(t, "-"))+"-")
		}
		if i > 0 && strings.HasSuffix(ls[i-1].text, "-") {
			t = strings.TrimPrefix(t, firstLetters(t))
		}
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

// pdfDocText joins lines with newlines and returns the start offset of
// each.
func pdfDocText(ls []textLine) ([]byte, []int) {
	var b bytes.Buffer
	starts := make([]int, len(ls))
	for i, l := range ls {
		starts[i] = b.Len()
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.Bytes(), starts
}
