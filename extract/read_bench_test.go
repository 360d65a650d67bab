package extract_test

import (
	"context"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
)

// BenchmarkReadSmallFiles is extract.Read over 100 generated volumes of 15
// papers each, the size of the files in real batches, where per-file costs
// (decoding, sniffing, the line table) weigh more than in one large volume.
// It reports papers/s.
func BenchmarkReadSmallFiles(b *testing.B) {
	const files, papers = 100, 15
	var vols [][]byte
	size := 0
	for i := range files {
		text, _ := gen.Volume("bench.txt", i, gen.Options{Papers: papers, DefectRate: 0.01, Seed: uint64(i + 1)})
		vols = append(vols, []byte(text))
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range vols {
			extract.Read(context.Background(), "bench.txt", data, extract.Options{})
		}
	}
	b.ReportMetric(float64(files*papers*b.N)/b.Elapsed().Seconds(), "papers/s")
}
