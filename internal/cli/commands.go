package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/internal/jsonw"
	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// failOn maps --fail-on to the lowest severity that fails the run; "never"
// is beyond every severity.
func failOn(s string) (schema.Severity, error) {
	if s == "never" {
		return schema.Error + 1, nil
	}
	sev, err := schema.ParseSeverity(s)
	if err != nil {
		return 0, usageErr("--fail-on %q: want error, warning, info or never", s)
	}
	return sev, nil
}

type common struct {
	inputFormat string
	failOn      string
	disable     []string
	output      string
	jobs        int
	quiet       bool
	settings    // --config, --severity and what procx.toml sets
	pdfs        string
	limits      struct {
		fileSize, pdfStream sizeFlag
		lineLength          sizeFlag
		authors, braceDepth int
		pdfPages            int
		timeout             time.Duration
	}
}

func (c *common) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.inputFormat, "input-format", "", "read every input as `F` instead of sniffing its format: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&c.failOn, "fail-on", "error", "exit 1 on findings at or above this severity: error, warning, info or never")
	fs.StringSliceVar(&c.disable, "disable", nil, "drop the diagnostics of these `codes` (comma separated; procx explain lists them)")
	fs.StringVarP(&c.output, "output", "o", "", "write to `FILE` instead of stdout, atomically; no file is written when an input cannot be read")
	fs.IntVarP(&c.jobs, "jobs", "j", runtime.NumCPU(), "files processed at once")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "no progress bar and no summary on stderr")
	l := &c.limits
	l.fileSize, l.lineLength, l.pdfStream = procx.DefaultMaxFileSize, 1<<20, 64<<20
	fs.Var(&l.fileSize, "max-file-size", "largest input read (bytes; k, M, G suffixes)")
	fs.Var(&l.lineLength, "max-line-length", "longest text line read (bytes; k, M, G suffixes)")
	fs.IntVar(&l.authors, "max-authors", 1000, "most authors kept per record")
	fs.IntVar(&l.braceDepth, "max-brace-depth", 256, "deepest BibTeX brace nesting")
	fs.IntVar(&l.pdfPages, "max-pdf-pages", 2000, "most PDF pages read")
	fs.Var(&l.pdfStream, "max-pdf-stream", "most decompressed bytes read from one PDF page or CMap (bytes; k, M, G suffixes)")
	fs.DurationVar(&l.timeout, "timeout", procx.DefaultTimeout, "time limit per file")
	c.settings.register(fs)
}

// formatNames are the names of the input formats, in sniffing order.
func formatNames() []string {
	var names []string
	for _, f := range extract.Formats() {
		names = append(names, f.Name())
	}
	return names
}

func (c *common) options() (procx.Options, schema.Severity, error) {
	if err := c.loadConfig(c); err != nil {
		return procx.Options{}, 0, err
	}
	l := c.limits
	opt := procx.Options{
		Extract: extract.Options{
			Format:        c.inputFormat,
			BibTeX:        extract.BibLimits{MaxDepth: l.braceDepth},
			MaxLineLength: int(l.lineLength),
			MaxAuthors:    l.authors,
			PDF:           extract.PDFLimits{MaxPages: l.pdfPages, MaxStream: int64(l.pdfStream)},
		},
		Validate:    validate.Options{Disable: codes(c.disable)},
		MaxFileSize: int64(l.fileSize),
		Timeout:     l.timeout,
	}
	// The size flags refuse what is not positive when they are set.
	for _, n := range []struct {
		flag string
		val  int
	}{{"max-authors", l.authors}, {"max-brace-depth", l.braceDepth}, {"max-pdf-pages", l.pdfPages}} {
		if n.val <= 0 {
			return opt, 0, usageErr("--%s %d: want a positive number", n.flag, n.val)
		}
	}
	if l.timeout <= 0 {
		return opt, 0, usageErr("--timeout %s: want a positive duration", l.timeout)
	}
	if c.jobs < 1 {
		return opt, 0, usageErr("--jobs %d: want 1 or more", c.jobs)
	}
	if c.inputFormat != "" {
		if _, ok := extract.Lookup(c.inputFormat); !ok {
			return opt, 0, usageErr("--input-format %q: want one of %s", c.inputFormat, strings.Join(formatNames(), ", "))
		}
	}
	if err := opt.Validate.Validate(); err != nil {
		return opt, 0, usageErr("--disable: %v", strings.TrimPrefix(err.Error(), "validate: "))
	}
	if slices.Contains(opt.Validate.Disable, schema.UnreadableInput) {
		return opt, 0, usageErr("--disable %s: an input that cannot be read always fails the run; it cannot be disabled", schema.UnreadableInput)
	}
	sev, err := failOn(c.failOn)
	if err == nil {
		err = c.filterFor(opt.Validate.Disable)
	}
	return opt, sev, err
}

