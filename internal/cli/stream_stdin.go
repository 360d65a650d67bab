package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// streamRun is the one input of a run that streams, and its limits.
type streamRun struct {
	in   input
	size int64 // -1 while unknown (stdin)
	done func()
	// maxSize is --max-file-size when given (flag or procx.toml), else 0:
	// the default does not apply to a streamed input.
	maxSize int64
	// timeout is --timeout when given (flag or procx.toml), else 0: the
	// default, meant for one file of a batch, does not apply.
	timeout time.Duration
}

// streamLimits returns the limits given explicitly to the run, which apply
// to a streamed input.
func (c *common) streamLimits() (maxSize int64, timeout time.Duration) {
	var cl struct {
		size    bool
		timeout bool
	}
	if c.cfg != nil {
		cl.size, cl.timeout = c.cfg.Limits.MaxFileSize != nil, c.cfg.Limits.Timeout != nil
	}
	if c.fs != nil && c.fs.Changed("max-file-size") || cl.size {
		maxSize = int64(c.limits.fileSize)
	}
	if c.fs != nil && c.fs.Changed("timeout") || cl.timeout {
		timeout = c.limits.timeout
	}
	return maxSize, timeout
}

// streamInput returns the run's one input when it is streamed (see
// streamable); its done ends what it started. Stdin streams as a file
// does when it holds more than streamAbove bytes of a format procx.Stream
// reads: those bytes are copied to a temporary file (removed by done, and
// on SIGINT or SIGTERM as -o's is) to know, and read whole from there, as
// any small input is, when stdin ends sooner. A dblp dump, an ACL
// collection or JSON Lines are then streamed from the copy and stdin
// itself; a BibTeX file, which Stream reads twice, is first copied whole.
// An error reading or copying stdin is the whole read's to report. Without
// can (the run's settings do not let it stream), nothing is read. An
// input over an explicit --max-file-size is read whole (which reads no
// more than the limit, and reports it).
func (e *env) streamInput(inputs []input, opt procx.Options, c *common, can bool) (s streamRun, ok bool) {
	s.done = func() {}
	if !can {
		return s, false
	}
	s.maxSize, s.timeout = c.streamLimits()
	if len(inputs) != 1 || inputs[0].file != "" || inputs[0].err != nil {
		s.in, s.size, ok = streamable(inputs, opt)
		return s, ok && (s.maxSize == 0 || s.size <= s.maxSize)
	}
	if s.maxSize > 0 && s.maxSize <= streamAbove {
		return s, false
	}
	s.in = inputs[0]
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(e.stdin, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		e.stdin = io.MultiReader(bytes.NewReader(head), errReader{err})
		return s, false
	}
	if int64(n) <= streamAbove && n < len(head) || !procx.Streams(head, opt) {
		e.stdin = io.MultiReader(bytes.NewReader(head), e.stdin)
		return s, false
	}
	// The first streamAbove bytes (and one more, to see the end) go to a
	// temporary file rather than memory: read whole from there when stdin
	// ends before, else streamed.
	spool, err := createOutput(filepath.Join(os.TempDir(), fmt.Sprintf("procx-stdin-%d-%d", os.Getpid(), rand.Uint32())))
	if err != nil {
		e.stdin = errReader{fmt.Errorf("copying stdin to a temporary file: %w", err)}
		return s, false
	}
	s.done = spool.discard
	fail := func(err error) (streamRun, bool) {
		e.stdin = errReader{fmt.Errorf("copying stdin to a temporary file: %w", err)}
		return s, false
	}
	if err := spool.f.Chmod(0o600); err != nil { // what stdin holds is no one else's
		return fail(err)
	}
	m, err := io.Copy(spool.f, io.MultiReader(bytes.NewReader(head), io.LimitReader(e.stdin, max(streamAbove+1-int64(n), 0))))
	if err != nil {
		return fail(err)
	}
	rewind := func(rest io.Reader) bool {
		if _, err := spool.f.Seek(0, io.SeekStart); err != nil {
			fail(err)
			return false
		}
		e.stdin = io.MultiReader(spool.f, rest)
		return true
	}
	if m <= streamAbove {
		rewind(e.stdin) // read whole, as any small input
		return s, false
	}
	if !procx.StreamsTwice(head, opt) {
		// A dblp dump (an ACL collection, JSON Lines) streams from the
		// copy's head, then stdin itself.
		s.size = -1
		return s, rewind(e.stdin)
	}
	rest := e.stdin
	if s.maxSize > 0 {
		rest = io.LimitReader(rest, s.maxSize+1-m)
	}
	more, err := io.Copy(spool.f, rest)
	if err != nil {
		return fail(err)
	}
	s.size = m + more
	if s.maxSize > 0 && s.size > s.maxSize {
		// Over the limit: read whole, which reports it.
		rewind(errReader{io.EOF})
		return s, false
	}
	s.in.file = spool.tmp
	return s, true
}

// errReader returns its error.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// countReader counts the bytes read through it, and fails once they are
// over max (when max > 0).
type countReader struct {
	r   io.Reader
	n   int64
	max int64
}

// errTooLarge is the error of a countReader over its max.
var errTooLarge = fmt.Errorf("over the file size limit")

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.max > 0 && c.n > c.max {
		return n, errTooLarge
	}
	return n, err
}

// errTimedOut is a streamed run's error past its --timeout.
var errTimedOut = errors.New("timed out")

// stopped ends a streamed run stopped by a limit: the limit diagnostic
// (at 1:1, as the whole read's), then the end of the output.
func (s *streamSink) stopped(opt procx.Options, format string, args ...any) error {
	if s.src.Path == "" {
		if err := s.Start(schema.Source{Path: s.filt.path, Format: "unknown"}); err != nil {
			return err
		}
	}
	d := schema.Limit.AtPointer(s.filt.path, "", format, args...)
	d.Off, d.Line, d.Column = 0, 1, 1
	ds, err := s.filt.findings(validate.Filter([]schema.Diagnostic{d}, opt.Validate))
	if err != nil {
		return err
	}
	if err := s.found(ds); err != nil {
		return err
	}
	// The directives kept for findings that never came are not judged.
	s.filt.sup = nil
	return s.End(nil)
}
