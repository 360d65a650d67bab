package procx_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/internal/pdfgen"
)

// TestGeneratedArchive plants defects in a synthetic archive and checks
// that procx reports every one, at its line, and nothing else.
func TestGeneratedArchive(t *testing.T) {
	dir := t.TempDir()
	planted, err := gen.Archive(dir, gen.Options{Volumes: 30, Papers: 15, DefectRate: 0.15, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	kinds := map[string]int{}
	for _, d := range planted {
		want = append(want, fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Code))
		kinds[d.Code]++
	}
	for _, c := range gen.Codes() {
		if kinds[c] == 0 {
			t.Errorf("the archive has no planted %s; raise the rate or the size", c)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var got []string
	papers := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v := procx.Process(context.Background(), f, data, procx.Options{})
		papers += len(v.Papers)
		for _, d := range v.Diagnostics {
			got = append(got, fmt.Sprintf("%s:%d %s", d.Path, d.Line, d.Code))
		}
	}
	if papers != 30*15 {
		t.Errorf("%d papers, want %d", papers, 30*15)
	}
	for _, w := range want {
		if i := slices.Index(got, w); i >= 0 {
			got = slices.Delete(got, i, i+1)
		} else {
			t.Errorf("planted defect not reported: %s", w)
		}
	}
	for _, g := range got {
		t.Errorf("unexpected diagnostic: %s", g)
	}
	t.Logf("%d planted defects over %d papers, all reported", len(planted), papers)
}

// TestGeneratedPDF typesets generated volumes (wrapped titles and author
// lists, diacritics, long BibTeX lines) and reads them back: the PDF gives
// the records of the text it was typeset from.
func TestGeneratedPDF(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		text, _ := gen.Volume("gen.txt", 0, gen.Options{Papers: 300, Seed: seed})
		pdf := pdfgen.Render(text, pdfgen.Options{Font: "Helvetica", FontSize: 9, Compress: true})
		fromText := procx.Process(context.Background(), "gen.txt", []byte(text), procx.Options{})
		fromPDF := procx.Process(context.Background(), "gen.pdf", pdf, procx.Options{})
		if fromPDF.Source.Format != "pdf" || len(fromPDF.Papers) != len(fromText.Papers) {
			t.Fatalf("seed %d: %d records from the pdf (%s), %d from the text", seed, len(fromPDF.Papers), fromPDF.Source.Format, len(fromText.Papers))
		}
		for i, p := range fromPDF.Papers {
			q := fromText.Papers[i]
			if p.Title != q.Title || p.DOI != q.DOI || len(p.Authors) != len(q.Authors) || p.Section != q.Section {
				t.Errorf("seed %d record %d: pdf %q %s %d authors (%s), text %q %s %d authors (%s)", seed, i,
					p.Title, p.DOI, len(p.Authors), p.Section, q.Title, q.DOI, len(q.Authors), q.Section)
			}
		}
		for _, d := range fromPDF.Diagnostics {
			t.Errorf("seed %d: %s", seed, d)
		}
	}
}
