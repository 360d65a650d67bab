package procx

import (
	"context"
	"io"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
)

// streamJSONL is Stream of procx JSON Lines (the output of extract
// --format jsonl, read back to be linted): pieces of whole lines, each
// read as the whole input reads its lines, on every core.
func streamJSONL(ctx context.Context, path string, r io.Reader, opt Options, sink StreamSink) error {
	return streamPieces(ctx, path, "jsonl", opt, sink, func(piece func(extract.Piece, pieceReader) error) error {
		return extract.SplitJSONL(r, streamPiece, func(p extract.Piece) error {
			return piece(p, func() (*schema.Volume, *extract.Document, []string) {
				eo := opt.Extract
				eo.Format = "jsonl" // a piece is read as its format, not sniffed
				v, doc := extract.Read(ctx, path, p.Data, eo)
				return v, doc, nil
			})
		})
	})
}

// streamACL is Stream of an ACL Anthology collection: pieces of whole
// volumes, read on every core; as for a dblp dump, records name their
// volume and the comparing checks run at the end.
func streamACL(ctx context.Context, path string, r io.Reader, opt Options, sink StreamSink) error {
	return streamPieces(ctx, path, "acl-xml", opt, sink, func(piece func(extract.Piece, pieceReader) error) error {
		return extract.SplitACL(r, streamPiece, func(p extract.Piece) error {
			return piece(p, func() (*schema.Volume, *extract.Document, []string) {
				return extract.ReadACLChunk(ctx, path, p.Data, opt.Extract)
			})
		})
	})
}
