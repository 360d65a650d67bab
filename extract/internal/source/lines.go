package source

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one non-blank input line with surrounding white space trimmed.
// Off and End are the byte offsets of the trimmed text in the document.
type Line struct {
	Num      int // 1-based line number
	Off, End int
	Text     string
	// Blank is true when a blank line precedes this one.
	Blank bool
}

// SplitLines returns the non-blank lines of text. The line texts are
// slices of one copy of text rather than one allocation each (a volume
// has thousands of lines).
func SplitLines(text []byte) []Line { return SplitLinesString(string(text)) }

// SplitLinesString is SplitLines of text as a string, whose line texts are
// slices of it.
func SplitLinesString(all string) []Line {
	return SplitLinesAt(all, nil)
}

// SplitLinesAt is SplitLinesString with the offsets where the lines of
// all start, as schema.File.LineStarts gives them, if they are known
// (starts is nil otherwise): the table-of-contents segmenter passes the document's own string
// and line table rather than find every newline a second time.
func SplitLinesAt(all string, starts []int) []Line {
	n := len(starts)
	if n == 0 || starts[0] != 0 || starts[n-1] > len(all) {
		n = strings.Count(all, "\n") + 1
		starts = nil
	}
	out := make([]Line, 0, n)
	num, start := 0, 0
	blank := false
	for start <= len(all) {
		num++
		var end int
		if starts != nil {
			end = len(all)
			if num < len(starts) {
				end = starts[num] - 1 // the newline before the next line
			}
			if end < start || end > len(all) {
				return SplitLinesAt(all, nil) // not a table of all
			}
		} else if end = start + strings.IndexByte(all[start:], '\n'); end < start {
			end = len(all)
		}
		a, b := start, end
		for a < b && IsSpaceByte(all[a]) {
			a++
		}
		for b > a && IsSpaceByte(all[b-1]) {
			b--
		}
		s := all[a:b]
		// Trim Unicode white space (NBSP, ideographic space) too; only a
		// non-ASCII byte at either end can start or end some.
		if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
			if t := strings.TrimFunc(s, unicode.IsSpace); len(t) != len(s) {
				lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
				a += lead
				b = a + len(t)
				s = t
			}
		}
		if s == "" {
			blank = true
		} else {
			out = append(out, Line{Num: num, Off: a, End: b, Text: s, Blank: blank})
			blank = false
		}
		if end == len(all) {
			break
		}
		start = end + 1
	}
	return out
}

// IsSpaceByte reports whether c is ASCII white space other than a newline.
func IsSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// JoinLines joins line texts with single spaces, joining a word broken by
// a hyphen at a line end without a space and keeping the hyphen.
func JoinLines(ls []Line) string {
	if len(ls) == 1 {
		return ls[0].Text
	}
	var b strings.Builder
	b.Grow(joinedLen(ls))
	writeJoined(&b, ls)
	return b.String()
}

// writeJoined writes what joinLines returns to b.
func writeJoined(b *strings.Builder, ls []Line) {
	for i, l := range ls {
		if i > 0 {
			prev := ls[i-1].Text
			if !(strings.HasSuffix(prev, "-") && len(prev) > 1 && isLetterBefore(prev)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l.Text)
	}
}

// joinedLen is the most bytes joinLines writes for ls, so that its
// builder grows once.
func joinedLen(ls []Line) int {
	n := len(ls)
	for _, l := range ls {
		n += len(l.Text)
	}
	return n
}

func isLetterBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return unicode.IsLetter(r)
}

// LinesThrough returns ls[from:] followed by the lines of each of more. In
// the segmenter a paper's entry and link labels follow its prose in the
// same line table, so it reslices the table rather than copy them (a copy
// per paper was a fifth of what segmenting allocated); it copies lines
// that do not follow on. The result's capacity ends at its length, so
// that appending to it never overwrites the table.
func LinesThrough(ls []Line, from int, more ...[]Line) []Line {
	out := ls[from:]
	for _, next := range more {
		n := len(out)
		switch {
		case len(next) == 0:
		case cap(out) >= n+len(next) && &out[:n+1][n] == &next[0]:
			out = out[:n+len(next)]
		default:
			out = append(out[:n:n], next...)
		}
	}
	return out[:len(out):len(out)]
}

func Span(ls []Line) (int, int) {
	if len(ls) == 0 {
		return -1, -1
	}
	return ls[0].Off, ls[len(ls)-1].End
}

// RuneLen is the length of s in code points, utf8.RuneCountInString(s).
// It counts eight ASCII bytes at a time and decodes only the rest: the
// segmenter measures most lines, and paragraphs measure each line again,
// and utf8.RuneCountInString decodes every byte.
func RuneLen(s string) int { return runeLenOver(s, math.MaxInt) }

// runeLenOver is runeLen(s) if that is at most max; otherwise it is some
// count above max, found without counting the rest of s.
func runeLenOver(s string, max int) int {
	n := 0
	for len(s) > 0 && n <= max {
		if len(s) >= 8 && asciiWord(s) {
			n += 8
			s = s[8:]
			continue
		}
		size := 1
		if s[0] >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(s)
		}
		n++
		s = s[size:]
	}
	return n
}

