package source

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// paragraphsCopying is paragraphs as it was, copying each paragraph's
// lines and joining them as it went.
func paragraphsCopying(ls []Line) []string {
	if len(ls) == 0 {
		return nil
	}
	width := 0
	for _, l := range ls {
		width = max(width, utf8.RuneCountInString(l.Text))
	}
	wrapped := width <= 200 && len(ls) > 1
	var out []string
	cur := []Line{ls[0]}
	for i := 1; i < len(ls); i++ {
		prev, l := ls[i-1], ls[i]
		brk := l.Blank
		if !brk && EndsSentence(prev.Text) {
			if wrapped {
				first := l.Text
				if j := strings.IndexAny(first, " \t"); j >= 0 {
					first = first[:j]
				}
				brk = utf8.RuneCountInString(prev.Text)+1+utf8.RuneCountInString(first) <= width
			} else {
				brk = true
			}
		}
		if brk {
			out = append(out, JoinLines(cur))
			cur = cur[:0:0]
		}
		cur = append(cur, l)
	}
	return append(out, JoinLines(cur))
}

func TestParagraphsMatchCopying(t *testing.T) {
	words := []string{"a", "bc", "word.", "end?", "x-", "é-", "(q)", "\"s.\"", strings.Repeat("long ", 45)}
	r := rand.New(rand.NewPCG(17, 18))
	for range 50000 {
		var ls []Line
		for range r.IntN(7) {
			ls = append(ls, Line{Text: strings.TrimSpace(randomText(r, append(words, " "), 6) + "z" + randomText(r, words, 3)), Blank: r.IntN(5) == 0})
		}
		want := paragraphsCopying(ls)
		if got := Paragraphs(ls); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("paragraphs(%+v) = %q, want %q", ls, got, want)
		}
		if got := JoinParagraphs(ls); len(ls) > 0 && got != strings.Join(want, "\n\n") {
			t.Fatalf("joinParagraphs(%+v) = %q, want %q", ls, got, strings.Join(want, "\n\n"))
		}
	}
}

// checkRuneLen holds runeLen to utf8.RuneCountInString, and runeLenOver
// to it where the count is at most the bound and above the bound where
// it is not.
func checkRuneLen(t *testing.T, s string) {
	t.Helper()
	want := utf8.RuneCountInString(s)
	if got := RuneLen(s); got != want {
		t.Fatalf("runeLen(%q) = %d, want %d", s, got, want)
	}
	for _, max := range []int{0, 1, 7, 8, 9, want - 1, want, want + 1, 200} {
		if got := runeLenOver(s, max); want <= max && got != want || want > max && got <= max {
			t.Fatalf("runeLenOver(%q, %d) = %d; the count is %d", s, max, got, want)
		}
	}
}

func TestRuneLenMatchesRuneCount(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "é", "€", "\xff", "\xc3", "\xe2\x82", "𝔸", " ", "\x80"}
	r := rand.New(rand.NewPCG(21, 22))
	for range 50000 {
		checkRuneLen(t, randomText(r, pieces, 30))
	}
}

func FuzzRuneLen(f *testing.F) {
	for _, s := range []string{"", "abcdefghé", "\xff\xfe", "Réveillère, Noël and Łukasz", "aaaaaaa\xc3"} {
		f.Add(s)
	}
	f.Fuzz(checkRuneLen)
}

func TestEndsSentenceMatchesRef(t *testing.T) {
	pieces := []string{"a", ".", "?", "!", ":", "\"", "'", "”", "’", ")", "]", "é", "\xe2", "\x80", "\x9d", " ", "“", ",", "\xff"}
	r := rand.New(rand.NewPCG(23, 24))
	for range 100000 {
		s := randomText(r, pieces, 6)
		if got, want := EndsSentence(s), endsSentenceTrimmed(s); got != want {
			t.Fatalf("endsSentence(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzParagraphs holds paragraphs and joinParagraphs to paragraphsCopying,
// and endsSentence to endsSentenceTrimmed (what it was before its ASCII
// shortcut), on the lines of any text, split as the segmenter splits them.
func FuzzParagraphs(f *testing.F) {
	f.Add("We present a thing.\nIt is good.\n\nNew paragraph\ncontinues here.")
	f.Add(strings.Repeat("long ", 45) + ".\nnext.\nx")
	f.Add("Réveillère é-\nnext line. End?\nShort")
	f.Fuzz(func(t *testing.T, text string) {
		ls := SplitLinesString(text)
		for _, l := range ls {
			if got, want := EndsSentence(l.Text), endsSentenceTrimmed(l.Text); got != want {
				t.Fatalf("endsSentence(%q) = %v, want %v", l.Text, got, want)
			}
		}
		want := paragraphsCopying(ls)
		if got := Paragraphs(ls); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("paragraphs(%+v) = %q, want %q", ls, got, want)
		}
		if got := JoinParagraphs(ls); len(ls) > 0 && got != strings.Join(want, "\n\n") {
			t.Fatalf("joinParagraphs(%+v) = %q, want %q", ls, got, strings.Join(want, "\n\n"))
		}
	})
}

// randomText joins up to n-1 pieces drawn from alphabet.
func randomText(r *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range r.IntN(n) {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}
