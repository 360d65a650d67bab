package procx

import (
	"context"
	"os"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/procx/procx/schema"
)

// TestCancelledStopsAtStage: once ctx is done, process stops at the next
// stage and returns no volume; here it is done from the start, so no check
// runs.
func TestCancelledStopsAtStage(t *testing.T) {
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
	v, _ := process(context.Background(), "dup.txt", input, Options{})
	found := false
	for _, d := range v.Diagnostics {
		found = found || d.Code == "duplicate-doi"
	}
	if !found {
		t.Fatal("the fixture raises no duplicate-doi when run to the end")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if v, _ := process(ctx, "dup.txt", input, Options{}); v != nil {
		t.Errorf("a cancelled input still went through the stages: %v", v.Diagnostics)
	}
}

// TestTimeout: an input past its timeout is one limit diagnostic, and the
// next input is read as usual. An input whose caller cancelled it says so.
func TestTimeout(t *testing.T) {
	input, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	skipped := func(v *schema.Volume, want string) {
		t.Helper()
		if len(v.Papers) != 0 || len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != "limit" || v.Diagnostics[0].Message != want {
			t.Fatalf("got %d papers and %v, want one limit diagnostic %q", len(v.Papers), v.Diagnostics, want)
		}
	}
	skipped(Process(context.Background(), "slow.txt", input, Options{Timeout: time.Nanosecond}),
		"reading took longer than the limit of 1ns (--timeout); the file was skipped")
	if v := Process(context.Background(), "next.txt", input, Options{}); len(v.Papers) == 0 {
		t.Errorf("the input after a timeout gave no papers: %v", v.Diagnostics)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, timeout := range []time.Duration{0, -1} {
		skipped(Process(ctx, "cancelled.txt", input, Options{Timeout: timeout}),
			"reading was stopped (context canceled); the file was skipped")
	}
}
