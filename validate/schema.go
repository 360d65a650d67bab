package validate

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/schema"
)

var (
	schemaOnce sync.Once
	compiled   *gojsonschema.Schema
	compileErr error
)

func compiledSchema() (*gojsonschema.Schema, error) {
	schemaOnce.Do(func() {
		compiled, compileErr = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.JSON))
	})
	return compiled, compileErr
}

// SchemaErrors validates a volume against the JSON Schema and returns one
// "schema" diagnostic per violation, each carrying the JSON Pointer of the
// offending value. It validates Tree(v), the volume's JSON value built
// without encoding it.
func SchemaErrors(v *schema.Volume) []schema.Diagnostic {
	return schemaErrors(v.Source.Path, gojsonschema.NewRawLoader(Tree(v)))
}

// SchemaErrorsJSON validates a JSON document against the JSON Schema.
func SchemaErrorsJSON(path string, doc []byte) []schema.Diagnostic {
	return schemaErrors(path, gojsonschema.NewBytesLoader(doc))
}

func schemaErrors(path string, doc gojsonschema.JSONLoader) []schema.Diagnostic {
	s, err := compiledSchema()
	if err != nil {
		panic("validate: embedded schema does not compile: " + err.Error())
	}
	res, err := s.Validate(doc)
	if err != nil {
		return []schema.Diagnostic{{Code: "schema", Severity: schema.Error, Path: path, Off: -1, End: -1,
			Message: fmt.Sprintf("not a json document: %v", err)}}
	}
	var out []schema.Diagnostic
	for _, e := range res.Errors() {
		switch e.Type() {
		case "number_any_of", "number_one_of", "number_all_of", "condition_then", "condition_else":
			continue // the specific error is reported too
		}
		ptr := pointer(e.Context())
		d := schema.Diagnostic{Code: "schema", Severity: schema.Error, Path: path, Pointer: ptr, Off: -1, End: -1,
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
	var out []schema.Diagnostic
	for _, e := range errs {
		covered := false
		for _, d := range ds {
			if d.Pointer != "" && d.Severity >= schema.Warning &&
				(d.Pointer == e.Pointer || strings.HasPrefix(d.Pointer, e.Pointer+"/")) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, e)
		}
	}
	return out
}
