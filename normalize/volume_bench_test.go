package normalize_test

import (
	"context"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// BenchmarkVolumeArchive normalizes 100 generated volumes of 15 papers,
// the volumes of a generated archive, as extract.Read gives them: each
// iteration reads them again with the timer stopped, since Volume
// changes a volume in place and a normalized one takes other paths.
func BenchmarkVolumeArchive(b *testing.B) {
	var texts [][]byte
	bytes, papers := 0, 0
	for i := range 100 {
		text, _ := gen.Volume("bench.txt", i, gen.Options{Papers: 15, DefectRate: 0.01, Seed: uint64(i + 1)})
		texts = append(texts, []byte(text))
		bytes += len(text)
	}
	vols := make([]*schema.Volume, len(texts))
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		papers = 0
		for i, t := range texts {
			vols[i], _ = extract.Read(context.Background(), "bench.txt", t, extract.Options{})
			papers += len(vols[i].Papers)
		}
		b.StartTimer()
		for _, v := range vols {
			normalize.Volume(v)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(papers*b.N), "ns/paper")
}
