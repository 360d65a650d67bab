package config

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx/schema"
)

// readmeExample is the procx.toml of the README's Configuration section.
func readmeExample(t testing.TB) []byte {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```toml\n(# procx\\.toml\n.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("README has no ```toml block starting with # procx.toml")
	}
	return m[1]
}

// TestREADMEExample reads the README's example, which sets every key.
func TestREADMEExample(t *testing.T) {
	c, err := Parse("/repo/procx.toml", readmeExample(t))
	if err != nil {
		t.Fatal(err)
	}
	l := c.Limits
	switch {
	case c.Dir != "/repo":
		t.Errorf("Dir %q", c.Dir)
	case len(c.Disable) != 1 || c.Disable[0] != schema.HTMLExtraText:
		t.Errorf("Disable %v", c.Disable)
	case c.FailOn != "warning":
		t.Errorf("FailOn %q", c.FailOn)
	case strings.Join(c.Exclude, " ") != "drafts/** *.pdf":
		t.Errorf("Exclude %q", c.Exclude)
	case len(c.Severity) != 2 || c.Severity[schema.PagesGap] != schema.Error || c.Severity[schema.NotNFC] != schema.Warning:
		t.Errorf("Severity %v", c.Severity)
	case *l.MaxFileSize != 64<<20 || *l.MaxLineLength != 1<<20 || *l.MaxAuthors != 500 || *l.MaxBraceDepth != 128 ||
		*l.MaxPDFPages != 1000 || *l.MaxPDFStream != 32<<20 || *l.Timeout != 30*time.Second:
		t.Errorf("Limits %d %d %d %d %d %d %s", *l.MaxFileSize, *l.MaxLineLength, *l.MaxAuthors, *l.MaxBraceDepth, *l.MaxPDFPages, *l.MaxPDFStream, *l.Timeout)
	case len(c.Ignore) != 2:
		t.Fatalf("Ignore %+v", c.Ignore)
	}
	want := []Rule{
		{Path: "vee21/*.bib", Code: schema.PagesGap, Key: "VEE21p84", Reason: "the publisher left pages 80-83 blank", Line: 19},
		{Code: schema.DuplicateTitle, Title: "Keynote", Reason: "every keynote has this title", Line: 25},
	}
	for i, r := range c.Ignore {
		if r != want[i] {
			t.Errorf("Ignore[%d] = %+v; want %+v", i, r, want[i])
		}
	}
	if lines := strings.Split(string(readmeExample(t)), "\n"); lines[18] != "[[ignore]]                             # accept findings: code and reason required" {
		t.Errorf("line 19 of the example is %q", lines[21])
	}
}

