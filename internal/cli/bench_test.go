package cli

import (
	"io"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/gen"
)

// BenchmarkWriteJSONL is the encoding of a processed 200-paper volume as
// JSON Lines, the last stage of "procx extract --format jsonl".
func BenchmarkWriteJSONL(b *testing.B) {
	text, _ := gen.Volume("bench.txt", 1, gen.Options{Papers: 200, DefectRate: 0.02, Seed: 1})
	v := procx.Process("bench.txt", []byte(text), procx.Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := writeVolume(io.Discard, v, "jsonl"); err != nil {
			b.Fatal(err)
		}
	}
}
