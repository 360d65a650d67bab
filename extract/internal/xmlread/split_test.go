package xmlread

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzSplitDBLP: the pieces of a UTF-8 dump, without their prefixes and
// suffixes, are the input, in order, each starting where the last ended
// and on the line after the lines before it; no piece but the first
// starts anywhere but at a record's start tag.
func FuzzSplitDBLP(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "fixtures", "dblp", "*.xml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, 64)
		}
	}
	f.Add([]byte("<dblp>\n<article key=\"a\"><title>T.</title></article>\n<www key=\"b\"></www>\n</dblp>"), 8)
	f.Fuzz(func(t *testing.T, in []byte, size int) {
		if !utf8.Valid(in) || bytes.Contains(in[:min(len(in), 512)], []byte("encoding")) || bytes.HasPrefix(in, []byte{0xEF, 0xBB, 0xBF}) {
			return
		}
		size = 1 + size&0xFFF
		var got []byte
		lines := 0
		_, err := SplitDBLP(bytes.NewReader(in), size, func(p Piece) error {
			body := p.Data[p.Prefix:]
			if !p.Last {
				body = bytes.TrimSuffix(body, []byte("\n</dblp>"))
			}
			if p.Off != len(got) || p.Line != lines {
				t.Fatalf("piece at %d on line %d after %d bytes, %d lines", p.Off, p.Line, len(got), lines)
			}
			if p.Off > 0 && !dblpSyntax.records[tagAt(body, 0)] {
				t.Fatalf("piece at %d starts %q", p.Off, body[:min(len(body), 20)])
			}
			got = append(got, body...)
			lines += bytes.Count(body, []byte{'\n'})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, in) {
			t.Fatalf("pieces join to %q, want %q", got, in)
		}
	})
}
