package cli

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestStreamedBibTeX: a BibTeX file streamed gives what it gives read
// whole: in --format json the same papers, proceedings and (sorted)
// diagnostics; in lint the same lines, in another order.
func TestStreamedBibTeX(t *testing.T) {
	path := filepath.Join("..", "..", "fixtures", "bibtex", "volume.bib")
	type volume struct {
		Source      json.RawMessage   `json:"source"`
		Proceedings json.RawMessage   `json:"proceedings"`
		Papers      []json.RawMessage `json:"papers"`
		Diagnostics []json.RawMessage `json:"diagnostics"`
	}
	decode := func(s string) volume {
		var v volume
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatalf("%v in %.200s", err, s)
		}
		return v
	}
	sorted := func(rs []json.RawMessage) []string {
		var ks []string
		for _, r := range rs {
			ks = append(ks, string(r))
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
	if string(w.Proceedings) != string(s.Proceedings) || string(w.Source) != string(s.Source) {
		t.Errorf("json: read whole %s %s, streamed %s %s", w.Source, w.Proceedings, s.Source, s.Proceedings)
	}
	if len(w.Diagnostics) == 0 || !reflect.DeepEqual(sorted(w.Diagnostics), sorted(s.Diagnostics)) {
		t.Errorf("json: diagnostics differ: %d read whole, %d streamed", len(w.Diagnostics), len(s.Diagnostics))
	}
	lintWhole, _, _ := run(t, "", "lint", "--format", "text", "--fail-on", "never", "-q", path)
	lintStream, _, _ := streamed(t, "lint", "--format", "text", "--fail-on", "never", "-q", path)
	a, b := strings.Split(lintWhole, "\n"), strings.Split(lintStream, "\n")
	sort.Strings(a)
	sort.Strings(b)
	if len(a) < 2 || !reflect.DeepEqual(a, b) {
		t.Errorf("lint: read whole\n%s\nstreamed\n%s", lintWhole, lintStream)
	}
}
