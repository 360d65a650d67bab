package cli

import (
	"io"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
)

// sarifFormatter writes one SARIF 2.1.0 log for the whole batch.
type sarifFormatter struct {
	w   io.Writer
	log *procx.SARIF
}

func newSARIF(w io.Writer, _ formatOptions) formatter {
	return &sarifFormatter{w: w, log: procx.NewSARIF()}
}

func (f *sarifFormatter) Write(ds []schema.Diagnostic, _ *schema.File) error {
	f.log.Add(ds)
	return nil
}

func (f *sarifFormatter) Fail(d schema.Diagnostic) error {
	f.log.AddFailure(d)
	return nil
}

func (f *sarifFormatter) Flush() error { return f.log.Write(f.w) }
