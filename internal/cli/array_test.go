package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
)

// TestExtractArray: several PATHs, or a directory, give one JSON array of
// volumes, what encoding/json makes of them, to stdout or -o; it satisfies
// procx schema --array; one PATH still gives the volume alone.
func TestExtractArray(t *testing.T) {
	dir := t.TempDir()
	sessions := "../../fixtures/mutations/sessions.txt"
	var want []*schema.Volume
	for _, p := range []string{ref, sessions} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, procx.Process(context.Background(), p, data, procx.Options{}))
	}
	out, errOut, code := run(t, "", "extract", "-q", ref, sessions)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sameBytes(t, "two inputs", []byte(out), stdlibVolumes(t, want))
	two := filepath.Join(dir, "two.json")
	if _, errOut, code := run(t, "", "extract", "-q", "-o", two, ref, sessions); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(two); string(b) != out {
		t.Errorf("-o wrote other bytes than stdout")
	}
	s := compile(t, "--array")
	for _, e := range valid(t, s, out) {
		t.Errorf("breaks procx schema --array: %s", e)
	}
	if len(valid(t, s, `[{"source": {"path": "x", "format": "json"}}]`)) == 0 {
		t.Errorf("procx schema --array accepts a volume without papers")
	}

	// A directory is an array even of one volume; one file is a volume.
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "v.txt"), []byte(readRef(t)), 0o644)
	out, _, _ = run(t, "", "extract", "-q", sub)
	var vols []json.RawMessage
	if err := json.Unmarshal([]byte(out), &vols); err != nil || len(vols) != 1 {
		t.Errorf("a directory of one file: %v, %d volumes", err, len(vols))
	}
	out, _, _ = run(t, "", "extract", "-q", ref)
	if !strings.HasPrefix(out, "{\n") {
		t.Errorf("one file: %.40q", out)
	}
	// An array of one volume read back is an array again.
	one := filepath.Join(dir, "one.json")
	run(t, "", "extract", "-q", "-o", one, sub)
	out, _, _ = run(t, "", "extract", "-q", one)
	if err := json.Unmarshal([]byte(out), &vols); err != nil || len(vols) != 1 {
		t.Errorf("an array of one volume read back: %v, %.40q", err, out)
	}
	// Several PATHs none of which could be read: an empty array.
	if out, _, code := run(t, "", "extract", "-q", "no/such.txt", "no/such.bib"); code != 2 || out != "[]\n" {
		t.Errorf("two missing files: exit %d, %q", code, out)
	}
}

// TestReadBackArray: the array extract writes for several inputs reads back
// in extract and lint: extract writes it again (an array, of the same
// volumes), lint finds each volume's findings at their lines in it.
func TestReadBackArray(t *testing.T) {
	dir := t.TempDir()
	two := filepath.Join(dir, "two.json")
	sessions := "../../fixtures/mutations/sessions.txt"
	if _, errOut, code := run(t, "", "extract", "-q", "-o", two, ref, sessions); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, errOut, code := run(t, "", "extract", "-q", two)
	if code != 0 || errOut != "" {
		t.Fatalf("extract two.json: exit %d: %s", code, errOut)
	}
	var again, orig []schema.Volume
	data, _ := os.ReadFile(two)
	if err := json.Unmarshal([]byte(out), &again); err != nil {
		t.Fatalf("extract two.json: %v", err)
	}
	json.Unmarshal(data, &orig)
	if len(again) != 2 || len(orig) != 2 {
		t.Fatalf("%d volumes read back from %d", len(again), len(orig))
	}
	for i := range again {
		if again[i].Proceedings.Title != orig[i].Proceedings.Title || len(again[i].Papers) != len(orig[i].Papers) ||
			again[i].Papers[3].Title != orig[i].Papers[3].Title || again[i].Source.Path != two || again[i].Source.Format != "json" {
			t.Errorf("volume %d read back differs: %+v", i, again[i].Source)
		}
	}

	out, errOut, code = run(t, "", "lint", "--excerpt", two)
	if code != 0 || errOut != "" {
		t.Fatalf("lint two.json: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], two+":") || lines[0][:len(two)+6] == lines[3][:len(two)+6] {
		t.Fatalf("lint two.json:\n%s", out)
	}
	for _, i := range []int{0, 3} {
		if !strings.Contains(lines[i], "[bibtex-unescaped]") || !strings.Contains(lines[i+1], `"title": "Spons & Shields`) || strings.TrimSpace(lines[i+2]) != "^" ||
			strings.Index(lines[i+2], "^") != strings.Index(lines[i+1], "&") {
			t.Errorf("lint two.json: finding not at its \"&\":\n%s\n%s\n%s", lines[i], lines[i+1], lines[i+2])
		}
	}

	out, _, _ = run(t, "", "extract", "-q", "--format", "jsonl", two)
	s := compile(t, "--jsonl")
	n := 0
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		for _, e := range valid(t, s, l) {
			t.Errorf("jsonl of two.json: %s", e)
		}
		n++
	}
	if want := len(orig[0].Papers) + len(orig[1].Papers); n != want {
		t.Errorf("jsonl of two.json: %d lines, want %d", n, want)
	}
}
