package text

import (
	"math/rand/v2"
	"testing"
)

// TestCleanDOIShortcut holds CleanDOI's shortcut for the usual DOI to the
// full reading, on DOIs with the prefixes, escapes, braces and white
// space BibTeX and prose give them.
func TestCleanDOIShortcut(t *testing.T) {
	pieces := []string{"10.", "1145/", "3453933.3454010", "{", "}", "\\_", "\\%", " ", "\t", "\n", "\u00a0", "\v",
		"https://doi.org/", "doi:", "DOI:", "http://dx.doi.org/", "x", "é"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		s := ""
		for range r.IntN(6) {
			s += pieces[r.IntN(len(pieces))]
		}
		if got, want := CleanDOI(s), cleanDOIFull(s); got != want {
			t.Fatalf("CleanDOI(%q) = %q, want %q", s, got, want)
		}
	}
	if got := CleanDOI("https://doi.org/10.1145/3453933.3454010"); got != "10.1145/3453933.3454010" {
		t.Errorf("CleanDOI of a resolver link = %q", got)
	}
}
