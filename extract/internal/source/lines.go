package source

import (
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
// slices of one copy of text rather than one allocation each: a volume
// has thousands of lines, and a string per line was most of the cost of
// splitting.
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
