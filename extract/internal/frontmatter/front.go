package frontmatter

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/pdftext"
)

// Author is a name read from the author block.
type Author struct {
	Name   string
	Marks  []string // superscript marks, in order
	Affils []int    // indexes into Front.Affiliations
	Email  string
	Line   int // the input line the name is on
}

// Front is what Analyze read.
type Front struct {
	Title        string
	Authors      []Author
	Affiliations []string
	Emails       []string
	// Notes are footnotes an author's mark points to, by mark ("*":
	// "Equal contribution").
	Notes    map[string]string
	Abstract string // paragraphs separated by a blank line
	Keywords []string
	DOI      string
	Arxiv    string
	Venue    string
	// Used marks the input lines whose text went into a field (a line
	// split into segments counts as used when all its segments were).
	Used []bool
	// TitleLines, AuthorLines and AbstractLines are the input lines of
	// those fields, in order.
	TitleLines, AuthorLines, AbstractLines []int

	open *openAbstract // an abstract that ran to the foot of page 1
}

// openAbstract is the column of an abstract that ran to the foot of the
// first page with its sentence open.
type openAbstract struct{ col0, col1, size float64 }

// abstractPage2 reads the rest of an abstract from the top of page 2,
// past its running head: the lines set alike in the same column, to the
// keywords, a heading, a change of type or a wide gap.
func (f *Front) abstractPage2(lines []pdftext.Line) {
	o := f.open
	segs := segments(lines, 2)
	sort.SliceStable(segs, func(a, b int) bool {
		if math.Abs(segs[a].y-segs[b].y) > 0.3*min(segs[a].size, segs[b].size) {
			return segs[a].y > segs[b].y
		}
		return segs[a].x0 < segs[b].x0
	})
	var prev *seg
	var gaps []float64
	for i := range segs {
		s := &segs[i]
		p := s.plain()
		if overlap(s.x0, s.x1, o.col0, o.col1) < 0.5*(s.x1-s.x0) {
			continue // another column
		}
		if math.Abs(s.size-o.size) > 0.12*o.size {
			if prev == nil {
				continue // the running head
			}
			break
		}
		if m := reKeywords.FindStringIndex(p); m != nil && f.Keywords == nil {
			// The keywords after the abstract: the rest of the line, and
			// what is set on its baseline after the label.
			parts := []string{p[m[1]:]}
			for j := i + 1; j < len(segs) && math.Abs(segs[j].y-s.y) < 0.3*s.size; j++ {
				parts[0] += " " + segs[j].plain()
				f.Used[segs[j].line] = true
			}
			f.Keywords = splitKeywords(parts)
			f.Used[s.line] = true
			break
		}
		if reKeywords.MatchString(p) || reSection.MatchString(p) || isHeading(*s, *s) {
			break
		}
		sep := " "
		if prev != nil {
			gap := prev.y - s.y
			if len(gaps) > 0 && gap > 2.5*median(gaps) {
				break
			}
			gaps = append(gaps, gap)
		} else if s.x0 > o.col0+0.9*s.size {
			sep = "\n\n" // the page starts a paragraph
		}
		if sep == " " {
			f.Abstract = joinLines([]string{f.Abstract, p})
		} else {
			f.Abstract += sep + p
		}
		f.Used[s.line] = true
		prev = s
	}
}

