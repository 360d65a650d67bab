package text

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// namePieces are words of names: given and family names as the
// generator and the corpus write them, particles in both cases, suffixes,
// initials, names in capitals and in lowercase, letters beyond Latin-1
// of both cases, Han and Hangul, and pieces plainName must decline
// (LaTeX, commas, ties, other white space).
var namePieces = []string{
	"Noël", "Łukasz", "Zoë", "Søren", "HeuiChan", "Jean-Pierre", "Vasily", "A.", "K.", "Oğuz", "Răzvan", "Lluís",
	"Réveillère", "Kowalczyk", "Núñez", "O'Keeffe", "O’Keeffe", "Dvořák", "Çelik", "Ødegaard", "Brontë", "Papadimitriou",
	"de", "da", "van", "der", "von", "di", "le", "la", "del", "della", "bin", "al", "y", "'t", "’t", "st.", "St.",
	"De", "Van", "Le", "La", "Della", "Von", "Vander", "Ter", "El",
	"Jr.", "Jr", "jr", "Sr.", "II", "III", "IV", "Jnr.", "Snr",
	"SMITH", "ZHANG", "ŁUKASZ", "ÉMILE", "smith", "łukasz", "ST", "X", "x", "Ő", "ő", "ǅ", "ǈ", "Ǯ", "ɐ", "ʰ",
	"山田", "太郎", "김", "민준", "カタ", "ひら", "123",
	`\"o`, "{Barnes", "Noble}", "Smith,", ",", "~", "\t", "\n", "\u00a0", "\u2003", "\r", "e\u0301", "\u200b", "",
}

// nameInputs returns names of one to ten namePieces, most separated by
// one space, some by none, two or a tie.
func nameInputs(n int) []string {
	rng := rand.New(rand.NewPCG(3, 4))
	seps := []string{" ", " ", " ", " ", " ", " ", "", "  ", "~"}
	var out []string
	for range n {
		var b strings.Builder
		for i := range 1 + rng.IntN(10) {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(namePieces[rng.IntN(len(namePieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestPlainName: parseName's shortcut for plain names gives what
// parseName gave before it (parseNameSlow) on every clean name it
// takes, takes most names, and declines the ones it must.
func TestPlainName(t *testing.T) {
	taken, clean := 0, 0
	for _, s := range append(nameInputs(50000), testSeeds(t)...) {
		checkParseName(t, s)
		if Text(s) != s {
			continue // parseName is given names Text cleaned only
		}
		clean++
		a, ok := plainName(s)
		if !ok {
			continue
		}
		taken++
		want, _ := parseNameSlow(s)
		if a != want {
			t.Fatalf("plainName(%q) = %+v; parseNameSlow %+v", s, a, want)
		}
	}
	t.Logf("plainName took %d of %d clean names", taken, clean)
	if taken < clean/2 {
		t.Errorf("plainName took %d of %d clean names; want most", taken, clean)
	}
	for _, s := range []string{"", " a", "a ", "a  b", "a\tb", "a\nb", "a~b", "a, b", "Smith, Jr.", `Sch\"olkopf`, "{Barnes and Noble}", "a b c d e f g h i"} {
		if a, ok := plainName(s); ok {
			t.Errorf("plainName(%q) = %+v; want it declined", s, a)
		}
	}
	for _, s := range []string{"a", "a b", "Noël de Palma", "a b c d e f g h", "a\rb", "a\u00a0b"} {
		if _, ok := plainName(s); !ok {
			t.Errorf("plainName(%q) declined", s)
		}
	}
}

// TestLongestKey: isSuffix and isParticle, which skip the maps for long
// words, agree with the maps on every piece and on every key.
func TestLongestKey(t *testing.T) {
	words := append(append([]string(nil), namePieces...), "della", "Della", "Vander", "Jnr.", "binti", "dellas")
	for _, m := range []map[string]bool{suffixes, particles, capitalParticles} {
		for k := range m {
			words = append(words, k, k+"x")
		}
	}
	for _, w := range words {
		if got, want := isSuffix(w), suffixes[w]; got != want {
			t.Errorf("isSuffix(%q) = %v, want %v", w, got, want)
		}
		for _, capital := range []bool{false, true} {
			want := !strings.HasPrefix(w, "{") && (particles[w] || capital && capitalParticles[w])
			if got := isParticle(w, capital); got != want {
				t.Errorf("isParticle(%q, %v) = %v, want %v", w, capital, got, want)
			}
		}
	}
}

// TestLatinCase: countCase's table agrees with unicode.IsUpper and
// unicode.IsLower, and countCase counts text in one case whole.
func TestLatinCase(t *testing.T) {
	for r := rune(utf8.RuneSelf); r < rune(len(latinCase)); r++ {
		up, low := countCase(string(r))
		if up != 0 != unicode.IsUpper(r) || low != 0 != (unicode.IsLower(r) && !unicode.IsUpper(r)) {
			t.Fatalf("countCase(%q) = %d, %d", r, up, low)
		}
	}
	for _, tc := range []struct {
		s         string
		up, lower int
	}{{"ŁUKASZ-ÉMILE ZOLA", 15, 0}, {"noël de palma", 0, 11}, {"12 ", 0, 0}, {"Noël", 1, 1}, {"nOËL", 1, 1}, {"ÉMILe", 4, 1}} {
		if up, low := countCase(tc.s); up != tc.up || low != tc.lower {
			t.Errorf("countCase(%q) = %d, %d; want %d, %d", tc.s, up, low, tc.up, tc.lower)
		}
	}
}
