package pdftext

import (
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a parsed /ToUnicode CMap: code space ranges that say how
// many bytes a character code has, and the code-to-text mappings. The
// library's own CMap reader adds a bfrange offset to the last byte of the
// destination only, so ranges such as <0000> <FFFF> <0000> map every code
// above 0xFF wrongly (Ł, ř and curly quotes come out as control
// characters); this reader adds it to the last UTF-16 code unit.
type toUnicode struct {
	space  []codeRange
	chars  map[uint32]string
	ranges []bfRange
}

type codeRange struct {
	lo, hi []byte
}

type bfRange struct {
	lo, hi uint32
	n      int      // code length in bytes
	base   []uint16 // destination of lo, UTF-16
	arr    []string // or one destination per code
}

// maxCMapEntries bounds the mappings read from one CMap.
const maxCMapEntries = 1 << 17

// parseToUnicode reads a CMap program. It never fails: what it cannot read
// it leaves out.
func parseToUnicode(data []byte) *toUnicode {
	m := &toUnicode{chars: make(map[uint32]string)}
	entries := 0
	lexPS(data, func(op string, args []psObj) bool {
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i], args[i+1]
				if lo.kind == psString && hi.kind == psString && len(lo.str) == len(hi.str) && len(lo.str) >= 1 && len(lo.str) <= 4 {
					m.space = append(m.space, codeRange{[]byte(lo.str), []byte(hi.str)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && entries < maxCMapEntries; i += 2 {
				src, dst := args[i], args[i+1]
				if src.kind != psString || len(src.str) == 0 || len(src.str) > 4 {
					continue
				}
				var s string
				switch dst.kind {
				case psString:
					s = utf16BE(dst.str)
				case psName:
					s = glyphNameText(dst.str)
				default:
					continue
				}
				m.chars[codeValue(src.str)] = s
				entries++
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && entries < maxCMapEntries; i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if lo.kind != psString || hi.kind != psString || len(lo.str) == 0 || len(lo.str) > 4 || len(lo.str) != len(hi.str) {
					continue
				}
				r := bfRange{lo: codeValue(lo.str), hi: codeValue(hi.str), n: len(lo.str)}
				if r.hi < r.lo {
					continue
				}
				switch dst.kind {
				case psString:
					r.base = utf16Units(dst.str)
					if len(r.base) == 0 {
						continue
					}
				case psArray:
					for _, a := range dst.arr {
						r.arr = append(r.arr, utf16BE(a.str))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		}
		return true
	})
	return m
}

// codeLen returns the length of the code at the start of raw by the code
// space ranges, or def when none matches.
func (m *toUnicode) codeLen(raw string, def int) int {
	for _, r := range m.space {
		n := len(r.lo)
		if n > len(raw) {
			continue
		}
		ok := true
		for i := 0; i < n; i++ {
			if raw[i] < r.lo[i] || raw[i] > r.hi[i] {
				ok = false
				break
			}
		}
		if ok {
			return n
		}
	}
	return def
}

// lookup returns the text of code, and whether the CMap maps it.
func (m *toUnicode) lookup(code uint32, n int) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for i := len(m.ranges) - 1; i >= 0; i-- { // a later range overrides
		r := m.ranges[i]
		if code < r.lo || code > r.hi || (n > 0 && r.n != n) {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.base...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination: take it as a code point
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16BE(s string) string { return string(utf16.Decode(utf16Units(s))) }

// glyphNameText maps the few glyph names that appear as bfchar
// destinations; anything else is dropped.
func glyphNameText(n string) string {
	switch n {
	case "space":
		return " "
	case "fi":
		return "fi"
	case "fl":
		return "fl"
	}
	return ""
}

// pdfFont is what the text walker needs of a font: how to split a string
// into codes, the text of each code and its advance width.
type pdfFont struct {
	name    string // /BaseFont without a subset prefix ("ABCDEF+")
	twoByte bool
	cmap    *toUnicode       // from /ToUnicode, or nil
	enc     pdf.TextEncoding // the library's simple-font encoding, or nil
	builtin *[256]string     // a TeX font's built-in encoding (texBuiltin), or nil
	widths  cidWidths
	first   int
	wlist   []float64
	dw      float64 // default width, in 1/1000 em
	scale   float64 // glyph space to 1/1000 em (Type3 fonts)
	// byByte caches enc's decoding of single-byte codes, which the
	// library returns as a new string each time.
	byByte [256]string
	cached [256]bool
}

// loadFont reads a font dictionary. limit bounds the ToUnicode stream.
func loadFont(v pdf.Value, limit int64) (*pdfFont, error) {
	f := &pdfFont{dw: 0, scale: 1}
	f.name = v.Key("BaseFont").Name()
	if i := strings.IndexByte(f.name, '+'); i == 6 {
		f.name = f.name[7:]
	}
	sub := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		data, err := readStream(tu, limit)
		if err != nil {
			return nil, err
		}
		f.cmap = parseToUnicode(data)
	}
	switch sub {
	case "Type0":
		f.twoByte = true
		f.dw = 1000
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.widths = readCIDWidths(d.Key("W"))
		if f.cmap == nil {
			enc := v.Key("Encoding").Name()
			if enc != "Identity-H" && enc != "Identity-V" && strings.Contains(enc, "UCS2") {
				f.enc = ucs2{}
			}
		}
	default:
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.wlist = append(f.wlist, ws.Index(i).Float64())
		}
		if len(f.wlist) == 0 {
			f.wlist, f.first = standardWidths(v.Key("BaseFont").Name()), 0
		}
		if sub == "Type3" {
			if fm := v.Key("FontMatrix"); fm.Len() >= 1 {
				f.scale = fm.Index(0).Float64() * 1000
			}
		}
		// The library's simple encodings (WinAnsi, MacRoman, Differences);
		// without /Encoding codes are read as Latin-1.
		if k := v.Key("Encoding").Kind(); k == pdf.Name || k == pdf.Dict {
			font := pdf.Font{V: v}
			f.enc = font.Encoder()
		} else {
			f.builtin = texBuiltin(f.name)
		}
	}
	return f, nil
}

type ucs2 struct{}

func (ucs2) Decode(raw string) string { return utf16BE(raw) }

// cidWidths holds a CIDFont's /W array: single widths in a map, and
// "c1 c2 w" ranges kept as ranges, so a range over the whole code space
// costs nothing.
type cidWidths struct {
	single map[uint32]float64
	ranges []cidRange
}

type cidRange struct {
	lo, hi uint32
	w      float64
}

// readCIDWidths reads a /W array: "c [w1 w2 ...]" and "c1 c2 w".
func readCIDWidths(w pdf.Value) cidWidths {
	cw := cidWidths{single: make(map[uint32]float64)}
	n := w.Len()
	for i := 0; i+1 < n && len(cw.single) < maxCMapEntries && len(cw.ranges) < maxCMapEntries; {
		c, next := w.Index(i), w.Index(i+1)
		if next.Kind() == pdf.Array {
			start := uint32(c.Int64())
			for j := 0; j < next.Len() && len(cw.single) < maxCMapEntries; j++ {
				cw.single[start+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		cw.ranges = append(cw.ranges, cidRange{uint32(c.Int64()), uint32(next.Int64()), w.Index(i + 2).Float64()})
		i += 3
	}
	return cw
}

func (cw *cidWidths) lookup(code uint32) (float64, bool) {
	if w, ok := cw.single[code]; ok {
		return w, true
	}
	for _, r := range cw.ranges {
		if code >= r.lo && code <= r.hi {
			return r.w, true
		}
	}
	return 0, false
}

// glyph is one decoded character code.
type glyph struct {
	text  string
	width float64 // advance, in 1/1000 em
	space bool    // single-byte code 32, which takes word spacing
}

// decode splits raw into codes and decodes each.
func (f *pdfFont) decode(raw string, out []glyph) []glyph {
	for len(raw) > 0 {
		n := 1
		if f.twoByte {
			n = 2
		}
		if f.cmap != nil && len(f.cmap.space) > 0 {
			n = f.cmap.codeLen(raw, n)
		}
		n = min(n, len(raw))
		code := codeValue(raw[:n])
		var text string
		ok := false
		if f.cmap != nil {
			text, ok = f.cmap.lookup(code, n)
		}
		if !ok {
			switch {
			case f.enc != nil && n == 1:
				if !f.cached[raw[0]] {
					f.byByte[raw[0]], f.cached[raw[0]] = f.enc.Decode(raw[:1]), true
				}
				text = f.byByte[raw[0]]
			case f.enc != nil:
				text = f.enc.Decode(raw[:n])
			case f.twoByte:
				text = "" // an unmapped CID: no text
			case f.builtin != nil && f.builtin[raw[0]] != "":
				text = f.builtin[raw[0]]
			default:
				text = string(rune(raw[0]))
			}
		}
		out = append(out, glyph{text: text, width: f.width(code) * f.scale, space: n == 1 && raw[0] == ' '})
		raw = raw[n:]
	}
	return out
}

func (f *pdfFont) width(code uint32) float64 {
	if f.twoByte {
		if w, ok := f.widths.lookup(code); ok {
			return w
		}
		return f.dw
	}
	i := int(code) - f.first
	if i >= 0 && i < len(f.wlist) {
		return f.wlist[i]
	}
	return 500
}

// standardWidths returns widths for a standard-14 font that came without
// /Widths: Courier is fixed-pitch, everything else gets Helvetica's
// (close enough to find word gaps and line ends).
func standardWidths(base string) []float64 {
	ws := make([]float64, 256)
	if strings.Contains(base, "Courier") {
		for i := range ws {
			ws[i] = 600
		}
		return ws
	}
	for i := range ws {
		ws[i] = 556
	}
	for i, w := range helveticaASCII {
		ws[32+i] = w
	}
	return ws
}

// helveticaASCII holds Helvetica's widths of codes 32 to 126.
var helveticaASCII = [...]float64{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}
