package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/report"
	"github.com/procx/procx/schema"
	"github.com/spf13/pflag"
)

// report writes one self-contained HTML file about the inputs: per volume
// its header, page map, papers and findings; an index for several. Its
// exit code is extract's: findings at or above --fail-on make it 1 and go
// to stderr too (the report is written all the same).
// registerReport adds the flags of report: extract's and lint's shared
// flags, and --pdfs.
func (c *common) registerReport(fs *pflag.FlagSet) {
	c.register(fs)
	c.registerPDFs(fs)
}

func (e *env) report(args []string) error {
	fs := e.flags("report")
	var c common
	c.registerReport(fs)
	if err := e.parse(fs, args); err != nil {
		return err
	}
	opt, failSev, err := c.options()
	if err != nil {
		return err
	}
	b := &batch{e: e, failSev: failSev}
	inputs := expand(fs.Args(), c.cfg.Excluded)
	pdfs, err := c.loadPDFs(opt, len(inputs))
	if err != nil {
		return err
	}
	w, err := e.output(c.output)
	if err != nil {
		return err
	}
	e.stdinHint(fs)
	prog := e.newProgress(len(inputs), c.quiet)
	sum := &summary{start: time.Now()}
	rep := report.New()
	work := func(in input) result {
		data, err := e.read(in, opt.MaxFileSize)
		if err != nil {
			return result{in: in, err: err}
		}
		v, file := procx.ProcessFile(context.Background(), in.path, data, opt)
		pdfs.check([]*schema.Volume{v}, file)
		c.filter.Volume(v, file)
		// The volume's section is rendered in input order, in emit;
		// the volume and its text go once it is.
		return result{in: in, bytes: len(data), papers: len(v.Papers), diags: v.Diagnostics,
			outs: []volumeOut{{write: func(io.Writer) error { return rep.Add(v, file) }}}}
	}
	emit := func(r result) error {
		if !b.tally(r, prog, sum) {
			return nil
		}
		// As extract does: the findings that fail the run on stderr.
		for _, d := range r.diags {
			if d.Severity >= failSev {
				fmt.Fprintln(e.stderr, d.String())
			}
		}
		return r.outs[0].write(nil)
	}
	err = runBatch(inputs, c.jobs, work, emit)
	prog.done()
	if ds := pdfs.leftovers(); len(ds) > 0 {
		// The PDFs no record of any input matched: on no volume's page.
		b.note(ds)
		for _, d := range ds {
			fmt.Fprintln(e.stderr, d.String())
		}
	}
	if err == nil {
		bw := bufio.NewWriterSize(w, 64<<10)
		if _, err = rep.WriteTo(bw); err == nil {
			err = bw.Flush()
		}
	}
	return e.finish(b, w, err, c, sum, len(inputs))
}
