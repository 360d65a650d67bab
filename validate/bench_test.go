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

// BenchmarkCompare runs the checks that compare records over a generated
// whole-volume BibTeX file of 20,000 entries (about 11 MB), one pages in
// 40 moved back onto the entry before's and one in 50 given the doi of
// the entry before: "entries" makes the records' entries, "checks" runs
// the checks over them, as Stream does at its end. MB/s are of the file.
func BenchmarkCompare(b *testing.B) {
	src := gen.BibTeX(20000, 3)
	v, _ := extract.Read(context.Background(), "bench.bib", []byte(src), extract.Options{})
	normalize.Volume(v)
	for i := range v.Papers {
		r := &v.Papers[i]
		if i%40 == 1 && r.Pages != nil {
			r.Pages.First -= 2
		}
		if i%50 == 1 {
			r.DOI = v.Papers[i-1].DOI
		}
	}
	es := make([]Entry, len(v.Papers))
	b.Run("entries", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			for i := range v.Papers {
				es[i] = NewEntry(&v.Papers[i], i)
			}
		}
	})
	n := map[schema.Code]int{}
	Compare("bench.bib", es, recordTexts(v.Papers), nil, Options{}, func(ds []schema.Diagnostic) {
		for _, d := range ds {
			n[d.Code]++
		}
	})
	if n[schema.PagesOverlap] < len(es)/40 || n[schema.DuplicateDOI] < len(es)/50 {
		b.Fatalf("found %v: not the defects planted", n)
	}
	b.Run("checks", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			Compare("bench.bib", es, recordTexts(v.Papers), nil, Options{}, func([]schema.Diagnostic) {})
		}
	})
}
