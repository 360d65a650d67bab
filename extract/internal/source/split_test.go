package source

import (
	"bytes"
	"strings"
	"testing"
)

// splitJoin splits data with SplitPieces and checks that the pieces join
// to it, that each but the last ends a line, and their offsets and line
// counts.
func splitJoin(t *testing.T, data []byte, size int) int {
	var joined []byte
	n := 0
	err := SplitPieces(bytes.NewReader(data), size, func(p []byte, off, line int) error {
		if off != len(joined) || line != bytes.Count(joined, []byte{'\n'}) {
			t.Fatalf("piece %d at %d (line %d), after %d bytes (%d lines)", n, off, line, len(joined), bytes.Count(joined, []byte{'\n'}))
		}
		if len(p) == 0 {
			t.Fatalf("piece %d is empty", n)
		}
		joined = append(joined, p...)
		if len(joined) < len(data) && p[len(p)-1] != '\n' {
			t.Fatalf("piece %d ends inside a line: %q", n, p[max(0, len(p)-10):])
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(joined, data) {
		t.Fatalf("pieces join to %d bytes, not the %d of the input", len(joined), len(data))
	}
	return n
}

func TestSplitPieces(t *testing.T) {
	long := strings.Repeat("x", 200<<10) // longer than the reader's buffer
	for _, c := range []struct {
		name   string
		data   string
		size   int
		pieces int
	}{
		{"empty", "", 8, 0},
		{"one line, no newline", "abc", 8, 1},
		{"lines of 4 in pieces of 8", "abc\ndef\nghi\njkl\nmno\n", 8, 3},
		{"a line longer than the piece", "abc\n" + long + "\nend", 8, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			if n := splitJoin(t, []byte(c.data), c.size); n != c.pieces {
				t.Errorf("%d pieces, want %d", n, c.pieces)
			}
		})
	}
}

func FuzzSplitPieces(f *testing.F) {
	f.Add([]byte("{\"title\":\"a\"}\n{\"title\":\"b\"}\n"), uint8(8))
	f.Add([]byte("\n\n\nabc"), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, size uint8) {
		splitJoin(t, data, int(size)+1)
	})
}
