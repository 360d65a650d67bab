package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/extract/internal/tocline"
)

// The segmenter's helpers that were rewritten to save allocations or a
// regexp are held here to what they replaced.

func randomText(r *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range r.IntN(n) {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

// sameTitleFolded is sameTitle as it was: both titles folded, then compared.
func sameTitleFolded(prose, bib string) bool {
	p := foldTitle(prose)
	return p != "" && p == foldTitle(bib)
}

func TestSameTitleMatchesFolded(t *testing.T) {
	alphabet := []string{"a", "A", "b", "1", " ", "-", "{", "\\", "é", "É", "’", "—", "İ", "\xff", "\uFFFD", "ß", "Σ", "ς"}
	r := rand.New(rand.NewPCG(11, 12))
	for range 300000 {
		p, b := randomText(r, alphabet, 5), randomText(r, alphabet, 5)
		if r.IntN(4) == 0 {
			b = strings.ToUpper(p) + randomText(r, []string{" ", "{", "}", "-"}, 3)
		}
		if got, want := sameTitle(p, b), sameTitleFolded(p, b); got != want {
			t.Fatalf("sameTitle(%q, %q) = %v, want %v", p, b, got, want)
		}
	}
}

func TestHasTitlePrefix(t *testing.T) {
	alphabet := []string{"t", "T", "i", "I", "İ", "ı", "l", "L", "e", "E", " ", "=", "\xff", "K"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 200000 {
		s := randomText(r, alphabet, 8)
		if r.IntN(2) == 0 {
			// Most lines worth testing start with "title" in some case.
			s = randomText(r, []string{"t", "T"}, 2) + randomText(r, []string{"i", "I", "İ"}, 2) + "tLe" + s
		}
		// As entryTitle uses it: a prefix, then a blank stretch up to '='.
		old := strings.HasPrefix(strings.ToLower(s), "title")
		if old {
			eq := strings.IndexByte(s, '=')
			old = eq >= 0 && strings.TrimSpace(s[5:eq]) == ""
		}
		now := hasTitlePrefix(s)
		if now {
			eq := strings.IndexByte(s, '=')
			now = eq >= 0 && strings.TrimSpace(s[5:eq]) == ""
		}
		if old != now {
			t.Fatalf("%q: entryTitle took it %v, now %v", s, old, now)
		}
	}
}

// braceDeltaRef is braceDelta as it was: every byte walked.
func braceDeltaRef(t string) int {
	d := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '{':
			d++
		case '}':
			d--
		}
	}
	return d
}

func TestBraceDeltaMatchesRef(t *testing.T) {
	pieces := []string{"{", "}", "\\", "\\{", "\\}", "a", " ", "é", "title = ", "\\\\"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		s := randomText(r, pieces, 12)
		if got, want := braceDelta(s), braceDeltaRef(s); got != want {
			t.Fatalf("braceDelta(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzBraceDelta(f *testing.F) {
	for _, s := range []string{"", "{", "}", "a = {b},", "\\{", "{\\}", "x\\", "title = {A {B} C},", "}\\\\}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := braceDelta(s), braceDeltaRef(s); got != want {
			t.Fatalf("braceDelta(%q) = %d, want %d", s, got, want)
		}
	})
}

func checkSameTitleLines(t *testing.T, ls []Line, bib string) {
	t.Helper()
	if got, want := sameTitleLines(ls, bib), sameTitleFolded(source.JoinLines(ls), bib); got != want {
		t.Fatalf("sameTitleLines(%q, %q) = %v, want %v", source.JoinLines(ls), bib, got, want)
	}
	if got, want := sameTitle(source.JoinLines(ls), bib), sameTitleFolded(source.JoinLines(ls), bib); got != want {
		t.Fatalf("sameTitle(%q, %q) = %v, want %v", source.JoinLines(ls), bib, got, want)
	}
}

func TestSameTitleLinesMatchesJoin(t *testing.T) {
	words := []string{"a", "B", "Z", "z", "0", "9", "\x00", "~", "@", "[", "`", "é", "É", "-", "x-", "é-", "–", "’", " ", "1", ".", "\xc3", "\xa9", "İ", "{", "Ω"}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		var ls []Line
		for range r.IntN(4) {
			if txt := randomText(r, words, 6); txt != "" {
				ls = append(ls, Line{Text: txt})
			}
		}
		bib := source.JoinLines(ls)
		switch r.IntN(3) {
		case 0:
			bib = randomText(r, words, 12)
		case 1: // as spellsLines reads them
			var texts []string
			for _, l := range ls {
				texts = append(texts, l.Text)
			}
			bib = strings.Join(texts, " ")
		}
		checkSameTitleLines(t, ls, bib)
	}
}

func FuzzSameTitleLines(f *testing.F) {
	f.Add("Paging Compilation\nBinary Scalable", "Paging Compilation Binary Scalable")
	f.Add("Just-\nin-Time", "Just-in-Time")
	f.Add("a\xc3\n\xa9b", "aéb")
	f.Add("a\xc3\n\xa9b", "a\xc3 \xa9b")
	f.Add("x-\ny", "x- y")
	f.Add("-\n.", "- .")
	f.Fuzz(func(t *testing.T, text, bib string) {
		checkSameTitleLines(t, source.SplitLinesString(text), bib)
	})
}

func TestIsAffiliationLineMatchesRuneCount(t *testing.T) {
	ref := func(t string) bool {
		return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && utf8.RuneCountInString(t) < 600 && !strings.Contains(t, ". ")
	}
	for _, n := range []int{0, 1, 100, 298, 299, 300, 301, 597, 598, 599, 600, 601, 1200} {
		for _, fill := range []string{"a", "é", "a. ", "€"} {
			s := "(" + strings.Repeat(fill, n) + ")"
			if got, want := isAffiliationLine(s), ref(s); got != want {
				t.Fatalf("isAffiliationLine(%d × %q) = %v, want %v", n, fill, got, want)
			}
		}
	}
}

// TestSeenFieldMatchesMap: seenField answers what the map of the fields
// kept so far answered, for entries with and without repeated names,
// short and long.
func TestSeenFieldMatchesMap(t *testing.T) {
	names := []string{"title", "author", "doi", "pages", "x", "y"}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var fields []bibtex.Field
		for range r.IntN(30) {
			fields = append(fields, bibtex.Field{Name: names[r.IntN(len(names))]})
		}
		seen := map[string]string{}
		for i, f := range fields {
			_, want := seen[f.Name]
			if got := seenField(fields, i, seen); got != want {
				t.Fatalf("seenField(%v, %d) = %v, want %v", fields, i, got, want)
			}
			if !want {
				seen[f.Name] = f.Value
			}
		}
	}
}

