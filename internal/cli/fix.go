package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/fix"
	"github.com/procx/procx/internal/suppress"
	"github.com/procx/procx/schema"
)

// fixFlags are the flags of fix.
type fixFlags struct {
	common
	diff bool
}

func (f *fixFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.diff, "diff", false, "print the changes as a unified diff (patch -p1 applies it) and change no file")
	// The flags extract and lint share, but -o: fix writes each file in
	// place.
	shared := pflag.NewFlagSet("fix", pflag.ContinueOnError)
	shared.SortFlags = false
	f.common.register(shared)
	shared.VisitAll(func(fl *pflag.Flag) {
		if fl.Name != "output" {
			fs.AddFlag(fl)
		}
	})
	f.settings.fs = fs // procx.toml is found from fix's PATHs, and its flags are fix's
}

// maxFixPasses bounds the rounds of fix on one file: a repair can bring
// another finding to light (an escape next to a repaired word), which the
// next round fixes; one more round finds nothing left.
const maxFixPasses = 4

func (e *env) fix(args []string) error {
	fs := e.flags("fix")
	var c fixFlags
	c.register(fs)
	if err := e.parse(fs, args); err != nil {
		return err
	}
	opt, failSev, err := c.options()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("fix: name the files or directories to fix (stdin cannot be fixed in place)")
	}
	b := &batch{e: e, failSev: failSev}
	unfixable := map[string]bool{}
	var files, fixed int
	for _, in := range expand(fs.Args(), c.cfg.Excluded) {
		if in.file == "" && in.err == nil {
			b.warn(usageErr("fix: stdin cannot be fixed in place"))
			continue
		}
		if in.err != nil {
			b.warn(in.err)
			continue
		}
		data, err := e.read(in, opt.MaxFileSize)
		if err != nil {
			b.warn(err)
			continue
		}
		r := e.fixOne(in.path, data, opt, c.filter)
		if r.format != "" && !fix.Fixable(r.format) && !unfixable[r.format] {
			unfixable[r.format] = true
			fmt.Fprintf(e.stderr, "procx: %s inputs have no fixes (fix rewrites text dumps, BibTeX and procx JSON); %s left as it is\n", r.format, in.path)
		}
		for _, msg := range r.notes {
			fmt.Fprintf(e.stderr, "%s\n", msg)
		}
		for _, d := range r.diags {
			fmt.Fprintf(e.stderr, "%s\n", d)
		}
		b.note(r.diags)
		if bytes.Equal(r.out, data) {
			continue
		}
		files++
		fixed += r.fixed
		if c.diff {
			unifiedDiff(e.stdout, in.path, data, r.out)
			continue
		}
		if err := writeInPlace(in.file, r.out); err != nil {
			b.warn(fmt.Errorf("fix: %s: %v", in.path, err))
		}
	}
	if !c.quiet {
		verb := "fixed"
		if c.diff {
			verb = "would fix"
		}
		fmt.Fprintf(e.stderr, "procx: %s %d %s in %d %s\n", verb, fixed, plural(fixed, "finding", "findings"), files, plural(files, "file", "files"))
	}
	return b.err()
}

// fixResult is what fixing one input came to.
type fixResult struct {
	format string
	out    []byte              // the input with the fixes applied
	fixed  int                 // fixes applied
	diags  []schema.Diagnostic // the findings left
	notes  []string            // fixes skipped or refused
}

// fixOne applies the fixes of one input's diagnostics, then lints the
// result and applies the fixes found then, until none is left or
// maxFixPasses rounds have run. Of fixes whose edits overlap, the first
// in diagnostic order is applied; the others are noted as skipped when
// they are still there at the end. What the filter drops (procx.toml's
// [[ignore]] rules, % procx:ignore comments, disabled codes) is accepted
// as it is, so not fixed.
func (e *env) fixOne(path string, data []byte, opt procx.Options, filter *suppress.Filter) fixResult {
	r := fixResult{out: data}
	var skips []skippedFix
	for pass := 0; ; pass++ {
		vols, file, _ := procx.ProcessAll(context.Background(), path, r.out, opt)
		r.diags = r.diags[:0]
		for _, v := range vols {
			if filter != nil {
				filter.Volume(v, file)
			}
			r.diags = append(r.diags, v.Diagnostics...)
			if r.format == "" {
				r.format = v.Source.Format
			}
		}
		if pass == maxFixPasses || !fix.Fixable(r.format) {
			break
		}
		edits, n, passSkips := chooseEdits(r.diags)
		skips = passSkips
		if len(edits) == 0 {
			break
		}
		out, err := extract.Decode(path, r.out).Apply(edits)
		if err != nil {
			r.notes = append(r.notes, fmt.Sprintf("procx: %s: fixes not applied: %v", path, err))
			break
		}
		if bytes.Equal(out, r.out) {
			break
		}
		r.out, r.fixed = out, r.fixed+n
	}
	// A skipped fix whose finding is gone was applied in a later round.
	for _, s := range skips {
		for _, d := range r.diags {
			if d.Code == s.d.Code && d.Message == s.d.Message && d.Pointer == s.d.Pointer && len(d.Fixes) > 0 {
				r.notes = append(r.notes, fmt.Sprintf("%s:%d:%d: fix of [%s] skipped: its edits overlap the fix of [%s] at %d:%d, applied first",
					path, s.d.Line, max(s.d.Column, 1), s.d.Code, s.over.Code, s.over.Line, max(s.over.Column, 1)))
				break
			}
		}
	}
	return r
}

