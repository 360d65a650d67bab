// Package pdfgen typesets plain text into small PDFs for procx's tests: each
// input line is a paragraph, word-wrapped at the page's text width the way
// a word processor would, in a standard font (WinAnsi) or in a Type0 font
// whose text is given by a /ToUnicode CMap. It writes the PDF structure by
// hand so tests control what the reader sees: page size, font, text
// operators (Tj or TJ with kerned word gaps), compression, hyphenation and
// ligature glyphs. Fonts are not embedded; the /Widths given are the ones
// used to wrap.
package pdfgen

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Options describe the document.
type Options struct {
	Width, Height float64 // page size in points (default A4)
	Margin        float64 // default 40
	FontSize      float64 // default 9
	Leading       float64 // default 1.3 × FontSize
	// Font is "Helvetica", "Times-Roman", "Courier" or "Unicode" (a Type0
	// font with Identity-H encoding and a ToUnicode CMap).
	Font string
	// Compress writes content streams with FlateDecode.
	Compress bool
	// TJ writes each line as a TJ array with one string per word and the
	// word gaps as kerning, as TeX does, instead of one Tj string.
	TJ bool
	// Hyphenate breaks long words of long paragraphs (over 300
	// characters) at the line end with a hyphen, and breaks hyphenated
	// words after their hyphen.
	Hyphenate bool
	// Ligatures draws "fi", "fl" and "ffi" with ligature glyphs (Unicode
	// font only): fi and fl map to U+FB01 and U+FB02 in the CMap, ffi to
	// the three letters.
	Ligatures bool
}

func (o *Options) defaults() {
	if o.Width == 0 {
		o.Width, o.Height = 595.28, 841.89
	}
	if o.Margin == 0 {
		o.Margin = 40
	}
	if o.FontSize == 0 {
		o.FontSize = 9
	}
	if o.Leading == 0 {
		o.Leading = 1.3 * o.FontSize
	}
	if o.Font == "" {
		o.Font = "Helvetica"
	}
}

// Ligature glyph ids of the Unicode font, outside the BMP identity range
// used for other characters' CIDs (which equal their code points).
const (
	cidFI  = 0xF001
	cidFL  = 0xF002
	cidFFI = 0xF003
)

// Render typesets text and returns the PDF.
func Render(text string, o Options) []byte {
	o.defaults()
	r := &renderer{o: o}
	var pages [][]string
	var page []string
	y := o.Height - o.Margin
	for _, para := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		for _, line := range r.wrap(para) {
			if y < o.Margin {
				pages = append(pages, page)
				page, y = nil, o.Height-o.Margin
			}
			page = append(page, r.line(line, o.Margin, y))
			y -= o.Leading
		}
	}
	pages = append(pages, page)
	return r.document(pages)
}

type renderer struct {
	o    Options
	bold bool // the document has a bold font, F2 (Positioned)
}

// width returns the advance of s in points.
func (r *renderer) width(s string) float64 {
	w := 0.0
	for _, c := range s {
		w += r.glyphWidth(c)
	}
	return w * r.o.FontSize / 1000
}

func (r *renderer) glyphWidth(c rune) float64 {
	if r.o.Font == "Courier" {
		return 600
	}
	if c >= 32 && c <= 126 {
		return helvetica[c-32]
	}
	return 556
}

func (r *renderer) fits(s string) bool {
	return r.width(s) <= r.o.Width-2*r.o.Margin
}

