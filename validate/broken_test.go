package validate

import (
	"maps"
	"math/rand/v2"
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
			code := "bibtex-syntax"
			if rng.IntN(5) == 0 {
				code = "pages-overlap"
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
