package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"golang.org/x/tools/txtar"

	"github.com/procx/procx"
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
	s := sarifSchema(t)
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

// sarifSchema loads the published SARIF 2.1.0 schema, or skips.
func sarifSchema(t *testing.T) *gojsonschema.Schema {
	t.Helper()
	const schemaPath = "../../../shared/schemas/sarif-schema-2.1.0.json"
	if _, err := os.Stat(schemaPath); err != nil {
		t.Skipf("published SARIF schema not present: %v", err)
	}
	abs, _ := filepath.Abs(schemaPath)
	s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(abs)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIFInvocation: the SARIF log ends with a newline, names procx's
// version, and has an invocation that succeeded, or with an input that
// could not be read, did not, with a notification naming the input.
func TestSARIFInvocation(t *testing.T) {
	s := sarifSchema(t)
	type log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Name, Version string }
			}
			Invocations []struct {
				ExecutionSuccessful        *bool
				ToolExecutionNotifications []struct {
					Level     string
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
						}
					}
					AssociatedRule struct{ ID string }
				}
			}
			Results []struct{ RuleID string }
		}
	}
	for _, c := range []struct {
		args    []string
		code    int
		success bool
		note    string
	}{
		{[]string{ref}, 0, true, ""},
		{[]string{"no/such.txt", ref}, 2, false, "no such file or directory"},
	} {
		out, errOut, code := run(t, "", append([]string{"lint", "-q", "--format", "sarif"}, c.args...)...)
		if code != c.code {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		if !strings.HasSuffix(out, "}\n") {
			t.Errorf("%v: no final newline: %q", c.args, out[max(0, len(out)-20):])
		}
		res, err := s.Validate(gojsonschema.NewStringLoader(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%v: sarif breaks the published schema: %s", c.args, e)
		}
		var l log
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatal(err)
		}
		r := l.Runs[0]
		if r.Tool.Driver.Name != "procx" || r.Tool.Driver.Version != procx.Version() || r.Tool.Driver.Version == "" {
			t.Errorf("%v: driver %+v, want version %q", c.args, r.Tool.Driver, procx.Version())
		}
		if len(r.Invocations) != 1 || r.Invocations[0].ExecutionSuccessful == nil || *r.Invocations[0].ExecutionSuccessful != c.success {
			t.Fatalf("%v: invocations %+v", c.args, r.Invocations)
		}
		notes := r.Invocations[0].ToolExecutionNotifications
		if c.note == "" {
			if len(notes) != 0 {
				t.Errorf("%v: notifications %+v", c.args, notes)
			}
		} else if len(notes) != 1 || notes[0].Level != "error" || notes[0].Message.Text != c.note ||
			len(notes[0].Locations) != 1 || notes[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "no/such.txt" ||
			notes[0].AssociatedRule.ID != "unreadable-input" {
			t.Errorf("%v: notifications %+v", c.args, notes)
		}
		if len(r.Results) != 1 || r.Results[0].RuleID != "bibtex-unescaped" {
			t.Errorf("%v: results %+v", c.args, r.Results)
		}
	}
}

// TestUnreadableInOutput: an input that cannot be read is in the json and
// github outputs, in its place among the inputs, as an unreadable-input
// diagnostic (and on stderr); text output leaves it to stderr. It is a
// failure of the run, not a finding: it cannot be disabled.
func TestUnreadableInOutput(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stdout string
	}{
		{[]string{"--format", "json", "no/such.txt", ref}, `^\[\n  \{"code":"unreadable-input","severity":"error","message":"no such file or directory","path":"no/such.txt"\},\n  \{"code":"bibtex-unescaped"`},
		{[]string{"--format", "json", ref, "no/such.txt"}, `,\n  \{"code":"unreadable-input","severity":"error","message":"no such file or directory","path":"no/such.txt"\}\n\]\n$`},
		{[]string{"--format", "github", "no/such.txt", ref}, `^::error file=no/such\.txt,title=unreadable-input::no such file or directory\n::warning file=`},
		{[]string{"--format", "text", "no/such.txt", ref}, `^[^\n]*\[bibtex-unescaped\]\n$`},
	} {
		out, errOut, code := run(t, "", append([]string{"lint", "-q"}, c.args...)...)
		if code != 2 || errOut != "procx: no/such.txt: no such file or directory\n" {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errOut)
		}
		match(t, "stdout", out, c.stdout)
	}
	out, errOut, code := run(t, "", "lint", "--disable", "bibtex-unescaped,unreadable-input", ref)
	if code != 2 || out != "" || errOut != "procx: --disable unreadable-input: an input that cannot be read always fails the run; it cannot be disabled\n" {
		t.Errorf("--disable unreadable-input: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
