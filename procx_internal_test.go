package procx

import (
	"sync/atomic"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestAbandonedStopsAfterStage: once the caller has given up on an input
// (its --timeout passed), process stops after the stage it is in; here
// it is abandoned from the start, so no check runs.
func TestAbandonedStopsAfterStage(t *testing.T) {
	a, err := txtar.ParseFile("fixtures/checks/duplicate-doi.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var input []byte
	for _, f := range a.Files {
		if f.Name == "input.txt" {
			input = f.Data
		}
	}
	if len(input) == 0 {
		t.Fatal("the fixture has no input.txt")
	}
	codes := func(abandoned *atomic.Bool) map[string]bool {
		v, _ := process("dup.txt", input, Options{}, abandoned)
		out := map[string]bool{}
		for _, d := range v.Diagnostics {
			out[d.Code] = true
		}
		return out
	}
	if !codes(nil)["duplicate-doi"] {
		t.Fatal("the fixture raises no duplicate-doi when run to the end")
	}
	var gaveUp atomic.Bool
	gaveUp.Store(true)
	if got := codes(&gaveUp); got["duplicate-doi"] {
		t.Errorf("an abandoned input still went through the checks: %v", got)
	}
}
