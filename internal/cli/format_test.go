package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"golang.org/x/tools/txtar"

	"github.com/procx/procx/schema"
)

// checkInput writes the input of a check fixture to a temporary file.
func checkInput(t *testing.T, name string) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("../../fixtures/checks", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if f.Name == "input.txt" {
			p := filepath.Join(t.TempDir(), name+".txt")
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatalf("%s has no input.txt", name)
	return ""
}

func TestSARIFAgainstPublishedSchema(t *testing.T) {
	const schemaPath = "../../../shared/schemas/sarif-schema-2.1.0.json"
	if _, err := os.Stat(schemaPath); err != nil {
		t.Skipf("published SARIF schema not present: %v", err)
	}
	abs, _ := filepath.Abs(schemaPath)
	s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(abs)))
	if err != nil {
		t.Fatal(err)
	}
	in := checkInput(t, "pages-overlap")
	out, errOut, code := run(t, "", "lint", "--quiet", "--format", "sarif", in, ref)
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	res, err := s.Validate(gojsonschema.NewStringLoader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("sarif breaks the published schema: %s", e)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				RelatedLocations []any
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run0 := log.Runs[0]
	if log.Version != "2.1.0" || len(run0.Tool.Driver.Rules) < 26 {
		t.Fatalf("version %q, %d rules", log.Version, len(run0.Tool.Driver.Rules))
	}
	var overlap, unescapedInRef bool
	for _, r := range run0.Results {
		loc := r.Locations[0].PhysicalLocation
		if run0.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		if r.RuleID == "pages-overlap" && r.Level == "error" && strings.HasSuffix(loc.ArtifactLocation.URI, "pages-overlap.txt") && loc.Region.StartLine > 0 && len(r.RelatedLocations) == 1 {
			overlap = true
		}
		if r.RuleID == "bibtex-unescaped" && loc.ArtifactLocation.URI == "../../fixtures/vee21.txt" && loc.Region.StartLine == 283 && loc.Region.StartColumn == 16 {
			unescapedInRef = true
		}
	}
	if !overlap || !unescapedInRef {
		t.Errorf("results missing (overlap %v, reference warning %v):\n%s", overlap, unescapedInRef, out)
	}
}

func TestGitHubFormat(t *testing.T) {
	in := checkInput(t, "pages-overlap")
	out, _, code := run(t, "", "lint", "--format", "github", in)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "::error file=") || !strings.Contains(lines[0], ",line=39,col=9,endLine=39,title=pages-overlap::pages 10--28 of ") ||
		!strings.HasPrefix(lines[1], "::warning ") {
		t.Errorf("github output:\n%s", out)
	}
	// The related position follows the message on a line of its own.
	if want := `(1--14)%0A` + in + `:25:9: "virtio-mem: Paravirtualized Memory Hot(Un)Plug" has pages 1--14`; !strings.HasSuffix(lines[0], want) {
		t.Errorf("github output lacks the related position %q:\n%s", want, lines[0])
	}
	// A PDF's page is in the message, as in text output.
	out, _, _ = run(t, "", "lint", "--format", "github", "../../fixtures/pdf/vee21-letter-times.pdf")
	if !strings.HasSuffix(out, "::unescaped \"&\" in bibtex title \"Spons & Shields: Practical Isolation for Trusted Execution\": write \\& (page 10)\n") {
		t.Errorf("github output lacks the page:\n%s", out)
	}
	if got := escapeData("50% done\r\nnext"); got != "50%25 done%0D%0Anext" {
		t.Errorf("escapeData = %q", got)
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestJSONFormat(t *testing.T) {
	out, _, code := run(t, "", "lint", "--format", "json", ref)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var ds []schema.Diagnostic
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Code != "bibtex-unescaped" || ds[0].Line != 283 || ds[0].Column != 16 ||
		ds[0].Pointer != "/papers/16/bibtex/fields/title" || ds[0].Severity != schema.Warning {
		t.Errorf("json diagnostics = %+v", ds)
	}
	// Strings are escaped as extract escapes them: "&" stays "&"
	// (encoding/json's default writes \u0026).
	if !strings.Contains(out, `"message":"unescaped \"&\" in bibtex title \"Spons & Shields`) {
		t.Errorf("json escapes differ from extract's:\n%s", out)
	}
	// No diagnostics is an empty array, not nothing.
	out, _, _ = run(t, "", "lint", "--format", "json", "--disable", "bibtex-unescaped", ref)
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("empty json output = %q", out)
	}
}

func TestTextExcerpt(t *testing.T) {
	out, _, _ := run(t, "", "lint", "--excerpt", ref)
	want := "../../fixtures/vee21.txt:283:16: warning: unescaped \"&\" in bibtex title \"Spons & Shields: Practical Isolation for Trusted Execution\": write \\& [bibtex-unescaped]\n" +
		"    title = {Spons & Shields: Practical Isolation for Trusted Execution},\n" +
		"                   ^\n"
	if out != want {
		t.Errorf("excerpt output:\n%s\nwant:\n%s", out, want)
	}
	// Related positions follow their diagnostic, indented.
	out, _, _ = run(t, "", "lint", checkInput(t, "pages-overlap"))
	if !strings.Contains(out, "[pages-overlap]\n\t") || !strings.Contains(out, `"virtio-mem: Paravirtualized Memory Hot(Un)Plug" has pages 1--14`) {
		t.Errorf("related output:\n%s", out)
	}
}
