package procx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

// collect is a StreamSink that keeps what it is given.
type collect struct {
	src    schema.Source
	papers []schema.Record
	ds     []schema.Diagnostic
	cross  []schema.Diagnostic
}

func (c *collect) Start(src schema.Source) error { c.src = src; return nil }
func (c *collect) Records(first int, papers []schema.Record, ds []schema.Diagnostic) error {
	if first != len(c.papers) {
		return fmt.Errorf("records from %d after %d", first, len(c.papers))
	}
	c.papers = append(c.papers, papers...)
	c.ds = append(c.ds, ds...)
	return nil
}
func (c *collect) Findings(ds []schema.Diagnostic) error {
	c.cross = append(c.cross, ds...)
	return nil
}
func (c *collect) End([]schema.Container) error { return nil }
func (c *collect) ListsContainers() bool        { return true }

// diagKey is what a diagnostic says, where.
func diagKey(d schema.Diagnostic) string {
	return fmt.Sprintf("%s %d:%d-%d:%d %s %s", d.Code, d.Line, d.Column, d.EndLine, d.EndColumn, d.Pointer, d.Message)
}

// TestStreamMatchesProcess: the dblp sample read in pieces of 64 KiB by
// Stream (about ten pieces), and the broken and truncated fixtures (one
// piece: what a dump's last piece is), give the records Process gives, in order, and the same diagnostics at
// the same lines, columns and pointers.
func TestStreamMatchesProcess(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 64 << 10
	t.Run("sample", func(t *testing.T) {
		path := filepath.Join("..", "shared", "corpus", "dblp-xml", "dblp-sample.xml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Skip("corpus not present:", err)
		}
		streamMatches(t, path, data)
	})
	for _, name := range []string{"broken.xml", "truncated.xml"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("fixtures", "dblp", name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			streamMatches(t, path, data)
		})
	}
}

func streamMatches(t *testing.T, path string, data []byte) {
	var c collect
	if err := Stream(context.Background(), path, bytes.NewReader(data), Options{}, &c); err != nil {
		t.Fatal(err)
	}
	v := Process(context.Background(), path, data, Options{})
	if len(c.papers) != len(v.Papers) {
		t.Fatalf("%d records streamed, %d read whole", len(c.papers), len(v.Papers))
	}
	for i := range v.Papers {
		a, b := c.papers[i], v.Papers[i]
		if a.Title != b.Title || a.DOI != b.DOI || a.Key != b.Key || a.Span != b.Span || fmt.Sprint(a.Authors) != fmt.Sprint(b.Authors) || fmt.Sprint(a.Pages) != fmt.Sprint(b.Pages) {
			t.Errorf("record %d: streamed %q %s %v, read whole %q %s %v", i, a.Title, a.DOI, a.Span, b.Title, b.DOI, b.Span)
		}
	}
	want := map[string]int{}
	for _, d := range v.Diagnostics {
		want[diagKey(d)]++
	}
	got := map[string]int{}
	for _, d := range append(c.ds, c.cross...) {
		got[diagKey(d)]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("read whole %d×, streamed %d×: %s", n, got[k], k)
		}
	}
	for k, n := range got {
		if want[k] == 0 {
			t.Errorf("streamed %d×, not read whole: %s", n, k)
		}
	}
}

// liveSink measures the live heap after each piece.
type liveSink struct {
	collect
	peak uint64
}

func (l *liveSink) Records(first int, papers []schema.Record, ds []schema.Diagnostic) error {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	l.peak = max(l.peak, m.HeapAlloc)
	l.collect.papers = l.collect.papers[:0] // keep nothing of the records
	return nil
}

// TestStreamMemoryConstant: what Stream keeps does not grow with the
// number of records: the live heap (but the input) after each piece of a
// generated dump
// of 48,000 records peaks no higher than for one of 12,000 (plus slack for
// the containers' metadata, which it keeps, and the collector). Both are
// long enough for the pieces in flight between the reader, the workers
// and the sink to reach their steady number.
func TestStreamMemoryConstant(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 29 MB")
	}
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 256 << 10
	var peak [2]uint64
	for i, n := range []int{12000, 48000} {
		data := gen.DBLP(n, 7)
		var s liveSink
		if err := Stream(context.Background(), "gen.xml", strings.NewReader(data), Options{}, &s); err != nil {
			t.Fatal(err)
		}
		peak[i] = s.peak - uint64(len(data)) // the input is in memory too
		t.Logf("%d records (%.1f MB): live heap but the input peaks at %.1f MiB", n, float64(len(data))/1e6, float64(peak[i])/(1<<20))
	}
	if peak[1] > peak[0]*3/2+2<<20 {
		t.Errorf("live heap grew with the dump: %d KiB for 12,000 records, %d KiB for 48,000", peak[0]>>10, peak[1]>>10)
	}
}

// failFindings is a sink whose Findings fails.
type failFindings struct {
	collect
	calls int
}

var errSinkFull = fmt.Errorf("sink full")

func (f *failFindings) Findings([]schema.Diagnostic) error { f.calls++; return errSinkFull }

// TestStreamFindingsErrorStops: an error of the sink's Findings ends
// Stream with that error, after no more calls, whatever the number of
// buckets still to compare.
func TestStreamFindingsErrorStops(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 64 << 10
	data := gen.DBLP(3000, 11)
	var s failFindings
	err := Stream(context.Background(), "gen.xml", strings.NewReader(data), Options{}, &s)
	if err != errSinkFull || s.calls != 1 {
		t.Fatalf("Stream returned %v after %d calls of Findings; want %v after 1", err, s.calls, errSinkFull)
	}
}
