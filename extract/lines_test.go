package extract

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

// splitLinesSimple is splitLines as it was before it sliced one copy of
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
		for a < b && source.IsSpaceByte(text[a]) {
			a++
		}
		for b > a && source.IsSpaceByte(text[b-1]) {
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
	got, want := source.SplitLines(text), splitLinesSimple(text)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("source.SplitLines(%q) =\n%+v\nwant\n%+v", text, got, want)
	}
	// With the document's line table, and with tables of another text.
	doc := Decode("f", text)
	if got, want := docLines(doc), splitLinesSimple(doc.Text); !reflect.DeepEqual(got, want) {
		t.Fatalf("docLines(%q) =\n%+v\nwant\n%+v", doc.Text, got, want)
	}
	if got, want := source.SplitLinesAt(string(text), schema.NewFile("", text).LineStarts()), splitLinesSimple(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("source.SplitLinesAt(%q) =\n%+v\nwant\n%+v", text, got, want)
	}
	// A table of another text must not make it panic.
	for _, other := range [][]int{{0}, {0, 1}, {0, len(text)}, {0, len(text) + 1}, {0, 2, 1}, {5}} {
		source.SplitLinesAt(string(text), other)
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
	table := source.SplitLines([]byte("a\nb\nc\nd\ne\nf\n"))
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
		{linesThrough(table[:2], 1, table[2:4], table[4:5]), "bcde"},
		{linesThrough(table[:2], 2, table[2:4], nil), "cd"},
		{linesThrough(table[:2], 0, nil, table[2:3]), "abc"},
		{linesThrough(table[:2], 0, table[3:4], table[4:5]), "abde"}, // a gap: copied
		{linesThrough(table[:2], 0, table[2:3], table[5:6]), "abcf"},
		{linesThrough(table[:2:2], 0, table[2:3]), "abc"},
		{linesThrough(table[:0], 0, table[1:2]), "b"},
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
	r := linesThrough(table[:2], 0, table[2:3])
	_ = append(r, Line{Text: "x"})
	if texts(table) != "abcdef" {
		t.Errorf("table changed: %q", texts(table))
	}
}

// splitAuthorsSimple is SplitAuthors as it was before it cut parts in
// place: the reference TestSplitAuthorsMatchesSimple holds it to.
func splitAuthorsSimple(s string) []string {
	splitAnd := func(s string) []string {
		s = strings.TrimSpace(s)
		for _, lead := range []string{"and ", "& "} {
			s = strings.TrimPrefix(s, lead)
		}
		var out []string
		for {
			i := strings.Index(s, " and ")
			j := strings.Index(s, " & ")
			if j >= 0 && (i < 0 || j < i) {
				out = append(out, s[:j])
				s = s[j+3:]
				continue
			}
			if i < 0 {
				break
			}
			out = append(out, s[:i])
			s = s[i+5:]
		}
		s = strings.TrimSuffix(strings.TrimSuffix(s, " and"), " &")
		if s == "and" || s == "&" {
			s = ""
		}
		return append(out, s)
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		for j, name := range splitAnd(part) {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if j == 0 && len(out) > 0 && isSuffix(name) {
				out[len(out)-1] += ", " + name
				continue
			}
			out = append(out, name)
		}
	}
	return out
}

// checkSplitAuthors holds SplitAuthors to splitAuthorsSimple, and
// indexNear to strings.Index on the names and their words.
func checkSplitAuthors(t *testing.T, s string) {
	t.Helper()
	got, want := SplitAuthors(s), splitAuthorsSimple(s)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SplitAuthors(%q) = %q, want %q", s, got, want)
	}
	for _, name := range append(got, "", "and", " ", firstWord(s)) {
		for from := range min(len(s)+1, 12) {
			if g, w := indexNear(s[from:], name), strings.Index(s[from:], name); g != w {
				t.Fatalf("indexNear(%q, %q) = %d, want %d", s[from:], name, g, w)
			}
		}
	}
}

func TestSplitAuthorsMatchesSimple(t *testing.T) {
	alphabet := []string{" ", ",", "and", " and ", "&", " & ", "A", "Bo", "Jr.", "II", "é", "\t", "an", "d ", "& "}
	r := rand.New(rand.NewPCG(9, 10))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		checkSplitAuthors(t, b.String())
	}
}

func FuzzSplitAuthors(f *testing.F) {
	for _, s := range []string{"A, B, and C", "A and B", "A & B", "A, Jr., B", " and and ", "A  and  B &", "& A and", "Ann Author, Ann Author and Ann"} {
		f.Add(s)
	}
	f.Fuzz(checkSplitAuthors)
}