// extractFlags are the flags of extract.
type extractFlags struct {
	common
	exportFlags
	format string
}

func (f *extractFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.format, "format", "json", "output: json (a volume; an array of them for several PATHs or a directory), jsonl (one record per line), csl (one CSL-JSON array), bibtex (one BibTeX file) or csv (one table)")
	f.exportFlags.register(fs)
	f.common.register(fs)
	f.common.registerPDFs(fs)
}

// lintFlags are the flags of lint.
type lintFlags struct {
	common
	baselineFlags
	format  string
	excerpt bool
}

func (f *lintFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output: "+strings.Join(formatterNames(), ", "))
	fs.BoolVar(&f.excerpt, "excerpt", false, "show the source line under each text diagnostic (default on a terminal)")
	f.common.register(fs)
	f.baselineFlags.register(fs)
	f.common.registerPDFs(fs)
}

// batch runs fn over every input and folds the outcome into an exit code:
// 2 when an input could not be read, else 1 when a diagnostic reached
// failSev, else 0.
type batch struct {
	e       *env
	ioFail  bool
	worst   schema.Severity
	any     bool
	failSev schema.Severity
}

func (b *batch) warn(err error) {
	b.ioFail = true
	fmt.Fprintf(b.e.stderr, "procx: %v\n", err)
}

func (b *batch) note(ds []schema.Diagnostic) {
	for _, d := range ds {
		if !b.any || d.Severity > b.worst {
			b.worst, b.any = d.Severity, true
		}
	}
}

// tally counts a result for the progress bar, the summary and the exit
// code; it reports false for an input that could not be read.
func (b *batch) tally(r result, prog *progress, sum *summary) bool {
	prog.add()
	sum.add(r)
	if r.err != nil {
		b.warn(r.err)
		return false
	}
	b.note(r.diags)
	return true
}

func (b *batch) err() error {
	switch {
	case b.ioFail:
		return &exitError{ExitUsage, nil}
	case b.any && b.worst >= b.failSev:
		return &exitError{ExitFindings, nil}
	}
	return nil
}

