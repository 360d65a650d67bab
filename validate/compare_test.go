package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

func TestCompareAuthors(t *testing.T) {
	cases := []struct {
		prose, bib []string
		want       string // messages joined by "|"
	}{
		{[]string{"A B", "C D"}, []string{"A B", "C D"}, ""},
		{[]string{"Laurent Reveillere"}, []string{"Laurent Réveillère"}, `author 1 "Laurent Reveillere" in the prose, "Laurent Réveillère" in the bibtex: accents differ`},
		{[]string{"A B", "C D"}, []string{"C D", "A B"}, `authors reordered: author 1 is "A B" in the prose, "C D" in the bibtex`},
		{[]string{"A B"}, []string{"A B", "C D"}, `author 2 "C D" of the bibtex is missing from the prose`},
		{[]string{"A B", "E F"}, []string{"A B"}, `author 2 "E F" in the prose is not in the bibtex`},
		{[]string{"A B", "Jon Smith"}, []string{"A B", "John Smith"}, `author 2 "Jon Smith" in the prose, "John Smith" in the bibtex: spelled differently`},
		{[]string{"ann lee"}, []string{"Ann Lee"}, `author 1 "ann lee" in the prose, "Ann Lee" in the bibtex: case differs`},
	}
	for _, c := range cases {
		var got []string
		for _, m := range compareAuthors(c.prose, c.bib) {
			got = append(got, m.msg)
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("compareAuthors(%q, %q) = %q, want %q", c.prose, c.bib, got, c.want)
		}
	}
}

func TestBibNames(t *testing.T) {
	cases := map[string]string{
		"David Hildenbrand and Martin Schulz":        "David Hildenbrand|Martin Schulz",
		`K{\"u}gelgen, Julius von and Doe, Jr, John`: "Julius von Kügelgen|John Doe, Jr",
		`{Barnes and Noble, Inc.} and Ann Lee`:       "Barnes and Noble, Inc.|Ann Lee",
		"Laurent R{\\'e}veill{\\`e}re":               "Laurent Réveillère",
		`\L{}ukasz Nowak AND Zo\"e Smith`:            "Łukasz Nowak|Zoë Smith",
	}
	for in, want := range cases {
		if got := strings.Join(bibNames(in), "|"); got != want {
			t.Errorf("bibNames(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAuthorMismatchCapped: a record whose lists differ in thousands of
// names (the prose cut by --max-authors) gets maxAuthorMismatches
// diagnostics and one that counts the rest.
func TestAuthorMismatchCapped(t *testing.T) {
	var prose []schema.Author
	var bib []string
	for i := range 3000 {
		name := fmt.Sprintf("Author%d Person", i)
		bib = append(bib, name)
		if i < 1000 {
			prose = append(prose, schema.Author{Name: name})
		}
	}
	v := &schema.Volume{Source: schema.Source{Format: "toc-text"}, Papers: []schema.Record{{
		Kind: schema.KindPaper, Title: "Many Hands", Authors: prose,
		BibTeX: &schema.BibTeX{Type: "inproceedings", Key: "k", Fields: map[string]string{"author": strings.Join(bib, " and ")}},
	}}}
	Volume(v, Options{})
	var n int
	last := ""
	for _, d := range v.Diagnostics {
		if d.Code == "author-mismatch" {
			n++
			if strings.Contains(d.Message, "more author differences") {
				last = d.Message
			}
		}
	}
	if n != maxAuthorMismatches+1 || !strings.HasPrefix(last, "1980 more author differences (prose 1000, bibtex 3000 authors)") {
		t.Errorf("%d author-mismatch diagnostics, summary %q", n, last)
	}
}
