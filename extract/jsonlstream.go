package extract

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/source"
)

// StreamsJSONL reports whether head, the start of an input, is procx JSON
// Lines that SplitJSONL cuts as the whole input reads: UTF-8 with no byte
// order mark (decoding changes nothing) and sniffed as JSON Lines.
func StreamsJSONL(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		return false
	}
	// head may end inside a character: judge it up to its last line.
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		head = head[:i+1]
	}
	if !utf8.Valid(head) {
		return false
	}
	doc := Decode("", head)
	f := Sniff(doc)
	return doc.Encoding == "utf-8" && f != nil && f.Name() == "jsonl"
}

// SplitJSONL reads JSON Lines from r as pieces of whole lines of about
// size bytes, each read as JSON Lines of its own (Read with Format "jsonl").
func SplitJSONL(r io.Reader, size int, piece func(Piece) error) error {
	return source.SplitPieces(r, size, func(data []byte, off, line int) error {
		return piece(Piece{Data: data, Off: off, Line: line, Encoding: "utf-8"})
	})
}
