package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/procx/procx/schema"
)

// readmeTable returns the rows of the README table whose header row starts
// with header, each as its cells.
func readmeTable(t *testing.T, header string) [][]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	in := false
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(l, header):
			in = true
		case in && strings.HasPrefix(l, "|---"):
		case in && strings.HasPrefix(l, "|"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(l, "|"), " | ") {
				cells = append(cells, strings.TrimSpace(c))
			}
			rows = append(rows, cells)
		case in:
			return rows
		}
	}
	if !in {
		t.Fatalf("README has no table headed %q", header)
	}
	return rows
}

var backquoted = regexp.MustCompile("`([^`]+)`")

// TestREADMECodes: the README's table of codes lists every code procx
// declares (procx explain's), each once with its default severity, and no
// other.
func TestREADMECodes(t *testing.T) {
	listed := map[schema.Code]bool{}
	for _, row := range readmeTable(t, "| code | default | what |") {
		m := backquoted.FindStringSubmatch(row[0])
		if m == nil || len(row) != 3 || m[0] != row[0] {
			t.Errorf("README code row %q: want | `code` | severity | what |", row)
			continue
		}
		code := schema.Code(m[1])
		doc, ok := code.Doc()
		switch {
		case !ok:
			t.Errorf("README lists %q, which procx explain does not know", code)
		case listed[code]:
			t.Errorf("README lists %q twice", code)
		case row[1] != doc.Severity.String():
			t.Errorf("README gives %q the default %q; procx explain says %s", code, row[1], doc.Severity)
		}
		listed[code] = true
	}
	for _, c := range schema.Codes() {
		if !listed[c.Code] {
			t.Errorf("README's code table lacks %q (%s)", c.Code, c.Title)
		}
	}
}

// TestREADMEFlags: the README's table of flags has a row for every flag
// every command registers, naming the command, and no row for a flag that
// does not exist.
func TestREADMEFlags(t *testing.T) {
	type key struct{ cmd, flag string }
	documented := map[key]bool{}
	for _, row := range readmeTable(t, "| flag | commands | what |") {
		if len(row) != 3 {
			t.Errorf("README flag row %q: want | `--flag` | commands | what |", row)
			continue
		}
		var flags []string
		for _, m := range backquoted.FindAllStringSubmatch(row[0], -1) {
			if name, ok := strings.CutPrefix(strings.Fields(m[1])[0], "--"); ok {
				flags = append(flags, name)
			}
		}
		if len(flags) == 0 {
			t.Errorf("README flag row %q names no --flag", row)
		}
		for _, cmd := range strings.Split(row[1], ", ") {
			for _, f := range flags {
				documented[key{cmd, f}] = true
			}
		}
	}
	registered := map[key]bool{}
	e := &env{}
	for _, cmd := range commandNames {
		e.flagSet(cmd).VisitAll(func(f *pflag.Flag) {
			registered[key{cmd, f.Name}] = true
			if !documented[key{cmd, f.Name}] {
				t.Errorf("README's flag table lacks --%s of %s", f.Name, cmd)
			}
		})
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("README's flag table documents --%s of %s, which does not exist", k.flag, k.cmd)
		}
	}
}