// TestEmpty: an empty file sets nothing.
func TestEmpty(t *testing.T) {
	c, err := Parse("procx.toml", []byte("# nothing\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Disable != nil || c.Severity != nil || c.FailOn != "" || c.Limits != (Limits{}) || c.Exclude != nil || c.Ignore != nil {
		t.Errorf("empty file gave %+v", c)
	}
}

// TestErrors: each error names the file and the line of the offending key.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"disable = [\"pages-gap\"]\nfrobnicate = true\n", `^p\.toml:2:1: unknown key "frobnicate"`},
		{"[limits]\nmax-authors = 3\nmax-editors = 3\n", `^p\.toml:3:1: unknown key "limits\.max-editors"`},
		{"[[ignore]]\ncode = \"pages-gap\"\nreason = \"r\"\nline = 3\n", `^p\.toml:4:1: unknown key "ignore\.line"`},
		{"[limit]\nmax-authors = 3\n", `^p\.toml:1:\d+: unknown key "limit"`},
		{"disable = [\"pages-gap\", \"bogus\"]\n", `^p\.toml:1: disable: unknown code "bogus" \(procx explain lists them\)$`},
		{"disable = \"pages-gap\"\n", `^p\.toml:1: disable: want a list of codes, not pages-gap$`},
		{"\n[severity]\nbogus = \"error\"\n", `^p\.toml:3: severity\.bogus: unknown code "bogus"`},
		{"[severity]\npages-gap = \"fatal\"\n", `^p\.toml:2: severity\.pages-gap: "fatal": want info, warning or error$`},
		{"[severity]\npages-gap = 3\n", `^p\.toml:2: severity\.pages-gap: want info, warning or error, not 3$`},
		{"fail-on = \"info\"\nfail-on = \"error\"\n", `^p\.toml:2:\d+: `}, // a key given twice
		{"fail-on = \"always\"\n", `^p\.toml:1: fail-on: "always": want error, warning, info or never$`},
		{"[limits]\nmax-file-size = \"2X\"\n", `^p\.toml:2: limits\.max-file-size: "2X" is not a size`},
		{"[limits]\nmax-line-length = -5\n", `^p\.toml:2: limits\.max-line-length: -5: want a positive number of bytes$`},
		{"[limits]\nmax-pdf-stream = \"0\"\n", `^p\.toml:2: limits\.max-pdf-stream: "0" is not a size`},
		{"[limits]\nmax-brace-depth = 0\n", `^p\.toml:2: limits\.max-brace-depth: 0: want a positive number$`},
		{"[limits]\nmax-authors = \"many\"\n", `^p\.toml:2: limits\.max-authors: want a positive whole number, not many$`},
		{"[limits]\nmax-authors = 2.5\n", `^p\.toml:2: limits\.max-authors: want a positive whole number, not 2\.5$`},
		{"[limits]\ntimeout = 3\n", `^p\.toml:2: limits\.timeout: want a duration such as "30s", not 3$`},
		{"exclude = [3]\n", `^p\.toml:1: exclude: want globs, not 3$`},
		{"[limits]\ntimeout = \"soon\"\n", `^p\.toml:2: limits\.timeout: "soon" is not a positive duration`},
		{"[limits]\ntimeout = \"-1s\"\n", `^p\.toml:2: limits\.timeout: "-1s" is not a positive duration`},
		{"exclude = [\"[\"]\n", `^p\.toml:1: exclude: "\[" is not a valid glob$`},
		{"[[ignore]]\npath = \"a/[\"\ncode = \"pages-gap\"\nreason = \"r\"\n", `^p\.toml:2: \[\[ignore\]\] path: "a/\[" is not a valid glob$`},
		{"\n\n[[ignore]]\ncode = \"pages-gap\"\n", `^p\.toml:3: \[\[ignore\]\] of pages-gap without a reason`},
		{"[[ignore]]\ncode = \"pages-gap\"\nreason = \"  \"\n", `^p\.toml:1: \[\[ignore\]\] of pages-gap without a reason`},
		{"[[ignore]]\ncode = \"pages-gap\"\nreason = \"r\"\n\n[[ignore]]\nkey = \"x\"\nreason = \"r\"\n", `^p\.toml:5: \[\[ignore\]\] without a code`},
		{"[[ignore]]\ncode = \"pages-gapp\"\nreason = \"r\"\n", `^p\.toml:2: \[\[ignore\]\] code: unknown code "pages-gapp"`},
		{"[[ignore]]\ncode = \"pages-gap\"\nreason = true\n", `^p\.toml:3: \[\[ignore\]\] reason: want a string, not true$`},
		{"disable = [\"unreadable-input\"]\n", `^p\.toml:1: disable: unreadable-input cannot be disabled`},
		{"disable = [\n", `^p\.toml:\d+:\d+: `},
		{"= 3\n", `^p\.toml:1:\d+: `},
	} {
		_, err := Parse("p.toml", []byte(tc.in))
		var ce *Error
		if err == nil || !errors.As(err, &ce) || ce.Line == 0 || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
			t.Errorf("Parse(%q) = %v; want match for %q with a line", tc.in, err, tc.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "10k": 10 << 10, "10K": 10 << 10, "3M": 3 << 20, "2G": 2 << 30, "4MiB": 4 << 20, "5kB": 5 << 10, " 7 ": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "k", "1T", "1.5M", "99999999999G"} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d; want an error", in, got)
		}
	}
}

