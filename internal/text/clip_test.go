package text

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestClipMatchesRunes: Clip cuts where cutting the string's runes cuts,
// also in text with multi-byte characters and invalid bytes.
func TestClipMatchesRunes(t *testing.T) {
	byRunes := func(s string, n int) string {
		if utf8.RuneCountInString(s) <= n {
			return s
		}
		return string([]rune(s)[:n]) + "…"
	}
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "Z", " ", "é", "…", "𝔸", "\xff", "\xe2\x80"}
	clipped := 0
	for range 5000 {
		var b []byte
		for range rng.IntN(30) {
			b = append(b, parts[rng.IntN(len(parts))]...)
		}
		s, n := string(b), rng.IntN(20)
		if got, want := Clip(s, n), byRunes(s, n); got != want {
			t.Fatalf("Clip(%q, %d) = %q, want %q", s, n, got, want)
		} else if got != s {
			clipped++
		}
	}
	if clipped < 1000 {
		t.Errorf("only %d of 5000 strings clipped: the test compares little", clipped)
	}
}