var (
	reAbstract = regexp.MustCompile(`(?i)^\s*(a\s?b\s?s\s?t\s?r\s?a\s?c\s?t)\s*(?:([.:—–-])\s*|(\s+)|$)`)
	reKeywords = regexp.MustCompile(`(?i)^\s*(key\s?words?|index terms|ccs concepts|additional key words and phrases)\s*([.:—–-]\s*|\s+)`)
	reSection  = regexp.MustCompile(`^\s*((1|I)\.?\s+[A-Z][A-Za-z]+|INTRODUCTION|Introduction|Background|Motivation)\s*$`)
	reDOI      = regexp.MustCompile(`\b10\.[0-9]{4,9}/[^\s"<>]+`)
	reArxiv    = regexp.MustCompile(`(?i)arxiv:\s*([0-9]{4}\.[0-9]{4,5}(v[0-9]+)?|[a-z-]+(\.[A-Z]{2})?/[0-9]{7}(v[0-9]+)?)`)
	reVenue    = regexp.MustCompile(`(?i)\b(proceedings|proc\.|journal|conference|symposium|workshop|transactions|letters|vol\.|volume)\b`)
	reCitation = regexp.MustCompile(`\b(19|20)[0-9]{2}\b.*\b[0-9]+\s*[:(]\s*[0-9]+|\b[0-9]+\s*\((19|20)[0-9]{2}\)`) // "(2014), 26:1, 147–154", "61 (2024) 103456"
	reEmail    = regexp.MustCompile(`(\{[^}]*\}|[A-Za-z0-9._%+-]+)\s*@\s*([A-Za-z0-9-]+(\s*\.\s*[A-Za-z0-9-]+)+)`)
)

// Analyze reads the front matter from the lines of a paper's first pages
// (with their runs). It never fails: what it cannot find stays empty.
func Analyze(lines []pdftext.Line) Front {
	f := Front{Used: make([]bool, len(lines))}
	segs := segments(lines, 1)
	if len(segs) == 0 {
		return f
	}
	body := bodySize(segs)
	// Reading order: top to bottom, then left to right.
	sort.SliceStable(segs, func(a, b int) bool {
		if math.Abs(segs[a].y-segs[b].y) > 0.3*min(segs[a].size, segs[b].size) {
			return segs[a].y > segs[b].y
		}
		return segs[a].x0 < segs[b].x0
	})
	ti := f.title(segs, body)
	abs := f.abstract(segs, ti, body)
	f.authors(segs, ti, abs)
	f.misc(segs, ti, body)
	if f.open != nil {
		f.abstractPage2(lines)
	}
	// A line is used when all its segments are.
	unused := make(map[int]bool)
	for _, s := range segs {
		if !s.used {
			unused[s.line] = true
			for _, l := range s.also {
				unused[l] = true
			}
		}
	}
	for _, s := range segs {
		for _, l := range append([]int{s.line}, s.also...) {
			if !unused[l] {
				f.Used[l] = true
			}
		}
	}
	return f
}

