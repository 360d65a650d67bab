// Command procx turns proceedings dumps into validated per-paper JSON and
// lints proceedings metadata. See "procx help".
package main

import (
	"os"
	"runtime/debug"

	"github.com/procx/procx/internal/cli"
)

func main() {
	// procx allocates many short-lived values per record; collecting less
	// often saves a third of the CPU on batches, and the soft memory limit
	// makes the collector work harder again before a large file's heap
	// outgrows it. GOGC and GOMEMLIMIT, when set, win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
