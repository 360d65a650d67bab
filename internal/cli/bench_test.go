package cli

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/gen"
)

// BenchmarkWriteJSONL is the encoding of a processed 200-paper volume as
// JSON Lines, the last stage of "procx extract --format jsonl".
func BenchmarkWriteJSONL(b *testing.B) {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 200, DefectRate: 0.02, Seed: 1})
	v := procx.Process(context.Background(), "bench.txt", []byte(text), procx.Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := writeVolume(io.Discard, v, "jsonl", recordWindow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArchive is the work of "procx extract --format jsonl" per file
// on an archive of 100 generated 15-paper volumes, on one goroutine:
// everything but reading the files and the batch's scheduling.
func BenchmarkArchive(b *testing.B) {
	var files [][]byte
	size := 0
	for i := range 100 {
		text, _ := gen.Volume("v.txt", i, gen.Options{Papers: 15, DefectRate: 0.01, Seed: uint64(i)})
		files = append(files, []byte(text))
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var out bytes.Buffer
	for b.Loop() {
		for _, data := range files {
			out.Reset()
			v := procx.Process(context.Background(), "v.txt", data, procx.Options{})
			if err := writeVolume(&out, v, "jsonl", recordWindow); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(1500*b.N)/b.Elapsed().Seconds(), "papers/s")
}