// bodySize is the type size of the most characters on the page.
func bodySize(segs []seg) float64 {
	n := map[float64]int{}
	for _, s := range segs {
		n[math.Round(s.size*2)/2] += len(s.text)
	}
	best, size := 0, 10.0
	for sz, c := range n {
		if c > best || c == best && sz < size {
			best, size = c, sz
		}
	}
	return size
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// title finds the top block in the largest type and returns the index of
// its last segment, or -1.
func (f *Front) title(segs []seg, body float64) int {
	big := 0.0
	for i, s := range segs {
		if i > 60 {
			break
		}
		if letters(s.plain()) >= 4 && !isHeaderLine(s.plain()) {
			big = max(big, s.size)
		}
	}
	if big < 1.1*body {
		return -1 // no type larger than the body's
	}
	first := -1
	for i, s := range segs {
		if s.size >= big-0.3 && letters(s.plain()) >= 4 && !isHeaderLine(s.plain()) {
			first = i
			break
		}
	}
	if first < 0 {
		return -1
	}
	// A journal's name set larger than the title ("PLOS ONE"): two words
	// or fewer alone in the largest type, above a block of three words or
	// more in a type nearly as large.
	if w := len(strings.Fields(segs[first].plain())); w <= 2 && (first+1 >= len(segs) || segs[first+1].size < big-0.3) {
		for i := first + 1; i < len(segs) && i < first+12; i++ {
			s := segs[i]
			if s.size >= 0.7*big && s.size >= 1.3*body && len(strings.Fields(s.plain())) >= 3 && !isHeaderLine(s.plain()) {
				first = i
				break
			}
		}
	}
	last := first
	parts := []string{segs[first].plain()}
	for i := first + 1; i < len(segs); i++ {
		s, p := segs[i], segs[last]
		if math.Abs(s.y-p.y) < 0.3*p.size {
			// the same baseline: a title set in pieces, or a second column
			if s.x0-p.x1 < 3*p.size && math.Abs(s.size-p.size) < 0.15*p.size {
				parts[len(parts)-1] += " " + s.plain()
				last = i
			}
			continue
		}
		if math.Abs(s.size-p.size) > 0.12*p.size || p.y-s.y > 2.2*p.size {
			break
		}
		parts = append(parts, s.plain())
		last = i
	}
	for i := first; i <= last; i++ {
		if segs[i].size >= big-0.3*big {
			segs[i].used = true
			f.TitleLines = append(f.TitleLines, segs[i].line)
		}
	}
	f.Title = joinLines(parts)
	return last
}

// isHeaderLine is a running head or venue line printed above the title.
func isHeaderLine(t string) bool {
	l := strings.ToLower(t)
	return reDOI.MatchString(t) || strings.HasPrefix(l, "arxiv") || strings.Contains(l, "http") ||
		strings.Contains(l, "©") || strings.HasPrefix(l, "research article") || strings.HasPrefix(l, "original article") ||
		reVenue.MatchString(t) && regexp.MustCompile(`[0-9]{4}`).MatchString(t)
}

// joinLines joins wrapped lines: a hyphen at a line end before a lowercase
// letter is a word broken at the margin.
func joinLines(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		s := b.String()
		switch {
		case s == "":
		case strings.HasSuffix(s, "-") && len(s) > 1:
			r, _ := utf8.DecodeRuneInString(p)
			head := strings.TrimSuffix(s, "-")
			head = head[strings.LastIndexFunc(head, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
			// "Q-" "network" keeps its hyphen: a word is not broken after
			// one letter.
			if unicode.IsLower(r) && utf8.RuneCountInString(head) >= 2 {
				b.Reset()
				b.WriteString(strings.TrimSuffix(s, "-"))
			}
		default:
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return strings.TrimSpace(b.String())
}

// abstract finds the abstract below the title and returns the index of
// the segment where the author block ends (the abstract's heading or
// first line), or len(segs).
func (f *Front) abstract(segs []seg, ti int, body float64) int {
	start, from := -1, ti+1
	inline := ""
	stop := len(segs) // where the author block ends without an abstract
	for i := from; i < len(segs); i++ {
		p := segs[i].plain()
		// "Abstract" alone, or with punctuation ("Abstract.", "Abstract—"),
		// or set apart in bold or capitals before the text on its line;
		// not "Abstract Syntax Notation" in a subtitle.
		if m := reAbstract.FindStringSubmatchIndex(p); m != nil && (m[1] == len(p) || m[4] >= 0 ||
			m[6] >= 0 && (segs[i].leadBold || p[m[2]:m[3]] == "ABSTRACT")) {
			start = i
			inline = p[m[1]:]
			break
		}
		if reSection.MatchString(p) || reKeywords.MatchString(p) {
			stop = i
			break
		}
	}
	if start < 0 {
		// No heading: the first block of prose below the title, two lines
		// or more in the body type, long, ending before a section heading.
		for i := from; i+2 < len(segs); i++ {
			if isProse(segs[i], body) && isProse(segs[i+1], body) && isProse(segs[i+2], body) && !hasEmail(segs[i].text) &&
				segs[i].y-segs[i+1].y < 1.6*body && segs[i+1].y-segs[i+2].y < 1.6*body {
				start = i
				inline = segs[i].plain()
				break
			}
		}
		if start < 0 || start > stop {
			return stop
		}
	}
	segs[start].used = true
	f.AbstractLines = append(f.AbstractLines, segs[start].line)
	head := segs[start]
	var paras [][]string
	cur := []string{}
	if strings.TrimSpace(inline) != "" {
		cur = append(cur, inline)
	}
	col0, col1 := head.x0, head.x1
	prev := head
	size := 0.0
	if inline != "" {
		size = head.size
	}
	gaps := []float64{}
	left, right := math.Inf(1), math.Inf(-1)
	for _, s := range segs {
		left, right = min(left, s.x0), max(right, s.x1)
	}
	// An abstract that fills its column to the foot of the page goes on
	// at the top of the next column: a second pass.
	stopped := false
	for pass := 0; pass < 2; pass++ {
		ended, first := false, pass == 1
		for i := start + 1; i < len(segs); i++ {
			s := segs[i]
			p := s.plain()
			if s.used {
				continue
			}
			if first {
				if s.x0 < col1-2 {
					continue // still the column the abstract filled
				}
				if reKeywords.MatchString(p) || reSection.MatchString(p) || math.Abs(s.size-size) > 0.12*size || isHeading(s, head) {
					ended = true
					break
				}
				first = false
				if s.x0 > col1+4*s.size && len(cur) > 0 {
					// Set further in than the column's lines: a paragraph.
					paras = append(paras, cur)
					cur = nil
				}
				col0, col1 = s.x0, s.x1
				cur = append(cur, p)
				segs[i].used = true
				f.AbstractLines = append(f.AbstractLines, s.line)
				prev = s
				continue
			}
			if s.y >= head.y-0.3*head.size && pass == 0 {
				continue // same baseline: another column
			}
			if len(cur) == 0 && len(paras) == 0 && size == 0 {
				// The first line after a heading, below it, sets the column.
				if overlap(s.x0, s.x1, head.x0, head.x1) <= 0 {
					continue
				}
				col0, col1, size = s.x0, s.x1, s.size
				if col1-col0 < 0.5*(head.x1-head.x0) && head.x1-head.x0 > 0 {
					col1 = head.x1
				}
				if head.x1-head.x0 < 6*head.size {
					// a short heading: the column is the first line's
					col0, col1 = s.x0, s.x1
				}
			}
			if s.x1 < col0-2 || s.x0 > col1+2 || overlap(s.x0, s.x1, col0, col1) < 0.5*(s.x1-s.x0) {
				continue // another column
			}
			if reKeywords.MatchString(p) || reSection.MatchString(p) || math.Abs(s.size-size) > 0.12*size || isHeading(s, head) {
				ended = true
				break
			}
			gap := prev.y - s.y
			if len(gaps) > 0 {
				med := median(gaps)
				if gap > 2.5*med {
					ended = true
					break
				}
				if gap > 1.35*med {
					paras = append(paras, cur)
					cur = nil
				}
			}
			if len(cur) > 0 && (s.x0 > col0+0.9*s.size || prev.x1 < col1-4*s.size && endsSentence(stripMarks(cur[len(cur)-1]))) {
				paras = append(paras, cur)
				cur = nil
			}
			gaps = append(gaps, gap)
			cur = append(cur, p)
			segs[i].used = true
			f.AbstractLines = append(f.AbstractLines, s.line)
			col0, col1 = min(col0, s.x0), max(col1, s.x1)
			prev = s
		}
		stopped = ended
		// Go on in the next column only from a left column that ran to
		// the end of the page with its last sentence open.
		if ended || pass == 1 || len(cur) == 0 || col1 > (left+right)/2+size || endsSentence(cur[len(cur)-1]) {
			break
		}
	}
	paras = append(paras, cur)
	var out []string
	for _, p := range paras {
		if t := joinLines(p); t != "" {
			out = append(out, t)
		}
	}
	f.Abstract = strings.Join(out, "\n\n")
	if !stopped && len(cur) > 0 && !endsSentence(cur[len(cur)-1]) {
		f.open = &openAbstract{col0: col0, col1: col1, size: size}
	}
	return start
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

func overlap(a0, a1, b0, b1 float64) float64 { return max(0, min(a1, b1)-max(a0, b0)) }

func median(xs []float64) float64 {
	c := append([]float64(nil), xs...)
	sort.Float64s(c)
	return c[len(c)/2]
}

func isProse(s seg, body float64) bool {
	p := s.plain()
	if strings.HasPrefix(s.text, string(markOpen)) || looksAffiliation(p) && strings.Count(p, ",") >= 2 {
		return false // an affiliation line, marked or an address
	}
	return math.Abs(s.size-body) < 0.12*body && utf8.RuneCountInString(p) >= 45 && strings.Count(p, " ") >= 6 && !isNameList(p)
}

func hasEmail(t string) bool { return reEmail.MatchString(stripMarks(t)) }

// misc reads the venue line, a DOI and an arXiv id from anywhere on the
// page, and the keywords.
func (f *Front) misc(segs []seg, ti int, body float64) {
	top, bottom := math.Inf(-1), math.Inf(1)
	for _, s := range segs {
		top, bottom = max(top, s.y), min(bottom, s.y)
	}
	for i := range segs {
		s := &segs[i]
		p := s.plain()
		if f.DOI == "" {
			if m := reDOI.FindString(p); m != "" {
				f.DOI = strings.TrimRight(m, ".,;)]")
				s.used = s.used || strings.HasPrefix(strings.ToLower(strings.TrimSpace(p)), "doi") || strings.TrimSpace(p) == m
			}
		}
		if f.Arxiv == "" {
			if m := reArxiv.FindStringSubmatch(p); m != nil {
				f.Arxiv = m[1]
			}
		}
		// The venue line: above the title, or in a smaller type at the
		// foot of the page, never a line of the body that names one.
		inHead := ti >= 0 && s.y > segs[ti].y
		inFoot := s.size < 0.95*body && s.y < bottom+0.15*(top-bottom)
		if f.Venue == "" && !s.used && (inHead || inFoot) && (reVenue.MatchString(p) || inHead && reCitation.MatchString(p)) && utf8.RuneCountInString(p) < 200 {
			f.Venue = strings.TrimSpace(p)
			s.used = true
		}
		if f.Keywords == nil {
			if m := reKeywords.FindStringIndex(p); m != nil {
				s.used = true
				parts := []string{p[m[1]:]}
				lastY := s.y
				for j := i + 1; j < len(segs) && len(parts) < 9; j++ {
					n := segs[j]
					if n.y >= s.y-0.3*s.size || overlap(n.x0, n.x1, s.x0, max(s.x1, s.x0+20*s.size)) < 0.5*(n.x1-n.x0) || n.x0 < s.x0-s.size {
						continue // the label's line, or another column
					}
					if n.used || math.Abs(n.size-s.size) > 0.12*s.size || lastY-n.y > 2*s.size || reSection.MatchString(n.plain()) || isHeading(n, n) {
						break
					}
					parts = append(parts, n.plain())
					segs[j].used = true
					lastY = n.y
				}
				f.Keywords = splitKeywords(parts)
			}
		}
	}
}

// isHeading reports whether s reads as a heading set apart from the
// abstract: short, not a sentence, and bold (where the abstract's text is
// not) or in capitals.
func isHeading(s, head seg) bool {
	p := s.plain()
	if utf8.RuneCountInString(p) > 60 || letters(p) < 3 || endsSentence(p) {
		return false
	}
	return s.bold || strings.ToUpper(p) == p
}

// splitKeywords splits the text after a keywords label at its
// separators; with the label alone on its line and no separators, each
// line below it is a keyword.
func splitKeywords(parts []string) []string {
	text := joinLines(parts)
	sep := ""
	for _, c := range []string{";", "·", "•", ","} {
		if strings.Contains(text, c) {
			sep = c
			break
		}
	}
	var ks []string
	if sep == "" && strings.TrimSpace(parts[0]) == "" && len(parts) > 1 {
		ks = parts[1:]
	} else if sep == "" {
		ks = []string{text}
	} else {
		ks = strings.Split(text, sep)
	}
	var out []string
	for _, k := range ks {
		if k = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(k), ".")); k != "" {
			out = append(out, k)
		}
	}
	return out
}
