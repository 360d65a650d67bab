package extract_test

import (
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
)

// BenchmarkDecodeSmall and BenchmarkSniffSmall are the per-file stages of
// extract.Read on one generated 15-paper volume.
func BenchmarkDecodeSmall(b *testing.B) {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 15, DefectRate: 0.01, Seed: 1})
	data := []byte(text)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Decode("bench.txt", data)
	}
}

func BenchmarkSniffSmall(b *testing.B) {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 15, DefectRate: 0.01, Seed: 1})
	doc := extract.Decode("bench.txt", []byte(text))
	for _, f := range extract.Formats() {
		b.Run(f.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(doc.Text)))
			for b.Loop() {
				f.Sniff(doc)
			}
		})
	}
}
