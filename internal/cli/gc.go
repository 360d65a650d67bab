package cli

import (
	"math"
	"runtime/debug"
	"sync"
)

// The collector's settings. procx allocates many short-lived values per
// record: collecting less often (GOGC=400) saves a third of the CPU on
// batches, and a soft memory limit makes the collector work harder again
// before the heap of a large file outgrows it. But a file whose live heap
// passes that limit would have the collector running without pause, at up
// to half the CPU (a 55 MB BibTeX file took 2.7 times as long as with
// GOGC=100 and no limit): from largeInputBytes of input, procx goes back
// to the runtime's default pacing for the rest of the run.
const (
	batchGCPercent  = 400
	batchMemLimit   = 256 << 20
	largeInputBytes = 16 << 20
)

var gc struct {
	sync.Mutex
	ownPercent, ownLimit bool // set by TuneGC, not by GOGC or GOMEMLIMIT
	large                bool // largeInput has restored the defaults
}

// TuneGC sets the collector for batches, except what GOGC and GOMEMLIMIT
// set: those win.
func TuneGC(getenv func(string) string) {
	gc.Lock()
	defer gc.Unlock()
	if getenv("GOGC") == "" {
		debug.SetGCPercent(batchGCPercent)
		gc.ownPercent = true
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(batchMemLimit)
		gc.ownLimit = true
	}
}

// largeInput is told the size of each input read; the first of
// largeInputBytes or more restores the runtime's default pacing (GOGC=100,
// no limit) where TuneGC changed it.
func largeInput(n int) {
	if n < largeInputBytes {
		return
	}
	gc.Lock()
	defer gc.Unlock()
	if gc.large {
		return
	}
	gc.large = true
	if gc.ownPercent {
		debug.SetGCPercent(100)
	}
	if gc.ownLimit {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