// TestFind: procx.toml is found in the directory or a parent; the search
// stops at a directory holding .git.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"procx.toml", "repo/.git/HEAD", "repo/a/b/c.bib", "repo/x/procx.toml", "repo/x/y/z.bib", "repo/x/.git/HEAD"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for in, want := range map[string]string{
		"procx.toml":      "procx.toml",
		"repo/a/b/c.bib":  "", // the search stops at repo, which holds .git
		"repo/a/b":        "",
		"repo/x/y/z.bib":  "repo/x/procx.toml",
		"repo/x/y":        "repo/x/procx.toml",
		"repo/x":          "repo/x/procx.toml",
		"repo/x/new.bib":  "repo/x/procx.toml", // a file that does not exist: its directory
		"elsewhere.bib":   "procx.toml",
		"repo/x/y/../..":  "",
		"repo/x/procx.tx": "repo/x/procx.toml",
	} {
		got, err := Find(filepath.Join(dir, in))
		if want != "" {
			want = filepath.Join(dir, want)
		}
		if err != nil || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestMatching: exclude globs and [[ignore]] rules, on paths relative to
// the configuration's directory.
func TestMatching(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c, err := Parse(filepath.Join("conf", Name), []byte(`exclude = ["drafts/**", "*.old.bib", "/top.bib"]
[[ignore]]
path = "vol/**/*.bib"
code = "pages-gap"
key = "VEE21p84"
reason = "blank pages"
[[ignore]]
code = "duplicate-title"
title = "Keynote"
doi = "10.1/k"
reason = "keynotes"
[[ignore]]
path = "*.txt"
code = "not-nfc"
reason = "as published"
`))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"conf/drafts":                           true,
		"conf/drafts/a/b.bib":                   true,
		"conf/x/y.old.bib":                      true,
		"conf/top.bib":                          true,
		"conf/x/top.bib":                        false,
		"conf/x/y.bib":                          false,
		"drafts/a.bib":                          false, // outside the configuration's directory
		filepath.Join(dir, "conf/drafts/z.bib"): true,
	} {
		if got := c.Excluded(path); got != want {
			t.Errorf("Excluded(%s) = %v; want %v", path, got, want)
		}
	}
	var nilConfig *Config
	if nilConfig.Excluded("conf/drafts") {
		t.Error("a nil Config excludes")
	}
	rec := &schema.Record{Title: "Keynote", DOI: "10.1/K", BibTeX: &schema.BibTeX{Key: "VEE21p84"}}
	other := &schema.Record{Title: "Keynote", DOI: "10.1/other", BibTeX: &schema.BibTeX{Key: "VEE21p90"}}
	gap, title, nfc := &c.Ignore[0], &c.Ignore[1], &c.Ignore[2]
	for _, tc := range []struct {
		r    *Rule
		path string
		code schema.Code
		rec  *schema.Record
		want bool
	}{
		{gap, "conf/vol/2021/a.bib", schema.PagesGap, rec, true},
		{gap, "conf/vol/a.bib", schema.PagesGap, rec, true},
		{gap, "conf/vol/a.bib", schema.PagesGap, other, false},   // another key
		{gap, "conf/vol/a.bib", schema.PagesGap, nil, false},     // about no record
		{gap, "conf/vol/a.bib", schema.PagesOverlap, rec, false}, // another code
		{gap, "conf/other/a.bib", schema.PagesGap, rec, false},   // another path
		{gap, "<stdin>", schema.PagesGap, rec, false},
		{title, "anywhere.bib", schema.DuplicateTitle, rec, true}, // DOIs compare without case
		{title, "anywhere.bib", schema.DuplicateTitle, other, false},
		{nfc, "conf/a/b/c.txt", schema.NotNFC, nil, true},
		{nfc, "<stdin>", schema.NotNFC, nil, false},
		{nfc, "conf/a.bib", schema.NotNFC, nil, false},
	} {
		if got := tc.r.Matches(c, tc.path, tc.code, tc.rec); got != tc.want {
			t.Errorf("rule %d Matches(%s, %s, %v) = %v; want %v", tc.r.Line, tc.path, tc.code, tc.rec != nil, got, tc.want)
		}
	}
}

// FuzzParse: no input panics, and every error names the file.
func FuzzParse(f *testing.F) {
	f.Add(readmeExample(f))
	f.Add([]byte("[[ignore]]\ncode = \"pages-gap\"\n"))
	f.Add([]byte("[severity]\n\"pages-gap\" = \"error\"\n[limits]\nmax-file-size = 10\n"))
	f.Add([]byte("a.b.c = 1\n[x]\n[[x.y]]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.toml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.toml") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, r := range c.Ignore {
			if r.Code == "" || strings.TrimSpace(r.Reason) == "" || !r.Code.Known() {
				t.Errorf("rule %+v accepted", r)
			}
		}
	})
}
