package schema

import (
	"bytes"
	"encoding/json"
	"maps"
	"sync"
)

// LineJSON returns the JSON Schema (draft-07) of one line of procx's JSON
// Lines output ("procx extract --format jsonl", printed by "procx schema
// --jsonl"). A line is either a record with the source and proceedings of
// its volume, its index among the volume's records and the diagnostics
// that point into it, or a line of kind "diagnostics" with the source,
// proceedings and the diagnostics that point into no record (written also
// for a volume without records). It is made from JSON, whose definitions
// it shares, so the two cannot disagree.
func LineJSON() []byte { return derived().line }

// ArrayJSON returns the JSON Schema (draft-07) of an array of volumes,
// what "procx extract" writes for several inputs or a directory (printed by
// "procx schema --array"): its items are the volume of JSON, whose
// definitions it shares.
func ArrayJSON() []byte { return derived().array }

type derivedSchemas struct{ line, array []byte }

var derived = sync.OnceValue(func() derivedSchemas {
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(JSON))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		panic("schema: procx.schema.json: " + err.Error())
	}
	props := root["properties"].(map[string]any)
	defs := root["definitions"].(map[string]any)
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }
	diagnostics := map[string]any{"type": "array", "items": ref("diagnostic")}

	// A record line is a record with more members: it cannot be the
	// record's definition with more, which allows no other property.
	record := defs["record"].(map[string]any)
	lineProps := maps.Clone(record["properties"].(map[string]any))
	lineProps["source"] = ref("source")
	lineProps["proceedings"] = ref("proceedings")
	lineProps["index"] = map[string]any{"type": "integer", "minimum": 0}
	lineProps["diagnostics"] = diagnostics
	recordLine := maps.Clone(record)
	recordLine["properties"] = lineProps
	recordLine["required"] = append([]any{"source", "proceedings", "index"}, record["required"].([]any)...)
	diagnosticsLine := map[string]any{
		"type":                 "object",
		"required":             []any{"kind", "source", "proceedings", "diagnostics"},
		"additionalProperties": false,
		"properties": map[string]any{
			"kind":        map[string]any{"const": "diagnostics"},
			"source":      ref("source"),
			"proceedings": ref("proceedings"),
			"diagnostics": diagnostics,
		},
	}
	lineDefs := maps.Clone(defs)
	lineDefs["source"] = props["source"]
	lineDefs["proceedings"] = props["proceedings"]
	lineDefs["record-line"] = recordLine
	lineDefs["diagnostics-line"] = diagnosticsLine
	line := ordered{
		{"$schema", root["$schema"]},
		{"$id", "https://github.com/procx/procx/schema/procx-line.schema.json"},
		{"title", "procx JSON Lines line (schema v1)"},
		{"description", "One line of procx extract --format jsonl: a record with its volume's source and proceedings, its index and its diagnostics, or a line of kind \"diagnostics\" with the diagnostics about no record."},
		{"oneOf", []any{ref("record-line"), ref("diagnostics-line")}},
		{"definitions", lineDefs},
	}

	volume := maps.Clone(root)
	for _, k := range []string{"$schema", "$id", "definitions"} {
		delete(volume, k)
	}
	arrayDefs := maps.Clone(defs)
	arrayDefs["volume"] = volume
	array := ordered{
		{"$schema", root["$schema"]},
		{"$id", "https://github.com/procx/procx/schema/procx-array.schema.json"},
		{"title", "procx volumes (schema v1)"},
		{"description", "What procx extract writes for several inputs or a directory: an array of volumes, in input order."},
		{"type", "array"},
		{"items", ref("volume")},
		{"definitions", arrayDefs},
	}
	return derivedSchemas{line: encode(line), array: encode(array)}
})

// ordered is a JSON object whose members keep their order (a map's are
// sorted), for the head of a schema.
type ordered []struct {
	key string
	val any
}

// MarshalJSON writes the members in order, without HTML escapes.
func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(m.key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := enc.Encode(m.val); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode writes a schema as indented JSON, as procx.schema.json is
// written: without HTML escapes, ending with a newline.
func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic("schema: " + err.Error())
	}
	return b.Bytes()
}
