package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: TuneGC sets the pacing when GOGC is unset, leaves it when
// it is set, and never touches the memory limit.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, c := range []struct {
		env   map[string]string
		wantP int
	}{
		{nil, gcPercent},
		{map[string]string{"GOGC": "50"}, 50},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, gcPercent},
		{map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 50},
	} {
		// What the runtime would have read from the environment.
		debug.SetGCPercent(100)
		if c.env["GOGC"] != "" {
			debug.SetGCPercent(50)
		}
		limit := int64(math.MaxInt64)
		if c.env["GOMEMLIMIT"] != "" {
			limit = 1 << 30
		}
		debug.SetMemoryLimit(limit)
		TuneGC(func(k string) string { return c.env[k] })
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if l := debug.SetMemoryLimit(-1); p != c.wantP || l != limit {
			t.Errorf("env %v: GOGC=%d limit=%d, want %d and %d", c.env, p, l, c.wantP, limit)
		}
	}
}
