package suppress

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		line   string
		ok     bool
		codes  string
		reason string
		err    string
	}{
		{"% procx:ignore pages-gap blank pages", true, "pages-gap", "blank pages", ""},
		{"  %procx:ignore pages-gap,doi-prefix  two reasons  ", true, "pages-gap,doi-prefix", "two reasons", ""},
		{"%% procx:ignore pages-gap, doi-prefix x", true, "pages-gap", "doi-prefix x", ""},
		{"%\tprocx:ignore\tpages-gap\tthe\treason", true, "pages-gap", "the\treason", ""},
		{"% procx:ignore pages-gap", true, "pages-gap", "", "gives no reason"},
		{"% procx:ignore", true, "", "", "names no code"},
		{"% procx:ignore pages-gapp typo", true, "", "typo", `unknown code "pages-gapp"`},
		{"% procx:ignored pages-gap x", false, "", "", ""},
		{"% see procx:ignore pages-gap x", false, "", "", ""},
		{"procx:ignore pages-gap x", false, "", "", ""},
		{"@comment{ procx:ignore pages-gap x }", false, "", "", ""},
		{"", false, "", "", ""},
	} {
		d, ok := Parse(tc.line)
		if ok != tc.ok || codeList(d.Codes) != tc.codes || d.Reason != tc.reason || (tc.err == "") != (d.Err == "") || !strings.Contains(d.Err, tc.err) {
			t.Errorf("Parse(%q) = %+v, %v; want codes %q reason %q err %q", tc.line, d, ok, tc.codes, tc.reason, tc.err)
		}
	}
}

func TestScan(t *testing.T) {
	text := "@a{x,}\r\n% procx:ignore pages-gap why\r\n  % procx:ignore doi-format because\n% procx:ignore not-nfc last"
	ds := Scan([]byte(text))
	if len(ds) != 3 {
		t.Fatalf("Scan: %+v", ds)
	}
	for i, want := range []struct {
		line int
		text string
	}{{2, "% procx:ignore pages-gap why"}, {3, "% procx:ignore doi-format because"}, {4, "% procx:ignore not-nfc last"}} {
		if ds[i].Line != want.line || text[ds[i].Off:ds[i].End] != want.text {
			t.Errorf("directive %d: line %d %q; want %d %q", i, ds[i].Line, text[ds[i].Off:ds[i].End], want.line, want.text)
		}
	}
	if Scan([]byte("@a{x, title = {no directives here}}\n% a comment\n")) != nil {
		t.Error("directives in a text without the marker")
	}
}

// TestVolume runs the filter over a real volume: the BibTeX fixture with
// directives and rules added.
func TestVolume(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/bibtex/volume.bib")
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's pages-dash finding (its one-hyphen range, there for
	// procx fix) is left out here.
	opt := procx.Options{Validate: validate.Options{Disable: []schema.Code{schema.PagesDash}}}
	// The fixture's one finding is a bibtex-syntax error inside entry
	// "broken"; silence it there, and put an unused ignore before TRAPS31p1.
	text := strings.Replace(string(data), "@InProceedings{TRAPS31p1,", "% procx:ignore doi-format nothing to silence\n@InProceedings{TRAPS31p1,", 1)
	v, _ := procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	var broken schema.Diagnostic
	for _, d := range v.Diagnostics {
		if d.Code == schema.BibTeXSyntax {
			broken = d
		}
	}
	if broken.Line == 0 {
		t.Fatalf("no bibtex-syntax finding in the fixture: %v", v.Diagnostics)
	}
	lines := strings.Split(text, "\n")
	start := broken.Line - 1
	for start > 0 && !strings.HasPrefix(lines[start], "@") {
		start--
	}
	lines = append(lines[:start], append([]string{"% procx:ignore bibtex-syntax the fixture breaks it on purpose"}, lines[start:]...)...)
	text = strings.Join(lines, "\n")
	v, f := procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	(&Filter{}).Volume(v, f)
	var got []string
	for _, d := range v.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{`v.bib:23:1: warning: procx:ignore doi-format silences nothing: entry "TRAPS31p1" has no such finding [unused-ignore]`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A rule, a severity override and a disabled unused-ignore.
	v, f = procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	cfg := &config.Config{Dir: ".", Ignore: []config.Rule{{Code: schema.UnusedIgnore, Path: "*.bib", Key: "TRAPS31p1", Reason: "r"}}}
	(&Filter{Config: cfg}).Volume(v, f)
	if len(v.Diagnostics) != 1 { // rules apply to the findings of the input, not to unused-ignore
		t.Errorf("with a rule on the record: %v", v.Diagnostics)
	}
	v, f = procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	(&Filter{Severity: map[schema.Code]schema.Severity{schema.UnusedIgnore: schema.Info}}).Volume(v, f)
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Severity != schema.Info {
		t.Errorf("with unused-ignore=info: %v", v.Diagnostics)
	}
	v, f = procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	(&Filter{Disable: []schema.Code{schema.UnusedIgnore}}).Volume(v, f)
	if len(v.Diagnostics) != 0 {
		t.Errorf("with unused-ignore disabled: %v", v.Diagnostics)
	}
	// Directives are read in BibTeX only.
	v, f = procx.ProcessFile(context.Background(), "v.bib", []byte(text), opt)
	v.Source.Format = "toc-text"
	(&Filter{}).Volume(v, f)
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != schema.BibTeXSyntax {
		t.Errorf("directives read outside BibTeX: %v", v.Diagnostics)
	}
}

// TestRecordsOf: a diagnostic is about the record its pointer is in, else
// the record whose span holds its line.
func TestRecordsOf(t *testing.T) {
	v := &schema.Volume{Papers: []schema.Record{{Span: schema.Span{Line: 20, EndLine: 30}}, {Span: schema.Span{Line: 5, EndLine: 10}}, {}}}
	r := NewRecords(v)
	for _, tc := range []struct {
		d    schema.Diagnostic
		want int
	}{
		{schema.Diagnostic{Pointer: "/papers/2/title", Line: 7}, 2},
		{schema.Diagnostic{Pointer: "/papers/1"}, 1},
		{schema.Diagnostic{Pointer: "/papers/3"}, -1},
		{schema.Diagnostic{Pointer: "/papers/x"}, -1},
		{schema.Diagnostic{Pointer: "/proceedings/title", Line: 7}, -1},
		{schema.Diagnostic{Line: 7}, 1},
		{schema.Diagnostic{Line: 20}, 0},
		{schema.Diagnostic{Line: 30}, 0},
		{schema.Diagnostic{Line: 15}, -1},
		{schema.Diagnostic{Line: 31}, -1},
		{schema.Diagnostic{}, -1},
	} {
		if got := r.Of(&tc.d); got != tc.want {
			t.Errorf("Of(%+v) = %d; want %d", tc.d, got, tc.want)
		}
	}
}

// FuzzScan: no text panics Scan, every directive is a comment line of the
// text, and a directive without an error has codes and a reason.
func FuzzScan(f *testing.F) {
	if b, err := os.ReadFile("../../fixtures/bibtex/volume.bib"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("% procx:ignore pages-gap,doi-format why\r\n@a{x,}\n%procx:ignore\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, d := range Scan(text) {
			if d.Off < 0 || d.End > len(text) || d.Off > d.End || text[d.Off] != '%' {
				t.Fatalf("directive %+v outside a comment of %q", d, text)
			}
			if d.Err == "" && (len(d.Codes) == 0 || d.Reason == "") {
				t.Errorf("directive %+v accepted", d)
			}
		}
	})
}
