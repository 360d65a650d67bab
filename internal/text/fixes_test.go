package text

import "testing"

// TestBibTeXPages: one hyphen or en dash in a range procx reads becomes
// "--"; anything else is left alone.
func TestBibTeXPages(t *testing.T) {
	for in, want := range map[string]string{
		"1-14": "1--14", "1–14": "1--14", " 11 - 20 ": " 11 -- 20 ", "4:1-4:56": "4:1--4:56", "xi-xii": "xi--xii",
		"1--14": "", "1—14": "", "1219": "", "a-b": "", "1-2-3": "", "": "",
	} {
		got, ok := BibTeXPages(in)
		if ok != (want != "") || ok && got != want || !ok && got != in {
			t.Errorf("BibTeXPages(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestBareDOI: a resolver link or "doi:" prefix is removed from a DOI, the
// white space around it kept; anything else is left alone.
func TestBareDOI(t *testing.T) {
	for in, want := range map[string]string{
		"https://doi.org/10.1145/3453933.3454010":     "10.1145/3453933.3454010",
		" HTTPS://DX.DOI.ORG/10.1145/1 ":              " 10.1145/1 ",
		"doi:10.1145/1":                               "10.1145/1",
		"10.1145/1":                                   "",
		"https://doi.org/not-a-doi":                   "",
		"https://example.org/10.1145/3453933.3454010": "",
	} {
		got, ok := BareDOI(in)
		if ok != (want != "") || ok && got != want || !ok && got != in {
			t.Errorf("BareDOI(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
