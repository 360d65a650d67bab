package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestNoInputs: a directory that holds no file procx reads is an error
// naming it (exit 2), alone or beside other inputs, which are still read,
// so that a mistyped CI path does not pass.
func TestNoInputs(t *testing.T) {
	empty := t.TempDir()
	md := t.TempDir()
	for _, name := range []string{"a.md", "b.md", ".hidden.txt"} {
		os.WriteFile(filepath.Join(md, name), []byte("# notes\n"), 0o644)
	}
	for _, c := range []struct {
		name   string
		args   []string
		stdout string
		stderr string
	}{
		{"empty directory", []string{"lint", empty}, "",
			`^procx: ` + regexp.QuoteMeta(empty) + `: no file to read: in a directory procx reads the files ending in ` + regexp.QuoteMeta(knownExtList()) + `\n$`},
		{"directory of markdown", []string{"lint", md}, "",
			`^procx: ` + regexp.QuoteMeta(md) + `: no file to read: .*; it skipped 2 other files \(name a file to read it whatever its extension\)\n$`},
		// A directory makes an array of volumes: here, of none.
		{"extract empty directory", []string{"extract", empty}, `^\[\]\n$`, `^procx: ` + regexp.QuoteMeta(empty) + `: no file to read`},
		{"empty directory beside a file", []string{"lint", empty, ref}, `bibtex-unescaped`, `^procx: ` + regexp.QuoteMeta(empty) + `: no file to read`},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, "", c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			match(t, "stdout", out, c.stdout)
			match(t, "stderr", errOut, c.stderr)
		})
	}
}

// knownExtList is the extensions read in directories, as the error of a
// directory with none lists them.
func knownExtList() string {
	var exts []string
	for e := range knownExt {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return strings.Join(exts, ", ")
}

// TestSummaryCounts: the summary counts the paths that could not be read
// among the files, and says "1 file", "1 error", "1 warning".
func TestSummaryCounts(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("v%d.txt", i)), []byte(readRef(t)), 0o644)
	}
	missing := filepath.Join(dir, "nonexistent")
	_, errOut, code := run(t, "", "lint", dir, missing)
	if code != 2 {
		t.Errorf("exit %d", code)
	}
	records := strings.Count(readRef(t), "@InProceedings{") + 2
	want := fmt.Sprintf(`(?m)^procx: 3 files \(1 unreadable\), %d records, 0 errors, 2 warnings, 0 info in `, 2*records)
	if !regexp.MustCompile(want).MatchString(errOut) {
		t.Errorf("summary %q, want %q", errOut, want)
	}

	// One file, on a terminal: singular nouns.
	bib := filepath.Join(dir, "one.bib")
	os.WriteFile(bib, []byte("@InProceedings{x,\n  title = {Broken\n"), 0o644)
	var errb strings.Builder
	e := &env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &errb,
		getenv: func(string) string { return "" }, isTerminal: func(any) bool { return true }}
	e.main([]string{"lint", bib})
	if !regexp.MustCompile(`^procx: 1 file \(0 unreadable\), 0 records, 1 error, 0 warnings, 0 info in `).MatchString(errb.String()) {
		t.Errorf("summary %q", errb.String())
	}
}
