package source

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/procx/procx/schema"
)

// splitLinesSimple is SplitLines as it was before it sliced one copy of
// the text and skipped the Unicode trim for ASCII-edged lines: the
// reference the tests hold it to.
func splitLinesSimple(text []byte) []Line {
	out := make([]Line, 0, bytes.Count(text, []byte{'\n'})+1)
	num, start := 0, 0
	blank := false
	for start <= len(text) {
		num++
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		a, b := start, end
		for a < b && IsSpaceByte(text[a]) {
			a++
		}
		for b > a && IsSpaceByte(text[b-1]) {
			b--
		}
		s := string(text[a:b])
		if t := strings.TrimFunc(s, unicode.IsSpace); len(t) != len(s) {
			lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
			a += lead
			b = a + len(t)
			s = t
		}
		if s == "" {
			blank = true
		} else {
			out = append(out, Line{Num: num, Off: a, End: b, Text: s, Blank: blank})
			blank = false
		}
		if end == len(text) {
			break
		}
		start = end + 1
	}
	return out
}

func checkSplitLines(t *testing.T, text []byte) {
	t.Helper()
	got, want := SplitLines(text), splitLinesSimple(text)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SplitLines(%q) =\n%+v\nwant\n%+v", text, got, want)
	}
	// With the document's line table, and with tables of another text.
	doc := Decode("f", text)
	if got, want := doc.Lines(), splitLinesSimple(doc.Text); !reflect.DeepEqual(got, want) {
		t.Fatalf("doc.Lines() of %q =\n%+v\nwant\n%+v", doc.Text, got, want)
	}
	if got, want := SplitLinesAt(string(text), schema.NewFile("", text).LineStarts()), splitLinesSimple(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("SplitLinesAt(%q) =\n%+v\nwant\n%+v", text, got, want)
	}
	// A table of another text must not make it panic.
	for _, other := range [][]int{{0}, {0, 1}, {0, len(text)}, {0, len(text) + 1}, {0, 2, 1}, {5}} {
		SplitLinesAt(string(text), other)
	}
}

var splitLinesCases = []string{
	"", "\n", "a", "a\n", "\na", " a \n\n b\t\r\n", "\u00a0x\u00a0", "\u3000 \u00a0 x \u2003",
	"x\u0085", "\u0085", "\u00a0", " \u00a0 ", "é", "a\x80", "\xff \n \xe2\x80", "\v\f\r\n",
}

func TestSplitLinesMatchesSimple(t *testing.T) {
	for _, c := range splitLinesCases {
		checkSplitLines(t, []byte(c))
	}
	alphabet := []string{" ", "\t", "\r", "\n", "\n", "a", "é", "\u00a0", "\u3000", "\u0085", "\xff", "\xe2\x80", "\v"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		checkSplitLines(t, b)
	}
}

func FuzzSplitLines(f *testing.F) {
	for _, c := range splitLinesCases {
		f.Add([]byte(c))
	}
	f.Fuzz(checkSplitLines)
}

func TestLinesThrough(t *testing.T) {
	table := SplitLines([]byte("a\nb\nc\nd\ne\nf\n"))
	texts := func(ls []Line) string {
		var s []string
		for _, l := range ls {
			s = append(s, l.Text)
		}
		return strings.Join(s, "")
	}
	cases := []struct {
		got  []Line
		want string
	}{
		{LinesThrough(table[:2], 1, table[2:4], table[4:5]), "bcde"},
		{LinesThrough(table[:2], 2, table[2:4], nil), "cd"},
		{LinesThrough(table[:2], 0, nil, table[2:3]), "abc"},
		{LinesThrough(table[:2], 0, table[3:4], table[4:5]), "abde"}, // a gap: copied
		{LinesThrough(table[:2], 0, table[2:3], table[5:6]), "abcf"},
		{LinesThrough(table[:2:2], 0, table[2:3]), "abc"},
		{LinesThrough(table[:0], 0, table[1:2]), "b"},
	}
	for i, c := range cases {
		if got := texts(c.got); got != c.want {
			t.Errorf("case %d: %q, want %q", i, got, c.want)
		}
		if cap(c.got) != len(c.got) {
			t.Errorf("case %d: capacity %d beyond length %d", i, cap(c.got), len(c.got))
		}
	}
	// Appending to a result leaves the table alone.
	r := LinesThrough(table[:2], 0, table[2:3])
	_ = append(r, Line{Text: "x"})
	if texts(table) != "abcdef" {
		t.Errorf("table changed: %q", texts(table))
	}
}
