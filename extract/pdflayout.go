package extract

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/pdftext"
)

// reflow joins the lines the typesetter wrapped: a line is continued by
// the next when the next line's first word would have fitted in the room
// left at the right margin of its column, the type size is the same and
// the next line starts at the column's left edge; a parenthesised line
// ("(Inst, Country;") continues until its parenthesis closes. Lines that
// start a BibTeX entry, close one or open a parenthesis are never joined
// to the line before.
func reflow(ls []pdftext.Line) []pdftext.Line {
	if len(ls) == 0 {
		return nil
	}
	words := attestedWords(ls)
	cols := newColumns(ls)
	var groups [][]pdftext.Line
	cur := []pdftext.Line{ls[0]}
	joined := ls[0].Text
	for i := 1; i < len(ls); i++ {
		if continues(joined, cur[len(cur)-1], ls[i], cols) {
			cur = append(cur, ls[i])
			joined = joinWrapped(joined, ls[i].Text, words)
		} else {
			groups = append(groups, cur)
			cur = []pdftext.Line{ls[i]}
			joined = ls[i].Text
		}
	}
	groups = append(groups, cur)
	groups = splitTitles(groups, bibTitles(groups, words), words)
	out := make([]pdftext.Line, len(groups))
	for i, g := range groups {
		out[i] = g[0]
		out[i].Text = joinGroup(g, words)
		out[i].X1 = g[len(g)-1].X1
	}
	return out
}

func joinGroup(g []pdftext.Line, words map[string]bool) string {
	s := g[0].Text
	for _, l := range g[1:] {
		s = joinWrapped(s, l.Text, words)
	}
	return s
}

// bibTitles returns the folded titles of the BibTeX entries in the text.
func bibTitles(groups [][]pdftext.Line, words map[string]bool) map[string]bool {
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
func splitTitles(groups [][]pdftext.Line, titles map[string]bool, words map[string]bool) [][]pdftext.Line {
	if len(titles) == 0 {
		return groups
	}
	var out [][]pdftext.Line
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
func continues(cur string, prev, next pdftext.Line, cols *columns) bool {
	t := next.Text
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
	if math.Abs(prev.Size-next.Size) > 0.15*prev.Size {
		return false
	}
	size := prev.Size
	if next.Page == prev.Page {
		if math.Abs(next.X0-prev.X0) > size {
			return false
		}
	}
	right := cols.right(prev)
	// On a page set with equal side margins the column of a line that
	// starts at the left margin ends at the page width less that margin.
	if prev.PageWidth > 0 {
		if r := prev.PageWidth - prev.X0; r > right && r-right < 0.03*prev.PageWidth {
			right = r
		}
	}
	return right-prev.X1 < next.FirstWord+0.25*size
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
	pages map[int][]pdftext.Line
	cache map[[3]int]float64
}

func newColumns(ls []pdftext.Line) *columns {
	c := &columns{pages: make(map[int][]pdftext.Line), cache: make(map[[3]int]float64)}
	for _, l := range ls {
		c.pages[l.Page] = append(c.pages[l.Page], l)
	}
	return c
}

func (c *columns) right(prev pdftext.Line) float64 {
	key := [3]int{prev.Page, int(prev.X0), int(prev.Size * 10)}
	if r, ok := c.cache[key]; ok {
		return max(r, prev.X1)
	}
	r := prev.X1
	page := c.pages[prev.Page]
	for _, l := range page {
		// On a page with very many distinct lines starts, take the
		// page's right edge rather than scanning per column.
		if len(c.cache) > 256 || (math.Abs(l.X0-prev.X0) <= prev.Size && math.Abs(l.Size-prev.Size) <= 0.15*prev.Size) {
			r = max(r, l.X1)
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
			// Two pieces that are no words of the document ("limi-",
			// "tation") are one word broken at a syllable, as
			// pdftotext joins them; a hyphen between words stays.
			if r, _ := utf8.DecodeRuneInString(tail); unicode.IsLower(r) &&
				!words[strings.ToLower(head)] && !words[strings.ToLower(tail)] {
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
func attestedWords(ls []pdftext.Line) map[string]bool {
	m := make(map[string]bool)
	for i, l := range ls {
		t := l.Text
		if strings.HasSuffix(t, "-") {
			t = strings.TrimSuffix(t, lastWord(strings.TrimSuffix(t, "-"))+"-")
		}
		if i > 0 && strings.HasSuffix(ls[i-1].Text, "-") {
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
func pdfDocText(ls []pdftext.Line) ([]byte, []int) {
	var b bytes.Buffer
	starts := make([]int, len(ls))
	for i, l := range ls {
		starts[i] = b.Len()
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.Bytes(), starts
}
