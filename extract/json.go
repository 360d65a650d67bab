package extract

import (
	"context"

	"github.com/procx/procx/extract/internal/jsonread"
	"github.com/procx/procx/schema"
)

// JSON reads procx's own output, one volume per document, as edited or
// submitted by people, so that "procx lint" re-validates it. Values keep
// their positions: every JSON Pointer maps to the bytes of its value, so a
// diagnostic at /papers/3/pages points at that value's line and column.
//
// Decoding is lenient: a value of the wrong type (pages.first "one") or a
// property the schema does not name becomes a "schema" diagnostic at the
// value and the rest of the record is kept. The input's own diagnostics
// are dropped: the pipeline computes them afresh.
type JSON struct{}

// JSONL reads procx's JSON Lines output: one paper per line, each line
// carrying source and proceedings. Lines of kind "diagnostics" are skipped.
type JSONL struct{}

// Name returns "json".
func (JSON) Name() string { return "json" }

// Name returns "jsonl".
func (JSONL) Name() string { return "jsonl" }

// Sniff is sure when the text starts with '{' or '[' and is not JSON Lines.
func (JSON) Sniff(doc *Document) int { return jsonread.SniffJSON(doc) }

// Sniff is surer than JSON when the first line is a whole JSON object that
// is not a volume (it has no "papers").
func (JSONL) Sniff(doc *Document) int { return jsonread.SniffJSONL(doc) }

// Read decodes one volume.
func (JSON) Read(_ context.Context, doc *Document, _ Options) *schema.Volume {
	return jsonread.ReadJSON(doc)
}

// Read decodes one paper per line.
func (JSONL) Read(_ context.Context, doc *Document, _ Options) *schema.Volume {
	return jsonread.ReadJSONL(doc)
}
