package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestGCTuning: TuneGC sets what the environment leaves unset, and the
// first large input restores the default pacing of those settings only.
func TestGCTuning(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	ownP, ownL, large := gc.ownPercent, gc.ownLimit, gc.large
	defer func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		gc.ownPercent, gc.ownLimit, gc.large = ownP, ownL, large
	}()
	state := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	for _, c := range []struct {
		name   string
		env    map[string]string
		tunedP int
		tunedL int64
		largeP int
		largeL int64
	}{
		{"unset", nil, batchGCPercent, batchMemLimit, 100, math.MaxInt64},
		{"GOGC set", map[string]string{"GOGC": "50"}, 50, batchMemLimit, 50, math.MaxInt64},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, batchGCPercent, 1 << 30, 100, 1 << 30},
		{"both set", map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 50, 1 << 30, 50, 1 << 30},
	} {
		// What the runtime would have read from the environment.
		debug.SetGCPercent(50)
		debug.SetMemoryLimit(1 << 30)
		if c.env["GOGC"] == "" {
			debug.SetGCPercent(100)
		}
		if c.env["GOMEMLIMIT"] == "" {
			debug.SetMemoryLimit(math.MaxInt64)
		}
		gc.ownPercent, gc.ownLimit, gc.large = false, false, false
		TuneGC(func(k string) string { return c.env[k] })
		if p, l := state(); p != c.tunedP || l != c.tunedL {
			t.Errorf("%s: tuned GOGC=%d limit=%d, want %d and %d", c.name, p, l, c.tunedP, c.tunedL)
		}
		largeInput(largeInputBytes - 1)
		if p, l := state(); p != c.tunedP || l != c.tunedL {
			t.Errorf("%s: an input below largeInputBytes changed the settings to GOGC=%d limit=%d", c.name, p, l)
		}
		largeInput(largeInputBytes)
		if p, l := state(); p != c.largeP || l != c.largeL {
			t.Errorf("%s: after a large input GOGC=%d limit=%d, want %d and %d", c.name, p, l, c.largeP, c.largeL)
		}
	}
}
