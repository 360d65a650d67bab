package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

var (
	schemaOnce sync.Once
	compiled   *gojsonschema.Schema // the volume
	recordOnly *gojsonschema.Schema // one record: #/definitions/record
)

// compiledSchemas compiles the embedded schema twice: as it is, for whole
// volumes, and rooted at its record definition, for one record at a time.
func compiledSchemas() (volume, record *gojsonschema.Schema) {
	schemaOnce.Do(func() {
		var err error
		if compiled, err = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.JSON)); err != nil {
			panic("validate: embedded schema does not compile: " + err.Error())
		}
		var doc map[string]any
		if err := json.Unmarshal(schema.JSON, &doc); err != nil {
			panic("validate: embedded schema is not json: " + err.Error())
		}
		root := map[string]any{"$ref": "#/definitions/record", "definitions": doc["definitions"]}
		if recordOnly, err = gojsonschema.NewSchema(gojsonschema.NewGoLoader(root)); err != nil {
			panic("validate: record schema does not compile: " + err.Error())
		}
	})
	return compiled, recordOnly
}

// SchemaErrors validates a volume against the JSON Schema and returns one
// "schema" diagnostic per violation, each carrying the JSON Pointer of the
// offending value. It checks the volume without its papers, then one
// record at a time: the prefilter (recordValid, volumeValid) passes what
// is certainly valid without encoding or allocating, and anything else is
// built into its JSON value (see Tree) for gojsonschema, which decides
// and words the diagnostics.
func SchemaErrors(v *schema.Volume) []schema.Diagnostic {
	volume, record := compiledSchemas()
	var out []schema.Diagnostic
	if !volumeValid(v) {
		skeleton := &schema.Volume{Source: v.Source, Proceedings: v.Proceedings, Papers: []schema.Record{}, Containers: v.Containers, Diagnostics: v.Diagnostics}
		out = schemaErrors(volume, v.Source.Path, "", gojsonschema.NewRawLoader(Tree(skeleton)))
	}
	// Records are validated on every core when there are many, each chunk
	// into its own list, joined in order.
	chunks := par.Split(len(v.Papers), parallelMin)
	found := make([][]schema.Diagnostic, len(chunks))
	par.Run(chunks, func(c, lo, hi int) {
		for i := lo; i < hi; i++ {
			if recordValid(&v.Papers[i]) {
				continue // certainly valid: gojsonschema would report nothing
			}
			prefix := "/papers/" + strconv.Itoa(i)
			found[c] = append(found[c], schemaErrors(record, v.Source.Path, prefix, gojsonschema.NewRawLoader(recordTree(&v.Papers[i])))...)
		}
	})
	for _, ds := range found {
		out = append(out, ds...)
	}
	return out
}

// parallelMin is the number of records from which SchemaErrors and Volume
// use every core.
const parallelMin = 512

// SchemaErrorsJSON validates a JSON document against the JSON Schema.
func SchemaErrorsJSON(path string, doc []byte) []schema.Diagnostic {
	volume, _ := compiledSchemas()
	return schemaErrors(volume, path, "", gojsonschema.NewBytesLoader(doc))
}

// schemaErrors validates doc with s; prefix is the pointer of doc inside
// the volume.
func schemaErrors(s *gojsonschema.Schema, path, prefix string, doc gojsonschema.JSONLoader) []schema.Diagnostic {
	res, err := s.Validate(doc)
	if err != nil {
		return []schema.Diagnostic{{Code: schema.Schema, Severity: schema.Error, Path: path, Off: -1, End: -1,
			Message: fmt.Sprintf("not a json document: %v", err)}}
	}
	var out []schema.Diagnostic
	for _, e := range res.Errors() {
		switch e.Type() {
		case "number_any_of", "number_one_of", "number_all_of", "condition_then", "condition_else":
			continue // the specific error is reported too
		}
		ptr := prefix + pointer(e.Context())
		d := schema.Diagnostic{Code: schema.Schema, Severity: schema.Error, Path: path, Pointer: ptr, Off: -1, End: -1,
			Message: fmt.Sprintf("%s: %s", displayPointer(ptr), lowerFirst(e.Description()))}
		if val := e.Value(); val != nil {
			if vb, err := json.Marshal(val); err == nil && len(vb) <= 80 {
				d.Message += fmt.Sprintf(" (value %s)", vb)
			}
		}
		out = append(out, d)
	}
	return out
}

// pointer turns gojsonschema's "(root).papers.3.pages" context into the
// JSON Pointer "/papers/3/pages".
func pointer(c *gojsonschema.JsonContext) string {
	parts := strings.Split(c.String("\x00"), "\x00")
	if len(parts) > 0 && parts[0] == "(root)" {
		parts = parts[1:]
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

func displayPointer(p string) string {
	if p == "" {
		return "the volume"
	}
	return p
}

// Uncovered returns the schema errors whose pointer no other diagnostic in
// ds already explains (a missing-field or pages-format report at the same
// value, or inside it), so a defect is reported once, by its specific code.
func Uncovered(errs, ds []schema.Diagnostic) []schema.Diagnostic {
	if len(errs) == 0 {
		return nil
	}
	// A diagnostic at "/papers/3/title" covers that pointer and every
	// pointer it is inside: "/papers/3", "/papers" and "". One set of
	// them answers for every error, where comparing each error with each
	// diagnostic is quadratic in a large broken volume.
	covered := map[string]bool{}
	for _, d := range ds {
		if d.Pointer == "" || d.Severity < schema.Warning {
			continue
		}
		covered[d.Pointer] = true
		for i := range len(d.Pointer) {
			if d.Pointer[i] == '/' {
				covered[d.Pointer[:i]] = true
			}
		}
	}
	var out []schema.Diagnostic
	for _, e := range errs {
		if !covered[e.Pointer] {
			out = append(out, e)
		}
	}
	return out
}
