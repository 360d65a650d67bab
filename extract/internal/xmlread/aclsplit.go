package xmlread

import (
	"bufio"
	"bytes"
	"context"
	"io"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

// StreamsACL reports whether head, the start of an input, is an ACL
// Anthology file that SplitACL reads: a <collection> root, in UTF-8.
func StreamsACL(head []byte) bool {
	enc := xmlDeclEncoding(head)
	return xmlRoot(head) == "collection" && (enc == "" || enc == "utf-8" || enc == "utf8")
}

// SplitACL reads an ACL Anthology file from r, whose root is a
// <collection>, and hands piece pieces of whole <volume>s of about size
// bytes (more when one volume is larger), in input order. Every piece but
// the first starts with the collection's start tag (its Prefix), every
// piece but the last ends with the collection's end tag, so that each is
// a document of its own that ReadACLChunk reads. A UTF-8 byte order mark
// is dropped. It returns an error of r or of piece.
func SplitACL(r io.Reader, size int, piece func(Piece) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	head, _ := br.Peek(1 << 16)
	prefix := collectionTag(head)
	lastStart := lastVolumeStart
	if prefix == "" {
		// No collection's start tag in the head to begin pieces with:
		// one piece.
		lastStart = func([]byte) int { return -1 }
	}
	return cutPieces(br, size, prefix, "\n</collection>", "utf-8", lastStart, piece)
}

// collectionTag returns the <collection ...> start tag of b, on one line,
// or "" when b does not hold it whole.
func collectionTag(b []byte) string {
	i := bytes.Index(b, []byte("<collection"))
	if i < 0 || tagAt(b, i) != "collection" {
		return ""
	}
	n := declEnd(b[i:])
	if n <= 0 {
		return ""
	}
	return oneLine(b[i : i+n])
}

// lastVolumeStart returns the offset of the last line of b whose first
// tag, after indentation, is a <volume> start tag, or -1.
func lastVolumeStart(b []byte) int {
	for end := len(b); ; {
		i := bytes.LastIndexByte(b[:end], '\n')
		if i < 0 {
			return -1
		}
		t := i + 1
		for t < len(b) && (b[t] == ' ' || b[t] == '\t') {
			t++
		}
		if t < len(b) && b[t] == '<' && tagAt(b, t) == "volume" {
			return i + 1
		}
		end = i
	}
}

// ReadACLChunk reads a piece of an ACL Anthology file (whole volumes,
// inside a <collection>) without grouping its records: each record names
// its volume, and the volumes are listed in Containers, in input order,
// with their positions under /containers/N (see ReadDBLPChunk).
func ReadACLChunk(ctx context.Context, doc *source.Document) (v *schema.Volume, aliases []string) {
	c := newXMLVolume(doc, "acl-xml", 0)
	streamACL(ctx, doc, c.add)
	return c.chunk()
}
