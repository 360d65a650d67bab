package pdfcheck_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/pdfcheck"
	"github.com/procx/procx/internal/pdfgen"
	"github.com/procx/procx/schema"
)

func read(path string, data []byte) (*schema.Volume, *schema.File) {
	return procx.ProcessFile(context.Background(), path, data, procx.Options{})
}

// volume reads BibTeX text as procx does.
func volume(t *testing.T, bib string) *schema.Volume {
	t.Helper()
	v := procx.Process(context.Background(), "vol.bib", []byte(bib), procx.Options{})
	if len(v.Papers) == 0 {
		t.Fatalf("no records in %s", bib)
	}
	return v
}

// write writes the files into a new directory and returns it.
func write(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func paper(title string, pages int, authors ...string) []byte {
	return pdfgen.Paper{Title: title, Authors: authors, Pages: pages,
		Lines: []string{"1 University of Somewhere, Country", "Abstract", "We study a problem and solve it."}}.Render(pdfgen.Options{FontSize: 10, Compress: true})
}

// got is a diagnostic as the tests compare it: its code and where it is
// (its pointer, or its path for one about a PDF alone).
func got(ds []schema.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		at := d.Pointer
		if at == "" {
			at = filepath.Base(d.Path)
		}
		out = append(out, string(d.Code)+" "+at)
	}
	slices.Sort(out)
	return out
}

const genBib = `
@inproceedings{Smith21, author = {Ann Smith and Bo Chen}, title = {Learning Sparse Dynamics from Noisy Data}, pages = {1--8}}
@inproceedings{Chen21, author = {Bo Chen and Carla Diaz}, title = {A Convex Relaxation for Hybrid Control}, pages = {9--16}, pdf = {camera/second.pdf}}
@inproceedings{Diaz21, author = {Carla Diaz and Dan Evans}, title = {Safe Exploration with Gaussian Process Models}, pages = {17--26}}
@inproceedings{Evans21, author = {Dan Evans}, title = {Regret Bounds for Adaptive Linear Quadratic Control}, pages = {27--34}, file = {:gone.pdf:PDF}}
@inproceedings{Tie21a, author = {Fay Gold}, title = {On the Sample Complexity of Tracking}, pages = {35--40}}
@inproceedings{Tie21b, author = {Gus Hill}, title = {On the Sample Complexity of Tracking}, pages = {41--46}}
@inproceedings{Jones21, author = {John Jones and Kim Lee}, title = {Neural Lyapunov Functions for Robust Stability}, pages = {47--52}}
@inproceedings{Doi21, author = {Lena Moss}, title = {Data-Driven Predictive Control of Networks}, pages = {53--58}, doi = {10.1145/3453933.3454010}}
@inproceedings{Broken21, author = {Max Nord}, title = {Kernel Methods for System Identification}, pages = {59--64}}
`

