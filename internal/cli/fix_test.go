package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
)

// fixCase is an input with one planted defect: old replaced by planted
// on one line of a fixture.
type fixCase struct {
	name, fixture string
	old, planted  string
	code          schema.Code
}

var fixCases = []fixCase{
	{"toc-invisible.txt", ref, "Paravirtualized Memory Hot(Un)Plug\n", "Paravirtualized\u200b Memory Hot(Un)Plug\n", schema.InvisibleChar},
	{"toc-nfc.txt", ref, "Laurent Réveillère, Noël de Palma, and\n", "Laurent Réveillère, Noe\u0308l de Palma, and\n", schema.NotNFC},
	{"toc-mojibake.txt", ref, "Laurent Réveillère, Noël", "Laurent RÃ©veillÃ¨re, Noël", schema.Mojibake},
	{"toc-unescaped.txt", ref, "publisher = {ACM},\npages = {1--14}", "publisher = {ACM & Sons},\npages = {1--14}", schema.BibTeXUnescaped},
	{"bib-invisible.bib", "../../fixtures/bibtex/volume.bib", "{Bare numbers and", "{Bare\u00ad numbers and", schema.InvisibleChar},
	{"bib-nfc.bib", "../../fixtures/bibtex/volume.bib", `"Noël de Palma`, "\"Noe\u0308l de Palma", schema.NotNFC},
	{"bib-mojibake.bib", "../../fixtures/bibtex/volume.bib", `"Noël de Palma`, `"NoÃ«l de Palma`, schema.Mojibake},
	{"bib-unescaped.bib", "../../fixtures/bibtex/volume.bib", "{Bare numbers and month macros}", "{Bare numbers & month_macros 100%}", schema.BibTeXUnescaped},
	{"json-invisible.json", "../../fixtures/vee21.golden.json", `"title": "Welcome from the General Chair"`, "\"title\": \"Welcome from\u200b the General Chair\"", schema.InvisibleChar},
	{"json-nfc.json", "../../fixtures/vee21.golden.json", `"title": "Welcome from the General Chair"`, `"title": "Welcome from the Ge\u0301ne\u0300ral Chair"`, schema.NotNFC},
	{"json-mojibake.json", "../../fixtures/vee21.golden.json", `"title": "Welcome from the General Chair"`, `"title": "Welcome from the G\u00c3\u00a9n\u00c3\u00a9ral \"Chair\""`, schema.Mojibake},
	{"toc-doi.txt", ref, "doi = {10.1145/3453933.3454010}", "doi = {doi:10.1145/3453933.3454010}", schema.DOIURL},
	{"toc-pages.txt", ref, "pages = {15--28}", "pages = {15-28}", schema.PagesDash},
	{"bib-pages.bib", "../../fixtures/bibtex/volume.bib", "pages     = {1--10}", "pages     = {1–10}", schema.PagesDash},
	{"bib-doi.bib", "../../fixtures/bibtex/volume.bib", "doi       = {10.1145/9999999.2000001}", "doi       = { https://DX.doi.org/10.1145/9999999.2000001 }", schema.DOIURL},
	{"json-doi.json", "../../fixtures/vee21.golden.json", `"doi": "10.1145/3453933.3454010",`, `"doi": "https:\/\/doi.org\/10.1145\/3453933.3454010",`, schema.DOIURL},
	{"json-pages.json", "../../fixtures/vee21.golden.json", `"pages": "1--14"`, `"pages": "1\u201314"`, schema.PagesDash},
	{"json-unescaped.json", "../../fixtures/vee21.golden.json", `"booktitle": "Proc.\\ VEE",`, `"booktitle": "Proc.\\ VEE \u0026 Co",`, schema.BibTeXUnescaped},
}

