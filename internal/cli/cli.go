// Package cli is the procx command line: it parses flags, reads inputs and
// prints results. It takes its streams as arguments so tests can run it
// in-process; cmd/procx is one line over Main.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes.
const (
	ExitClean    = 0 // no findings at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitUsage    = 2 // usage or I/O failure
)

// exitError is an error that carries the exit code it should cause.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{ExitUsage, fmt.Errorf(format, args...)}
}

// env is one run's streams and settings; there is no package state.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(any) bool
}

const usage = `procx turns proceedings dumps into validated per-paper JSON and lints them.

Usage:
  procx extract [--format json|jsonl|csl|bibtex|csv] [--input-format F] [-o FILE] [--fail-on L] [PATH|-]...
  procx lint    [--format text|json|sarif|github] [--fail-on error|warning|never]
                [--disable CODE,...] [--excerpt] [PATH|-]...
  procx report  [-o FILE.html] [--fail-on L] [PATH|-]...   one HTML page: page map, papers, findings
  procx schema                 print the JSON Schema of the output
  procx explain [CODE]         what a diagnostic code means; no CODE lists them all

PATHs are files or directories (walked); no PATH or "-" reads stdin.
Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O failure.
`

// Main runs procx with args (without the program name) and returns the
// exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, isTerminal: isTerminal}
	return e.main(args)
}

func (e *env) main(args []string) int {
	err := e.dispatch(args)
	if err == nil {
		return ExitClean
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.code == ExitUsage {
			fmt.Fprintf(e.stderr, "procx: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(e.stderr, "procx: %v\n", err)
	return ExitUsage
}

func (e *env) dispatch(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return &exitError{ExitUsage, nil}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return e.extract(rest)
	case "lint":
		return e.lint(rest)
	case "schema":
		return e.schema(rest)
	case "explain":
		return e.explain(rest)
	case "report":
		return e.report(rest)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	return usageErr("unknown command %q (want extract, lint, report, schema or explain)", cmd)
}

// flags makes a flag set that reports errors instead of exiting.
func (e *env) flags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	return fs
}

func (e *env) parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(e.stdout, "Usage of procx %s:\n%s", fs.Name(), fs.FlagUsages())
			return &exitError{ExitClean, nil}
		}
		return usageErr("%s: %v", fs.Name(), err)
	}
	return nil
}

// oneOf checks a flag value against its choices.
func oneOf(flag, val string, choices ...string) error {
	for _, c := range choices {
		if val == c {
			return nil
		}
	}
	return usageErr("--%s %q: want one of %s", flag, val, strings.Join(choices, ", "))
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
