package validate

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// ptr returns the pointer of record i, plus a suffix.
func ptr(i int, suffix string) string { return "/papers/" + strconv.Itoa(i) + suffix }

// groups splits a volume's record indexes by container, in input order.
func groups(v *schema.Volume) [][]int {
	idx := map[string]int{}
	var out [][]int
	for i, r := range v.Papers {
		g, ok := idx[r.Container]
		if !ok {
			g = len(out)
			idx[r.Container] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], i)
	}
	return out
}

// stripAccents removes combining marks after canonical decomposition.
func stripAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// fold lowers case and keeps only letters and digits, separated by single
// spaces: the form in which titles and names are compared.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// clip shortens s for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// pagesText formats a page range for messages.
func pagesText(p *schema.Pages) string {
	if p.Text != "" {
		return p.Text
	}
	return strconv.Itoa(p.First) + "-" + strconv.Itoa(p.Last)
}

// bibValue strips BibTeX braces and simple control sequences from a value
// for comparison with prose.
func bibValue(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '$':
			// Math is kept as written.
			if j := strings.IndexByte(v[i+1:], '$'); j >= 0 {
				b.WriteString(v[i : i+j+2])
				i += j + 1
				continue
			}
		case '{', '}':
			continue
		case '\\':
			if i+1 < len(v) {
				n := v[i+1]
				if !(n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z') {
					// \& \% \_ \  and accents \" \' \` \^ \~ \= \.
					i++
					if accent, ok := accents[n]; ok && i+1 < len(v) {
						j := i + 1
						if v[j] == '{' && j+2 < len(v) && v[j+2] == '}' {
							b.WriteString(norm.NFC.String(string(v[j+1]) + accent))
							i = j + 2
							continue
						}
						b.WriteString(norm.NFC.String(string(v[j]) + accent))
						i = j
						continue
					}
					if n != ' ' {
						b.WriteByte(n)
					} else {
						b.WriteByte(' ')
					}
					continue
				}
				j := i + 1
				for j < len(v) && (v[j] >= 'a' && v[j] <= 'z' || v[j] >= 'A' && v[j] <= 'Z') {
					j++
				}
				cmd := v[i+1 : j]
				if l, ok := letters[cmd]; ok {
					b.WriteString(l)
				} else if accent, ok := letterAccents[cmd]; ok && j < len(v) {
					k := j
					if v[k] == '{' && k+2 < len(v) && v[k+2] == '}' {
						b.WriteString(norm.NFC.String(string(v[k+1]) + accent))
						i = k + 2
						continue
					}
				}
				i = j - 1
				for i+1 < len(v) && v[i+1] == ' ' && len(cmd) > 0 {
					i++
				}
				continue
			}
		}
		b.WriteByte(c)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var accents = map[byte]string{'"': "\u0308", '\'': "\u0301", '`': "\u0300", '^': "\u0302", '~': "\u0303", '=': "\u0304", '.': "\u0307"}
var letterAccents = map[string]string{"c": "\u0327", "v": "\u030C", "H": "\u030B", "k": "\u0328", "u": "\u0306", "r": "\u030A", "d": "\u0323", "b": "\u0331"}
var letters = map[string]string{"l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "ss": "ß", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "i": "ı", "j": "ȷ"}

// bibNames splits a BibTeX author field on top-level " and " and turns
// "Last, First" into "First Last".
func bibNames(field string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ', '\n', '\t':
			if depth == 0 && i+5 <= len(field) && strings.EqualFold(field[i:i+5], " and ") {
				parts = append(parts, field[start:i])
				start = i + 5
				i += 4
			}
		}
	}
	parts = append(parts, field[start:])
	var out []string
	for _, p := range parts {
		// "von Last, Jr, First" and "von Last, First": commas outside
		// braces only, so "{Barnes and Noble, Inc.}" stays one name.
		var pieces []string
		depth, start := 0, 0
		for i := 0; i < len(p); i++ {
			switch p[i] {
			case '{':
				depth++
			case '}':
				depth--
			case ',':
				if depth == 0 {
					pieces = append(pieces, bibValue(p[start:i]))
					start = i + 1
				}
			}
		}
		pieces = append(pieces, bibValue(p[start:]))
		var n string
		switch len(pieces) {
		case 1:
			n = pieces[0]
		case 2:
			n = pieces[1] + " " + pieces[0]
		default:
			n = strings.Join(pieces[2:], " ") + " " + pieces[0] + ", " + pieces[1]
		}
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