func (e *env) extract(args []string) error {
	fs := e.flags("extract")
	var c extractFlags
	c.register(fs)
	format, out := &c.format, &c.output
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if err := oneOf("format", *format, extractFormats...); err != nil {
		return err
	}
	if err := c.exportFlags.check(); err != nil {
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
	w, err := e.output(*out)
	if err != nil {
		return err
	}
	e.stdinHint(fs)
	bw := bufio.NewWriterSize(w, 64<<10)
	exp := c.exportFlags.exporter(bw, *format, len(inputs))
	prog := e.newProgress(len(inputs), c.quiet)
	sum := &summary{start: time.Now()}
	// Several PATHs, or a directory, write an array of volumes, whatever
	// number of files they name; one input does too when it is an array
	// of volumes (written by extract, read back).
	array := *format == "json" && several(fs.Args())
	work := func(in input) result {
		data, err := e.read(in, opt.MaxFileSize)
		if err != nil {
			return result{in: in, err: err}
		}
		vols, file, inArray := procx.ProcessAll(context.Background(), in.path, data, opt)
		pdfs.check(vols, file)
		for _, v := range vols {
			c.filter.Volume(v, file)
		}
		r := result{in: in, bytes: len(data), array: *format == "json" && (array || inArray)}
		if exp != nil { // written in input order by the export encoder
			for _, v := range vols {
				r.papers += len(v.Papers)
				r.diags = append(r.diags, v.Diagnostics...)
				r.outs = append(r.outs, volumeOut{write: exp.volume(v)})
			}
			return r
		}
		depth := 0
		if r.array {
			depth = 1
		}
		for _, v := range vols {
			r.papers += len(v.Papers)
			if len(vols) == 1 {
				r.diags = v.Diagnostics
			} else {
				r.diags = append(r.diags, v.Diagnostics...)
			}
			r.outs = append(r.outs, encodeVolume(v, *format, depth, len(data)/len(vols)))
		}
		return r
	}
	arrayOut, opened := array, false
	emit := func(r result) error {
		if !b.tally(r, prog, sum) {
			return nil
		}
		arrayOut = arrayOut || r.array
		for _, o := range r.outs {
			if r.array {
				sep := ",\n  "
				if !opened {
					sep, opened = "[\n  ", true
				}
				if _, err := bw.WriteString(sep); err != nil {
					return err
				}
			}
			if o.write != nil {
				if err := o.write(bw); err != nil {
					return err
				}
			} else if _, err := bw.Write(o.out); err != nil {
				return err
			}
		}
		if *format == "jsonl" {
			// Stream: a consumer sees each volume's lines as soon as
			// they are ready.
			if err := bw.Flush(); err != nil {
				return err
			}
		}
		// People see the findings that fail the run on stderr; all
		// diagnostics are in the JSON.
		for _, d := range r.diags {
			if d.Severity >= failSev {
				fmt.Fprintln(e.stderr, d.String())
			}
		}
		return nil
	}
	s, streams := e.streamInput(inputs, opt, &c.common, exp == nil && c.canStream())
	defer s.done()
	if streams {
		err = e.stream(s, opt, b, sum, &streamSink{w: bw, format: *format, failSev: failSev, filt: streamFilter{filter: c.filter}})
	} else {
		err = runBatch(inputs, c.jobs, work, emit)
	}
	prog.done()
	if ds := pdfs.leftovers(); len(ds) > 0 {
		// In no input's JSON: all of them on stderr.
		b.note(ds)
		for _, d := range ds {
			fmt.Fprintln(e.stderr, d.String())
		}
	}
	if err == nil {
		err = exp.close()
	}
	if err == nil && arrayOut {
		end := "\n]\n"
		if !opened {
			end = "[]\n"
		}
		_, err = bw.WriteString(end)
	}
	if err == nil {
		err = bw.Flush()
	}
	return e.finish(b, w, err, c.common, sum, len(inputs))
}

// several reports whether the PATHs of extract make a batch written as an
// array: more than one, or a directory.
func several(paths []string) bool {
	if len(paths) > 1 {
		return true
	}
	for _, p := range paths {
		if st, err := os.Stat(p); p != "-" && err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// encodeVolume encodes a volume for extract, at depth 1 inside an array of
// volumes (without a final newline) or at depth 0 on its own. size is
// about the volume's input.
func encodeVolume(v *schema.Volume, format string, depth, size int) volumeOut {
	if len(v.Papers) >= streamAtLeast {
		// A large volume is encoded when its turn to be written
		// comes, a window of records at a time straight into the
		// output, rather than held whole as bytes beside its
		// records.
		return volumeOut{write: func(w io.Writer) error { return writeVolumeAt(w, v, format, depth, recordWindow) }}
	}
	// The JSON of a volume is about twice its input (three times
	// indented), and once more for BibTeX, whose fields appear both
	// read and as written: start there rather than doubling from
	// nothing.
	grow := 2
	if format == "json" {
		grow++
	}
	if v.Source.Format == "bibtex" {
		grow++
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(grow*size+4096, 64<<20)))
	writeVolumeAt(buf, v, format, depth, recordWindow) // a bytes.Buffer does not fail
	return volumeOut{out: buf.Bytes()}
}

// finish ends a run of extract or lint: it commits the output, or
// discards it when writing failed or an input could not be read (a file
// of -o is then not written), prints the summary and returns the run's
// exit error.
func (e *env) finish(b *batch, w output, err error, c common, sum *summary, n int) error {
	if err != nil {
		w.discard()
		return &exitError{ExitUsage, fmt.Errorf("writing output: %w", err)}
	}
	if b.ioFail {
		w.discard()
		if _, ok := w.(*outputFile); ok {
			fmt.Fprintf(e.stderr, "procx: %s not written: an input could not be read\n", c.output)
		}
	} else if err := w.commit(); err != nil {
		return &exitError{ExitUsage, err}
	}
	e.summarize(sum, n, c.quiet)
	return b.err()
}

// summarize prints the batch summary for batches and on terminals.
func (e *env) summarize(s *summary, n int, quiet bool) {
	if !quiet && (n > 1 || e.isTerminal(e.stderr)) {
		s.print(e.stderr)
	}
}

// writeVolume writes v as one indented JSON document, or as JSON Lines:
// one paper per line, each carrying source and proceedings, and the
// volume's diagnostics on the papers they point into (diagnostics about
// no paper go on a line of their own with "kind": "diagnostics").
func writeVolume(w io.Writer, v *schema.Volume, format string, window int) error {
	return writeVolumeAt(w, v, format, 0, window)
}

// writeVolumeAt is writeVolume with the JSON of the volume indented for
// depth levels of nesting (an element of an array of volumes is at depth
// 1), without the final newline when depth > 0.
func writeVolumeAt(w io.Writer, v *schema.Volume, format string, depth, window int) error {
	// Every record is encoded on its own (on every core for a large
	// volume) and written in order; the output is what encoding/json
	// makes of the volume (a test checks).
	if format == "json" {
		return writeIndented(w, v, depth, window)
	}
	// Every line starts with the same source and proceedings: encode
	// them once, then splice each record's members in after the index.
	head := append(jsonw.Head([]byte{'{'}, v.Source, &v.Proceedings), `,"index":`...)
	byPaper, rest := paperDiagnostics(v.Diagnostics)
	var line []byte
	err := eachRecord(v.Papers, format, 0, window, func(i int, rec []byte) error {
		line = append(strconv.AppendInt(append(line[:0], head...), int64(i), 10), ',')
		if _, err := w.Write(line); err != nil {
			return err
		}
		if _, err := w.Write(rec[1 : len(rec)-1]); err != nil { // the record's members
			return err
		}
		line = line[:0]
		if ds := byPaper[i]; len(ds) > 0 {
			line = jsonw.Diagnostics(append(line, `,"diagnostics":`...), ds)
		}
		_, err := w.Write(append(line, '}', '\n'))
		return err
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 || len(v.Papers) == 0 {
		line = append(line[:0], `{"kind":"diagnostics",`...)
		line = append(jsonw.Head(line, v.Source, &v.Proceedings), `,"diagnostics":`...)
		line = append(jsonw.Diagnostics(line, nonNil(rest)), '}', '\n')
		_, err = w.Write(line)
	}
	return err
}

// streamAtLeast is the number of records from which a volume's output is
// encoded as it is written instead of in the worker that read it.
const streamAtLeast = 1024

// recordWindow is how many records eachRecord encodes (on every core)
// before it hands them to fn: the encoded bytes in memory at once are a
// window's, not the volume's.
const recordWindow = 4096

// eachRecord encodes each record as compact JSON, or for --format json as
// indented JSON at the depth of the volume's papers array (depth+2 for a
// volume at depth), and calls fn with it in order; rec is only valid during
// the call. A large volume's records are encoded window records at a time on
// every core (the records of a chunk share one buffer); a small one's one
// at a time into a reused buffer.
func eachRecord(papers []schema.Record, format string, depth, window int, fn func(i int, rec []byte) error) error {
	if len(par.Split(len(papers), 256)) <= 1 {
		var compact, indented []byte
		for i := range papers {
			compact = jsonw.Record(compact[:0], &papers[i])
			rec := compact
			if format == "json" {
				indented = indentJSON(indented[:0], compact, "  ", depth+2)
				rec = indented
			}
			if err := fn(i, rec); err != nil {
				return err
			}
		}
		return nil
	}
	recs := make([][]byte, min(len(papers), window))
	for base := 0; base < len(papers); base += window {
		window := papers[base:min(base+window, len(papers))]
		par.Run(par.Split(len(window), 256), func(_, lo, hi int) {
			var buf, compact []byte
			ends := make([]int, 0, hi-lo)
			for i := lo; i < hi; i++ {
				compact = jsonw.Record(compact[:0], &window[i])
				if format == "json" {
					if i == lo { // size the chunk's buffer from its first record
						buf = make([]byte, 0, len(compact)*(hi-lo)*3/2)
					}
					buf = indentJSON(buf, compact, "  ", depth+2)
				} else {
					if i == lo {
						buf = make([]byte, 0, len(compact)*(hi-lo)*5/4)
					}
					buf = append(buf, compact...)
				}
				ends = append(ends, len(buf))
			}
			start := 0
			for i, end := range ends {
				recs[lo+i] = buf[start:end:end]
				start = end
			}
		})
		for i, rec := range recs[:len(window)] {
			if err := fn(base+i, rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeIndented writes the volume as indented JSON around its records, at
// depth levels of nesting; at depth 0 a newline ends it.
func writeIndented(w io.Writer, v *schema.Volume, depth, window int) error {
	head := append(jsonw.Head([]byte{'{'}, v.Source, &v.Proceedings), `,"papers":[`...)
	tail := []byte{']'}
	if len(v.Containers) > 0 {
		tail = jsonw.Containers(append(tail, `,"containers":`...), v.Containers)
	}
	tail = append(jsonw.Diagnostics(append(tail, `,"diagnostics":`...), nonNil(v.Diagnostics)), '}')
	end := func(b []byte) []byte {
		if depth == 0 {
			b = append(b, '\n')
		}
		return b
	}
	if len(v.Papers) == 0 {
		_, err := w.Write(end(indentJSON(nil, append(head, tail...), "  ", depth)))
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(indentJSON(nil, head, "  ", depth)) // ends inside the papers array
	sep := ",\n" + strings.Repeat("  ", depth+2)
	err := eachRecord(v.Papers, "json", depth, window, func(i int, rec []byte) error {
		if i > 0 {
			bw.WriteString(sep)
		}
		_, err := bw.Write(rec)
		return err
	})
	if err != nil {
		return err
	}
	bw.Write(end(indentJSON(nil, tail, "  ", depth+2)))
	return bw.Flush()
}

func nonNil(ds []schema.Diagnostic) []schema.Diagnostic {
	if ds == nil {
		return []schema.Diagnostic{}
	}
	return ds
}

// JSONLine is one line of --format jsonl: a record with the volume context
// it needs to stand alone.
type JSONLine struct {
	Source      schema.Source      `json:"source"`
	Proceedings schema.Proceedings `json:"proceedings"`
	Index       int                `json:"index"`
	schema.Record
	Diagnostics []schema.Diagnostic `json:"diagnostics,omitempty"`
}

// paperDiagnostics sorts diagnostics by the paper their pointer is inside
// ("/papers/3/pages" is paper 3's), in one pass; rest are inside no paper.
func paperDiagnostics(ds []schema.Diagnostic) (byPaper map[int][]schema.Diagnostic, rest []schema.Diagnostic) {
	byPaper = map[int][]schema.Diagnostic{}
	for _, d := range ds {
		rel, in := strings.CutPrefix(d.Pointer, "/papers/")
		idx, _, _ := strings.Cut(rel, "/")
		n, err := strconv.Atoi(idx)
		if !in || err != nil || n < 0 {
			rest = append(rest, d)
			continue
		}
		byPaper[n] = append(byPaper[n], d)
	}
	return byPaper, rest
}

func (e *env) lint(args []string) error {
	fs := e.flags("lint")
	var c lintFlags
	c.register(fs)
	format, excerpt := &c.format, &c.excerpt
	if err := e.parse(fs, args); err != nil {
		return err
	}
	newFormatter, ok := formatters[*format]
	if !ok {
		return oneOf("format", *format, formatterNames()...)
	}
	opt, failSev, err := c.options()
	if err != nil {
		return err
	}
	base, err := c.baselineFlags.open()
	if err != nil {
		return err
	}
	if base.writing() {
		failSev = schema.Error + 1 // the findings are being accepted
	}
	toFile := c.output != "" && c.output != "-"
	showExcerpt := *excerpt || (!fs.Changed("excerpt") && !toFile && e.isTerminal(e.stdout) && e.getenv("TERM") != "dumb")
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
	f := newFormatter(w, formatOptions{excerpt: showExcerpt})
	prog := e.newProgress(len(inputs), c.quiet)
	sum := &summary{start: time.Now()}
	work := func(in input) result {
		data, err := e.read(in, opt.MaxFileSize)
		if err != nil {
			return result{in: in, err: err}
		}
		vols, file, _ := procx.ProcessAll(context.Background(), in.path, data, opt)
		pdfs.check(vols, file)
		r := result{in: in, bytes: len(data), file: file}
		for _, v := range vols {
			c.filter.Volume(v, file)
			r.prints = base.prints(r.prints, in.path, v)
			r.papers += len(v.Papers)
			if len(vols) == 1 {
				r.diags = v.Diagnostics
			} else {
				r.diags = append(r.diags, v.Diagnostics...)
			}
		}
		if !showExcerpt {
			r.file = nil // let the text go
		}
		return r
	}
	emit := func(r result) error {
		base.match(&r)
		if !b.tally(r, prog, sum) {
			return f.Fail(unreadable(r.err))
		}
		return f.Write(r.diags, r.file)
	}
	s, streams := e.streamInput(inputs, opt, &c.common, c.canStream())
	defer s.done()
	if streams {
		err = e.stream(s, opt, b, sum, &streamSink{f: f, failSev: failSev, filt: streamFilter{filter: c.filter, base: base}})
	} else {
		err = runBatch(inputs, c.jobs, work, emit)
	}
	prog.done()
	if ds := pdfs.leftovers(); err == nil && len(ds) > 0 {
		b.note(ds)
		err = f.Write(ds, nil)
	}
	if err == nil {
		err = f.Flush()
	}
	if err == nil && !b.ioFail {
		if err := base.finish(e.stderr, c.quiet); err != nil {
			w.discard()
			return err
		}
	} else if base.writing() {
		fmt.Fprintf(e.stderr, "procx: baseline %s not written: an input could not be read\n", c.baselineFlags.write)
	}
	return e.finish(b, w, err, c.common, sum, len(inputs))
}

// unreadable is the unreadable-input diagnostic of an input that could not
// be read.
func unreadable(err error) schema.Diagnostic {
	path, msg := "", err.Error()
	var ie *inputError
	if errors.As(err, &ie) {
		path, msg = ie.path, ie.err.Error()
	}
	return schema.UnreadableInput.AtPointer(path, "", "%s", msg)
}

// stdinHint tells a person at a terminal that procx, given no PATH, is
// reading what they type.
func (e *env) stdinHint(fs *pflag.FlagSet) {
	if fs.NArg() == 0 && e.isTerminal(e.stdin) {
		fmt.Fprintf(e.stderr, "procx: reading stdin; end it with Ctrl-D, or name the files to read (procx help %s)\n", fs.Name())
	}
}

// schemaFlags are the flags of schema.
type schemaFlags struct {
	array, jsonl bool
}

func (f *schemaFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.array, "array", false, "the schema of an array of volumes (what extract writes for several PATHs or a directory)")
	fs.BoolVar(&f.jsonl, "jsonl", false, "the schema of one line of extract --format jsonl")
}

func (e *env) schema(args []string) error {
	fs := e.flags("schema")
	var f schemaFlags
	f.register(fs)
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("schema takes no arguments")
	}
	out := schema.JSON
	switch {
	case f.array && f.jsonl:
		return usageErr("schema: --array and --jsonl: want one of them")
	case f.array:
		out = schema.ArrayJSON()
	case f.jsonl:
		out = schema.LineJSON()
	}
	_, err := e.stdout.Write(out)
	return err
}

func (e *env) explain(args []string) error {
	fs := e.flags("explain")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		var buf bytes.Buffer
		for _, c := range schema.Codes() {
			fmt.Fprintf(&buf, "%-22s %-8s %s\n", c.Code, c.Severity, c.Title)
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	for _, code := range fs.Args() {
		c, ok := schema.Code(code).Doc()
		if !ok {
			return usageErr("explain: unknown code %q (procx explain lists them)", code)
		}
		fmt.Fprintf(e.stdout, "%s (%s by default): %s\n\n%s\n", c.Code, c.Severity, c.Title, strings.TrimSpace(c.Doc))
	}
	return nil
}

// codes converts code names given on the command line; white space
// around a name ("a, b") and empty names ("a,,b") are dropped.
func codes(names []string) []schema.Code {
	var out []schema.Code
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, schema.Code(n))
		}
	}
	return out
}

// sizeFlag is a byte count written as a number with an optional k, M or G
// suffix (powers of 1024).
type sizeFlag int64

// String writes the size with the largest suffix that divides it.
func (s *sizeFlag) String() string {
	n := int64(*s)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"k", 1 << 10}} {
		if n != 0 && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

func (s *sizeFlag) Type() string { return "size" }

func (s *sizeFlag) Set(v string) error {
	n, err := config.ParseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

// indentJSON appends compact JSON (no white space outside strings, as an
// encoder writes it) to dst with each member and element on its own line,
// as json.Indent does with no prefix; empty objects and arrays stay "{}"
// and "[]". It copies strings in runs, where json.Indent steps through a
// scanner byte by byte (a tenth of a large BibTeX volume's time). depth is
// the nesting src starts at, for a piece of a larger document.
func indentJSON(dst, src []byte, indent string, depth int) []byte {
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
