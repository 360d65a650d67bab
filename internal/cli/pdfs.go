package cli

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/pdfcheck"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// pdfCheck is --pdfs DIR of a run: the PDFs, read once, that every volume
// of the batch is checked against.
type pdfCheck struct {
	set *pdfcheck.Set
	opt procx.Options
	// one: the batch is one input, whose volume takes the diagnostics
	// of the PDFs no record matched; otherwise they come after the batch.
	one bool
}

// registerPDFs adds --pdfs (extract, lint and report).
func (c *common) registerPDFs(fs *pflag.FlagSet) {
	fs.StringVar(&c.pdfs, "pdfs", "", "check the records against the camera-ready PDFs in `DIR`: titles, authors, page counts, papers with no PDF, PDFs with no paper")
}

// loadPDFs reads the PDFs of --pdfs DIR in parallel (--jobs at once), each
// through the pipeline as a PDF with the run's limits; nil without the
// flag.
func (c *common) loadPDFs(opt procx.Options, inputs int) (*pdfCheck, error) {
	if c.pdfs == "" {
		return nil, nil
	}
	pdfOpt := opt
	pdfOpt.Extract.Format = "pdf"
	read := func(path string, data []byte) (*schema.Volume, *schema.File) {
		return procx.ProcessFile(context.Background(), path, data, pdfOpt)
	}
	set, err := pdfcheck.Load(c.pdfs, read, c.jobs)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return &pdfCheck{set: set, opt: opt, one: inputs == 1}, nil
}

// check adds to each volume the diagnostics of its records against the
// PDFs, placed in the input f; with one input, its last volume takes
// those of the PDFs that no record matched.
func (p *pdfCheck) check(vols []*schema.Volume, f *schema.File) {
	if p == nil {
		return
	}
	for k, v := range vols {
		ds := p.set.Check(v)
		if p.one && k == len(vols)-1 {
			ds = append(ds, p.set.Leftovers()...)
		}
		v.Diagnostics = append(v.Diagnostics, validate.Filter(ds, p.opt.Validate)...)
		v.PlaceDiagnostics()
		if f != nil {
			f.Resolve(v.Diagnostics)
		}
		v.Diagnostics = schema.SortDiagnostics(v.Diagnostics)
	}
}

// leftovers returns, for a batch of several inputs, the diagnostics of the
// PDFs that no record of any matched; they are reported after the batch.
func (p *pdfCheck) leftovers() []schema.Diagnostic {
	if p == nil || p.one {
		return nil
	}
	return schema.SortDiagnostics(validate.Filter(p.set.Leftovers(), p.opt.Validate))
}
