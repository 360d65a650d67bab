package procx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/fuzzseed"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// FuzzProcess runs the whole pipeline on arbitrary input, sniffing the
// format: no panic and no internal error; the volume encodes to JSON that
// passes procx's own schema (no "schema" diagnostics unless the input was
// procx JSON, and gojsonschema passes the printed JSON); spans lie inside the
// input; normalizing the output again changes nothing.
func FuzzProcess(f *testing.F) {
	// Small pieces, not the 30 KB files: see package fuzzseed.
	fuzzseed.AddFixtures(f, "fixtures")
	f.Fuzz(func(t *testing.T, data []byte) {
		v, file := procx.ProcessFile(context.Background(), "fuzz.txt", data, procx.Options{})
		for _, d := range v.Diagnostics {
			// Schema errors report the input only when the input is
			// procx JSON; for any other format procx made the JSON
			// itself, and it must satisfy the schema.
			ownJSON := v.Source.Format == "json" || v.Source.Format == "jsonl"
			if d.Code == "internal-error" || d.Code == "schema" && !ownJSON {
				t.Fatalf("%s", d)
			}
			if d.Line > file.LineCount()+1 {
				t.Fatalf("diagnostic beyond the input's %d lines: %s", file.LineCount(), d)
			}
		}
		for _, r := range v.Papers {
			if r.Span.Line < 1 || r.Span.EndLine > file.LineCount() || r.Span.Line > r.Span.EndLine {
				t.Fatalf("span %+v outside 1..%d", r.Span, file.LineCount())
			}
		}
		out, err := json.Marshal(v)
		if err != nil || !json.Valid(out) {
			t.Fatalf("output is not json: %v", err)
		}
		// The printed JSON, judged by gojsonschema alone (Process judged
		// the Go values through the prefilter): whatever breaks the
		// schema is reported by some diagnostic.
		if ownJSON := v.Source.Format == "json" || v.Source.Format == "jsonl"; !ownJSON {
			if errs := validate.Uncovered(validate.SchemaErrorsJSON("fuzz.json", out), v.Diagnostics); len(errs) > 0 {
				t.Fatalf("output breaks the schema unreported: %s", errs[0].Message)
			}
		}
		var again schema.Volume
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatal(err)
		}
		again.Diagnostics = nil
		before, _ := json.Marshal(&again)
		normalize.Volume(&again)
		again.Diagnostics = nil
		after, _ := json.Marshal(&again)
		if !bytes.Equal(before, after) {
			t.Fatalf("normalization is not idempotent:\n%s\n%s", before, after)
		}
	})
}