// TestGenerated plants one finding of each kind with generated PDFs and
// checks that each is found where it was planted, and nothing else.
func TestGenerated(t *testing.T) {
	broken := pdfgen.Damaged(paper("Kernel Methods for System Identification", 6, "Max Nord"))["truncated"]
	if broken == nil {
		t.Fatal("pdfgen.Damaged has no truncated variant")
	}
	toc, err := os.ReadFile("../../fixtures/pdf/vee21-a4-helvetica-tj.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := write(t, map[string][]byte{
		// A table of contents: no paper's PDF.
		"toc.pdf": toc,
		// By key, with a word added to the title.
		"Smith21.pdf": paper("Learning Sparse Nonlinear Dynamics from Noisy Data", 8, "Ann Smith", "Bo Chen"),
		// By its pdf field, with an author added.
		"second.pdf": paper("A Convex Relaxation for Hybrid Control", 8, "Bo Chen", "Carla Diaz", "Eve Fox"),
		// By title, with 7 pages for a range of 10.
		"x17.pdf": paper("Safe Exploration with Gaussian-Process Models", 7, "Carla Diaz", "Dan Evans"),
		// A tie: two records print this title.
		"tie.pdf": paper("On the Sample Complexity of Tracking", 6, "Fay Gold"),
		// By title, with an author spelled differently.
		"paper7.pdf": paper("Neural Lyapunov Functions for Robust Stability", 6, "Jon Jones", "Kim Lee"),
		// By DOI suffix; all agrees (hyphenation and case aside).
		"3453933.3454010.pdf": paper("Data-driven predictive control of net-works", 6, "Lena Moss"),
		// No record.
		"stray.pdf": paper("Quantum Annealing for Portfolio Selection", 5, "Ole Park"),
		// Damaged, by key.
		"Broken21.pdf": broken,
	})
	set, err := pdfcheck.Load(dir, read, 4)
	if err != nil {
		t.Fatal(err)
	}
	v := volume(t, genBib)
	ms, _ := set.Match(v)
	how := map[string]string{}
	for _, m := range ms {
		how[set.PDFs[m.PDF].Name] = v.Papers[m.Record].BibTeX.Key + " by " + m.How.String()
	}
	wantHow := map[string]string{
		"Smith21.pdf": "Smith21 by name", "second.pdf": "Chen21 by field", "x17.pdf": "Diaz21 by title",
		"paper7.pdf": "Jones21 by title", "3453933.3454010.pdf": "Doi21 by name", "Broken21.pdf": "Broken21 by name",
	}
	for name, w := range wantHow {
		if how[name] != w {
			t.Errorf("%s matched %q, want %q", name, how[name], w)
		}
	}
	if len(how) != len(wantHow) {
		t.Errorf("matches %v, want %v", how, wantHow)
	}
	ds := append(set.Check(v), set.Leftovers()...)
	want := []string{
		"pdf-author-mismatch /papers/1/authors",   // Eve Fox added
		"pdf-author-mismatch /papers/6/authors/0", // Jon for John
		"pdf-missing /papers/3",                   // Evans21
		"pdf-missing /papers/4",                   // the tie
		"pdf-missing /papers/5",
		"pdf-pages-mismatch /papers/2/pages",
		"pdf-title-mismatch /papers/0/title",
		"pdf-unmatched stray.pdf",
		"pdf-unmatched tie.pdf",
		"pdf-unmatched toc.pdf",
		"unknown-format Broken21.pdf",
	}
	if g := got(ds); !slices.Equal(g, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range ds {
		msg := d.Message
		var check []string
		switch d.Code {
		case schema.PDFTitleMismatch:
			check = []string{`"Learning Sparse Dynamics from Noisy Data"`, `"Learning Sparse Nonlinear Dynamics from Noisy Data"`, `the pdf adds "nonlinear"`}
		case schema.PDFPagesMismatch:
			check = []string{"pages 17-26", "count 10 pages", "x17.pdf has 7"}
		case schema.PDFAuthorMismatch:
			if strings.HasSuffix(d.Pointer, "/0") {
				check = []string{`author 1 "John Jones" in the record, "Jon Jones" in the pdf: spelled differently`}
			} else {
				check = []string{`the pdf adds author "Eve Fox" (author 3 of its 3)`}
			}
		case schema.PDFMissing:
			if d.Pointer == "/papers/3" {
				check = []string{`its file field names "gone.pdf", which is not in`}
			}
		case schema.PDFUnmatched:
			switch {
			case strings.Contains(msg, `"tie.pdf"`):
				check = []string{"a tie", "On the Sample Complexity of Tracking"}
			case strings.Contains(msg, `"toc.pdf"`):
				check = []string{"reads as a table of contents of"}
			}
		}
		for _, c := range check {
			if !strings.Contains(msg, c) {
				t.Errorf("%s: message %q lacks %q", d.Code, msg, c)
			}
		}
		if d.Code != schema.UnknownFormat && (len(d.Related) != 1 || d.Related[0].Path == "") {
			t.Errorf("%s %s: related %+v, want the pdf", d.Code, d.Pointer, d.Related)
		}
		if d.Code == schema.PDFTitleMismatch && (filepath.Base(d.Related[0].Path) != "Smith21.pdf" || d.Related[0].Page != 1) {
			t.Errorf("title mismatch related %+v, want Smith21.pdf page 1", d.Related[0])
		}
	}
}

