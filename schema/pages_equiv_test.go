package schema

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// roman and ValidDOI were rewritten without a map per call and without
// strings.Split; these references are the originals they are held to.

func romanRef(s string) (int, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	lower := strings.ToLower(s)
	if lower != s && strings.ToUpper(s) != s {
		return 0, false
	}
	total := 0
	for i := 0; i < len(lower); i++ {
		v, ok := val[lower[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(lower) && val[lower[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total < 1 || toRoman(total) != lower {
		return 0, false
	}
	return total, true
}

func validDOIRef(s string) bool {
	reg, suffix, ok := strings.Cut(s, "/")
	if !ok || suffix == "" || !strings.HasPrefix(reg, "10.") || strings.ContainsAny(suffix, " \t\r\n") {
		return false
	}
	for i, part := range strings.Split(reg[3:], ".") {
		if part == "" || (i == 0 && (len(part) < 4 || len(part) > 9)) {
			return false
		}
		for _, c := range part {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

var pagesSeeds = []string{
	"", "i", "I", "xi", "XII", "xiv", "iix", "İ", "İİ", "Kx", "mcmxcix", "MMXXIV", "iiii", "1", "12", "1--14",
	"xi--xii", "4:1--4:56", "10.1145/3453933.3454010", "10.1000.10/abc", "10.48550/arXiv.2101.00001",
	"10.1145", "10.12/x", "10.1145/a b", "doi:10.1145/x", "10.abcd/x", "10.1234./x", "10..1234/x", "10.1234.5/y",
	"10.123456789/z", "10.1234567890/z", "10.１２３４/x", "\xff", "x\xff",
}

func checkPagesRewrites(t *testing.T, s string) {
	t.Helper()
	n, ok := roman(s)
	if m, ok2 := romanRef(s); n != m || ok != ok2 {
		t.Fatalf("roman(%q) = %d, %v; want %d, %v", s, n, ok, m, ok2)
	}
	if got, want := ValidDOI(s), validDOIRef(s); got != want {
		t.Fatalf("ValidDOI(%q) = %v, want %v", s, got, want)
	}
}

func TestPagesRewritesMatchReference(t *testing.T) {
	for _, s := range pagesSeeds {
		checkPagesRewrites(t, s)
	}
	pieces := []string{"i", "v", "x", "l", "c", "d", "m", "I", "V", "X", "L", "C", "D", "M", "İ", "K", "1", "0", "9",
		".", "/", "10.", " ", "a", "-", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkPagesRewrites(t, b.String())
	}
}

func FuzzPagesRewrites(f *testing.F) {
	for _, s := range pagesSeeds {
		f.Add(s)
	}
	f.Fuzz(checkPagesRewrites)
}
