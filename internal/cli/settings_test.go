package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// paper is one @inproceedings of a test volume.
type paper struct {
	key, title, authors string
	first, last         int
	before              string // lines above the entry (comments)
}

// bibVolume writes a BibTeX volume: an @proceedings and the papers, each
// crossref'd to it.
func bibVolume(papers ...paper) string {
	var b strings.Builder
	b.WriteString("@proceedings{vol,\n  title = {Proceedings of Tests},\n  year = {2021},\n}\n")
	for _, p := range papers {
		authors := p.authors
		if authors == "" {
			authors = "Ann Smith and Bob Jones"
		}
		fmt.Fprintf(&b, "\n%s@inproceedings{%s,\n  author = {%s},\n  title = {%s},\n  pages = {%d--%d},\n  year = {2021},\n  crossref = {vol},\n}\n",
			p.before, p.key, authors, p.title, p.first, p.last)
	}
	return b.String()
}

// gapVolume has one finding, a pages-gap warning on p2 (pages 6-8 are
// missing before it).
var gapVolume = []paper{
	{key: "p1", title: "One", first: 1, last: 5},
	{key: "p2", title: "Two", first: 9, last: 12},
	{key: "p3", title: "Three", first: 13, last: 20},
}

// writeFiles writes name → content under dir, making directories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// inDir runs the test from dir (paths in diagnostics stay short).
func inDir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// TestConfigFile covers every key of procx.toml, its discovery, the flags
// that win over it and its errors.
func TestConfigFile(t *testing.T) {
	gap := bibVolume(gapVolume...)
	authors := bibVolume(paper{key: "p1", title: "One", authors: "Ann Smith and Bob Jones and Carl Bye", first: 1, last: 5})
	pdf, err := os.ReadFile("../../fixtures/pdf/vee21-letter-times.pdf")
	if err != nil {
		t.Fatal(err)
	}
	gapLine := `(?m)^vol\.bib:\d+:\d+: warning: pages 6-8 missing between "One" \(1--5\) and "Two" \(9--12\) \[pages-gap\]$`
	cases := []struct {
		name   string
		config string
		files  map[string]string
		args   []string
		stdout string // regexp; "" means empty
		stderr string // regexp; "" means empty
		code   int
	}{
		{"no config", "", nil, []string{"lint", "vol.bib"}, gapLine, "", 0},
		{"disable", `disable = ["pages-gap"]`, nil, []string{"lint", "--fail-on", "warning", "vol.bib"}, "", "", 0},
		{"disable adds to --disable", `disable = ["pages-gap"]`, map[string]string{"au.bib": authors},
			[]string{"lint", "--disable", "limit", "--max-authors", "1", "vol.bib", "au.bib"}, "", `procx: 2 files`, 0},
		{"severity", "[severity]\npages-gap = \"error\"", nil, []string{"lint", "vol.bib"}, `(?m)^vol\.bib:\d+:\d+: error: pages 6-8 missing .*\[pages-gap\]$`, "", 1},
		{"severity flag wins", "[severity]\npages-gap = \"error\"", nil, []string{"lint", "--severity", "pages-gap=info", "vol.bib"}, `(?m)^vol\.bib:\d+:\d+: info: pages 6-8`, "", 0},
		{"fail-on", `fail-on = "warning"`, nil, []string{"lint", "vol.bib"}, gapLine, "", 1},
		{"fail-on flag wins", `fail-on = "warning"`, nil, []string{"lint", "--fail-on", "error", "vol.bib"}, gapLine, "", 0},
		{"fail-on info", `fail-on = "info"`, nil, []string{"lint", "--severity", "pages-gap=info", "vol.bib"}, `info: pages 6-8`, "", 1},
		{"max-authors", "[limits]\nmax-authors = 1", map[string]string{"au.bib": authors}, []string{"lint", "au.bib"},
			`(?m)^au\.bib:7:12: error: record "One" has 3 authors, over the limit of 1 \(--max-authors\); the first 1 are kept \[limit\]$`, "", 1},
		{"max-authors flag wins", "[limits]\nmax-authors = 1", map[string]string{"au.bib": authors}, []string{"lint", "--max-authors", "3", "au.bib"}, "", "", 0},
		{"max-file-size", "[limits]\nmax-file-size = \"300\"", nil, []string{"lint", "vol.bib"}, `file is 301 bytes or more, over the limit of 300 \(--max-file-size\)`, "", 1},
		{"max-file-size integer", "[limits]\nmax-file-size = 100", nil, []string{"lint", "vol.bib"}, `over the limit of 100 \(--max-file-size\)`, "", 1},
		{"max-line-length", "[limits]\nmax-line-length = 30", map[string]string{"au.bib": authors}, []string{"lint", "au.bib"},
			`(?m)^au\.bib:7:1: error: line 7 is 50 bytes long, over the limit of 30 \(--max-line-length\)`, "", 1},
		{"max-brace-depth", "[limits]\nmax-brace-depth = 1", map[string]string{"b.bib": bibVolume(paper{key: "p1", title: "{{Deep}} Braces", first: 1, last: 5})}, []string{"lint", "b.bib"},
			`bibtex braces nested deeper than the limit of 1 \(--max-brace-depth\)`, "", 1},
		{"max-pdf-pages", "[limits]\nmax-pdf-pages = 1", map[string]string{"v.pdf": string(pdf)}, []string{"lint", "v.pdf"}, `has more than 1 pages \(--max-pdf-pages\)`, "", 1},
		{"max-pdf-stream", "[limits]\nmax-pdf-stream = 100", map[string]string{"v.pdf": string(pdf)}, []string{"lint", "v.pdf"}, `inflates past the 100-byte limit \(--max-pdf-stream\)`, "", 1},
		{"timeout", "[limits]\ntimeout = \"1ns\"", nil, []string{"lint", "vol.bib"}, `took longer than the limit of 1ns \(--timeout\)`, "", 1},
		{"timeout flag wins", "[limits]\ntimeout = \"1ns\"", nil, []string{"lint", "--timeout", "1m", "vol.bib"}, gapLine, "", 0},
		{"exclude", `exclude = ["drafts/**", "*.old.bib"]`, map[string]string{"drafts/x.bib": "@broken{", "a/b.old.bib": "@broken{"},
			[]string{"lint", "-q", "--fail-on", "warning", "."}, `(?s)^vol\.bib:[^\n]*\[pages-gap\]\n\s+vol\.bib:[^\n]*ends on page 5\n$`, "", 1},
		{"exclude spares a named file", `exclude = ["drafts/**"]`, map[string]string{"drafts/x.bib": "@inproceedings{x,\n title = {broken\n"},
			[]string{"lint", "drafts/x.bib"}, `\[bibtex-syntax\]`, "", 1},
		{"ignore by path and code", "[[ignore]]\npath = \"*.bib\"\ncode = \"pages-gap\"\nreason = \"blank pages\"", nil, []string{"lint", "--fail-on", "warning", "vol.bib"}, "", "", 0},
		{"ignore other path", "[[ignore]]\npath = \"other/*.bib\"\ncode = \"pages-gap\"\nreason = \"blank pages\"", nil, []string{"lint", "vol.bib"}, gapLine, "", 0},
		{"ignore by key", "[[ignore]]\ncode = \"pages-gap\"\nkey = \"p2\"\nreason = \"blank pages\"", nil, []string{"lint", "--fail-on", "warning", "vol.bib"}, "", "", 0},
		{"ignore other key", "[[ignore]]\ncode = \"pages-gap\"\nkey = \"p3\"\nreason = \"blank pages\"", nil, []string{"lint", "vol.bib"}, gapLine, "", 0},
		{"ignore by title", "[[ignore]]\ncode = \"pages-gap\"\ntitle = \"Two\"\nreason = \"blank pages\"", nil, []string{"lint", "--fail-on", "warning", "vol.bib"}, "", "", 0},
		{"ignore by doi", "[[ignore]]\ncode = \"pages-gap\"\ndoi = \"10.1145/2\"\nreason = \"blank pages\"",
			map[string]string{"d.bib": strings.Replace(bibVolume(gapVolume...), "title = {Two},", "title = {Two},\n  doi = {10.1145/2},", 1)},
			[]string{"lint", "--fail-on", "warning", "d.bib"}, "", "", 0},
		{"ignore other code", "[[ignore]]\ncode = \"pages-overlap\"\nreason = \"blank pages\"", nil, []string{"lint", "vol.bib"}, gapLine, "", 0},

		// Errors name the file and the line, and exit 2.
		{"unknown key", "fail-on = \"error\"\nfail_on = \"warning\"", nil, []string{"lint", "vol.bib"}, "", `^procx: procx\.toml:2:1: unknown key "fail_on"`, 2},
		{"unknown key in table", "[limits]\nmax-authors = 3\nmax-editors = 3", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:3:1: unknown key "limits\.max-editors"`, 2},
		{"unknown code", "disable = [\"pages-gap\", \"page-gap\"]", nil, []string{"lint", "vol.bib"}, "", `^procx: procx\.toml:1: disable: unknown code "page-gap"`, 2},
		{"unknown severity code", "[severity]\n\npage-gap = \"error\"", nil, []string{"lint", "vol.bib"}, "", `^procx: procx\.toml:3: severity\.page-gap: unknown code "page-gap"`, 2},
		{"bad level", "[severity]\npages-gap = \"fatal\"", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:2: severity\.pages-gap: "fatal": want info, warning or error`, 2},
		{"bad fail-on", `fail-on = "sometimes"`, nil, []string{"lint", "vol.bib"}, "", `procx\.toml:1: fail-on: "sometimes"`, 2},
		{"bad size", "[limits]\nmax-file-size = \"big\"", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:2: limits\.max-file-size: "big" is not a size`, 2},
		{"zero limit", "[limits]\nmax-pdf-pages = 0", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:2: limits\.max-pdf-pages: 0: want a positive number`, 2},
		{"rule without reason", "[[ignore]]\ncode = \"pages-gap\"\nreason = \"ok\"\n\n[[ignore]]\ncode = \"pages-gap\"\nkey = \"p2\"", nil, []string{"lint", "vol.bib"}, "",
			`procx\.toml:5: \[\[ignore\]\] of pages-gap without a reason`, 2},
		{"rule without code", "[[ignore]]\nreason = \"ok\"", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:1: \[\[ignore\]\] without a code`, 2},
		{"not toml", "disable = [", nil, []string{"lint", "vol.bib"}, "", `procx\.toml:1:\d+: `, 2},
		{"unreadable-input not disabled", `disable = ["unreadable-input"]`, nil, []string{"lint", "vol.bib"}, "", `procx\.toml:1: disable: unreadable-input cannot be disabled`, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"vol.bib": gap, ".git/HEAD": "ref: refs/heads/main\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			if tc.config != "" {
				files["procx.toml"] = tc.config + "\n"
			}
			writeFiles(t, dir, files)
			inDir(t, dir)
			stdout, stderr, code := run(t, "", tc.args...)
			check := func(what, got, want string) {
				if want == "" && got != "" || want != "" && !regexp.MustCompile(want).MatchString(got) {
					t.Errorf("%s = %q; want match for %q", what, got, want)
				}
			}
			check("stdout", stdout, tc.stdout)
			check("stderr", stderr, tc.stderr)
			if code != tc.code {
				t.Errorf("exit %d; want %d (stderr %q)", code, tc.code, stderr)
			}
		})
	}
}

// TestConfigDiscovery: procx.toml is found in the input's directory or a
// parent, not above a directory holding .git; --config names another.
func TestConfigDiscovery(t *testing.T) {
	dir := t.TempDir()
	vol := bibVolume(gapVolume...)
	writeFiles(t, dir, map[string]string{
		"procx.toml":              "fail-on = \"warning\"\n", // above the repository: never read
		"repo/.git/HEAD":          "ref: refs/heads/main\n",
		"repo/procx.toml":         "disable = [\"pages-gap\"]\n",
		"repo/a/b/vol.bib":        vol,
		"other/vol.bib":           vol,
		"other/.git/HEAD":         "ref: refs/heads/main\n",
		"strict.toml":             "[severity]\npages-gap = \"error\"\n",
		"repo/c/procx.toml":       "fail-on = \"never\"\n",
		"repo/c/vol.bib":          vol,
		"repo/c/nested/other.bib": vol,
	})
	inDir(t, dir)
	for _, tc := range []struct {
		args   []string
		stdout string
		stderr string
		code   int
	}{
		{[]string{"lint", "--fail-on", "warning", "repo/a/b/vol.bib"}, "", "", 0},                          // repo/procx.toml, two levels up
		{[]string{"lint", "--fail-on", "warning", "repo/a"}, "", "", 0},                                    // from a directory PATH
		{[]string{"lint", "other/vol.bib"}, "pages-gap", "", 0},                                            // stops at other/.git: ./procx.toml is not read
		{[]string{"lint", "--config", "strict.toml", "repo/a/b/vol.bib"}, `error: pages 6-8`, "", 1},       // --config instead
		{[]string{"lint", "repo/c/nested/other.bib", "repo/c/vol.bib"}, "pages-gap", `^procx: 2 files`, 0}, // one file for both
		{[]string{"lint", "repo/a/b/vol.bib", "repo/c/vol.bib"}, "", `under two configuration files, .*repo/procx\.toml and .*repo/c/procx\.toml: name one with --config`, 2},
		{[]string{"lint", "--config", "missing.toml", "other/vol.bib"}, "", `^procx: config: open missing\.toml: no such file or directory\n$`, 2},
	} {
		stdout, stderr, code := run(t, "", tc.args...)
		if tc.stdout == "" && stdout != "" || !regexp.MustCompile(tc.stdout).MatchString(stdout) ||
			tc.stderr == "" && stderr != "" || !regexp.MustCompile(tc.stderr).MatchString(stderr) || code != tc.code {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
		}
	}
}

// TestSuppressions: a procx:ignore line silences its codes on the entry
// below it, in every output format; one that silences nothing, and a
// malformed one, is an unused-ignore warning at its line and column.
func TestSuppressions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "plain.bib": bibVolume(gapVolume...)})
	inDir(t, dir)
	vol := []paper{
		{key: "p1", title: "One", first: 1, last: 5, before: "% procx:ignore pages-gap nothing to silence here\n"},
		{key: "p2", title: "Two", first: 9, last: 12, before: "% an ordinary comment\n  %  procx:ignore  pages-gap,key-page-mismatch  the publisher left pages 6-8 blank\n"},
		{key: "p3", title: "Three", first: 15, last: 20, before: "% procx:ignore pages-gap\n"},
		{key: "p4", title: "Four", first: 21, last: 22, before: "% procx:ignore pages-gapp typo in the code\n"},
	}
	text := bibVolume(vol...) + "\n% procx:ignore pages-gap at the end\n"
	writeFiles(t, dir, map[string]string{"vol.bib": text})
	stdout, stderr, code := run(t, "", "lint", "--fail-on", "warning", "vol.bib")
	want := `vol.bib:6:1: warning: procx:ignore pages-gap silences nothing: entry "p1" has no such finding [unused-ignore]
vol.bib:16:3: warning: procx:ignore key-page-mismatch silences nothing: entry "p2" has no such finding [unused-ignore]
vol.bib:25:1: warning: procx:ignore pages-gap gives no reason (write why after the codes); it silences nothing [unused-ignore]
vol.bib:29:11: warning: pages 13-14 missing between "Two" (9--12) and "Three" (15--20) [pages-gap]
	vol.bib:20:11: "Two" ends on page 12
vol.bib:34:1: warning: procx:ignore names an unknown code "pages-gapp" (procx explain lists them); it silences nothing [unused-ignore]
vol.bib:43:1: warning: procx:ignore pages-gap is not right before an entry (put it on the line above the entry's @); it silences nothing [unused-ignore]
`
	if stdout != want || stderr != "" || code != 1 {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	// The lines of the text are what the diagnostics say.
	lines := strings.Split(text, "\n")
	for n, prefix := range map[int]string{6: "% procx:ignore pages-gap nothing", 16: "  %  procx:ignore", 17: "@inproceedings{p2,", 29: "  pages = {15--20}"} {
		if !strings.HasPrefix(lines[n-1], prefix) {
			t.Errorf("line %d = %q; want %q...", n, lines[n-1], prefix)
		}
	}
	// The same set in every format.
	for _, format := range []string{"json", "sarif", "github"} {
		out, _, code := run(t, "", "lint", "--format", format, "--fail-on", "warning", "vol.bib")
		if n := strings.Count(out, "unused-ignore"); n < 5 || !strings.Contains(out, "pages 13-14 missing") || strings.Contains(out, "pages 6-8") || code != 1 {
			t.Errorf("--format %s: exit %d, %d unused-ignore, output %.300q", format, code, n, out)
		}
	}
	// extract's JSON carries the same diagnostics.
	out, _, _ := run(t, "", "extract", "vol.bib")
	var v struct {
		Diagnostics []struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Diagnostics) != 6 || strings.Contains(out, "pages 6-8") {
		t.Errorf("extract: %d diagnostics %+v; want the 6 lint prints", len(v.Diagnostics), v.Diagnostics)
	}
	// Without the comments, the gap at p2 is reported; disabling
	// unused-ignore leaves the silenced and the real findings.
	if out, _, _ := run(t, "", "lint", "plain.bib"); !strings.Contains(out, "pages 6-8 missing") {
		t.Errorf("plain.bib: %q; want the gap the comment silences", out)
	}
	if out, _, _ := run(t, "", "lint", "--disable", "unused-ignore", "vol.bib"); strings.Contains(out, "unused-ignore") || !strings.Contains(out, "pages 13-14") {
		t.Errorf("--disable unused-ignore: %q", out)
	}
	// An ignore of a disabled code is not reported: it has nothing to
	// silence.
	if out, _, _ := run(t, "", "lint", "--disable", "pages-gap", "vol.bib"); strings.Contains(out, "procx:ignore pages-gap silences nothing") || !strings.Contains(out, "procx:ignore key-page-mismatch silences nothing") {
		t.Errorf("--disable pages-gap: %q", out)
	}
	// --severity applies to unused-ignore too.
	if out, _, code := run(t, "", "lint", "--severity", "unused-ignore=error", "vol.bib"); code != 1 || !strings.Contains(out, "vol.bib:6:1: error: procx:ignore") {
		t.Errorf("--severity unused-ignore=error: exit %d, %q", code, out)
	}
}

// TestSeverityFlag: --severity takes CODE=LEVEL, repeated or as a comma
// list, and refuses unknown codes and levels.
func TestSeverityFlag(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "vol.bib": bibVolume(gapVolume...),
		"nfc.bib": bibVolume(paper{key: "p1", title: "One", authors: "Ann Smith and Jose\u0301 Ruiz", first: 1, last: 5})})
	inDir(t, dir)
	for _, tc := range []struct {
		args         []string
		stdout, errs string
		code         int
	}{
		{[]string{"lint", "--severity", "pages-gap=error", "vol.bib"}, `(?m)^vol\.bib:\d+:\d+: error: pages 6-8`, "", 1},
		{[]string{"lint", "--severity", "not-nfc=warning, pages-gap=error", "--fail-on", "warning", "nfc.bib"}, `(?m)^nfc\.bib:7:12: warning: text was not in unicode nfc`, "", 1},
		{[]string{"lint", "--severity", "not-nfc=error", "--severity", "pages-gap=info", "nfc.bib", "vol.bib"}, `(?s)nfc\.bib:7:12: error: .*vol\.bib:\d+:\d+: info: pages 6-8`, `procx: 2 files`, 1},
		{[]string{"lint", "--severity", "pages-gap", "vol.bib"}, "", `^procx: --severity "pages-gap": want CODE=LEVEL`, 2},
		{[]string{"lint", "--severity", "page-gap=error", "vol.bib"}, "", `^procx: --severity "page-gap=error": unknown code "page-gap"`, 2},
		{[]string{"lint", "--severity", "pages-gap=fatal", "vol.bib"}, "", `^procx: --severity "pages-gap=fatal": unknown level "fatal": want info, warning or error`, 2},
		// --fail-on info: an info finding fails the run.
		{[]string{"lint", "nfc.bib"}, `info: text was not in unicode nfc`, "", 0},
		{[]string{"lint", "--fail-on", "info", "nfc.bib"}, `(?m)^nfc\.bib:7:12: info: text was not in unicode nfc: "Ann Smith and Jos.+ Ruiz" \(normalized\) \[not-nfc\]$`, "", 1},
		{[]string{"extract", "--fail-on", "info", "nfc.bib"}, `"code": "not-nfc"`, `(?m)^nfc\.bib:7:12: info: text was not in unicode nfc`, 1},
		{[]string{"lint", "--fail-on", "info", "--severity", "not-nfc=warning", "--disable", "not-nfc", "nfc.bib"}, "", "", 0},
	} {
		stdout, stderr, code := run(t, "", tc.args...)
		if tc.stdout == "" && stdout != "" || !regexp.MustCompile(tc.stdout).MatchString(stdout) ||
			tc.errs == "" && stderr != "" || !regexp.MustCompile(tc.errs).MatchString(stderr) || code != tc.code {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.errs)
		}
	}
}

// TestBaseline: a baseline accepts the findings it holds, by fingerprint,
// after papers are inserted above them (their lines and indexes move),
// and a new finding still fails the run.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	// The volume starts on page 101, so that papers can be inserted
	// before it; the gap is before p2.
	known := []paper{
		{key: "p1", title: "One", first: 101, last: 105},
		{key: "p2", title: "Two", first: 109, last: 112},
		{key: "p3", title: "Three", first: 113, last: 120},
	}
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "vol.bib": bibVolume(known...)})
	inDir(t, dir)
	stdout, stderr, code := run(t, "", "lint", "--fail-on", "warning", "--baseline-write", "base.json", "vol.bib")
	if code != 0 || !strings.Contains(stdout, "pages 106-108 missing") || stderr != "procx: baseline base.json written: 1 finding\n" {
		t.Fatalf("--baseline-write: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	b, err := os.ReadFile("base.json")
	if err != nil {
		t.Fatal(err)
	}
	var base struct {
		Version  int
		Findings []map[string]string
	}
	if err := json.Unmarshal(b, &base); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"code": "pages-gap", "path": "vol.bib", "record": "key:p2", "value": `pages 106-108 missing between "One" (101--105) and "Two" (109--112)`}
	if base.Version != 1 || len(base.Findings) != 1 || fmt.Sprint(base.Findings[0]) != fmt.Sprint(want) {
		t.Fatalf("baseline %s; want the one finding %v", b, want)
	}
	if regexp.MustCompile(`"line"|:\d+:`).Match(b) {
		t.Errorf("baseline holds a position: %s", b)
	}

	// Unchanged: nothing reported, the one finding baselined.
	stdout, stderr, code = run(t, "", "lint", "--fail-on", "warning", "--baseline", "base.json", "vol.bib")
	if code != 0 || stdout != "" || stderr != "procx: baseline base.json: 1 finding baselined, 0 baseline entries gone (fixed, or changed beyond recognition)\n" {
		t.Errorf("unchanged: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// Papers inserted above: the gap's line and record index move, the
	// baseline still holds it.
	moved := append([]paper{
		{key: "f1", title: "Zero", first: 1, last: 50},
		{key: "f2", title: "Half", first: 51, last: 100},
	}, known...)
	writeFiles(t, dir, map[string]string{"vol.bib": bibVolume(moved...)})
	out, _, _ := run(t, "", "lint", "--fail-on", "never", "vol.bib")
	if !regexp.MustCompile(`(?m)^vol\.bib:(\d+):\d+: warning: pages 106-108 missing between "One" \(101--105\) and "Two" \(109--112\) \[pages-gap\]$`).MatchString(out) || strings.Contains(out, "vol.bib:17:") {
		t.Fatalf("moved volume: %q; want the same gap on another line", out)
	}
	stdout, stderr, code = run(t, "", "lint", "--fail-on", "warning", "--baseline", "base.json", "vol.bib")
	if code != 0 || !strings.Contains(stderr, "1 finding baselined, 0 baseline entries gone") {
		t.Errorf("papers inserted above: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// A new finding fails, and only it is reported.
	grown := append(moved, paper{key: "p4", title: "Four", first: 125, last: 130})
	writeFiles(t, dir, map[string]string{"vol.bib": bibVolume(grown...)})
	stdout, stderr, code = run(t, "", "lint", "--fail-on", "warning", "--baseline", "base.json", "vol.bib")
	if code != 1 || !strings.Contains(stdout, `pages 121-124 missing between "Three" (113--120) and "Four" (125--130)`) || strings.Contains(stdout, "pages 106-108") ||
		!strings.Contains(stderr, "1 finding baselined, 0 baseline entries gone") {
		t.Errorf("new finding: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// Fixed: the entry is gone.
	fixed := append([]paper{}, moved...)
	fixed[3].first = 106
	writeFiles(t, dir, map[string]string{"vol.bib": bibVolume(fixed...)})
	stdout, stderr, code = run(t, "", "lint", "--fail-on", "warning", "--baseline", "base.json", "vol.bib")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "0 findings baselined, 1 baseline entry gone") {
		t.Errorf("fixed: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// No baseline is written when an input cannot be read.
	if _, stderr, code := run(t, "", "lint", "--baseline-write", "b3.json", "vol.bib", "missing.bib"); code != 2 || !strings.Contains(stderr, "procx: baseline b3.json not written: an input could not be read\n") {
		t.Errorf("--baseline-write with a missing input: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat("b3.json"); err == nil {
		t.Error("b3.json written")
	}

	// Usage errors.
	for _, args := range [][]string{
		{"lint", "--baseline", "missing.json", "vol.bib"},
		{"lint", "--baseline", "vol.bib", "vol.bib"},
		{"lint", "--baseline", "base.json", "--baseline-write", "b2.json", "vol.bib"},
	} {
		if _, stderr, code := run(t, "", args...); code != 2 || !strings.HasPrefix(stderr, "procx: ") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}
