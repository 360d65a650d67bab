package pdfcheck_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/pdfcheck"
	"github.com/procx/procx/internal/pdfgen"
)

// genVolume returns a BibTeX volume of n papers and their PDFs, named so
// that a third match by key, a third by a pdf field and a third by title.
func genVolume(n int) (bib string, pdfs map[string][]byte) {
	var b strings.Builder
	pdfs = map[string][]byte{}
	topics := []string{"Sparse", "Robust", "Adaptive", "Stochastic", "Distributed", "Convex", "Neural", "Bayesian", "Optimal", "Safe", "Online"}
	objects := []string{"Control", "Estimation", "Identification", "Planning", "Filtering", "Learning", "Tracking"}
	for i := range n {
		title := fmt.Sprintf("%s %s of %s Systems, Part %s", topics[i%len(topics)], objects[(i/len(topics))%len(objects)],
			topics[(i*7+3)%len(topics)], strings.Repeat("I", 1+i%4)+fmt.Sprint(i))
		key := fmt.Sprintf("Paper%d", i)
		name := fmt.Sprintf("p%03d.pdf", i)
		extra := ""
		switch i % 3 {
		case 0:
			name = key + ".pdf"
		case 1:
			extra = ", pdf = {" + name + "}"
		}
		author := "Ann " + string(rune('A'+i%26)) + strings.Repeat("ab", 1+i/26) + "ott"
		fmt.Fprintf(&b, "@inproceedings{%s, author = {%s and Bo Writer}, title = {%s}, pages = {%d--%d}, booktitle = {Proc.}, year = {2021}%s}\n",
			key, author, title, 10*i+1, 10*i+10, extra)
		pdfs[name] = pdfgen.Paper{Title: title, Authors: []string{author, "Bo Writer"}, Pages: 10,
			Lines: []string{"1 University of Somewhere", "Abstract", "We study a problem and solve it."}}.Render(pdfgen.Options{FontSize: 10, Compress: true})
	}
	return b.String(), pdfs
}

// BenchmarkCheck reads 150 generated PDFs of ten pages and checks a volume
// of 150 papers against them; bytes are the PDFs'.
func BenchmarkCheck(b *testing.B) {
	bib, pdfs := genVolume(150)
	dir := write(b, pdfs)
	size := 0
	for _, p := range pdfs {
		size += len(p)
	}
	v := procx.Process(context.Background(), "vol.bib", []byte(bib), procx.Options{})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		set, err := pdfcheck.Load(dir, read, 0)
		if err != nil {
			b.Fatal(err)
		}
		if ds := append(set.Check(v), set.Leftovers()...); len(ds) != 0 {
			b.Fatalf("%d diagnostics, first %s", len(ds), ds[0])
		}
	}
}
