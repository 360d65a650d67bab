package procx_test

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/validate"
)

func benchVolume(b *testing.B) []byte {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 200, DefectRate: 0.02, Seed: 1})
	return []byte(text)
}

func papersOf(b *testing.B, data []byte) int {
	return len(procx.Process("bench.txt", data, procx.Options{}).Papers)
}

// BenchmarkPipeline is extract + normalize + validate + JSONL encoding of
// a 200-paper volume in the reference format.
func BenchmarkPipeline(b *testing.B) {
	data := benchVolume(b)
	n := papersOf(b, data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		v := procx.Process("bench.txt", data, procx.Options{})
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
		extract.Read("bench.txt", data, extract.Options{})
	}
}

func BenchmarkNormalize(b *testing.B) {
	data := benchVolume(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		v, _ := extract.Read("bench.txt", data, extract.Options{})
		b.StartTimer()
		normalize.Volume(v)
	}
}

func BenchmarkChecks(b *testing.B) {
	data := benchVolume(b)
	v := procx.Process("bench.txt", data, procx.Options{})
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
	v := procx.Process("bench.txt", data, procx.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		validate.SchemaErrors(v)
	}
}
