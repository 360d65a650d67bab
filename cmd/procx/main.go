// Command procx turns proceedings dumps into validated per-paper JSON and
// lints proceedings metadata. See "procx help".
package main

import (
	"os"

	"github.com/procx/procx/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
