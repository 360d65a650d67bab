package validate

import (
	"context"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// BenchmarkPrefilterRecords runs the record prefilter alone over the
// records of 20 generated volumes of 15 papers, as SchemaErrors asks it
// of each record; ns/record is the figure to compare.
func BenchmarkPrefilterRecords(b *testing.B) {
	var records []schema.Record
	for i := range 20 {
		text, _ := gen.Volume("bench.txt", i, gen.Options{Papers: 15, DefectRate: 0.01, Seed: uint64(i + 1)})
		v, _ := extract.Read(context.Background(), "bench.txt", []byte(text), extract.Options{})
		normalize.Volume(v)
		records = append(records, v.Papers...)
	}
	passed := 0
	for i := range records {
		if recordValid(&records[i]) {
			passed++
		}
	}
	if passed < len(records)*9/10 {
		b.Fatalf("only %d of %d records pass: the benchmark would time gojsonschema's share", passed, len(records))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range records {
			recordValid(&records[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(records)), "ns/record")
}
