package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/schema"
)

// compile compiles a JSON Schema printed by procx schema.
func compile(t *testing.T, args ...string) *gojsonschema.Schema {
	t.Helper()
	out, errOut, code := run(t, "", append([]string{"schema"}, args...)...)
	if code != 0 || errOut != "" {
		t.Fatalf("schema %v: exit %d: %s", args, code, errOut)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewStringLoader(out))
	if err != nil {
		t.Fatalf("schema %v does not compile: %v", args, err)
	}
	return s
}

// valid reports the errors of doc against s.
func valid(t *testing.T, s *gojsonschema.Schema, doc string) []string {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewStringLoader(doc))
	if err != nil {
		t.Fatalf("%v: %.200s", err, doc)
	}
	var errs []string
	for _, e := range res.Errors() {
		errs = append(errs, e.String())
	}
	return errs
}

// TestJSONLSchema: every line extract --format jsonl writes, records with
// and without diagnostics and lines of kind "diagnostics", satisfies the
// schema procx schema --jsonl prints (and a line that lacks its index
// does not).
func TestJSONLSchema(t *testing.T) {
	if out, _, _ := run(t, "", "schema", "--jsonl"); out != string(schema.LineJSON()) {
		t.Errorf("procx schema --jsonl does not print schema.LineJSON")
	}
	s := compile(t, "--jsonl")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	out, errOut, _ := run(t, "", "extract", "-q", "--format", "jsonl", ref, checkInput(t, "pages-overlap"), checkInput(t, "unparsed-text"), empty)
	if errOut != "" && !strings.Contains(errOut, "error") {
		t.Fatalf("stderr %q", errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	kinds := map[string]int{}
	for i, l := range lines {
		for _, k := range []string{`"kind":"paper"`, `"kind":"frontmatter"`, `"kind":"diagnostics"`, `,"diagnostics":[{`} {
			if strings.Contains(l, k) {
				kinds[k]++
			}
		}
		for _, e := range valid(t, s, l) {
			t.Errorf("line %d breaks procx schema --jsonl: %s\n%.300s", i+1, e, l)
		}
	}
	if len(kinds) != 4 {
		t.Errorf("the lines do not show every kind of line: %v", kinds)
	}
	bad := strings.Replace(lines[0], `"index":0,`, "", 1)
	if bad == lines[0] || len(valid(t, s, bad)) == 0 {
		t.Errorf("a line without its index passes")
	}
}

// TestSchemaUnchanged: procx schema prints the volume schema as embedded.
func TestSchemaUnchanged(t *testing.T) {
	if out, _, _ := run(t, "", "schema"); !bytes.Equal([]byte(out), schema.JSON) {
		t.Errorf("procx schema does not print schema.JSON")
	}
}