// asciiWord reports whether the first eight bytes of s are ASCII.
func asciiWord(s string) bool {
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return w&0x8080808080808080 == 0
}

// EndsSentence reports whether a line ends with sentence-final punctuation,
// perhaps followed by closing quotes and brackets. A line that ends with
// any other ASCII byte is answered by that byte; only one that ends with
// a quote, a bracket or a non-ASCII byte is trimmed (the segmenter asks of
// most lines, and trimming a set with non-ASCII characters in it decodes
// the line from its end).
func EndsSentence(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[len(s)-1]; c {
	case '.', '?', '!', ':':
		return true
	case '"', '\'', ')', ']':
	default:
		if c < utf8.RuneSelf {
			return false
		}
	}
	return endsSentenceTrimmed(s)
}

// endsSentenceTrimmed is endsSentence of any line: trimmed of closing
// quotes and brackets, it ends with sentence-final punctuation.
func endsSentenceTrimmed(s string) bool {
	s = strings.TrimRight(s, `"'”’)]`)
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '?', '!', ':':
		return true
	}
	return false
}

// Paragraphs joins hard-wrapped lines and keeps paragraph breaks, which it
// returns as separate strings. A line break is a paragraph break when a
// blank line precedes the next line, or when the line ends a sentence and,
// in hard-wrapped text, the next line's first word would have fitted on it.
// Text is taken as hard-wrapped when its longest line is at most 200
// characters: nobody wraps wider, and a dump with one paragraph per line
// has longer lines.
func Paragraphs(ls []Line) []string {
	var out []string
	for _, p := range paragraphBounds(ls) {
		out = append(out, JoinLines(ls[p[0]:p[1]]))
	}
	return out
}

// JoinParagraphs returns strings.Join(paragraphs(ls), "\n\n"), written
// into one builder rather than a string per paragraph and their join. The
// lines where paragraphs start are found once, into a small array on the
// stack for the usual abstract.
func JoinParagraphs(ls []Line) string {
	width, wrapped := wrapWidth(ls)
	var buf [16]int
	starts := buf[:0]
	for i := 1; i < len(ls); i++ {
		if paragraphBreak(ls, i, width, wrapped) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		return JoinLines(ls)
	}
	var b strings.Builder
	b.Grow(joinedLen(ls) + len(starts)) // a break is one byte more than a space
	first := 0
	for _, i := range append(starts, len(ls)) {
		if first > 0 {
			b.WriteString("\n\n")
		}
		writeJoined(&b, ls[first:i])
		first = i
	}
	return b.String()
}

// paragraphBounds returns the paragraphs of ls, as paragraphs describes
// them, as [first, end) line index pairs.
func paragraphBounds(ls []Line) [][2]int {
	if len(ls) == 0 {
		return nil
	}
	width, wrapped := wrapWidth(ls)
	var out [][2]int
	first := 0 // the paragraph being read is ls[first:i]
	for i := 1; i < len(ls); i++ {
		if paragraphBreak(ls, i, width, wrapped) {
			out = append(out, [2]int{first, i})
			first = i
		}
	}
	return append(out, [2]int{first, len(ls)})
}

// maxWrapWidth is the widest text, in characters, taken as hard-wrapped.
const maxWrapWidth = 200

// wrapWidth returns the length in characters of the longest line of ls
// and whether ls is hard-wrapped, as paragraphs describes it. It stops at
// the first line longer than maxWrapWidth, and counts the characters of
// that line only until there are more: the text is then not wrapped, and
// its width is not needed (the width it returns is then more than
// maxWrapWidth, but not the line's).
func wrapWidth(ls []Line) (width int, wrapped bool) {
	if len(ls) < 2 {
		return 0, false
	}
	for _, l := range ls {
		n := runeLenOver(l.Text, maxWrapWidth)
		if n > maxWrapWidth {
			return n, false
		}
		width = max(width, n)
	}
	return width, true
}

// paragraphBreak reports whether a paragraph starts at ls[i] (i > 0), in
// text whose longest line is width characters long and that is wrapped
// or not.
func paragraphBreak(ls []Line, i, width int, wrapped bool) bool {
	prev, l := ls[i-1], ls[i]
	if l.Blank {
		return true
	}
	if !EndsSentence(prev.Text) {
		return false
	}
	if !wrapped {
		return true
	}
	word := l.Text
	if j := strings.IndexAny(word, " \t"); j >= 0 {
		word = word[:j]
	}
	return RuneLen(prev.Text)+1+RuneLen(word) <= width
}

// Lines splits the document's text into lines, using its line table when
// that is the table of its text.
func (doc *Document) Lines() []Line {
	text := doc.TextString()
	if doc.File == nil || len(doc.File.Text) != len(text) {
		return SplitLinesString(text)
	}
	return SplitLinesAt(text, doc.LineStarts())
}

// ContainsFold reports whether b contains s, ASCII case folded.
func ContainsFold(b []byte, s string) bool {
	for i := bytes.IndexByte(b, s[0]); i >= 0 && i+len(s) <= len(b); {
		if bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return true
		}
		j := bytes.IndexByte(b[i+1:], s[0])
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
