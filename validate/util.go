package validate

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// ptr returns the pointer of record i, plus a suffix.
func ptr(i int, suffix string) string { return "/papers/" + strconv.Itoa(i) + suffix }

// groups splits a volume's record indexes by container, in input order.
func groups(v *schema.Volume) [][]int {
	if oneContainer(v.Papers) { // the common case: no map
		all := make([]int, len(v.Papers))
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
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

// oneContainer reports whether the papers, at least one, share a container.
func oneContainer(papers []schema.Record) bool {
	for i := range papers {
		if papers[i].Container != papers[0].Container {
			return false
		}
	}
	return len(papers) > 0
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
	if f, ok := foldASCII(s); ok {
		return f
	}
	return foldUnicode(s)
}

func foldUnicode(s string) string {
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

// foldASCII is fold for ASCII text, most titles, in one pass and one
// allocation; ok is false when s has a byte beyond ASCII.
func foldASCII(s string) (string, bool) {
	var b strings.Builder // one allocation; String does not copy
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		default:
			space = true
		}
	}
	return b.String(), true
}

// pagesText formats a page range for messages.
func pagesText(p *schema.Pages) string {
	if p.Text != "" {
		return p.Text
	}
	return strconv.Itoa(p.First) + "-" + strconv.Itoa(p.Last)
}

// bibValue decodes a BibTeX value for comparison with prose.
func bibValue(v string) string {
	out, _ := text.LaTeX(v)
	return text.Text(out)
}

// bibNames returns the display names of a BibTeX author field.
func bibNames(field string) []string {
	authors, _ := text.BibTeXAuthors(field)
	out := make([]string, len(authors))
	for i, a := range authors {
		out[i] = a.Name
	}
	return out
}

// recordIndex returns N of a pointer into record N ("/papers/N/...").
func recordIndex(ptr string) (int, bool) {
	rest, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok {
		return 0, false
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 0
}
