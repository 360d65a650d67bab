package procx_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
)

// TestCheckFixtures runs every fixtures/checks/*.txtar: its input must raise
// exactly the diagnostics its "want" file lists, as "LINE CODE" pairs. A
// missing and an unexpected diagnostic both fail.
func TestCheckFixtures(t *testing.T) {
	files, err := filepath.Glob("fixtures/checks/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no check fixtures (go run ./fixtures/checks/gen): %v", err)
	}
	fired := map[schema.Code]bool{}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want, input []byte
			name := ""
			for _, file := range a.Files {
				switch {
				case file.Name == "want":
					want = file.Data
				case strings.HasPrefix(file.Name, "input."):
					name, input = file.Name, file.Data
				}
			}
			v := procx.Process(context.Background(), name, input, procx.Options{})
			var got []string
			for _, d := range v.Diagnostics {
				got = append(got, fmt.Sprintf("%d %s", d.Line, d.Code))
				fired[d.Code] = true
				if d.Severity != d.Code.Severity() {
					t.Errorf("%s raised as %s, declared %s", d.Code, d.Severity, d.Code.Severity())
				}
			}
			wantLines := strings.Fields(strings.ReplaceAll(string(want), " ", "_"))
			for i := range wantLines {
				wantLines[i] = strings.ReplaceAll(wantLines[i], "_", " ")
			}
			for _, w := range wantLines {
				if i := slices.Index(got, w); i >= 0 {
					got = slices.Delete(got, i, i+1)
				} else {
					t.Errorf("missing diagnostic %q", w)
				}
			}
			for _, g := range got {
				for _, d := range v.Diagnostics {
					if fmt.Sprintf("%d %s", d.Line, d.Code) == g {
						t.Errorf("unexpected diagnostic %s", d)
						break
					}
				}
			}
		})
	}
	// Every code has a fixture here that makes it fire, but for those
	// whose fixtures live elsewhere: encoding (fixtures/encoding), schema
	// (fixtures/json), limit and empty-input (the hostile-input tests),
	// internal-error (a bug), unknown-format (the CLI and hostile-input
	// tests), html-extra-text (the OpenTOC HTML tests) and
	// unreadable-input (the CLI's, for paths it cannot read).
	elsewhere := map[schema.Code]bool{schema.Encoding: true, schema.Schema: true, schema.Limit: true, schema.EmptyInput: true,
		schema.InternalError: true, schema.UnknownFormat: true, schema.HTMLExtraText: true, schema.UnreadableInput: true,
		schema.BibTeXRepeatedField: true, /* TestBibTeXRepeatedField */
		schema.UnusedIgnore:        true, /* internal/suppress TestVolume, internal/cli TestSuppressions */
		// --pdfs: internal/pdfcheck's TestGenerated plants each, TestCorpus finds a real one.
		schema.PDFTitleMismatch: true, schema.PDFAuthorMismatch: true, schema.PDFPagesMismatch: true,
		schema.PDFMissing: true, schema.PDFUnmatched: true,
		schema.PagesDash: true, /* internal/cli TestFixEveryCode */

		schema.PaperUnreadText: true /* extract TestPDFFirstPages, TestPaperPDF */, schema.PaperNoFrontMatter: true /* extract TestPaperNoFrontMatter */}
	for _, c := range schema.Codes() {
		if !elsewhere[c.Code] && !fired[c.Code] {
			t.Errorf("code %s fired on no fixture", c.Code)
		}
	}
}

// TestChecksDocumented: every code has a title and a doc, and the codes of
// DESIGN.md are all there.
func TestChecksDocumented(t *testing.T) {
	design := []string{"unparsed-text", "encoding", "limit", "bibtex-syntax", "missing-field", "schema",
		"pages-overlap", "pages-gap", "pages-reversed", "pages-format", "duplicate-doi", "duplicate-key",
		"duplicate-title", "doi-format", "doi-prefix", "key-page-mismatch", "author-mismatch", "title-mismatch",
		"year-mismatch", "mojibake", "not-nfc", "invisible-char", "mixed-script", "latex-in-text",
		"bibtex-unescaped", "affiliation-unparsed"}
	for _, code := range design {
		c, ok := schema.Code(code).Doc()
		if !ok {
			t.Errorf("code %s of DESIGN.md is not documented", code)
			continue
		}
		if c.Title == "" || len(c.Doc) < 40 || c.Title != strings.ToLower(c.Title) {
			t.Errorf("code %s: title %q, doc %d bytes", code, c.Title, len(c.Doc))
		}
	}
}
