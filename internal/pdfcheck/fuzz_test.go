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