// TestUnsureByline: a byline that does not read as names, or that shares
// no family name with the record, is not compared.
func TestUnsureByline(t *testing.T) {
	dir := write(t, map[string][]byte{
		"A.pdf": paper("Learning Sparse Dynamics from Noisy Data", 8, "Ann Smith ASMITH@MIT.EDU Department of Physics", "Bo Chen"),
		"B.pdf": paper("A Convex Relaxation for Hybrid Control", 8, "Zed Yu", "Xi Wu"),
	})
	set, err := pdfcheck.Load(dir, read, 2)
	if err != nil {
		t.Fatal(err)
	}
	v := volume(t, `@inproceedings{A, author = {Ann Smith and Bo Chen and Cy Doe}, title = {Learning Sparse Dynamics from Noisy Data}, pages = {1--8}}
@inproceedings{B, author = {Bo Chen and Carla Diaz}, title = {A Convex Relaxation for Hybrid Control}, pages = {9--16}}`)
	if ds := set.Check(v); len(ds) != 0 {
		t.Errorf("diagnostics %q, want none", got(ds))
	}
}

// TestCorpus checks the PMLR volume of the corpus against its 36 PDFs:
// every PDF is matched as pdf-keys.json says but the front matter's (it
// prints the conference's name where the BibTeX says "Preface"), and the
// one real title change is found, and no other.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "paper-pdf", "pmlr-v120")
	bib, err := os.ReadFile(filepath.Join(dir, "l4dc2020.bib"))
	if err != nil {
		t.Skip("corpus absent:", err)
	}
	keysJSON, err := os.ReadFile(filepath.Join(dir, "pdf-keys.json"))
	if err != nil {
		t.Skip("corpus absent:", err)
	}
	var keys map[string]string
	if err := json.Unmarshal(keysJSON, &keys); err != nil {
		t.Fatal(err)
	}
	set, err := pdfcheck.Load(dir, read, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.PDFs) != len(keys) {
		t.Fatalf("%d pdfs, pdf-keys.json names %d", len(set.PDFs), len(keys))
	}
	v := procx.Process(context.Background(), "l4dc2020.bib", bib, procx.Options{})
	ms, _ := set.Match(v)
	matched := map[string]string{}
	for _, m := range ms {
		matched[set.PDFs[m.PDF].Name] = v.Papers[m.Record].BibTeX.Key
	}
	for name, key := range keys {
		want := key
		if name == "bayen20a.pdf" {
			want = ""
		}
		if matched[name] != want {
			t.Errorf("%s matched %q, want %q", name, matched[name], want)
		}
	}
	ds := append(set.Check(v), set.Leftovers()...)
	var titles, unmatched, authors []string
	count := map[schema.Code]int{}
	for _, d := range ds {
		count[d.Code]++
		switch d.Code {
		case schema.PDFTitleMismatch:
			titles = append(titles, d.Message)
		case schema.PDFUnmatched:
			unmatched = append(unmatched, filepath.Base(d.Path))
		case schema.PDFAuthorMismatch:
			for _, r := range d.Related {
				if strings.HasSuffix(r.Path, ".pdf") {
					authors = append(authors, filepath.Base(r.Path))
				}
			}
			t.Logf("%s", d.Message)
		}
	}
	// The two bylines the BibTeX gets wrong: curi20a prints its authors
	// in another order, yang20a prints a fourth author, Jianqing Fan.
	slices.Sort(authors)
	if !slices.Equal(authors, []string{"curi20a.pdf", "yang20a.pdf"}) {
		t.Errorf("pdf-author-mismatch on %q, want curi20a.pdf and yang20a.pdf", authors)
	}
	if len(titles) != 1 || !strings.Contains(titles[0], "hanson20a.pdf") || !strings.Contains(titles[0], `the pdf adds "stable"`) {
		t.Errorf("pdf-title-mismatch %q, want hanson20a.pdf's added \"stable\" alone", titles)
	}
	if !slices.Equal(unmatched, []string{"bayen20a.pdf"}) {
		t.Errorf("pdf-unmatched %q, want bayen20a.pdf", unmatched)
	}
	// Every page range of a matched record counts its PDF's pages.
	if count[schema.PDFPagesMismatch] != 0 {
		t.Errorf("%d pdf-pages-mismatch, want none", count[schema.PDFPagesMismatch])
	}
	papers := 0
	for _, r := range v.Papers {
		if r.Kind == schema.KindPaper {
			papers++
		}
	}
	if want := papers - (len(keys) - 1); count[schema.PDFMissing] != want {
		t.Errorf("%d pdf-missing, want %d (papers without one of the %d matched pdfs)", count[schema.PDFMissing], want, len(keys)-1)
	}
}