// skippedFix is the fix of d, not applied because its edits overlap
// those of the fix of over.
type skippedFix struct{ d, over schema.Diagnostic }

// chooseEdits returns the edits of the fixes of ds, in order, leaving out
// each fix with an edit that overlaps one taken already (an edit equal to
// one taken is the same repair found twice, and no conflict); n counts the
// fixes taken.
func chooseEdits(ds []schema.Diagnostic) (edits []schema.Edit, n int, skips []skippedFix) {
	var owner []schema.Diagnostic // the diagnostic of each edit
diags:
	for _, d := range ds {
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				for j, a := range edits {
					if a.Off == e.Off && a.End == e.End && a.NewText == e.NewText {
						continue
					}
					if e.Off < a.End && a.Off < e.End || e.Off == a.Off && (e.Off == e.End || a.Off == a.End) {
						skips = append(skips, skippedFix{d, owner[j]})
						continue diags
					}
				}
			}
			for _, e := range f.Edits {
				if !hasEdit(edits, e) {
					edits = append(edits, e)
					owner = append(owner, d)
				}
			}
			n++
		}
	}
	return edits, n, skips
}

func hasEdit(es []schema.Edit, e schema.Edit) bool {
	for _, a := range es {
		if a.Off == e.Off && a.End == e.End && a.NewText == e.NewText {
			return true
		}
	}
	return false
}

// writeInPlace replaces the file at path (after its symbolic links) with
// data atomically, keeping its mode, as -o writes its file.
func writeInPlace(path string, data []byte) error {
	o, err := createOutput(path)
	if err != nil {
		return err
	}
	if _, err := o.Write(data); err != nil {
		o.discard()
		return err
	}
	return o.commit()
}

// unifiedDiff writes the unified diff of a and b, named a/path and
// b/path, with three lines of context. Fixes change lines in place: when a
// and b have as many lines, each line is compared with its counterpart;
// otherwise the changed lines between the common first and last lines are
// one hunk.
func unifiedDiff(w io.Writer, path string, a, b []byte) {
	la, lb := splitLines(a), splitLines(b)
	type span struct{ lo, hi int } // changed lines [lo, hi) of a and of b
	var changed []span
	if len(la) == len(lb) {
		for i := range la {
			if la[i] != lb[i] {
				if n := len(changed); n > 0 && changed[n-1].hi == i {
					changed[n-1].hi = i + 1
				} else {
					changed = append(changed, span{i, i + 1})
				}
			}
		}
	}
	p := strings.TrimPrefix(path, "./")
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", p, p)
	const ctx = 3
	if len(la) != len(lb) {
		pre := 0
		for pre < len(la) && pre < len(lb) && la[pre] == lb[pre] {
			pre++
		}
		suf := 0
		for suf < len(la)-pre && suf < len(lb)-pre && la[len(la)-1-suf] == lb[len(lb)-1-suf] {
			suf++
		}
		lo := max(pre-ctx, 0)
		hiA, hiB := min(len(la)-suf+ctx, len(la)), min(len(lb)-suf+ctx, len(lb))
		hunk(w, la, lb, lo, hiA, lo, hiB, pre, len(la)-suf, len(lb)-suf)
		return
	}
	for i := 0; i < len(changed); {
		lo := max(changed[i].lo-ctx, 0)
		j := i
		for j+1 < len(changed) && changed[j+1].lo-changed[j].hi <= 2*ctx {
			j++
		}
		hi := min(changed[j].hi+ctx, len(la))
		fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(lo, hi-lo), hunkRange(lo, hi-lo))
		for k := lo; k < hi; k++ {
			if la[k] == lb[k] {
				diffLine(w, ' ', la[k])
			}
			if la[k] != lb[k] {
				// Consecutive changed lines: all removals, then all additions.
				end := k
				for end < hi && la[end] != lb[end] {
					end++
				}
				for m := k; m < end; m++ {
					diffLine(w, '-', la[m])
				}
				for m := k; m < end; m++ {
					diffLine(w, '+', lb[m])
				}
				k = end - 1
			}
		}
		i = j + 1
	}
}

// hunk writes one hunk: lines [loA, hiA) of a and [loB, hiB) of b, equal
// before pre and from endA, endB on.
func hunk(w io.Writer, la, lb []string, loA, hiA, loB, hiB, pre, endA, endB int) {
	fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(loA, hiA-loA), hunkRange(loB, hiB-loB))
	for k := loA; k < pre; k++ {
		diffLine(w, ' ', la[k])
	}
	for k := pre; k < endA; k++ {
		diffLine(w, '-', la[k])
	}
	for k := pre; k < endB; k++ {
		diffLine(w, '+', lb[k])
	}
	for k := endA; k < hiA; k++ {
		diffLine(w, ' ', la[k])
	}
}

func hunkRange(lo, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", lo)
	}
	return fmt.Sprintf("%d,%d", lo+1, n)
}

func diffLine(w io.Writer, mark byte, line string) {
	fmt.Fprintf(w, "%c%s", mark, line)
	if !strings.HasSuffix(line, "\n") {
		fmt.Fprint(w, "\n\\ No newline at end of file\n")
	}
}

// splitLines splits b after each "\n", keeping the line endings.
func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, string(b))
			break
		}
		out = append(out, string(b[:i+1]))
		b = b[i+1:]
	}
	return out
}
