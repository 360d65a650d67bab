package pdfcheck

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// FuzzTitles runs what --pdfs does with a record's title and a PDF's
// (folding, the trigram similarity, the word difference, the final note
// removed) and with a pdf field, seeded with the titles of the BibTeX
// fixture: no panic, a similarity in [0, 1] that is 1 for a title and
// itself, a bare title that begins the title.
func FuzzTitles(f *testing.F) {
	b, err := os.ReadFile("../../fixtures/bibtex/volume.bib")
	if err != nil {
		f.Fatal(err)
	}
	titles := regexp.MustCompile(`(?i)title\s*=\s*[{"](.*)[}"],?\s*$`)
	for _, l := range strings.Split(string(b), "\n") {
		if m := titles.FindStringSubmatch(l); m != nil {
			f.Add(m[1], m[1]+" (Extended Abstract)", ":papers/"+m[1]+".pdf:PDF")
		}
	}
	f.Add("Data-Driven Control", "Data-driven con-trol", `C:\pdfs\a.PDF;b.pdf`)
	f.Fuzz(func(t *testing.T, rec, pdf, field string) {
		a, b := trigrams(text.Fold(rec)), trigrams(text.Fold(pdf))
		if s := similarity(a, b); s < 0 || s > 1 {
			t.Fatalf("similarity %v", s)
		}
		if len(a) > 0 && similarity(a, a) != 1 {
			t.Fatalf("similarity of %q and itself is %v", rec, similarity(a, a))
		}
		if d := wordDiff(rec, pdf); d != "" && strings.Join(text.FoldWords(rec), " ") == strings.Join(text.FoldWords(pdf), " ") {
			t.Fatalf("words differ for equal titles %q, %q: %s", rec, pdf, d)
		}
		if bt := bareTitle(pdf); !strings.HasPrefix(strings.TrimSpace(pdf), bt) {
			t.Fatalf("bareTitle(%q) = %q", pdf, bt)
		}
		for _, n := range fieldFiles(field) {
			if !utf8.ValidString(field) {
				break
			}
			if strings.Contains(n, "/") || !strings.EqualFold(n[max(len(n)-4, 0):], ".pdf") {
				t.Fatalf("fieldFiles(%q) gave %q", field, n)
			}
		}
	})
}

func TestSame(t *testing.T) {
	for _, c := range []struct {
		a, b schema.Author
		want bool
	}{
		{schema.Author{Given: "Alexandre M.", Family: "Bayen"}, schema.Author{Given: "A.", Family: "Bayen"}, true},
		{schema.Author{Given: "George", Family: "Pappas"}, schema.Author{Given: "George J.", Family: "Pappas"}, true},
		{schema.Author{Given: "Jean-Pierre", Family: "Serre"}, schema.Author{Given: "J.-P.", Family: "Serre"}, true},
		{schema.Author{Name: "Noël de Palma"}, schema.Author{Given: "Noel", Family: "de Palma", Particle: "de"}, true},
		{schema.Author{Given: "John", Family: "Jones"}, schema.Author{Given: "Jon", Family: "Jones"}, false},
		{schema.Author{Given: "Max", Family: "Revay"}, schema.Author{Given: "Maxim", Family: "Revay"}, false},
		{schema.Author{Given: "Ann", Family: "Smith"}, schema.Author{Given: "Ann", Family: "Smyth"}, false},
	} {
		if got := same(personOf(c.a), personOf(c.b)); got != c.want {
			t.Errorf("same(%+v, %+v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCompareAuthors(t *testing.T) {
	names := func(ns ...string) []schema.Author {
		out := make([]schema.Author, len(ns))
		for i, n := range ns {
			out[i] = text.Name(n)
		}
		return out
	}
	rec := names("Ann Smith", "Bo Chen", "Cy Doe")
	for _, c := range []struct {
		name  string
		pdf   []schema.Author
		words map[string]bool
		want  []string
	}{
		{"same", names("A. Smith", "Bo Chen", "Cy Doe"), nil, nil},
		{"reordered", names("Bo Chen", "Ann Smith", "Cy Doe"), nil, []string{`authors reordered: author 1 is "Ann Smith" in the record, "Bo Chen" in the pdf`}},
		{"missing", names("Ann Smith", "Bo Chen"), nil, []string{`author 3 "Cy Doe" of the record is not in the pdf`}},
		{"read short", names("Ann Smith", "Bo Chen"), map[string]bool{"doe": true}, nil},
		{"respelled", names("Ann Smith", "Bo Chen", "Cy Dole"), nil, []string{`author 3 "Cy Doe" in the record, "Cy Dole" in the pdf: spelled differently`}},
		{"no name in common", names("Xi Wu", "Yo Li"), nil, nil},
	} {
		var got []string
		for _, d := range compareAuthors(rec, c.pdf, "", c.words) {
			got = append(got, d.msg)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
