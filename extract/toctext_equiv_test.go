package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
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
