package cli

import "runtime/debug"

// gcPercent is the collector's pacing unless GOGC is set. procx makes many
// short-lived values per record, and collecting less often than Go's
// default does much less work on batches for a bounded rise in peak
// memory. No memory limit is set (GOMEMLIMIT still applies): a large file
// whose live heap outgrew one would be collected without pause.
const gcPercent = 400

// TuneGC sets the collector's pacing for the run unless GOGC is set; the
// environment wins.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
