package procx_test

import (
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

func benchVolume(b *testing.B) []byte {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 200, DefectRate: 0.02, Seed: 1})
	return []byte(text)
}

func papersOf(b *testing.B, data []byte) int {
	return len(procx.Process(context.Background(), "bench.txt", data, procx.Options{}).Papers)
}

// BenchmarkPipeline is extract + normalize + validate + JSONL encoding of
// a 200-paper volume in the reference format.
func BenchmarkPipeline(b *testing.B) {
	data := benchVolume(b)
	n := papersOf(b, data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		v := procx.Process(context.Background(), "bench.txt", data, procx.Options{})
		enc := json.NewEncoder(io.Discard)
		for _, p := range v.Papers {
			enc.Encode(p)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "papers/s")
}

func BenchmarkDecode(b *testing.B) {
	data := benchVolume(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Decode("bench.txt", data)
	}
}

func BenchmarkSegmentParse(b *testing.B) {
	data := benchVolume(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Read(context.Background(), "bench.txt", data, extract.Options{})
	}
}

func BenchmarkNormalize(b *testing.B) {
	data := benchVolume(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		v, _ := extract.Read(context.Background(), "bench.txt", data, extract.Options{})
		b.StartTimer()
		normalize.Volume(v)
	}
}

func BenchmarkChecks(b *testing.B) {
	data := benchVolume(b)
	v := procx.Process(context.Background(), "bench.txt", data, procx.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		saved := v.Diagnostics
		validate.Volume(v, validate.Options{})
		v.Diagnostics = saved
	}
}

func BenchmarkSchema(b *testing.B) {
	data := benchVolume(b)
	v := procx.Process(context.Background(), "bench.txt", data, procx.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		validate.SchemaErrors(v)
	}
}

// archiveVolumes are processed volumes of 15 papers, the size of the
// volumes of a generated archive, where per-volume costs count.
func archiveVolumes(b *testing.B) (vols []*schema.Volume, bytes int) {
	for i := range 100 {
		text, _ := gen.Volume("bench.txt", i, gen.Options{Papers: 15, DefectRate: 0.01, Seed: uint64(i + 1)})
		vols = append(vols, procx.Process(context.Background(), "bench.txt", []byte(text), procx.Options{}))
		bytes += len(text)
	}
	return vols, bytes
}

// benchArchive runs stage on 100 volumes of 15 papers per iteration.
func benchArchive(b *testing.B, stage func(*schema.Volume)) {
	vols, n := archiveVolumes(b)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vols {
			stage(v)
		}
	}
}

// BenchmarkChecksArchive runs the checks on 100 volumes of 15 papers.
func BenchmarkChecksArchive(b *testing.B) {
	benchArchive(b, func(v *schema.Volume) {
		saved := v.Diagnostics
		validate.Volume(v, validate.Options{})
		v.Diagnostics = saved
	})
}

// BenchmarkSchemaArchive validates 100 volumes of 15 papers against the
// schema.
func BenchmarkSchemaArchive(b *testing.B) {
	benchArchive(b, func(v *schema.Volume) { validate.SchemaErrors(v) })
}
