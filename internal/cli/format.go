package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/procx/procx/internal/jsonw"
	"github.com/procx/procx/schema"
)

// formatter prints lint diagnostics. Write is called once per input with
// that input's sorted diagnostics, Fail in its place for an input that
// could not be read (an unreadable-input diagnostic, which stderr carries
// too); Flush ends the output.
type formatter interface {
	Write(ds []schema.Diagnostic, f *schema.File) error
	Fail(d schema.Diagnostic) error
	Flush() error
}

type formatOptions struct {
	excerpt bool
}

var formatters = map[string]func(io.Writer, formatOptions) formatter{
	"text":   func(w io.Writer, o formatOptions) formatter { return &textFormatter{w: bufio.NewWriter(w), opt: o} },
	"json":   func(w io.Writer, o formatOptions) formatter { return &jsonFormatter{w: bufio.NewWriter(w)} },
	"github": func(w io.Writer, o formatOptions) formatter { return &githubFormatter{w: bufio.NewWriter(w)} },
	"sarif":  newSARIF,
}

// formatterNames are the names of the lint formats, in the order of the
// help.
func formatterNames() []string { return []string{"text", "json", "sarif", "github"} }

// textFormatter prints "path:line:col: severity: message [code]", with the
// source line and a caret under the column when excerpts are on.
type textFormatter struct {
	w   *bufio.Writer
	opt formatOptions
}

func (t *textFormatter) Write(ds []schema.Diagnostic, f *schema.File) error {
	for _, d := range ds {
		fmt.Fprintln(t.w, d.String())
		for _, r := range d.Related {
			if at := r.Where(d.Path); at != "" {
				fmt.Fprintf(t.w, "\t%s: %s\n", at, r.Message)
			} else {
				fmt.Fprintf(t.w, "\t%s\n", r.Message)
			}
		}
		if t.opt.excerpt && d.Line > 0 && f != nil {
			fmt.Fprint(t.w, excerpt(f.LineText(d.Line), d.Column))
		}
	}
	return nil
}

// Fail prints nothing: people read the failure on stderr.
func (t *textFormatter) Fail(schema.Diagnostic) error { return nil }

func (t *textFormatter) Flush() error { return t.w.Flush() }

// excerpt shows a line (clipped around the column when long) with a caret
// under the column; tabs are kept so the caret lines up.
func excerpt(line string, col int) string {
	r := []rune(line)
	col = min(max(col, 1), len(r)+1)
	start := 0
	if len(r) > 100 {
		start = max(0, col-1-40)
		end := min(len(r), start+100)
		r = r[start:end]
	}
	var pad strings.Builder
	for _, c := range r[:col-1-start] {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return fmt.Sprintf("    %s\n    %s^\n", string(r), pad.String())
}

// jsonFormatter prints a JSON array of diagnostics, one per line, each
// written as extract writes diagnostics (no HTML escapes).
type jsonFormatter struct {
	w     *bufio.Writer
	buf   []byte
	count int
}

func (j *jsonFormatter) Write(ds []schema.Diagnostic, _ *schema.File) error {
	for i := range ds {
		j.buf = jsonw.Diagnostic(j.buf[:0], &ds[i])
		b := j.buf
		if j.count == 0 {
			j.w.WriteString("[\n  ")
		} else {
			j.w.WriteString(",\n  ")
		}
		j.w.Write(b)
		j.count++
	}
	return nil
}

func (j *jsonFormatter) Fail(d schema.Diagnostic) error {
	return j.Write([]schema.Diagnostic{d}, nil)
}

func (j *jsonFormatter) Flush() error {
	if j.count == 0 {
		j.w.WriteString("[]\n")
	} else {
		j.w.WriteString("\n]\n")
	}
	return j.w.Flush()
}

// githubFormatter prints GitHub Actions workflow commands.
type githubFormatter struct{ w *bufio.Writer }

var githubLevel = map[schema.Severity]string{schema.Error: "error", schema.Warning: "warning", schema.Info: "notice"}

func (g *githubFormatter) Write(ds []schema.Diagnostic, _ *schema.File) error {
	for _, d := range ds {
		props := "file=" + escapeProperty(d.Path)
		if d.Line > 0 {
			props += fmt.Sprintf(",line=%d,col=%d", d.Line, max(d.Column, 1))
			if d.EndLine > 0 {
				props += fmt.Sprintf(",endLine=%d", d.EndLine)
			}
		}
		props += ",title=" + escapeProperty(string(d.Code))
		fmt.Fprintf(g.w, "::%s %s::%s\n", githubLevel[d.Severity], props, escapeData(githubMessage(d)))
	}
	return nil
}

// githubMessage is the text of d's annotation: its message, the PDF page
// as text output gives it, and each related position on a line of its own
// (an annotation has one location).
func githubMessage(d schema.Diagnostic) string {
	var b strings.Builder
	b.WriteString(d.Message)
	if d.Page > 0 {
		fmt.Fprintf(&b, " (page %d)", d.Page)
	}
	for _, r := range d.Related {
		b.WriteByte('\n')
		if at := r.Where(d.Path); at != "" {
			b.WriteString(at + ": ")
		}
		b.WriteString(r.Message)
	}
	return b.String()
}

func (g *githubFormatter) Fail(d schema.Diagnostic) error {
	return g.Write([]schema.Diagnostic{d}, nil)
}

func (g *githubFormatter) Flush() error { return g.w.Flush() }

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
