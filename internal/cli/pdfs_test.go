package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/internal/pdfgen"
	"github.com/procx/procx/schema"
)

// pdfVolume writes a BibTeX volume of two papers and a directory of PDFs
// for it: one whose title gained a word, and one no record has.
func pdfVolume(t *testing.T) (bib, dir string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "pdfs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bib = filepath.Join(root, "vol.bib")
	files := map[string][]byte{
		bib: []byte(`@inproceedings{Smith21, author = {Ann Smith and Bo Chen}, title = {Learning Sparse Dynamics from Noisy Data}, pages = {1--8}, booktitle = {Proc. L4X}, year = {2021}}
@inproceedings{Chen21, author = {Bo Chen}, title = {A Convex Relaxation for Hybrid Control}, pages = {9--16}, booktitle = {Proc. L4X}, year = {2021}}
`),
		filepath.Join(dir, "Smith21.pdf"): pdfgen.Paper{Title: "Learning Sparse Nonlinear Dynamics from Noisy Data", Authors: []string{"Ann Smith", "Bo Chen"}, Pages: 8,
			Lines: []string{"1 University of Somewhere", "We study a problem."}}.Render(pdfgen.Options{}),
		filepath.Join(dir, "stray.pdf"): pdfgen.Paper{Title: "Quantum Annealing for Portfolio Selection", Authors: []string{"Ole Park"}, Pages: 2}.Render(pdfgen.Options{}),
	}
	for name, data := range files {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bib, dir
}

// TestPDFsLint: lint --pdfs reports the title change with the PDF's page 1
// under it, the paper with no PDF and the PDF with no paper.
func TestPDFsLint(t *testing.T) {
	bib, dir := pdfVolume(t)
	out, errOut, code := run(t, "", "lint", "--fail-on", "warning", "--pdfs", dir, bib)
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		`(?m)^.*vol\.bib:1:\d+: warning: title "Learning Sparse Dynamics from Noisy Data" of the record, "Learning Sparse Nonlinear Dynamics from Noisy Data" in its pdf Smith21\.pdf: the pdf adds "nonlinear" \[pdf-title-mismatch\]\n\t.*Smith21\.pdf \(page 1\): the title the pdf prints$`,
		`(?m)^.*vol\.bib:2:\d+: warning: paper "A Convex Relaxation for Hybrid Control" has no pdf: .* \[pdf-missing\]$`,
		`(?m)^.*stray\.pdf: warning: pdf "stray\.pdf" matches no record: .*\[pdf-unmatched\]$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	// The JSON of lint carries the PDF as the related location.
	out, _, _ = run(t, "", "lint", "--format", "json", "--pdfs", dir, bib)
	var ds []schema.Diagnostic
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	found := false
	for _, d := range ds {
		if d.Code == schema.PDFTitleMismatch {
			found = true
			if len(d.Related) != 1 || d.Related[0].Path != filepath.Join(dir, "Smith21.pdf") || d.Related[0].Page != 1 {
				t.Errorf("related %+v, want %s page 1", d.Related, filepath.Join(dir, "Smith21.pdf"))
			}
		}
	}
	if !found {
		t.Errorf("no pdf-title-mismatch in %s", out)
	}
	// GitHub: the PDF in the message.
	out, _, _ = run(t, "", "lint", "--format", "github", "--pdfs", dir, bib)
	if !strings.Contains(out, "Smith21.pdf (page 1): the title the pdf prints") {
		t.Errorf("github output lacks the pdf:\n%s", out)
	}
	// --disable silences a code of --pdfs as any other.
	out, _, _ = run(t, "", "lint", "--disable", "pdf-missing,pdf-unmatched", "--pdfs", dir, bib)
	if strings.Contains(out, "pdf-missing") || strings.Contains(out, "pdf-unmatched") || !strings.Contains(out, "pdf-title-mismatch") {
		t.Errorf("--disable: %s", out)
	}
	// SARIF (last: it skips without the published schema): the related
	// location is the PDF, with its page.
	out, _, _ = run(t, "", "lint", "--format", "sarif", "--pdfs", dir, bib)
	if !strings.Contains(out, `Smith21.pdf"`) || !strings.Contains(out, `"page": 1`) {
		t.Errorf("sarif lacks the pdf's related location:\n%s", out)
	}
	res, err := sarifSchema(t).Validate(gojsonschema.NewStringLoader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("sarif breaks the published schema: %s", e)
	}
}

// TestPDFsExtract: extract --pdfs puts the findings in the volume's
// diagnostics; a directory that cannot be read is a usage error.
func TestPDFsExtract(t *testing.T) {
	bib, dir := pdfVolume(t)
	out, errOut, code := run(t, "", "extract", "--pdfs", dir, bib)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v schema.Volume
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	codes := map[schema.Code]int{}
	for _, d := range v.Diagnostics {
		codes[d.Code]++
	}
	if codes[schema.PDFTitleMismatch] != 1 || codes[schema.PDFMissing] != 1 || codes[schema.PDFUnmatched] != 1 {
		t.Errorf("codes %v, want one each of pdf-title-mismatch, pdf-missing, pdf-unmatched", codes)
	}
	_, errOut, code = run(t, "", "extract", "--pdfs", filepath.Join(dir, "none"), bib)
	if code != 2 || !strings.Contains(errOut, "--pdfs") {
		t.Errorf("missing dir: exit %d, stderr %q", code, errOut)
	}
	// Two inputs: a PDF matched by either is matched; the stray one is
	// reported once, after the batch.
	out, _, _ = run(t, "", "lint", "--pdfs", dir, bib, bib)
	if n := strings.Count(out, "[pdf-unmatched]"); n != 1 {
		t.Errorf("%d pdf-unmatched for two inputs, want 1:\n%s", n, out)
	}
	// extract writes them to stderr, being in no input's JSON.
	out, errOut, _ = run(t, "", "extract", "-q", "--pdfs", dir, bib, bib)
	if n := strings.Count(errOut, "[pdf-unmatched]"); n != 1 || strings.Contains(out, "pdf-unmatched") {
		t.Errorf("extract of two inputs: %d pdf-unmatched on stderr, want 1:\n%s", n, errOut)
	}
}

// TestPDFsReport: report --pdfs shows the findings against the PDFs in the
// page of the volume, as lint reports them.
func TestPDFsReport(t *testing.T) {
	bib, dir := pdfVolume(t)
	out, errOut, code := run(t, "", "report", "--pdfs", dir, bib)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"pdf-title-mismatch", "pdf-missing", "pdf-unmatched", "Smith21.pdf"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if out, _, _ := run(t, "", "report", bib); strings.Contains(out, "pdf-title-mismatch") {
		t.Error("report without --pdfs shows pdf-title-mismatch")
	}
}
