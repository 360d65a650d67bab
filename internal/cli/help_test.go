package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestUsageListsEveryFlag: the top-level help names every flag of extract
// and lint, and each command's help every flag of its own.
func TestUsageListsEveryFlag(t *testing.T) {
	top, _, _ := run(t, "", "help")
	for _, name := range commandNames {
		help, _, code := run(t, "", "help", name)
		if code != 0 {
			t.Fatalf("help %s: exit %d", name, code)
		}
		e := &env{}
		e.flagSet(name).VisitAll(func(f *pflag.Flag) {
			if !strings.Contains(help, "--"+f.Name) {
				t.Errorf("procx help %s does not list --%s", name, f.Name)
			}
			if (name == "extract" || name == "lint") && !strings.Contains(top, "--"+f.Name) {
				t.Errorf("procx help does not list --%s of %s", f.Name, name)
			}
		})
	}
}

// TestStdinHint: with no PATH and stdin on a terminal, procx says that it
// is reading stdin; from a pipe it says nothing.
func TestStdinHint(t *testing.T) {
	for _, terminal := range []bool{true, false} {
		stdin := strings.NewReader(readRef(t))
		var out, errb bytes.Buffer
		e := &env{stdin: stdin, stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
			isTerminal: func(f any) bool { return terminal && f == stdin }}
		if code := e.main([]string{"lint"}); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		hint := strings.Contains(errb.String(), "procx: reading stdin; end it with Ctrl-D")
		if hint != terminal {
			t.Errorf("terminal %v: stderr %q", terminal, errb.String())
		}
		if !strings.Contains(out.String(), "<stdin>:283:16: warning") {
			t.Errorf("terminal %v: stdout %q", terminal, out.String())
		}
	}
}

// TestLintOutputFile: lint -o writes the diagnostics to the file, not
// stdout.
func TestLintOutputFile(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "lint.sarif")
	out, errOut, code := run(t, "", "lint", "--format", "sarif", "-o", dst, ref)
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, clip(out), errOut)
	}
	b, err := os.ReadFile(dst)
	if err != nil || !bytes.Contains(b, []byte(`"ruleId": "bibtex-unescaped"`)) {
		t.Errorf("lint -o wrote %q (%v)", clip(string(b)), err)
	}
}

// TestFormatterNames: the help's list of lint formats is the formatters'.
func TestFormatterNames(t *testing.T) {
	if len(formatterNames()) != len(formatters) {
		t.Fatalf("formatterNames %v, formatters %d", formatterNames(), len(formatters))
	}
	for _, n := range formatterNames() {
		if formatters[n] == nil {
			t.Errorf("no formatter %q", n)
		}
	}
}
