package xmlread

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/gen"
)

// BenchmarkDBLPPieces is the reading procx.Stream does of a dblp dump: a
// generated dump of 20,000 records (about 10 MB, ISO-8859-1, entities as
// dblp writes them) split into record-aligned pieces of 512 KiB, each
// read by ReadDBLPChunk ("read"). "tokens" is its ceiling, encoding/xml's
// RawToken alone over the same pieces with the same settings; the
// difference is the reader's own work. MB/s are of the dump's bytes;
// cpu-ms/op is the process's CPU time per run (the collector's included),
// which a loaded machine changes less than the elapsed time.
func BenchmarkDBLPPieces(b *testing.B) {
	dump := gen.DBLP(20000, 1)
	var pieces [][]byte
	if _, err := SplitDBLP(strings.NewReader(dump), 512<<10, func(p Piece) error {
		pieces = append(pieces, p.Data)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(dump)))
		b.ReportAllocs()
		papers := 0
		cpu := processCPU()
		for b.Loop() {
			papers = 0
			for _, p := range pieces {
				v, _ := ReadDBLPChunk(context.Background(), source.Decode("gen.xml", p))
				papers += len(v.Papers)
			}
		}
		if papers != 20000 {
			b.Fatalf("%d papers read from 20,000 records", papers)
		}
		b.ReportMetric(float64(papers)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		reportCPU(b, cpu)
	})
	b.Run("tokens", func(b *testing.B) {
		b.SetBytes(int64(len(dump)))
		b.ReportAllocs()
		cpu := processCPU()
		for b.Loop() {
			for _, p := range pieces {
				d := xml.NewDecoder(bytes.NewReader(p))
				d.Strict = false
				d.Entity = dblpEntities
				d.CharsetReader = identityCharset
				for {
					if _, err := d.RawToken(); err != nil {
						break
					}
				}
			}
		}
		reportCPU(b, cpu)
	})
}

// reportCPU reports the CPU time per run since start, where processCPU
// measures it.
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 {
		b.ReportMetric(float64(processCPU()-start)/1e6/float64(b.N), "cpu-ms/op")
	}
}