// caseNamed returns the case of fixCases named name.
func caseNamed(t *testing.T, name string) fixCase {
	for _, c := range fixCases {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no fix case %q", name)
	return fixCase{}
}

// codesIn returns the diagnostics of data with the code c.
func codesIn(t *testing.T, path string, data []byte, c schema.Code) []schema.Diagnostic {
	t.Helper()
	vols, _, _ := procx.ProcessAll(context.Background(), path, data, procx.Options{})
	var out []schema.Diagnostic
	for _, v := range vols {
		for _, d := range v.Diagnostics {
			if d.Code == c {
				out = append(out, d)
			}
		}
	}
	return out
}

// plantIn returns the fixture with the defect planted, and the 0-based
// lines the defect is on.
func (c fixCase) plantIn(t *testing.T) ([]byte, map[int]bool) {
	t.Helper()
	b, err := os.ReadFile(c.fixture)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, c.old)
	if i < 0 {
		t.Fatalf("%s: %q not in %s", c.name, c.old, c.fixture)
	}
	s = s[:i] + c.planted + s[i+len(c.old):]
	lines := map[int]bool{}
	first := strings.Count(s[:i], "\n")
	for l := first; l <= first+strings.Count(strings.TrimSuffix(c.planted, "\n"), "\n"); l++ {
		lines[l] = true
	}
	return []byte(s), lines
}

// TestFixEveryCode plants each fixable defect in a text dump, a BibTeX
// file and a procx JSON file: fix removes the finding, changes no line
// but the planted one, changes nothing when run again, and its --diff
// applied with patch -p1 gives the same bytes.
func TestFixEveryCode(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	patch, _ := exec.LookPath("patch")
	for _, c := range fixCases {
		t.Run(c.name, func(t *testing.T) {
			c.fixture = filepath.Join(wd, c.fixture)
			data, planted := c.plantIn(t)
			if len(codesIn(t, c.name, data, c.code)) == 0 {
				t.Fatalf("the planted defect raises no %s", c.code)
			}
			if err := os.WriteFile(c.name, data, 0o640); err != nil {
				t.Fatal(err)
			}
			_, stderr, _ := run(t, "", "fix", "--diff", "-q", c.name)
			diff, _, _ := run(t, "", "fix", "--diff", "-q", c.name)
			if got, _ := os.ReadFile(c.name); !bytes.Equal(got, data) {
				t.Fatalf("fix --diff changed the file")
			}
			run(t, "", "fix", "-q", c.name)
			fixed, _ := os.ReadFile(c.name)
			if bytes.Equal(fixed, data) {
				t.Fatalf("fix changed nothing; stderr:\n%s", stderr)
			}
			if ds := codesIn(t, c.name, fixed, c.code); len(ds) > 0 {
				t.Errorf("after fix: %v", ds)
			}
			if st, _ := os.Stat(c.name); st.Mode().Perm() != 0o640 {
				t.Errorf("mode %v after fix, want 0640", st.Mode().Perm())
			}
			// The lines fix may change: the planted ones, and those it
			// changes in the fixture as it is (the reference has an
			// unescaped "&" of its own).
			may := fixedLines(t, c.fixture)
			a, b := splitLines(data), splitLines(fixed)
			if len(a) != len(b) {
				t.Fatalf("fix changed the number of lines from %d to %d", len(a), len(b))
			}
			changedPlanted := false
			for i := range a {
				if a[i] != b[i] && !planted[i] && !may[a[i]] {
					t.Errorf("line %d changed: %q → %q", i+1, a[i], b[i])
				}
				changedPlanted = changedPlanted || planted[i] && a[i] != b[i]
			}
			if !changedPlanted {
				t.Errorf("no planted line changed")
			}
			run(t, "", "fix", "-q", c.name)
			if again, _ := os.ReadFile(c.name); !bytes.Equal(again, fixed) {
				t.Errorf("a second fix changed the file again")
			}
			if patch == "" {
				t.Log("patch not installed: --diff not applied")
				return
			}
			pd := filepath.Join(dir, "patched-"+strings.TrimSuffix(c.name, filepath.Ext(c.name)))
			if err := os.MkdirAll(pd, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(pd, c.name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(patch, "-s", "-p1", "-d", pd)
			cmd.Stdin = strings.NewReader(diff)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\ndiff:\n%s", err, out, diff)
			}
			if got, _ := os.ReadFile(filepath.Join(pd, c.name)); !bytes.Equal(got, fixed) {
				t.Errorf("the patched file differs from the fixed one; diff:\n%s", diff)
			}
		})
	}
}

// fixedLines returns the lines fix changes in the file at path, as they
// are before the fix.
func fixedLines(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "", "fix", "-q", p)
	fixed, _ := os.ReadFile(p)
	a, b := splitLines(data), splitLines(fixed)
	out := map[string]bool{}
	for i := range a {
		if i < len(b) && a[i] != b[i] {
			out[a[i]] = true
		}
	}
	return out
}

