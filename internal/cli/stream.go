package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/jsonw"
	"github.com/procx/procx/schema"
)

// streamAbove is the size from which one input that procx.Stream reads
// (a dblp dump) is streamed rather than read whole: its records are
// written, and its findings printed, as its pieces are read, and
// --max-file-size does not apply to it. Smaller inputs are read whole, as
// every other input is.
var streamAbove int64 = 64 << 20

// streamMemory is the soft memory limit of a streamed run.
const streamMemory = 160 << 20

// streamable returns the one input of a run when it is a file that is
// streamed, and its size.
func streamable(inputs []input, opt procx.Options) (input, int64, bool) {
	if len(inputs) != 1 || inputs[0].file == "" {
		return input{}, 0, false
	}
	in := inputs[0]
	f, err := os.Open(in.file)
	if err != nil {
		return input{}, 0, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < streamAbove {
		return input{}, 0, false
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return in, st.Size(), procx.Streams(head[:n], opt)
}

// canStream reports whether the run's settings let an input stream:
// --pdfs, which matches a volume's records with PDFs, reads it whole.
func (c *common) canStream() bool { return c.pdfs == "" }

// stream reads the input through procx.Stream into sink, and tallies it
// as the batch tallies an input read whole. A run over its explicit
// --timeout, or stdin over its explicit --max-file-size, stops with a
// limit diagnostic, as the whole read does (but after what was written).
func (e *env) stream(s streamRun, opt procx.Options, b *batch, sum *summary, sink *streamSink) error {
	in := s.in
	cr := &countReader{r: e.stdin, max: s.maxSize}
	var r io.Reader = cr
	if in.file != "" {
		f, err := os.Open(in.file)
		if err != nil {
			r := result{in: in, err: &inputError{in.path, unwrapPathError(err)}}
			b.tally(r, e.newProgress(1, true), sum)
			return nil
		}
		defer f.Close()
		r = f
	}
	sink.b, sink.stderr = b, e.stderr
	sink.filt.path = in.path
	defer sink.filt.close()
	// What the stream keeps is small, but the collector, paced for
	// batches (see TuneGC), would let garbage grow to several times it:
	// a soft limit keeps the run's memory bounded (GOMEMLIMIT wins).
	if e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(streamMemory))
	}
	ctx := context.Background()
	if s.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
		defer cancel()
		sink.ctx = ctx
	}
	err := procx.Stream(ctx, in.path, r, opt, sink)
	size := s.size
	if in.file == "" {
		size = cr.n
	}
	switch {
	case errors.Is(err, errTimedOut), errors.Is(err, context.DeadlineExceeded):
		err = sink.stopped(opt, "reading took longer than the limit of %s (--timeout); the rest of the file, after %d records, was skipped", s.timeout, sink.papers)
	case errors.Is(err, errTooLarge):
		err = sink.stopped(opt, "file is %d bytes or more, over the limit of %d (--max-file-size); the rest of it, after %d records, was not read", size, s.maxSize, sink.papers)
	}
	sum.add(result{in: in, bytes: int(size), papers: sink.papers})
	for i, n := range sink.bySev {
		sum.bySev[i] += n
	}
	return err
}

// streamSink writes what procx.Stream reads: JSON Lines or JSON (extract),
// or diagnostics through a formatter (lint).
type streamSink struct {
	w       *bufio.Writer // extract
	format  string        // "json" or "jsonl" (extract)
	f       formatter     // lint
	failSev schema.Severity
	b       *batch
	stderr  io.Writer
	filt    streamFilter    // what the run accepts
	ctx     context.Context // with --timeout: its deadline

	src      schema.Source
	proc     schema.Proceedings // a streamed BibTeX file's
	head     []byte
	papers   int
	bySev    [3]int
	rest     []schema.Diagnostic // jsonl: those about no paper
	findings bool                // whether Findings was called
	kept     *os.File            // json: the diagnostics (see keep)
	keptW    *bufio.Writer
	nKept    int
	line     []byte
}

func (s *streamSink) note(ds []schema.Diagnostic) {
	s.b.note(ds)
	for _, d := range ds {
		if d.Severity >= 0 && int(d.Severity) < len(s.bySev) {
			s.bySev[d.Severity]++
		}
		if s.f == nil && d.Severity >= s.failSev {
			fmt.Fprintln(s.stderr, d.String())
		}
	}
}

// Proceedings takes the volume's metadata, for the head of every line.
func (s *streamSink) Proceedings(p schema.Proceedings) { s.proc = p }

func (s *streamSink) Start(src schema.Source) error {
	if err := s.filt.start(src); err != nil {
		return err
	}
	s.src = src
	s.head = jsonw.Head([]byte{'{'}, src, &s.proc)
	return nil
}

