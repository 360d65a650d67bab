package source

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// latin1Both decodes in with Latin1 through a transform.Reader reading
// size bytes at a time, and with charmap.ISO8859_1, the reference.
func latin1Both(t *testing.T, in []byte, size int) (got, want []byte) {
	t.Helper()
	want, err := charmap.ISO8859_1.NewDecoder().Bytes(in)
	if err != nil {
		t.Fatal(err)
	}
	r := transform.NewReader(bytes.NewReader(in), Latin1{})
	buf := make([]byte, size)
	for {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			return got, want
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
	}
}

func TestLatin1(t *testing.T) {
	// Each non-ASCII byte at each position of a word and across the
	// reader's buffer, read one byte at a time (the transformer's output
	// ends short in the middle of a character) and in large reads.
	var in []byte
	for c := 0; c < 256; c++ {
		in = append(in, "Schl"...)
		in = append(in, byte(c))
		in = append(in, "ter, 0123456789 "[:c%16]...)
	}
	in = append(in, bytes.Repeat([]byte("Jürgen Müller\n"), 1000)...)
	for _, size := range []int{1, 3, 4096, 1 << 16} {
		got, want := latin1Both(t, in, size)
		if !bytes.Equal(got, want) {
			t.Errorf("reads of %d: Latin1 gives %d bytes, charmap %d; first difference at %d", size, len(got), len(want), firstDiff(got, want))
		}
	}
	if got, _ := latin1Both(t, []byte("G\xf6del \xa9"), 16); string(got) != "Gödel ©" {
		t.Errorf(`Latin1("G\xf6del \xa9") = %q, want "Gödel ©"`, got)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// FuzzLatin1 holds Latin1 to charmap.ISO8859_1's decoder, seeded with the
// ISO-8859-1 fixture.
func FuzzLatin1(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "fixtures", "dblp", "latin1.xml")); err == nil {
		f.Add(b, 7)
	}
	f.Add([]byte("Schl\xfcter \xe9t\xe9 12345678\xff"), 1)
	f.Fuzz(func(t *testing.T, in []byte, size int) {
		size = 1 + min(max(size, 0), 1<<16)%4096
		got, want := latin1Both(t, in, size)
		if !bytes.Equal(got, want) {
			t.Errorf("Latin1 gives %q, charmap %q", got, want)
		}
	})
}