// wd is the package directory, where the tests start.
var wd, _ = os.Getwd()

// TestFixEncodings fixes a Windows-1252 file and UTF-16 files (with and
// without a byte-order mark, CRLF line ends) in their own encoding.
func TestFixEncodings(t *testing.T) {
	dir := t.TempDir()
	bib := "@inproceedings{a1,\r\n  author = {Ren\u00e9e Caf\u00e9},\r\n  title = {R\u00e9sum\u00e9s & Caf\u00e9s},\r\n  pages = {1--2},\r\n}\r\n"
	want := strings.Replace(bib, "& Caf", `\& Caf`, 1)
	cp, _ := charmap.Windows1252.NewEncoder().String(bib)
	cpWant, _ := charmap.Windows1252.NewEncoder().String(want)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(bib)
	u16Want, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(want)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(bib)
	u16beWant, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(want)
	for name, c := range map[string][2]string{
		"cp1252.bib": {cp, cpWant}, "utf16le.bib": {u16, u16Want}, "utf16be.bib": {u16be, u16beWant},
		"bom.bib": {"\uFEFF" + bib, "\uFEFF" + want},
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c[0]), 0o644); err != nil {
			t.Fatal(err)
		}
		if len(codesIn(t, p, []byte(c[0]), schema.BibTeXUnescaped)) != 1 {
			t.Fatalf("%s: want one bibtex-unescaped before fix", name)
		}
		_, stderr, _ := run(t, "", "fix", p)
		got, _ := os.ReadFile(p)
		if string(got) != c[1] {
			t.Errorf("%s: fixed to\n%q\nwant\n%q\nstderr: %s", name, got, c[1], stderr)
		}
	}
}

// TestFixWindows1252AndPDF: a Windows-1252 file (no byte-order mark, so
// the accented letter stays one byte) is fixed in its encoding; a PDF gets
// no fixes, which fix says once per format.
func TestFixWindows1252AndPDF(t *testing.T) {
	p := filepath.Join(t.TempDir(), "w.bib")
	data := []byte("@inproceedings{a1,\n  title = {Caf\xe9 & more},\n  pages = {1--2},\n}\n")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "", "fix", "-q", p)
	got, _ := os.ReadFile(p)
	if want := "@inproceedings{a1,\n  title = {Caf\xe9 \\& more},\n  pages = {1--2},\n}\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A PDF gets no fixes, said once.
	_, stderr, _ := run(t, "", "fix", "../../fixtures/pdf/vee21-letter-times.pdf", "../../fixtures/pdf/vee21-a5-unicode.pdf")
	if n := strings.Count(stderr, "pdf inputs have no fixes"); n != 1 {
		t.Errorf("pdf: said %d times, want once:\n%s", n, stderr)
	}
}

