package procx

import (
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

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
			out[string(d.Code)] = true
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

// TestRunnersAreReused: inputs processed one after another go to the same
// runner goroutine rather than a new goroutine each, and every input still
// gets its own volume.
func TestRunnersAreReused(t *testing.T) {
	input, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := Process("vee21.txt", input, Options{})
	started := runnersStarted.Load()
	for i := range 40 {
		path := fmt.Sprintf("v%d.txt", i)
		v := Process(path, input, Options{})
		if v.Source.Path != path || len(v.Papers) != len(want.Papers) || len(v.Diagnostics) != len(want.Diagnostics) {
			t.Fatalf("input %d: got %s with %d papers and %d diagnostics, want %d and %d",
				i, v.Source.Path, len(v.Papers), len(v.Diagnostics), len(want.Papers), len(want.Diagnostics))
		}
	}
	// The runner of the first call above serves them all.
	if n := runnersStarted.Load() - started; n > 0 {
		t.Errorf("40 inputs in a row started %d new runners, want none", n)
	}
}

// TestRunnerAfterTimeout: a runner busy with an abandoned input does not
// hold up the next input, which gets a runner of its own.
func TestRunnerAfterTimeout(t *testing.T) {
	input, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	v := Process("slow.txt", input, Options{Timeout: time.Nanosecond})
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != "limit" {
		t.Fatalf("a 1ns timeout gave %v, want one limit diagnostic", v.Diagnostics)
	}
	if v := Process("next.txt", input, Options{}); len(v.Papers) == 0 {
		t.Errorf("the input after a timeout gave no papers: %v", v.Diagnostics)
	}
}
