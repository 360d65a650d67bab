// Package procx turns raw conference-proceedings dumps into clean,
// validated per-paper records. It wires the default pipeline of the
// stage packages:
//
//	bytes ─extract.Decode→ text ─segment→ blocks ─parse→ records
//	      ─normalize.Volume→ records ─validate→ diagnostics
//
// Use Process for one input; use the stage packages for finer control.
package procx

import (
	"fmt"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// Options configure the pipeline.
type Options struct {
	Extract  extract.Options
	Validate validate.Options
}

// Process reads one input through every stage and returns its volume.
// Diagnostics carry path, line and column, sorted by position. Process never
// fails and never panics on input: what it cannot read is a diagnostic.
// The volume's own diagnostics are validated against the JSON Schema too.
func Process(path string, data []byte, opt Options) *schema.Volume {
	v, _ := ProcessFile(path, data, opt)
	return v
}

// ProcessFile is Process that also returns the decoded input, for callers
// that print excerpts of it.
func ProcessFile(path string, data []byte, opt Options) (v *schema.Volume, f *schema.File) {
	defer func() {
		if r := recover(); r != nil {
			v = &schema.Volume{
				Source: schema.Source{Path: path, Format: "unknown"},
				Papers: []schema.Record{},
				Diagnostics: []schema.Diagnostic{{
					Code: "internal-error", Severity: schema.Error, Path: path, Off: -1, End: -1,
					Message: fmt.Sprintf("procx failed on this input: %v", r),
				}},
			}
			f = schema.NewFile(path, nil)
		}
	}()
	v, doc := extract.Read(path, data, opt.Extract)
	normalize.Volume(v)
	validate.Volume(v, opt.Validate)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	finish(v, doc.File)
	// Validate what will be printed, diagnostics included.
	if errs := validate.SchemaErrors(v); len(errs) > 0 {
		v.Diagnostics = append(v.Diagnostics, validate.Uncovered(errs, v.Diagnostics)...)
		finish(v, doc.File)
	}
	v.Diagnostics = validate.Filter(v.Diagnostics, opt.Validate)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	return v, doc.File
}

func finish(v *schema.Volume, f *schema.File) {
	v.PlaceDiagnostics()
	f.Resolve(v.Diagnostics)
	v.Diagnostics = schema.SortDiagnostics(v.Diagnostics)
}