// TestFixOverlap: of two fixes whose edits overlap, the first is applied
// and the other reported as skipped while its finding stays.
func TestFixOverlap(t *testing.T) {
	a := schema.Diagnostic{Code: schema.NotNFC, Line: 1, Column: 2, Fixes: []schema.Fix{{Message: "a", Edits: []schema.Edit{{Off: 1, End: 4, NewText: "x"}}}}}
	b := schema.Diagnostic{Code: schema.InvisibleChar, Line: 1, Column: 3, Fixes: []schema.Fix{{Message: "b", Edits: []schema.Edit{{Off: 3, End: 5, NewText: ""}}}}}
	same := schema.Diagnostic{Code: schema.NotNFC, Line: 1, Column: 2, Pointer: "/x", Fixes: a.Fixes}
	edits, n, skips := chooseEdits([]schema.Diagnostic{a, b, same})
	if len(edits) != 1 || edits[0].NewText != "x" || n != 2 {
		t.Errorf("edits %v (%d fixes), want the first alone, applied for two findings", edits, n)
	}
	if len(skips) != 1 || skips[0].d.Code != schema.InvisibleChar || skips[0].over.Code != schema.NotNFC {
		t.Errorf("skips %v, want the invisible-char fix skipped for the not-nfc one", skips)
	}
}

