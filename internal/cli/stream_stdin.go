package cli

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
)

// streamInput returns the run's one input when it is streamed (see
// streamable), and its size; done ends what it started. Stdin streams as
// a file does when it holds more than streamAbove bytes of a format
// procx.Stream reads: its first streamAbove bytes are read to know, and
// read whole as before when it ends there. A dblp dump is then streamed
// from stdin itself; a BibTeX file, which Stream reads twice, is first
// copied to a temporary file (removed at the end, and on SIGINT or
// SIGTERM as -o's is).
// An error reading or copying stdin is the whole read's to report. Without
// can (the run's settings do not let it stream), nothing is read.
func (e *env) streamInput(inputs []input, opt procx.Options, can bool) (in input, size int64, ok bool, done func()) {
	done = func() {}
	if !can {
		return in, 0, false, done
	}
	if len(inputs) != 1 || inputs[0].file != "" || inputs[0].err != nil {
		in, size, ok = streamable(inputs, opt)
		return in, size, ok, done
	}
	in = inputs[0]
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(e.stdin, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		e.stdin = io.MultiReader(bytes.NewReader(head), errReader{err})
		return in, 0, false, done
	}
	if int64(n) <= streamAbove && n < len(head) || !procx.Streams(head, opt) {
		e.stdin = io.MultiReader(bytes.NewReader(head), e.stdin)
		return in, 0, false, done
	}
	// Read up to streamAbove bytes (and one more, to see the end).
	buf := bytes.NewBuffer(head)
	m, err := io.CopyN(buf, e.stdin, max(streamAbove+1-int64(n), 0))
	if err != nil && err != io.EOF || int64(n)+m <= streamAbove {
		rest := io.Reader(e.stdin)
		if err != nil && err != io.EOF {
			rest = errReader{err}
		}
		e.stdin = io.MultiReader(buf, rest)
		return in, 0, false, done
	}
	if opt.Extract.Format != "bibtex" && extract.StreamsDBLP(head) {
		e.stdin = io.MultiReader(buf, e.stdin)
		return in, -1, true, done
	}
	spool, err := createOutput(filepath.Join(os.TempDir(), fmt.Sprintf("procx-stdin-%d-%d", os.Getpid(), rand.Uint32())))
	if err == nil {
		size, err = io.Copy(spool.f, io.MultiReader(buf, e.stdin))
		if err != nil {
			spool.discard()
		}
	}
	if err != nil {
		e.stdin = errReader{fmt.Errorf("copying stdin to a temporary file: %w", err)}
		return in, 0, false, done
	}
	in.file = spool.tmp
	return in, size, true, spool.discard
}

// errReader returns its error.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
