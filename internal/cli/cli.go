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

	"github.com/procx/procx"
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

// usage is the top-level help: the commands, the flags extract and lint
// share, and where to find the rest; topUsage fills in the input formats.
const usage = `procx turns proceedings dumps into validated per-paper JSON and lints them.

Usage:
  procx extract [flags] [PATH|-]...   write each input as JSON (--format json|jsonl), or all as csl|bibtex|csv
  procx lint [flags] [PATH|-]...      print each input's diagnostics (--format text|json|sarif|github)
  procx report [flags] [PATH|-]...    one self-contained HTML page: page map, papers, findings
  procx fix [--diff] [flags] PATH...  repair in place what procx can repair exactly; --diff prints a patch
  procx schema [--array|--jsonl]      print the JSON Schema of what extract writes
  procx explain [CODE]...             what a diagnostic code means; no CODE lists them all
  procx help [COMMAND]                this text, or a command's flags (same as procx COMMAND --help)
  procx --version                     print procx's version

Flags of extract, lint and report:
  --format F                 the output format (above)
  --bibtex-encoding E        extract --format bibtex: utf8 (default) or latex
  -o, --output FILE          write to FILE instead of stdout, atomically; no file when an input cannot be read
  --fail-on L                exit 1 on findings at or above L: error (default), warning, info or never
  --disable CODE,...         drop the diagnostics of these codes (procx explain lists them)
  --severity CODE=LEVEL,...  report these codes at another severity: info, warning or error
  --config FILE              read settings from FILE instead of the procx.toml found from the PATHs
  --baseline FILE            lint: report and fail only on findings not in FILE
  --baseline-write FILE      lint: write the findings to FILE, to accept them
  --input-format F           read every input as F instead of sniffing: %s
  -j, --jobs N               files processed at once (default: the number of CPUs)
  -q, --quiet                no progress bar and no summary on stderr
  --excerpt                  lint: show the source line under each diagnostic (default on a terminal)
  --pdfs DIR                 extract, lint, report: check the records against the camera-ready PDFs in DIR
  --max-file-size, --max-line-length, --max-authors, --max-brace-depth, --max-pdf-pages,
  --max-pdf-stream, --timeout
                             limits; an input past one gets a limit diagnostic (procx help lint)

PATHs are files or directories (walked); no PATH or "-" reads stdin.
Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O failure.
`

// commandHelp is each command's synopsis and description, printed above
// its flags by "procx help COMMAND" and "procx COMMAND --help".
var commandHelp = map[string]struct{ synopsis, doc string }{
	"extract": {"procx extract [flags] [PATH|-]...", `Reads each input (a table of contents as text, ACM OpenTOC HTML or text, BibTeX,
PDF, procx JSON or JSONL) and writes it as JSON: one volume for one PATH, an
array of volumes for several PATHs or a directory (or for procx JSON holding
such an array), or one record per line with --format jsonl. The diagnostics
that fail the run also go to stderr.`},
	"lint": {"procx lint [flags] [PATH|-]...", `Reads each input as extract does and prints its diagnostics, sorted by position:
path:line:col: severity: message [code]. Exit 1 when one is at or above --fail-on.`},
	"report": {"procx report [flags] [PATH|-]...", `Reads each input as extract does and writes one self-contained HTML file (no
network needed): per volume a header with counts by severity, a page map
(one bar per paper over its page range, overlaps, gaps, reversed and
unreadable ranges marked and labelled with their codes), the papers and the
diagnostics with their source excerpts; an index for several inputs. Exit 1
when a diagnostic is at or above --fail-on (the report is written all the
same).`},
	"fix": {"procx fix [--diff] [flags] PATH...", `Applies the exact fixes procx knows (not-nfc, invisible-char, mojibake,
bibtex-unescaped, pages-dash, doi-url) to each text dump, BibTeX file and
procx JSON file in place, atomically, keeping every other byte (line endings,
byte-order mark and encoding), then lints the result again until nothing
fixable is left. Of two fixes that overlap, the first is applied and the
other reported. With --diff, prints a unified diff that patch -p1 applies
and changes no file. The findings left go to stderr; exit 1 when one is at
or above --fail-on.`},
	"schema": {"procx schema [--array | --jsonl]", `Prints the JSON Schema (draft-07) of what extract writes: a volume (what it
writes for one PATH), an array of volumes (--array: several PATHs or a
directory), or one line of --format jsonl (--jsonl).`},
	"explain": {"procx explain [CODE]...", `Prints what each diagnostic code means and how to fix it; with no CODE, lists
every code with its default severity and title.`},
}

// commandNames are the commands, in the order of the usage.
var commandNames = []string{"extract", "lint", "report", "fix", "schema", "explain"}

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
		fmt.Fprint(e.stderr, topUsage())
		return &exitError{ExitUsage, nil}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return e.extract(rest)
	case "lint":
		return e.lint(rest)
	case "report":
		return e.report(rest)
	case "fix":
		return e.fix(rest)
	case "schema":
		return e.schema(rest)
	case "explain":
		return e.explain(rest)
	case "--version":
		fmt.Fprintf(e.stdout, "procx %s\n", procx.Version())
		return nil
	case "help", "-h", "--help":
		if len(rest) == 0 {
			fmt.Fprint(e.stdout, topUsage())
			return nil
		}
		if len(rest) > 1 {
			return usageErr("help: want one command, not %q", strings.Join(rest, " "))
		}
		if _, ok := commandHelp[rest[0]]; !ok {
			return usageErr("help: unknown command %q (want %s)", rest[0], strings.Join(commandNames, ", "))
		}
		fmt.Fprint(e.stdout, commandUsage(rest[0], e.flagSet(rest[0])))
		return nil
	}
	return usageErr("unknown command %q (want %s; procx help lists them)", cmd, strings.Join(commandNames, ", "))
}

// topUsage is the top-level help with the input formats filled in.
func topUsage() string {
	return fmt.Sprintf(usage, strings.Join(formatNames(), ", "))
}

// commandUsage is a command's help: its synopsis, description and flags.
func commandUsage(name string, fs *pflag.FlagSet) string {
	h := commandHelp[name]
	s := "Usage: " + h.synopsis + "\n\n" + h.doc + "\n"
	if fs.HasFlags() {
		s += "\nFlags:\n" + fs.FlagUsages()
	}
	return s
}

// flagSet returns the flags of a command, registered but not parsed.
func (e *env) flagSet(name string) *pflag.FlagSet {
	fs := e.flags(name)
	switch name {
	case "extract":
		new(extractFlags).register(fs)
	case "lint":
		new(lintFlags).register(fs)
	case "report":
		new(common).registerReport(fs)
	case "fix":
		new(fixFlags).register(fs)
	case "schema":
		new(schemaFlags).register(fs)
	}
	return fs
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
			fmt.Fprint(e.stdout, commandUsage(fs.Name(), fs))
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