// stripLaTeXLiteCopying is stripLaTeXLite as it was: every value copied.
func stripLaTeXLiteCopying(v string) string {
	v = strings.TrimSuffix(strings.TrimSpace(v), ",")
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '{', '}', '"':
			continue
		case '\\':
			if i+1 < len(v) && !tocline.IsLetterASCII(v[i+1]) {
				i++
				b.WriteByte(v[i])
				continue
			}
			for i+1 < len(v) && tocline.IsLetterASCII(v[i+1]) {
				i++
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func TestStripLaTeXLiteMatchesCopying(t *testing.T) {
	pieces := []string{"{", "}", "\"", "\\", "\\'", "\\emph", "a", "B", " ", ",", "é", "\t"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 100000 {
		s := randomText(r, pieces, 10)
		if got, want := stripLaTeXLite(s), stripLaTeXLiteCopying(s); got != want {
			t.Fatalf("stripLaTeXLite(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzStripLaTeXLite(f *testing.F) {
	for _, s := range []string{"{Paging Compilation},", "{}", "{", "}", "{a}b}", "{\\'e}", " {x} ,", "\"q\"", "{a\"b}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripLaTeXLite(s), stripLaTeXLiteCopying(s); got != want {
			t.Fatalf("stripLaTeXLite(%q) = %q, want %q", s, got, want)
		}
	})
}
