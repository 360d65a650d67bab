// Package frontmatter reads the front matter of a paper from the
// positioned text of its first page: title, authors with their
// superscript marks, affiliations linked to the authors, emails, abstract,
// keywords, a printed DOI or arXiv id and the venue line. It works on the
// layout (type size, baselines, x extents, gaps), not on a template: lines
// are split into segments at wide gaps (columns, a name and its email set
// apart), the title is the top block in the largest type, the authors
// follow it down to the abstract, which starts at an "Abstract" heading or
// with the first block of prose.
package frontmatter

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/extract/internal/pdftext"
)

// Mark delimiters in a segment's text: a superscript mark ("1", "∗", "a")
// is kept in the text between these, so that names split on commas keep
// their own marks and affiliation lines can be split at theirs.
const (
	markOpen  = '\x01'
	markClose = '\x02'
)

// seg is a stretch of a line set apart from the rest of its line by a gap
// wider than the column gap: a column of a two-column page, a name or the
// email printed at the right margin on its line.
type seg struct {
	line   int    // index of the line in the input
	text   string // the text, marks between markOpen and markClose
	x0, x1 float64
	y      float64 // baseline of the main type
	size   float64 // the main type size
	bold   bool    // every run with letters is bold
	// leadBold is a bold run first, then type that is not: a run-in
	// heading ("Abstract We study …").
	leadBold bool
	page     int
	used     bool
	also     []int // lines merged into this segment (a mark set on a line of its own)
}

// plain returns the segment's text without its marks.
func (s *seg) plain() string { return stripMarks(s.text) }

func stripMarks(t string) string {
	if strings.IndexByte(t, markOpen) < 0 {
		return t
	}
	var b strings.Builder
	in := false
	for _, r := range t {
		switch r {
		case markOpen:
			in = true
		case markClose:
			in = false
		default:
			if !in {
				b.WriteRune(r)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// marksOf returns the marks in t, each split into its symbols: "1,2" is
// "1" and "2"; "∗†" is "∗" and "†".
func marksOf(t string) []string {
	var out []string
	for {
		i := strings.IndexByte(t, markOpen)
		if i < 0 {
			return out
		}
		j := strings.IndexByte(t[i:], markClose)
		if j < 0 {
			j = len(t) - i
		}
		out = append(out, splitMark(t[i+1:i+j])...)
		t = t[min(i+j+1, len(t)):]
	}
}

func splitMark(m string) []string {
	var out []string
	var digits strings.Builder
	flush := func() {
		if digits.Len() > 0 {
			out = append(out, digits.String())
			digits.Reset()
		}
	}
	for _, r := range m {
		switch {
		case unicode.IsDigit(r):
			digits.WriteRune(r)
		case r == ',' || unicode.IsSpace(r):
			flush()
		default:
			flush()
			out = append(out, normMark(string(r)))
		}
	}
	flush()
	return out
}

// normMark spells the asterisks alike.
func normMark(m string) string {
	switch m {
	case "∗", "⁎", "✱", "⋆", "★":
		return "*"
	}
	return m
}

// isMarkText reports whether a raised run's text can be a mark: short,
// digits, symbols, at most two letters, commas.
func isMarkText(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || utf8.RuneCountInString(t) > 8 {
		return false
	}
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r), r == ',', r == ' ':
		case unicode.IsLetter(r):
			letters++
		case strings.ContainsRune("*∗†‡§¶#⋆⁎✱★♯♮♭||", r):
		default:
			return false
		}
	}
	return letters <= 2
}

// segments splits the lines of the pages read into segments, turning
// raised runs set smaller than the line's main type into marks.
func segments(lines []pdftext.Line, page int) []seg {
	var out []seg
	for i, l := range lines {
		if l.Page != page {
			continue
		}
		if len(l.Runs) == 0 {
			out = append(out, seg{line: i, text: composeAccents(l.Text), x0: l.X0, x1: l.X1, y: l.Y, size: l.Size, page: l.Page})
			continue
		}
		// The main run: the one in the largest type with two letters or
		// more (marks are smaller), the longest of those.
		main := l.Runs[0]
		mainLetters := -1
		for _, r := range l.Runs {
			n := letters(l.Text[r.Start:r.End])
			if n < 2 && mainLetters >= 0 {
				continue
			}
			if mainLetters < 2 || r.Size > main.Size+0.1 || math.Abs(r.Size-main.Size) <= 0.1 && r.End-r.Start > main.End-main.Start {
				main, mainLetters = r, n
			}
		}
		runs := append([]pdftext.Run(nil), l.Runs...)
		sort.SliceStable(runs, func(a, b int) bool { return runs[a].X0 < runs[b].X0 })
		var cur *seg
		var b strings.Builder
		firstBold, seenLetters := false, false
		var sizes map[float64]int
		flush := func() {
			if cur == nil {
				return
			}
			cur.text = composeAccents(strings.TrimSpace(b.String()))
			cur.leadBold = firstBold && !cur.bold
			best := 0
			for sz, n := range sizes {
				if n > best || n == best && sz > cur.size {
					cur.size, best = sz, n
				}
			}
			if strings.TrimSpace(stripMarks(cur.text)) != "" || cur.text != "" {
				out = append(out, *cur)
			}
			cur = nil
			b.Reset()
		}
		prevX1 := math.Inf(-1)
		for _, r := range runs {
			t := l.Text[r.Start:r.End]
			if r.Size < 0.9*main.Size {
				// An ORCID iD set as a superscript after a name.
				t = reORCID.ReplaceAllString(t, "")
			}
			if strings.TrimSpace(t) == "" {
				continue
			}
			gap := r.X0 - prevX1
			if cur != nil && gap > 1.2*main.Size {
				flush()
			}
			if cur == nil {
				cur = &seg{line: i, x0: r.X0, y: main.Y, page: l.Page, bold: true}
				sizes = map[float64]int{}
				firstBold, seenLetters = false, false
			}
			raised := r.Y-main.Y > 0.12*main.Size && r.Size < 0.9*main.Size
			lowered := main.Y-r.Y > 0.12*main.Size && r.Size < 0.9*main.Size
			if (raised || r.Size < 0.8*main.Size && math.Abs(r.Y-main.Y) < 0.5*main.Size && strings.ContainsAny(t, "*∗†‡§¶")) && isMarkText(t) {
				b.WriteRune(markOpen)
				b.WriteString(strings.TrimSpace(t))
				b.WriteRune(markClose)
			} else {
				if b.Len() > 0 && gap > 0.15*r.Size && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t, " ") {
					b.WriteByte(' ')
				}
				b.WriteString(t)
				if !lowered {
					sizes[math.Round(r.Size*10)/10] += r.End - r.Start
				}
				if strings.ContainsFunc(t, unicode.IsLetter) {
					if !seenLetters {
						firstBold, seenLetters = isBold(r.Font), true
					}
					if !isBold(r.Font) {
						cur.bold = false
					}
				}
			}
			cur.x1 = r.X1
			prevX1 = r.X1
		}
		flush()
	}
	for i := range out {
		if out[i].size == 0 {
			out[i].size = lines[out[i].line].Size
		}
	}
	return mergeMarks(out)
}