// TestFixSARIF: fixes in the SARIF output validate against the SARIF
// 2.1.0 schema and carry the edit.
func TestFixSARIF(t *testing.T) {
	s := sarifSchema(t)
	c := caseNamed(t, "bib-unescaped.bib")
	c.fixture = filepath.Join(wd, c.fixture)
	data, _ := c.plantIn(t)
	p := filepath.Join(t.TempDir(), c.name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", "lint", "--format", "sarif", p)
	res, err := s.Validate(gojsonschema.NewStringLoader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Valid() {
		t.Errorf("the SARIF log breaks the SARIF schema: %v", res.Errors())
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   map[string]int    `json:"deletedRegion"`
							InsertedContent map[string]string `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	var inserted []string
	for _, r := range log.Runs[0].Results {
		if r.RuleID != string(schema.BibTeXUnescaped) {
			continue // the fixture's own pages-dash
		}
		for _, f := range r.Fixes {
			for _, rp := range f.ArtifactChanges[0].Replacements {
				if rp.DeletedRegion["startColumn"] == 0 || rp.DeletedRegion["endColumn"] != rp.DeletedRegion["startColumn"] {
					t.Errorf("%s: want an empty region with its end column, got %v", r.RuleID, rp.DeletedRegion)
				}
				inserted = append(inserted, rp.InsertedContent["text"])
			}
		}
	}
	// One insertion before each of "&", "_" and "%".
	if strings.Join(inserted, "|") != `\|\|\` {
		t.Errorf("inserted %q, want a backslash before &, _ and %%", inserted)
	}
}

// TestFixLintJSON: lint --format json writes each fix with its edit's
// lines, columns and new text.
func TestFixLintJSON(t *testing.T) {
	c := caseNamed(t, "toc-nfc.txt")
	c.fixture = filepath.Join(wd, c.fixture)
	data, lines := c.plantIn(t)
	p := filepath.Join(t.TempDir(), c.name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", "lint", "--format", "json", p)
	var ds []schema.Diagnostic
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	var line int
	for l := range lines {
		line = l + 1
	}
	text := splitLines(data)[line-1]
	col := utf8.RuneCountInString(text[:strings.Index(text, "e\u0308")]) + 1
	for _, d := range ds {
		if d.Code != schema.NotNFC {
			continue
		}
		e := d.Fixes[0].Edits[0]
		// "e\u0308", two code points, becomes "ë".
		if e.Line != line || e.Column != col || e.EndLine != line || e.EndColumn != col+2 || e.NewText != "ë" {
			t.Errorf("edit %+v, want line %d columns %d to %d, new text \"ë\"", e, line, col, col+2)
		}
		return
	}
	t.Errorf("no not-nfc diagnostic in %s", out)
}

// TestFixExitCode: fix exits as lint does over the findings left after
// fixing: the reference's one warning (an unescaped "&") is fixed, so
// --fail-on warning passes after fix where lint failed; a finding fix
// cannot repair (a planted duplicate DOI) still fails the run.
func TestFixExitCode(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "vee21.txt")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := run(t, "", "lint", "--fail-on", "warning", p); code != ExitFindings {
		t.Fatalf("lint --fail-on warning: exit %d, want %d", code, ExitFindings)
	}
	if _, stderr, code := run(t, "", "fix", "--fail-on", "warning", p); code != ExitClean || !strings.Contains(stderr, "fixed 1 finding in 1 file") {
		t.Errorf("fix --fail-on warning: exit %d, stderr %q; want %d and one finding fixed", code, stderr, ExitClean)
	}
	dup := strings.Replace(string(b), "doi = {10.1145/3453933.3454011}", "doi = {10.1145/3453933.3454010}", 1)
	if err := os.WriteFile(p, []byte(dup), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "fix", p); code != ExitFindings || !strings.Contains(stderr, "[duplicate-doi]") {
		t.Errorf("fix of a duplicate doi: exit %d, stderr %q; want %d naming it", code, stderr, ExitFindings)
	}
	if _, _, code := run(t, "", "fix", filepath.Join(dir, "missing.txt")); code != ExitUsage {
		t.Errorf("fix of a missing file: exit %d, want %d", code, ExitUsage)
	}
}

// FuzzFix: fixing any input never panics, and fixing its result changes
// nothing (fix reaches its fixed point). Seeded from the planted BibTeX
// and JSON cases and small inputs of each fixable code.
func FuzzFix(f *testing.F) {
	for _, c := range fixCases {
		if strings.HasSuffix(c.name, ".bib") {
			b, err := os.ReadFile(c.fixture)
			if err != nil {
				continue
			}
			f.Add(strings.Replace(string(b), c.old, c.planted, 1))
		}
	}
	f.Add("@inproceedings{a,\n  title = {A & B_c \u200b Noe\u0308l},\n  pages = {1\u20132},\n  doi = {doi:10.1/x},\n}\n")
	f.Add("{\"source\":{\"path\":\"x\",\"format\":\"json\"},\"proceedings\":{},\"papers\":[{\"kind\":\"paper\",\"title\":\"G\\u00c3\\u00a9n\\u200b\",\"authors\":[],\"span\":{\"line\":1,\"end_line\":1}}],\"diagnostics\":[]}")
	e := &env{stdout: io.Discard, stderr: io.Discard}
	f.Fuzz(func(t *testing.T, s string) {
		r := e.fixOne("x", []byte(s), procx.Options{}, nil)
		again := e.fixOne("x", r.out, procx.Options{}, nil)
		if !bytes.Equal(again.out, r.out) && r.fixed > 0 && len(r.notes) == 0 {
			t.Fatalf("a second fix changed\n%q\nto\n%q", r.out, again.out)
		}
	})
}

// TestFixKeepsAccepted: a finding procx is told to accept is not fixed: a
// % procx:ignore comment before its BibTeX entry, an [[ignore]] rule of
// procx.toml, a code procx.toml disables. The same file without them is.
func TestFixKeepsAccepted(t *testing.T) {
	const entry = "@inproceedings{k1,\n  author = {A. Author},\n  title = {Salt & Pepper},\n  booktitle = {Proc. X},\n  year = {2020},\n}\n"
	for _, c := range []struct{ name, bib, toml string }{
		{"comment", "% procx:ignore bibtex-unescaped the publisher's spelling\n" + entry, ""},
		{"rule", entry, "[[ignore]]\ncode = \"bibtex-unescaped\"\nkey = \"k1\"\nreason = \"the publisher's spelling\"\n"},
		{"disable", entry, "disable = [\"bibtex-unescaped\"]\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "v.bib")
			if err := os.WriteFile(p, []byte(c.bib), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.toml != "" {
				if err := os.WriteFile(filepath.Join(dir, "procx.toml"), []byte(c.toml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, stderr, code := run(t, "", "fix", p); code != ExitClean {
				t.Fatalf("fix: exit %d, stderr %q", code, stderr)
			}
			if got, _ := os.ReadFile(p); string(got) != c.bib {
				t.Errorf("fix changed an accepted finding:\n%s", got)
			}
		})
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "v.bib")
	if err := os.WriteFile(p, []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "", "fix", p)
	if got, _ := os.ReadFile(p); !strings.Contains(string(got), `Salt \& Pepper`) {
		t.Errorf("fix without an ignore left %q", got)
	}
}
