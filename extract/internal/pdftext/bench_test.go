package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLines reads the positioned lines of the fixture PDFs, which
// between them show text with Tj, TJ and ' and set it in standard and
// embedded fonts.
func BenchmarkLines(b *testing.B) {
	paths, err := filepath.Glob("../../../fixtures/pdf/*.pdf")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no fixture PDFs: %v", err)
	}
	var files [][]byte
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	lim := Limits{}.WithDefaults()
	for b.Loop() {
		for i, data := range files {
			Lines(context.Background(), paths[i], data, lim)
		}
	}
}
