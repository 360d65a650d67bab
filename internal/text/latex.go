package text

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// latexAccents maps LaTeX accent commands to Unicode combining marks.
var latexAccents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', `"`: '\u0308', "~": '\u0303',
	"=": '\u0304', ".": '\u0307', "c": '\u0327', "v": '\u030C', "H": '\u030B',
	"k": '\u0328', "u": '\u0306', "r": '\u030A', "d": '\u0323', "b": '\u0331',
	"t": '\u0361',
}

// latexLetters maps LaTeX letter and symbol commands to their text.
var latexLetters = map[string]string{
	"l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "ss": "ß", "SS": "SS", "aa": "å", "AA": "Å",
	"ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "i": "ı", "j": "ȷ",
	"dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "S": "§", "P": "¶", "copyright": "©",
	"textregistered": "®", "texttrademark": "™", "textdegree": "°", "pounds": "£", "euro": "€",
	"textasciitilde": "~", "textbackslash": `\`, "textunderscore": "_", "textbar": "|",
	"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "relax": "", "protect": "",
	"space": " ", "quad": " ", "qquad": " ",
}

// latexStyles are commands whose argument is kept and whose styling is
// dropped.
var latexStyles = map[string]bool{
	"emph": true, "textit": true, "textbf": true, "textsc": true, "textrm": true, "texttt": true,
	"textsf": true, "textup": true, "textsl": true, "textnormal": true, "text": true, "mbox": true,
	"hbox": true, "url": true, "uppercase": false, "MakeUppercase": false, "bf": true, "it": true,
	"em": true, "sc": true, "rm": true, "tt": true, "sf": true, "noopsort": false, "nocase": true,
}

// latexSymbols maps escaped characters (backslash and one non-letter) to
// their text.
var latexSymbols = map[byte]string{
	'&': "&", '%': "%", '_': "_", '#': "#", '$': "$", '{': "{", '}': "}",
	' ': " ", ',': " ", ';': " ", ':': " ", '!': "", '-': "", '/': "", '@': "", '\\': " ",
}

// LaTeX decodes the LaTeX markup of a BibTeX value to Unicode text in NFC:
// accents in every spelling ({\"o}, \"{o}, \"o, {\'\i}, \c{c}, \v{r},
// \H{o}, \.z, \k{a}, \u{a}, \=a, \~n, \^o, \r{a}), letters (\l, \o, \ss,
// \aa, \ae, \oe, \i, \j and their capitals), escapes (\&, \%, \_, \#, \$),
// "--" and "---" to en and em dash, “quotes” to typographic quotes, "~"
// to a space, and styling commands (\emph{x}) to their argument. Braces
// that protect case are removed. Math ($\ell_p$) is kept verbatim, dollars
// included. Commands it does not know are kept as written, their brace
// arguments too, and returned as leftovers ("\foo").
func LaTeX(s string) (string, []string) {
	if !strings.ContainsAny(s, "\\{}$~-`'") {
		if isASCII(s) {
			return s, nil
		}
		return norm.NFC.String(s), nil
	}
	return latex(s, true)
}

// latex is LaTeX; compose says whether accents are written as the
// precomposed letter where Unicode has one, which spares normalizing the
// whole result to NFC in most text. The tests hold it to writing every
// accent as a combining mark and normalizing the result.
func latex(s string, compose bool) (string, []string) {
	d := &latexDecoder{s: s, compose: compose}
	d.b.Grow(len(s))
	d.run(len(s))
	out := d.b.String()
	if compose && !isNFC(out) || !compose && !isASCII(out) {
		out = norm.NFC.String(out)
	}
	return out, d.left
}

// BibTeXValue turns a BibTeX field value into record text: LaTeX decoded
// (see LaTeX), then cleaned (see Clean). Its findings are Clean's and a
// "latex-in-text" warning for each command left in the value. The readers
// use it where a BibTeX value becomes a record field (a title without a
// prose reading).
func BibTeXValue(s string) (string, []Finding) {
	out, left := LaTeX(s)
	out, fs := Clean(out)
	for _, l := range left {
		fs = append(fs, Finding{Code: schema.LaTeXInText,
			Message: fmt.Sprintf("latex command %q left in %q", l, Clip(s, 60))})
	}
	return out, fs
}

type latexDecoder struct {
	s       string
	i       int
	b       strings.Builder
	left    []string
	compose bool // write accented letters precomposed (see latex)
}

// run decodes s[d.i:end].
func (d *latexDecoder) run(end int) {
	for d.i < end {
		c := d.s[d.i]
		switch c {
		case '\\':
			d.command(end)
		case '{', '}':
			d.i++
		case '$':
			d.math(end)
		case '~':
			d.b.WriteByte(' ')
			d.i++
		case '-':
			switch {
			case strings.HasPrefix(d.s[d.i:end], "---"):
				d.b.WriteString("—")
				d.i += 3
			case strings.HasPrefix(d.s[d.i:end], "--"):
				d.b.WriteString("–")
				d.i += 2
			default:
				d.b.WriteByte('-')
				d.i++
			}
		case '`':
			if strings.HasPrefix(d.s[d.i:end], "``") {
				d.b.WriteString("“")
				d.i += 2
			} else {
				d.b.WriteByte(c)
				d.i++
			}
		case '\'':
			if strings.HasPrefix(d.s[d.i:end], "''") {
				d.b.WriteString("”")
				d.i += 2
			} else {
				d.b.WriteByte(c)
				d.i++
			}
		default:
			d.b.WriteByte(c)
			d.i++
		}
	}
}

