package xmlread

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/transform"

	"github.com/procx/procx/extract/internal/source"
)

// A Piece is a record-aligned piece of a dblp dump read as a stream: a
// document of its own (a <dblp> start tag before the input's bytes for
// every piece but the first, a </dblp> end tag after them for every piece
// but the last) that ReadDBLPChunk reads.
type Piece struct {
	Data   []byte
	Prefix int // the bytes of Data before the input's own
	Off    int // the input offset (in decoded text) of Data[Prefix]
	Line   int // the lines of the input before Off; pieces start on a line
	Last   bool
	// Encoding names the encoding the input was decoded from.
	Encoding string
}

// SplitDBLP reads a dblp dump from r, whose root element is <dblp>, and
// hands piece record-aligned pieces of it of about size bytes (more when
// one record is larger), in input order: no piece but the first holds the
// prolog, no record is split between two. Input declared ISO-8859-1 (as
// dblp.xml is) is decoded to UTF-8 on the way, any other read as UTF-8; a
// UTF-8 byte order mark is dropped. It returns the name of the encoding,
// or an error of r or of piece.
func SplitDBLP(r io.Reader, size int, piece func(Piece) error) (encoding string, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	encoding = "utf-8"
	var in io.Reader = br
	switch xmlDeclEncoding(head) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		encoding = "iso-8859-1"
		in = transform.NewReader(br, source.Latin1{})
	default:
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
		}
	}
	prefix := "<dblp>"
	if decl, _ := br.Peek(1 << 16); bytes.Contains(decl, []byte("<!DOCTYPE")) {
		// Entities the DOCTYPE declares are declared in every piece, on
		// its first line with the root's start tag.
		d := decl[bytes.Index(decl, []byte("<!DOCTYPE")):]
		if n := declEnd(d); n > 0 && bytes.IndexByte(d[:n], '[') >= 0 {
			prefix = oneLine(d[:n]) + prefix
		}
	}
	return encoding, cutPieces(in, size, prefix, "\n</dblp>", encoding, lastRecordStart, piece)
}

// cutPieces reads in as pieces of about size bytes (more when one record
// is larger) that end where lastStart finds the last record of a buffer
// to start (≤ 0: none), and hands them to piece in input order: every
// piece but the first starts with prefix, on its first line, and every
// piece but the last ends with suffix, so that each is a document of its
// own. It returns an error of in or of piece.
func cutPieces(in io.Reader, size int, prefix, suffix, encoding string, lastStart func([]byte) int, piece func(Piece) error) error {
	buf := make([]byte, 0, size+len(suffix))
	off, line, first := 0, 0, true
	for eof := false; !eof; {
		// Fill buf up to size with input after what the last piece left.
		for len(buf) < size && !eof {
			n, err := in.Read(buf[len(buf):min(cap(buf), size)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
		}
		cut := len(buf)
		if !eof {
			cut = lastStart(buf)
			if cut <= 0 { // one record fills the buffer: read more
				size *= 2
				grown := make([]byte, len(buf), size+len(suffix))
				buf = grown[:copy(grown, buf)]
				continue
			}
		}
		p := Piece{Off: off, Line: line, Last: eof, Encoding: encoding}
		var data []byte
		if !first {
			data = append(data, prefix...)
			p.Prefix = len(prefix)
		}
		data = append(data, buf[:cut]...)
		if !eof {
			data = append(data, suffix...)
		}
		p.Data = data
		if err := piece(p); err != nil {
			return err
		}
		off += cut
		line += bytes.Count(buf[:cut], []byte{'\n'})
		first = false
		buf = buf[:copy(buf, buf[cut:])]
	}
	return nil
}

// oneLine returns b with its line breaks made spaces (a piece's prefix
// stays on its first line).
func oneLine(b []byte) string {
	return string(bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, b))
}

// lastRecordStart returns the offset of the last line of b that starts
// with a dblp record's start tag, or -1.
func lastRecordStart(b []byte) int {
	for end := len(b); ; {
		i := bytes.LastIndex(b[:end], []byte("\n<"))
		if i < 0 {
			return -1
		}
		if name := tagAt(b, i+1); dblpSyntax.records[name] {
			return i + 1
		}
		end = i
	}
}

// tagAt returns the name of the start tag at b[i] ('<'), if the name ends
// with white space, '>' or '/' inside b.
func tagAt(b []byte, i int) string {
	t := b[i+1:]
	n := 0
	for n < len(t) && n < 64 && !isXMLSpace(t[n]) && t[n] != '>' && t[n] != '/' && t[n] != '<' {
		n++
	}
	if n == 0 || n == len(t) || n == 64 || t[n] == '<' {
		return ""
	}
	return string(t[:n])
}

// StreamsDBLP reports whether head, the start of an input, is a dblp dump
// that SplitDBLP reads: its root element is <dblp>.
func StreamsDBLP(head []byte) bool { return xmlRoot(head) == "dblp" }
