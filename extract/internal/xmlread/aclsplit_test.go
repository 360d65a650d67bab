package xmlread

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// splitACLJoin splits data with SplitACL and checks that the pieces' own
// bytes join to it, that each piece but the first starts with a <volume>
// line, and their offsets and line counts.
func splitACLJoin(t *testing.T, data []byte, size int) int {
	var joined []byte
	n := 0
	err := SplitACL(bytes.NewReader(data), size, func(p Piece) error {
		own := p.Data[p.Prefix:]
		if !p.Last {
			own = bytes.TrimSuffix(own, []byte("\n</collection>"))
		}
		if p.Off != len(joined) || p.Line != bytes.Count(joined, []byte{'\n'}) {
			t.Fatalf("piece %d at %d (line %d), after %d bytes", n, p.Off, p.Line, len(joined))
		}
		if s := bytes.TrimLeft(own, " \t"); n > 0 && (len(s) == 0 || s[0] != '<' || tagAt(s, 0) != "volume") {
			t.Fatalf("piece %d starts %q", n, own[:min(len(own), 20)])
		}
		joined = append(joined, own...)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(joined, bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})) {
		t.Fatalf("pieces join to %d bytes, not the %d of the input", len(joined), len(data))
	}
	return n
}

// TestSplitACL: the two-volume fixture in pieces of 64 bytes is cut
// between its volumes, each piece a collection of its own.
func TestSplitACL(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "fixtures", "acl", "collection.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := splitACLJoin(t, data, 64); n != 2 {
		t.Errorf("%d pieces of a collection of two volumes", n)
	}
	if !StreamsACL(data) {
		t.Error("StreamsACL says no to the fixture")
	}
	if StreamsACL([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><collection>`)) {
		t.Error("StreamsACL says yes to ISO-8859-1")
	}
}

func FuzzSplitACL(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("..", "..", "..", "fixtures", "acl", "collection.xml")); err == nil {
		f.Add(data, uint8(64))
	}
	f.Add([]byte("<collection id=\"x\">\n<volume id=\"1\">\n</volume>\n  <volume id=\"2\">\n</volume>\n</collection>\n"), uint8(8))
	f.Fuzz(func(t *testing.T, data []byte, size uint8) {
		splitACLJoin(t, data, int(size)+1)
	})
}
