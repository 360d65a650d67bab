package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

// streamed runs args with every dblp dump streamed, whatever its size.
func streamed(t *testing.T, args ...string) (string, string, int) {
	defer func(n int64) { streamAbove = n }(streamAbove)
	streamAbove = 0
	return run(t, "", args...)
}

// TestStreamedOutputs: a dblp dump streamed gives the papers and the
// diagnostics it gives read whole, in --format json, jsonl and in lint;
// the volume's proceedings stay empty and the diagnostics come in another
// order.
func TestStreamedOutputs(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "dblp-xml", "dblp-sample.xml")
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus not present:", err)
	}
	type volume struct {
		Papers      []json.RawMessage   `json:"papers"`
		Containers  []schema.Container  `json:"containers"`
		Diagnostics []schema.Diagnostic `json:"diagnostics"`
	}
	decode := func(s string) volume {
		var v volume
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatalf("%v in %.200s", err, s)
		}
		return v
	}
	keys := func(ds []schema.Diagnostic) []string {
		var ks []string
		for _, d := range ds {
			b, _ := json.Marshal(d)
			ks = append(ks, string(b))
		}
		sort.Strings(ks)
		return ks
	}
	whole, _, code := run(t, "", "extract", "-q", path)
	stream, _, code2 := streamed(t, "extract", "-q", path)
	if code != code2 {
		t.Errorf("exit %d read whole, %d streamed", code, code2)
	}
	w, s := decode(whole), decode(stream)
	if len(w.Papers) == 0 || !reflect.DeepEqual(w.Papers, s.Papers) {
		t.Errorf("json: %d papers read whole, %d streamed, or they differ", len(w.Papers), len(s.Papers))
	}
	if !reflect.DeepEqual(keys(w.Diagnostics), keys(s.Diagnostics)) {
		t.Errorf("json: diagnostics differ: %d read whole, %d streamed", len(w.Diagnostics), len(s.Diagnostics))
	}
	if len(s.Containers) != len(w.Containers) {
		t.Errorf("json: %d containers read whole, %d streamed", len(w.Containers), len(s.Containers))
	}

	// jsonl: the same records, each line standing alone.
	lines, _, _ := streamed(t, "extract", "-q", "--format", "jsonl", path)
	if again, _, _ := streamed(t, "extract", "-q", "--format", "jsonl", path); again != lines {
		t.Error("jsonl: two runs differ")
	}
	var got []schema.Diagnostic
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var line struct {
			Kind        string              `json:"kind"`
			Index       *int                `json:"index"`
			Diagnostics []schema.Diagnostic `json:"diagnostics"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("%v in %.200s", err, l)
		}
		if line.Index != nil {
			if *line.Index != n {
				t.Errorf("line of record %d has index %d", n, *line.Index)
			}
			n++
		}
		got = append(got, line.Diagnostics...)
	}
	if n != len(w.Papers) || !reflect.DeepEqual(keys(got), keys(w.Diagnostics)) {
		t.Errorf("jsonl: %d records, %d diagnostics; read whole %d, %d", n, len(got), len(w.Papers), len(w.Diagnostics))
	}

	// lint: the same findings.
	lw, _, _ := run(t, "", "lint", "--format", "json", "--fail-on", "never", path)
	ls, _, _ := streamed(t, "lint", "--format", "json", "--fail-on", "never", path)
	var a, b []schema.Diagnostic
	if err := json.Unmarshal([]byte(lw), &a); err != nil {
		t.Fatalf("%v in %.200s", err, lw)
	}
	if err := json.Unmarshal([]byte(ls), &b); err != nil {
		t.Fatalf("%v in %.200s", err, ls)
	}
	if len(a) == 0 || !reflect.DeepEqual(keys(a), keys(b)) {
		t.Errorf("lint: %d findings read whole, %d streamed", len(a), len(b))
	}
}
