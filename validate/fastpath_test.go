package validate

// The tests of this file hold each fast path of the checks to the plain
// reading it replaced.

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

// brokenRecordsQuadratic is brokenRecords as it was: every record read
// for every error. The test holds the two to the same results.
func brokenRecordsQuadratic(v *schema.Volume) map[int]bool {
	out := map[int]bool{}
	for _, d := range v.Diagnostics {
		if d.Code != "bibtex-syntax" || d.Off < 0 {
			continue
		}
		for i, r := range v.Papers {
			if rg, ok := r.Pos.Get(""); ok && d.Off >= rg.Off && d.Off < rg.End {
				out[i] = true
			}
		}
	}
	return out
}

// TestBrokenRecordsMatchesQuadratic draws volumes of records with ranges
// in any order (overlapping, nested, empty, missing) and syntax errors at
// any offset, and compares with the reading of every record per error.
func TestBrokenRecordsMatchesQuadratic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for trial := range 2000 {
		v := &schema.Volume{}
		for range rng.IntN(12) {
			var r schema.Record
			if rng.IntN(6) > 0 {
				off := rng.IntN(100)
				r.Pos.Set("", schema.Range{Off: off, End: off + rng.IntN(30) - 3})
			}
			v.Papers = append(v.Papers, r)
		}
		for range rng.IntN(6) {
			code := schema.BibTeXSyntax
			if rng.IntN(5) == 0 {
				code = schema.PagesOverlap
			}
			v.Diagnostics = append(v.Diagnostics, schema.Diagnostic{Code: code, Off: rng.IntN(140) - 5})
		}
		got, want := brokenRecords(v), brokenRecordsQuadratic(v)
		if len(got) != len(want) || !maps.Equal(got, want) && len(want) > 0 {
			t.Fatalf("trial %d: brokenRecords = %v, want %v", trial, got, want)
		}
		found += len(want)
	}
	if found < 1000 {
		t.Errorf("the trials found only %d broken records: they test little", found)
	}
}

// uncoveredQuadratic is Uncovered as it was: each error compared with
// each diagnostic.
func uncoveredQuadratic(errs, ds []schema.Diagnostic) []schema.Diagnostic {
	var out []schema.Diagnostic
	for _, e := range errs {
		covered := false
		for _, d := range ds {
			if d.Pointer != "" && d.Severity >= schema.Warning &&
				(d.Pointer == e.Pointer || strings.HasPrefix(d.Pointer, e.Pointer+"/")) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, e)
		}
	}
	return out
}

// TestUncoveredMatchesQuadratic draws errors and diagnostics from a small
// set of pointers (nested, siblings with a common prefix such as
// "/papers/1" and "/papers/10", the root) and compares.
func TestUncoveredMatchesQuadratic(t *testing.T) {
	ptrs := []string{"", "/papers", "/papers/1", "/papers/10", "/papers/1/title", "/papers/10/title",
		"/papers/1/authors/0/name", "/papers/1/authors", "/proceedings", "/proceedings/date", "/p", "/papers/1/t"}
	rng := rand.New(rand.NewPCG(3, 4))
	kept, dropped := 0, 0
	for trial := range 3000 {
		var errs, ds []schema.Diagnostic
		for range rng.IntN(6) {
			errs = append(errs, schema.Diagnostic{Code: schema.Schema, Pointer: ptrs[rng.IntN(len(ptrs))]})
		}
		for range rng.IntN(4) {
			ds = append(ds, schema.Diagnostic{Code: "x", Severity: schema.Severity(rng.IntN(3)), Pointer: ptrs[rng.IntN(len(ptrs))]})
		}
		got, want := Uncovered(errs, ds), uncoveredQuadratic(errs, ds)
		if !slices.EqualFunc(got, want, func(a, b schema.Diagnostic) bool { return a.Pointer == b.Pointer }) {
			t.Fatalf("trial %d: Uncovered(%v, %v) = %v, want %v", trial, errs, ds, got, want)
		}
		kept += len(want)
		dropped += len(errs) - len(want)
	}
	if kept < 500 || dropped < 500 {
		t.Errorf("the trials kept %d errors and dropped %d: they test little", kept, dropped)
	}
}

// TestRepeatsMatchesMap drives repeats on both sides of its switch from
// a list to a sort and compares every answer with a plain map's.
func TestRepeatsMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	found := 0
	for trial := range 300 {
		n, keys := rng.IntN(4*smallGroup), 1+rng.IntN(3*smallGroup)
		es := make([]Entry, n)
		for i := range es {
			es[i].DOI = uint64(rng.IntN(keys)) * 0x9e3779b97f4a7c15 // 0: none; the others spread over the top bits
		}
		first := map[uint64]int32{}
		var want [][2]int32
		for i := range es {
			h := es[i].DOI
			if h == 0 {
				continue
			}
			if j, ok := first[h]; ok {
				want = append(want, [2]int32{int32(i), j})
			} else {
				first[h] = int32(i)
			}
		}
		var got [][2]int32
		repeats(es, func(e *Entry) uint64 { return e.DOI }, func(i, j int32) { got = append(got, [2]int32{i, j}) })
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d, %d records: repeats %v, want %v", trial, n, got, want)
		}
		found += len(want)
	}
	if found < 1000 {
		t.Errorf("the trials found %d repeats: they test little", found)
	}
}
