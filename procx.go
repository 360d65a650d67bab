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
	"context"
	"time"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/fix"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// Options configure the pipeline.
type Options struct {
	Extract  extract.Options
	Validate validate.Options
	// MaxFileSize is the largest input read, in bytes; a larger one is a
	// "limit" diagnostic. 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Timeout bounds the time spent on one input; 0 means
	// DefaultTimeout, a negative value no limit.
	Timeout time.Duration
}

// The default limits.
const (
	DefaultMaxFileSize = 256 << 20
	DefaultTimeout     = time.Minute
)

// Process reads one input through every stage and returns its volume.
// Diagnostics carry path, line and column, sorted by position. Process never
// fails and never panics on input: what it cannot read is a diagnostic.
// The volume's own diagnostics are validated against the JSON Schema too.
// An input not read by opt.Timeout, or by the time ctx is done, gives a
// volume with one "limit" diagnostic; the work on it stops at the next
// stage, or sooner inside the readers that watch ctx.
func Process(ctx context.Context, path string, data []byte, opt Options) *schema.Volume {
	v, _ := ProcessFile(ctx, path, data, opt)
	return v
}

// ProcessFile is Process that also returns the decoded input, for callers
// that print excerpts of it.
func ProcessFile(ctx context.Context, path string, data []byte, opt Options) (*schema.Volume, *schema.File) {
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	if int64(len(data)) > maxSize {
		return failed(path, opt, schema.Limit, "file is %d bytes or more, over the limit of %d (--max-file-size); it was not read", len(data), maxSize)
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	parent := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if ctx.Done() == nil { // nothing can stop it: no goroutine needed
		return process(ctx, path, data, opt)
	}
	// The stages run in a goroutine of their own so that the caller can
	// leave at the deadline; the goroutine stops at its next check of
	// ctx, and its output goes unread into the buffer.
	done := make(chan output, 1)
	go func() {
		v, f := process(ctx, path, data, opt)
		done <- output{v, f}
	}()
	select {
	case o := <-done:
		if o.v != nil {
			return o.v, o.f
		}
	case <-ctx.Done():
	}
	if err := parent.Err(); err != nil {
		return failed(path, opt, schema.Limit, "reading was stopped (%v); the file was skipped", err)
	}
	return failed(path, opt, schema.Limit, "reading took longer than the limit of %s (--timeout); the file was skipped", timeout)
}

// output is what process returns, sent from its goroutine.
type output struct {
	v *schema.Volume
	f *schema.File
}

// failed is the volume of an input procx could not read at all. Its
// diagnostic is about the whole file, placed at 1:1 as other diagnostics
// about a whole file are (empty-input, unknown-format), and dropped when
// opt disables its code, as every other is.
func failed(path string, opt Options, code schema.Code, format string, args ...any) (*schema.Volume, *schema.File) {
	d := code.AtPointer(path, "", format, args...)
	d.Off = 0
	f := schema.NewFile(path, nil)
	ds := validate.Filter([]schema.Diagnostic{d}, opt.Validate)
	f.Resolve(ds)
	v := &schema.Volume{
		Source:      schema.Source{Path: path, Format: "unknown"},
		Papers:      []schema.Record{},
		Diagnostics: ds,
	}
	return v, f
}

// process runs the stages, checking ctx between them; once ctx is done it
// returns a nil volume.
func process(ctx context.Context, path string, data []byte, opt Options) (v *schema.Volume, f *schema.File) {
	defer func() {
		if r := recover(); r != nil {
			v, f = failed(path, opt, schema.InternalError, "procx failed on this input: %v", r)
		}
	}()
	if ctx.Err() != nil {
		return nil, nil
	}
	v, doc := extract.Read(ctx, path, data, opt.Extract)
	if ctx.Err() != nil {
		return nil, nil
	}
	normalize.Volume(v)
	if ctx.Err() != nil {
		return nil, nil
	}
	validate.Volume(v, opt.Validate)
	if ctx.Err() != nil {
		return nil, nil
	}
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	finish(v, doc.File)
	// Validate what will be printed, diagnostics included.
	if errs := validate.SchemaErrors(v); len(errs) > 0 {
		v.Diagnostics = append(v.Diagnostics, validate.Uncovered(errs, v.Diagnostics)...)
		finish(v, doc.File)
	}
	v.Diagnostics = validate.DropConsequences(v)
	v.Diagnostics = validate.Filter(v.Diagnostics, opt.Validate)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	fix.Attach(v, doc.File)
	return v, doc.File
}

func finish(v *schema.Volume, f *schema.File) {
	v.PlaceDiagnostics()
	f.Resolve(v.Diagnostics)
	v.Diagnostics = schema.SortDiagnostics(v.Diagnostics)
}