// wrap breaks a paragraph into lines that fit the text width.
func (r *renderer) wrap(para string) []string {
	var out []string
	cur := ""
	hyph := r.o.Hyphenate && utf8.RuneCountInString(para) > 300
	for _, w := range strings.Fields(para) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if r.fits(try) {
			cur = try
			continue
		}
		if hyph {
			if head, tail, ok := r.split(cur, w); ok {
				out = append(out, head)
				cur = tail
				continue
			}
		}
		if cur != "" {
			out = append(out, cur)
		}
		cur = w
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// split breaks word w so that cur, a space and the head of w fit: after a
// hyphen in w, or inside a word of ten letters or more with a hyphen
// added, leaving at least four letters on each side.
func (r *renderer) split(cur, w string) (string, string, bool) {
	pre := cur
	if pre != "" {
		pre += " "
	}
	if i := strings.LastIndex(w, "-"); i > 0 && i < len(w)-1 && r.fits(pre+w[:i+1]) {
		return pre + w[:i+1], w[i+1:], true
	}
	rs := []rune(w)
	if len(rs) < 10 {
		return "", "", false
	}
	for k := len(rs) - 4; k >= 4; k-- {
		if !isLetters(rs[:k]) || !isLetters(rs[k:]) {
			continue
		}
		if head := pre + string(rs[:k]) + "-"; r.fits(head) {
			return head, string(rs[k:]), true
		}
	}
	return "", "", false
}

func isLetters(rs []rune) bool {
	for _, c := range rs {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// line returns the content-stream operators that draw one line at (x, y).
func (r *renderer) line(s string, x, y float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT /F1 %.2f Tf %.2f %.2f Td ", r.o.FontSize, x, y)
	if r.o.TJ {
		b.WriteString("[")
		for i, w := range strings.Fields(s) {
			if i > 0 {
				fmt.Fprintf(&b, " %d ", -int(r.glyphWidth(' ')))
			}
			b.WriteString(r.str(w))
		}
		b.WriteString("] TJ")
	} else {
		b.WriteString(r.str(s) + " Tj")
	}
	b.WriteString(" ET\n")
	return b.String()
}

// str encodes s as a PDF string in the font's encoding.
func (r *renderer) str(s string) string {
	if r.o.Font == "Unicode" {
		var b strings.Builder
		b.WriteByte('<')
		for i := 0; i < len(s); {
			cid := -1
			if r.o.Ligatures {
				switch {
				case strings.HasPrefix(s[i:], "ffi"):
					cid, i = cidFFI, i+3
				case strings.HasPrefix(s[i:], "fi"):
					cid, i = cidFI, i+2
				case strings.HasPrefix(s[i:], "fl"):
					cid, i = cidFL, i+2
				}
			}
			if cid < 0 {
				c, n := utf8.DecodeRuneInString(s[i:])
				i += n
				cid = int(c)
				if c > 0xFFFF {
					cid = '?'
				}
			}
			fmt.Fprintf(&b, "%04X", cid)
		}
		b.WriteByte('>')
		return b.String()
	}
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range s {
		e, ok := charmap.Windows1252.EncodeRune(c)
		if !ok {
			e = '?'
		}
		switch e {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(e)
		default:
			if e < 32 || e > 126 {
				fmt.Fprintf(&b, "\\%03o", e)
			} else {
				b.WriteByte(e)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

// document writes the PDF file: catalog, page tree, font, pages.
func (r *renderer) document(pages [][]string) []byte {
	var objs []string // objs[i] is object i+1
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // page tree, filled in below
	fontDict := r.fontObjects(add)
	font := add(fontDict)
	fonts := fmt.Sprintf("/F1 %d 0 R", font)
	if r.bold {
		bold := add(strings.Replace(fontDict, "/BaseFont /Helvetica ", "/BaseFont /Helvetica-Bold ", 1))
		fonts += fmt.Sprintf(" /F2 %d 0 R", bold)
	}
	var kids []string
	for _, p := range pages {
		content := []byte(strings.Join(p, ""))
		filter := ""
		if r.o.Compress {
			var z bytes.Buffer
			zw := zlib.NewWriter(&z)
			zw.Write(content)
			zw.Close()
			content, filter = z.Bytes(), " /Filter /FlateDecode"
		}
		c := add(fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(content), filter, content))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << %s >> >> /Contents %d 0 R >>",
			r.o.Width, r.o.Height, fonts, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// fontObjects adds the font's helper objects and returns the font
// dictionary.
func (r *renderer) fontObjects(add func(string) int) string {
	if r.o.Font != "Unicode" {
		ws := make([]string, 0, 224)
		for c := 32; c < 256; c++ {
			ws = append(ws, fmt.Sprint(r.glyphWidth(rune(c))))
		}
		return fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>",
			r.o.Font, strings.Join(ws, " "))
	}
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
3 beginbfchar
<F001> <FB01>
<F002> <FB02>
<F003> <006600660069>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`
	tu := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap))
	var w strings.Builder
	w.WriteString("[32 [")
	for c := 32; c <= 126; c++ {
		fmt.Fprintf(&w, " %v", r.glyphWidth(rune(c)))
	}
	fmt.Fprintf(&w, "] %d %d 556 %d [500 500 778]]", 0xA0, 0xEFFF, cidFI)
	desc := add("<< /Type /FontDescriptor /FontName /ProcxSans /Flags 32 /FontBBox [-500 -300 1300 1000] /ItalicAngle 0 /Ascent 900 /Descent -250 /CapHeight 700 /StemV 80 >>")
	cid := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ProcxSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 556 /W %s /CIDToGIDMap /Identity >>", desc, w.String()))
	return fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ProcxSans /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, tu)
}

// helvetica holds Helvetica's widths of codes 32 to 126.
var helvetica = [...]float64{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}
