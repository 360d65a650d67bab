package extract_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/procx/procx/extract"
)

// FuzzScanBibTeX: the first pass of a streamed BibTeX file never panics,
// its pieces tile the input in order, each after the first starting a
// line, with the lines before it counted; and each piece reads without
// panicking.
func FuzzScanBibTeX(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, "fixtures/bibtex/*.bib"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data, uint16(300))
		}
	}
	f.Add([]byte("@string{a = {x}}\n% @comment {\n@proceedings{p, title={T}}\n@inproceedings{a, crossref={p}, title=a # {b}}\n@article{b, title={\\\n}}\n"), uint16(8))
	f.Fuzz(func(t *testing.T, data []byte, size uint16) {
		s, ok, err := extract.ScanBibTeX("fuzz.bib", bytes.NewReader(data), int(size), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return
		}
		off := 0
		for k, p := range s.Pieces {
			if p.Off != off || p.End < p.Off {
				t.Fatalf("piece %d is %d-%d after %d", k, p.Off, p.End, off)
			}
			if k > 0 && (data[p.Off-1] != '\n' || p.Line != bytes.Count(data[:p.Off], []byte("\n"))) {
				t.Fatalf("piece %d at %d (line %d) starts no line", k, p.Off, p.Line)
			}
			extract.ReadBibTeXPiece(context.Background(), "fuzz.bib", s, k, data[p.Off:p.End], extract.Options{})
			off = p.End
		}
		if off != len(data) {
			t.Fatalf("pieces end at %d of %d", off, len(data))
		}
	})
}
