package procx

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
)

// streamBibTeX is Stream of a BibTeX file, in two passes over r: a first,
// cheap one finds the record-aligned pieces, the @string macros defined
// before each, the @proceedings and the containers the entries name
// (extract.ScanBibTeX); the second reads the pieces again, through r's
// ReadAt, on every core. An r with no ReadAt is read whole first (buffered
// is r behind a buffer that has read its head). A file the pieces would
// not read as the whole file reads (see ScanBibTeX) is read whole by
// Process and handed to sink at once.
func streamBibTeX(ctx context.Context, path string, r io.Reader, buffered io.Reader, opt Options, sink StreamSink) error {
	ra, ok := r.(io.ReaderAt)
	if !ok {
		data, err := io.ReadAll(buffered)
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		ra, buffered = bytes.NewReader(data), bytes.NewReader(data)
	}
	scan, streams, err := extract.ScanBibTeX(path, ctxReader{ctx, buffered}, streamPiece, opt.Extract)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if !streams {
		return processWhole(ctx, path, ra, opt, sink)
	}
	return streamPieces(ctx, path, "bibtex", opt, sink, func(piece func(extract.Piece, pieceReader) error) error {
		for k, bp := range scan.Pieces {
			data := make([]byte, bp.End-bp.Off)
			if _, err := ra.ReadAt(data, int64(bp.Off)); err != nil && !(err == io.EOF && bp.End == bp.Off) {
				return err
			}
			p := extract.Piece{Off: bp.Off, Line: bp.Line, Encoding: "utf-8"}
			err := piece(p, func() (*schema.Volume, *extract.Document, []string) {
				v, doc := extract.ReadBibTeXPiece(ctx, path, scan, k, data, opt.Extract)
				return v, doc, nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// processWhole reads an input whole with Process and hands what it reads
// to sink.
func processWhole(ctx context.Context, path string, ra io.ReaderAt, opt Options, sink StreamSink) error {
	data, err := io.ReadAll(io.NewSectionReader(ra, 0, 1<<62))
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	v, file := ProcessFile(ctx, path, data, opt)
	if err := sink.Start(v.Source); err != nil {
		return err
	}
	if ps, ok := sink.(PieceSink); ok {
		ps.Piece(file, 0, 0)
	}
	if err := sink.Records(0, v.Papers, v.Diagnostics); err != nil {
		return err
	}
	var listed []schema.Container
	if sink.ListsContainers() {
		listed = v.Containers
	}
	return sink.End(listed)
}

// ctxReader reads r until ctx is done, then fails with ctx's error: the
// first pass over a large file stops at a deadline.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
