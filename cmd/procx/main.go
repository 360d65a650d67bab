// Command procx turns proceedings dumps into validated per-paper JSON and
// lints proceedings metadata. See "procx help".
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/procx/procx/internal/cli"
)

func main() {
	cli.TuneGC(os.Getenv)
	// PROCX_CPUPROFILE=FILE writes a CPU profile of the run, for
	// "go tool pprof" (see bench/e2e.sh).
	if path := os.Getenv("PROCX_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "procx: cpu profile %q: %v\n", path, err)
			os.Exit(2)
		}
		code := cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
