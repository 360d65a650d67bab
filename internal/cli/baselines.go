package cli

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/procx/procx/internal/baseline"
	"github.com/procx/procx/internal/suppress"
	"github.com/procx/procx/schema"
)

// baselineFlags are lint's --baseline and --baseline-write.
type baselineFlags struct {
	read, write string
}

func (f *baselineFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.read, "baseline", "", "report and fail only on findings not in the baseline `FILE` (written by --baseline-write)")
	fs.StringVar(&f.write, "baseline-write", "", "write the findings to the baseline `FILE`, to accept them; the run then fails only when an input cannot be read")
}

// baselining is a run's use of a baseline: the set being matched (read),
// or the fingerprints being collected (write), or neither.
type baselining struct {
	path    string
	set     *baseline.Set
	write   bool
	entries []baseline.Entry
}

func (f *baselineFlags) open() (*baselining, error) {
	switch {
	case f.read != "" && f.write != "":
		return nil, usageErr("--baseline and --baseline-write: want one of them")
	case f.write != "":
		return &baselining{path: f.write, write: true}, nil
	case f.read != "":
		set, err := baseline.Read(f.read)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		return &baselining{path: f.read, set: set}, nil
	}
	return &baselining{}, nil
}

func (b *baselining) writing() bool { return b.write }

// prints appends the fingerprints of v's diagnostics to dst, when a
// baseline is in use; path is the input's as given.
func (b *baselining) prints(dst []baseline.Entry, path string, v *schema.Volume) []baseline.Entry {
	if b.set == nil && !b.write {
		return dst
	}
	recs := suppress.NewRecords(v)
	for i := range v.Diagnostics {
		d := &v.Diagnostics[i]
		var rec *schema.Record
		if n := recs.Of(d); n >= 0 {
			rec = &v.Papers[n]
		}
		dst = append(dst, baseline.Of(d, path, rec))
	}
	return dst
}

// match drops from r the findings the baseline holds (each entry matches
// one finding), or collects r's fingerprints to write. It runs in input
// order, so which of equal findings a baseline matches is stable.
func (b *baselining) match(r *result) {
	switch {
	case b.write:
		b.entries = append(b.entries, r.prints...)
	case b.set != nil && len(r.diags) > 0:
		keep := make([]schema.Diagnostic, 0, len(r.diags))
		for i, d := range r.diags {
			if !b.set.Take(r.prints[i]) {
				keep = append(keep, d)
			}
		}
		r.diags = keep
	}
}

// finish writes the baseline (atomically) or says on stderr how much of it
// matched.
func (b *baselining) finish(stderr io.Writer, quiet bool) error {
	switch {
	case b.write:
		w, err := createOutput(b.path) // written atomically
		if err == nil {
			if err = baseline.Write(w, b.entries); err == nil {
				err = w.commit()
			} else {
				w.discard()
			}
		}
		if err != nil {
			return &exitError{ExitUsage, fmt.Errorf("--baseline-write %s: %w", b.path, err)}
		}
		if !quiet {
			fmt.Fprintf(stderr, "procx: baseline %s written: %d %s\n", b.path, len(b.entries), plural(len(b.entries), "finding", "findings"))
		}
	case b.set != nil && !quiet:
		fmt.Fprintf(stderr, "procx: baseline %s: %d %s baselined, %d baseline %s gone (fixed, or changed beyond recognition)\n",
			b.path, b.set.Taken(), plural(b.set.Taken(), "finding", "findings"), b.set.Gone(), plural(b.set.Gone(), "entry", "entries"))
	}
	return nil
}