func (s *streamSink) Records(first int, papers []schema.Record, ds []schema.Diagnostic) error {
	if s.ctx != nil && s.ctx.Err() != nil {
		return errTimedOut
	}
	ds, err := s.filt.records(first, papers, ds)
	if err != nil {
		return err
	}
	s.note(ds)
	defer func() { s.papers += len(papers) }()
	switch {
	case s.f != nil:
		return s.f.Write(ds, nil)
	case s.format == "json":
		for i := range papers {
			if s.papers+i == 0 {
				s.w.Write(indentJSON(nil, append(s.head, `,"papers":[`...), "  ", 0))
			} else {
				s.w.WriteString(",\n    ")
			}
			s.line = indentJSON(s.line[:0], jsonw.Record(nil, &papers[i]), "  ", 2)
			if _, err := s.w.Write(s.line); err != nil {
				return err
			}
		}
		return s.keep(ds)
	}
	byPaper, rest := paperDiagnostics(ds)
	s.rest = append(s.rest, rest...)
	var rec []byte
	for i := range papers {
		n := first + i
		s.line = append(strconv.AppendInt(append(append(s.line[:0], s.head...), `,"index":`...), int64(n), 10), ',')
		rec = jsonw.Record(rec[:0], &papers[i])
		s.line = append(s.line, rec[1:len(rec)-1]...)
		if ds := byPaper[n]; len(ds) > 0 {
			s.line = jsonw.Diagnostics(append(s.line, `,"diagnostics":`...), ds)
		}
		if _, err := s.w.Write(append(s.line, '}', '\n')); err != nil {
			return err
		}
	}
	return s.w.Flush()
}

// keep writes diagnostics, encoded as the elements of the volume's
// diagnostics array (--format json), to a temporary file, copied into the
// output at the end: the findings of a dump are not held in memory.
func (s *streamSink) keep(ds []schema.Diagnostic) error {
	if len(ds) == 0 {
		return nil
	}
	if s.kept == nil {
		f, err := os.CreateTemp("", "procx-diagnostics-")
		if err != nil {
			return err
		}
		s.kept, s.keptW = f, bufio.NewWriterSize(f, 64<<10)
	}
	for i := range ds {
		if s.nKept > 0 {
			s.keptW.WriteString(",\n    ")
		}
		s.nKept++
		one := jsonw.Diagnostics(s.line[:0], ds[i:i+1])
		s.line = indentJSON(nil, one[1:len(one)-1], "  ", 2)
		if _, err := s.keptW.Write(s.line); err != nil {
			return err
		}
	}
	return nil
}

// diagnosticsLine writes a line of diagnostics about no single record
// (--format jsonl).
func (s *streamSink) diagnosticsLine(ds []schema.Diagnostic) error {
	line := append(append([]byte(`{"kind":"diagnostics",`), s.head[1:]...), `,"diagnostics":`...)
	_, err := s.w.Write(append(jsonw.Diagnostics(line, nonNil(ds)), '}', '\n'))
	return err
}

func (s *streamSink) Findings(ds []schema.Diagnostic) error {
	if s.ctx != nil && s.ctx.Err() != nil {
		return errTimedOut
	}
	ds, err := s.filt.findings(ds)
	if err != nil {
		return err
	}
	return s.found(ds)
}

// found writes findings that come after the records.
func (s *streamSink) found(ds []schema.Diagnostic) error {
	if len(ds) == 0 {
		return nil
	}
	s.note(ds)
	s.findings = true
	switch {
	case s.f != nil:
		return s.f.Write(ds, nil)
	case s.format == "json":
		return s.keep(ds)
	}
	return s.diagnosticsLine(ds)
}

// ListsContainers is true for extract --format json, which lists them.
func (s *streamSink) ListsContainers() bool { return s.f == nil && s.format == "json" }

func (s *streamSink) End(containers []schema.Container) error {
	if ds := s.filt.end(); len(ds) > 0 {
		if err := s.found(ds); err != nil {
			return err
		}
	}
	switch {
	case s.f != nil:
		return nil
	case s.format == "json":
		tail := []byte{']'}
		if len(containers) > 0 {
			tail = jsonw.Containers(append(tail, `,"containers":`...), containers)
		}
		tail = append(tail, `,"diagnostics":[]}`...)
		if s.papers == 0 {
			tail = indentJSON(nil, append(append(s.head, `,"papers":[`...), tail...), "  ", 0)
		} else {
			tail = indentJSON(nil, tail, "  ", 2)
		}
		if s.kept == nil {
			_, err := s.w.Write(append(tail, '\n'))
			return err
		}
		defer func() {
			s.kept.Close()
			os.Remove(s.kept.Name())
		}()
		// The kept diagnostics go inside the empty array that ends tail.
		s.w.Write(tail[:len(tail)-len("]\n}")])
		s.w.WriteString("\n    ")
		if err := s.keptW.Flush(); err != nil {
			return err
		}
		if _, err := s.kept.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(s.w, s.kept); err != nil {
			return err
		}
		_, err := s.w.WriteString("\n  ]\n}\n")
		return err
	}
	if len(s.rest) > 0 || s.papers == 0 && !s.findings {
		return s.diagnosticsLine(schema.SortDiagnostics(s.rest))
	}
	return nil
}