// mergeMarks joins a mark raised so far that it became a line of its own
// to the text it is set beside: before it ("¹ Institute of ...") or after
// it ("Reed‡").
func mergeMarks(segs []seg) []seg {
	out := segs[:0:0]
	drop := make([]bool, len(segs))
	for i := range segs {
		m := segs[i]
		if !isMarkText(m.text) || letters(m.text) > 1 || strings.IndexByte(m.text, markOpen) >= 0 {
			continue
		}
		for _, j := range []int{i + 1, i - 1} {
			if j < 0 || j >= len(segs) || drop[j] {
				continue
			}
			n := &segs[j]
			if n.page != m.page || m.size >= 0.95*n.size || m.y <= n.y || m.y-n.y > 0.9*n.size || letters(n.text) < 2 {
				continue
			}
			mark := string(markOpen) + strings.TrimSpace(m.text) + string(markClose)
			switch {
			case m.x1 <= n.x0+1 && n.x0-m.x1 < 1.5*n.size:
				n.text = mark + n.text
			case m.x0 >= n.x1-1 && m.x0-n.x1 < 1.5*n.size:
				n.text += mark
			default:
				continue
			}
			n.also = append(n.also, m.line)
			n.x0, n.x1 = min(n.x0, m.x0), max(n.x1, m.x1)
			drop[i] = true
			break
		}
	}
	for i, s := range segs {
		if !drop[i] {
			out = append(out, s)
		}
	}
	return out
}

var reORCID = regexp.MustCompile(`\[?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]\]?`)

func isBold(font string) bool {
	f := strings.ToLower(font)
	return strings.Contains(f, "bold") || strings.Contains(f, "medi") || strings.Contains(f, "black") ||
		strings.Contains(f, "heavy") || strings.Contains(f, "semibold") || strings.HasPrefix(f, "cmbx") || strings.Contains(f, "-bd")
}

// spacing accents TeX draws as glyphs of their own, before the letter
// (after it for the cedilla and ogonek), and their combining forms.
var accents = map[rune]rune{'´': '\u0301', '`': '\u0300', '¨': '\u0308', 'ˆ': '\u0302', '˜': '\u0303', '¯': '\u0304',
	'˘': '\u0306', '˙': '\u0307', '˚': '\u030A', 'ˇ': '\u030C', '˝': '\u030B'}

// composeAccents puts a spacing accent drawn beside its letter on the
// letter ("Cort´es" is "Cortés", "˚Astr¨om" is "Åström", "c¸" is "ç").
func composeAccents(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { _, ok := accents[r]; return ok || r == '¸' || r == '˛' }) {
		return s
	}
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if c, ok := accents[r]; ok && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			out = append(out, rs[i+1], c)
			i++
			continue
		}
		if (r == '¸' || r == '˛') && len(out) > 0 && unicode.IsLetter(out[len(out)-1]) {
			c := '\u0327'
			if r == '˛' {
				c = '\u0328'
			}
			out = append(out, c)
			continue
		}
		// The accent after a space: "Cort ´es".
		if c, ok := accents[r]; ok && i+2 < len(rs) && rs[i+1] == ' ' && unicode.IsLetter(rs[i+2]) && len(out) > 0 && unicode.IsLetter(out[len(out)-1]) {
			out = append(out, rs[i+2], c)
			i += 2
			continue
		}
		out = append(out, r)
	}
	return norm.NFC.String(string(out))
}