// math copies $...$ or $$...$$ verbatim.
func (d *latexDecoder) math(end int) {
	delim := "$"
	if strings.HasPrefix(d.s[d.i:end], "$$") {
		delim = "$$"
	}
	j := d.i + len(delim)
	for j < end {
		if d.s[j] == '\\' {
			j += 2
			continue
		}
		if strings.HasPrefix(d.s[j:end], delim) {
			j += len(delim)
			d.b.WriteString(d.s[d.i:j])
			d.i = j
			return
		}
		j++
	}
	d.b.WriteString(d.s[d.i:end])
	d.i = end
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// command decodes the control sequence at d.i.
func (d *latexDecoder) command(end int) {
	start := d.i
	d.i++
	if d.i >= end {
		d.b.WriteByte('\\')
		d.left = append(d.left, `\`)
		return
	}
	var name string
	if isLetterByte(d.s[d.i]) {
		j := d.i
		for j < end && isLetterByte(d.s[j]) {
			j++
		}
		name = d.s[d.i:j]
		d.i = j
	} else {
		name = d.s[d.i : d.i+1]
		d.i++
	}
	if mark, ok := latexAccents[name]; ok && (len(name) == 1 && !isLetterByte(name[0]) || d.hasAccentArg(end)) {
		d.accent(mark, end)
		return
	}
	if !isLetterByte(name[0]) {
		if t, ok := latexSymbols[name[0]]; ok {
			d.b.WriteString(t)
			return
		}
		d.b.WriteString(d.s[start:d.i])
		d.left = append(d.left, d.s[start:d.i])
		return
	}
	d.skipSpace(end)
	if t, ok := latexLetters[name]; ok {
		if strings.HasPrefix(d.s[d.i:end], "{}") {
			d.i += 2
		}
		d.b.WriteString(t)
		return
	}
	if latexStyles[name] {
		if d.i < end && d.s[d.i] == '{' {
			close := matchBrace(d.s, d.i, end)
			d.i++
			d.run(close)
			d.i = min(close+1, end)
		}
		return
	}
	// Unknown: keep the command and its brace arguments as written.
	for d.i < end && d.s[d.i] == '{' {
		d.i = min(matchBrace(d.s, d.i, end)+1, end)
	}
	d.b.WriteString(d.s[start:d.i])
	d.left = append(d.left, `\`+name)
}

// hasAccentArg reports whether a letter-named accent command (\c, \v, ...)
// is followed by an argument: a brace group, or spaces and a letter.
func (d *latexDecoder) hasAccentArg(end int) bool {
	j := d.i
	if j < end && d.s[j] == '{' {
		return true
	}
	if j >= end || d.s[j] != ' ' {
		return false
	}
	for j < end && d.s[j] == ' ' {
		j++
	}
	return j < end && (isLetterByte(d.s[j]) || d.s[j] == '\\')
}

func (d *latexDecoder) skipSpace(end int) {
	for d.i < end && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n') {
		d.i++
	}
}

// accent reads the argument of an accent and writes it with the mark.
func (d *latexDecoder) accent(mark rune, end int) {
	for d.i < end && d.s[d.i] == ' ' {
		d.i++
	}
	if d.i >= end {
		return
	}
	var base string
	switch c := d.s[d.i]; {
	case c == '{':
		close := matchBrace(d.s, d.i, end)
		inner := &latexDecoder{s: d.s, i: d.i + 1, compose: d.compose}
		inner.run(close)
		d.left = append(d.left, inner.left...)
		base = inner.b.String()
		d.i = min(close+1, end)
	case c == '\\':
		inner := &latexDecoder{s: d.s, i: d.i, compose: d.compose}
		inner.command(end)
		d.left = append(d.left, inner.left...)
		base = inner.b.String()
		d.i = inner.i
	default:
		_, n := utf8.DecodeRuneInString(d.s[d.i:end])
		base = d.s[d.i : d.i+n]
		d.i += n
	}
	if base == "" {
		return
	}
	// An accent on a dotless i or j accents i or j ({\'\i} is í).
	rs := []rune(base)
	switch rs[0] {
	case 'ı':
		rs[0] = 'i'
	case 'ȷ':
		rs[0] = 'j'
	}
	if c, ok := composed(rs[0], mark); ok && d.compose {
		d.b.WriteRune(c)
	} else {
		d.b.WriteRune(rs[0])
		d.b.WriteRune(mark)
	}
	d.b.WriteString(string(rs[1:]))
}

// composedCache holds what composed found, by base and mark.
var composedCache sync.Map // [2]rune → rune, or -1 for none

// composed returns the letter NFC makes of base followed by mark ("o" and
// U+0308 make "ö"), when it makes one letter.
func composed(base, mark rune) (rune, bool) {
	key := [2]rune{base, mark}
	if c, ok := composedCache.Load(key); ok {
		return c.(rune), c.(rune) >= 0
	}
	c := rune(-1)
	if out := norm.NFC.String(string([]rune{base, mark})); utf8.RuneCountInString(out) == 1 {
		c, _ = utf8.DecodeRuneInString(out)
	}
	composedCache.Store(key, c)
	return c, c >= 0
}

// matchBrace returns the index of the brace closing the one at s[open],
// or end when it never closes.
func matchBrace(s string, open, end int) int {
	depth := 0
	for j := open; j < end; j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return end
}
