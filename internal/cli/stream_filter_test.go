package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

// filterVolume is a BibTeX volume with findings of both kinds of check
// (those of one record, and those comparing records, which a streamed run
// finds last), and directives: one used by a comparing check (pages-gap
// on p2), one by a check of one record (name-case before p6, whose first
// author is in capitals) and two that silence nothing.
var filterVolume = []paper{
	{key: "p1", title: "One", first: 1, last: 5},
	{key: "p2", title: "Two", first: 9, last: 12, before: "% procx:ignore pages-gap blank pages\n"},
	{key: "p3", title: "Two", first: 13, last: 20},
	{key: "p4", title: "Four", first: 18, last: 25, before: "% procx:ignore doi-prefix none here\n"},
	{key: "p5", title: "Five", first: 30, last: 35},
	{key: "p6", title: "Six", authors: "ANN SMITH and Bob Jones", first: 36, last: 40, before: "% procx:ignore name-case,duplicate-key as printed\n"},
}

// filterConfig ignores a comparing check's finding about one record (by
// key), another's everywhere, and overrides two severities.
const filterConfig = `[[ignore]]
code = "duplicate-title"
key = "p3"
reason = "two papers named alike"

[[ignore]]
code = "pages-overlap"
reason = "shared pages"

[severity]
pages-gap = "error"
unused-ignore = "info"
`

// lintJSON runs lint --format json and returns its findings, as sorted
// JSON lines, and its exit status.
func lintJSON(t *testing.T, stream bool, args ...string) ([]string, int) {
	t.Helper()
	args = append([]string{"lint", "--format", "json", "-q"}, args...)
	var out string
	var code int
	if stream {
		out, _, code = streamed(t, args...)
	} else {
		out, _, code = run(t, "", args...)
	}
	var ds []json.RawMessage
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("%v in %.300s", err, out)
	}
	var lines []string
	for _, d := range ds {
		lines = append(lines, string(d))
	}
	slices.Sort(lines)
	return lines, code
}

// TestStreamedFilter: procx.toml's [[ignore]] rules and severities,
// --severity and the file's directives give a streamed run the findings
// (and exit status) they give the whole read, in lint and in extract
// --format jsonl; the rules and directives silence findings of the checks
// that compare records, which come last.
func TestStreamedFilter(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "vol.bib": bibVolume(filterVolume...), "procx.toml": filterConfig})
	inDir(t, dir)
	for _, args := range [][]string{
		{"vol.bib"},
		{"--severity", "duplicate-key=info,name-case=error", "vol.bib"},
		{"--fail-on", "info", "vol.bib"},
	} {
		whole, code := lintJSON(t, false, args...)
		stream, code2 := lintJSON(t, true, args...)
		if !slices.Equal(whole, stream) || code != code2 {
			t.Errorf("%v: read whole (exit %d)\n%s\nstreamed (exit %d)\n%s", args, code, strings.Join(whole, "\n"), code2, strings.Join(stream, "\n"))
		}
	}
	// What the whole read (so the streamed one) gives: the gap before p2
	// silenced, p3's duplicate title and the overlap ignored, the gap
	// before p5 an error, the two directives that silence nothing
	// reported (one of them for a code of the comparing checks, judged
	// at the end).
	whole, code := lintJSON(t, false, "vol.bib")
	var got []string
	for _, l := range whole {
		var d schema.Diagnostic
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		got = append(got, string(d.Code)+" "+d.Severity.String()+" "+d.Message)
	}
	slices.Sort(got)
	want := []string{
		`pages-gap error pages 26-29 missing between "Four" (18--25) and "Five" (30--35)`,
		`unused-ignore info procx:ignore doi-prefix silences nothing: entry "p4" has no such finding`,
		`unused-ignore info procx:ignore duplicate-key silences nothing: entry "p6" has no such finding`,
	}
	if !slices.Equal(got, want) || code != 1 {
		t.Errorf("read whole (exit %d):\n%s\nwant\n%s", code, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// extract --format jsonl: the same diagnostics, on the records' lines
	// and the diagnostics lines.
	collect := func(out string) []string {
		var ds []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var line struct {
				Diagnostics []json.RawMessage `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatalf("%v in %.300s", err, l)
			}
			for _, d := range line.Diagnostics {
				ds = append(ds, string(d))
			}
		}
		slices.Sort(ds)
		return ds
	}
	a, _, code := run(t, "", "extract", "-q", "--format", "jsonl", "vol.bib")
	b, _, code2 := streamed(t, "extract", "-q", "--format", "jsonl", "vol.bib")
	if da, db := collect(a), collect(b); len(da) != len(want) || !slices.Equal(da, db) || code != code2 {
		t.Errorf("jsonl: read whole (exit %d)\n%s\nstreamed (exit %d)\n%s", code, strings.Join(da, "\n"), code2, strings.Join(db, "\n"))
	}
	// --format json: the same diagnostics in the volume's array.
	a, _, code = run(t, "", "extract", "-q", "vol.bib")
	b, _, code2 = streamed(t, "extract", "-q", "vol.bib")
	a, b = strings.ReplaceAll(a, "\n", ""), strings.ReplaceAll(b, "\n", "")
	if da, db := collect(a), collect(b); len(da) != len(want) || !slices.Equal(da, db) || code != code2 {
		t.Errorf("json: read whole (exit %d)\n%s\nstreamed (exit %d)\n%s", code, strings.Join(da, "\n"), code2, strings.Join(db, "\n"))
	}
}

// TestStreamedBaseline: a streamed run writes the baseline the whole read
// writes (the findings of the comparing checks, which come last, name
// their records by key as the whole read's do), and a baseline read by a
// streamed run accepts the findings it holds.
func TestStreamedBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "vol.bib": bibVolume(filterVolume...)})
	inDir(t, dir)
	_, stderr, code := run(t, "", "lint", "--baseline-write", "whole.json", "vol.bib")
	_, stderr2, code2 := streamed(t, "lint", "--baseline-write", "stream.json", "vol.bib")
	a, errA := os.ReadFile("whole.json")
	b, errB := os.ReadFile("stream.json")
	if errA != nil || errB != nil || string(a) != string(b) || code != 0 || code2 != 0 {
		t.Fatalf("baselines differ: read whole (exit %d, %q)\n%s\nstreamed (exit %d, %q)\n%s", code, stderr, a, code2, stderr2, b)
	}
	if !strings.Contains(string(a), `"record": "key:p3"`) || !strings.Contains(string(a), `"code": "duplicate-title"`) {
		t.Errorf("baseline without p3's duplicate title:\n%s", a)
	}
	// p4 gets a new overlap with a paper inserted after it: only it is
	// reported, by both runs.
	grown := append(slices.Clone(filterVolume), paper{key: "p7", title: "Seven", first: 38, last: 41})
	writeFiles(t, dir, map[string]string{"vol.bib": bibVolume(grown...)})
	whole, code := lintJSON(t, false, "--baseline", "whole.json", "vol.bib")
	stream, code2 := lintJSON(t, true, "--baseline", "whole.json", "vol.bib")
	if len(whole) != 1 || !strings.Contains(whole[0], `"pages-overlap"`) || !slices.Equal(whole, stream) || code != 1 || code2 != 1 {
		t.Errorf("--baseline: read whole (exit %d)\n%s\nstreamed (exit %d)\n%s", code, strings.Join(whole, "\n"), code2, strings.Join(stream, "\n"))
	}
}

// TestStreamedFilterDBLP: on the corpus's dblp sample, an [[ignore]] rule
// naming one record's dblp key for a finding of the comparing checks, and
// a severity override, give the streamed run what they give the whole
// read: that one gap silenced, the others errors.
func TestStreamedFilterDBLP(t *testing.T) {
	dump, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "dblp-xml", "dblp-sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dump); err != nil {
		t.Skip("corpus not present:", err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "procx.toml": `[[ignore]]
code = "pages-gap"
key = "series/cogtech/CunninghamCD08"
reason = "page 20 is blank"

[severity]
pages-gap = "error"
`})
	inDir(t, dir)
	before, _ := lintJSON(t, false, "--fail-on", "never", "--config", "/dev/null", dump)
	whole, code := lintJSON(t, false, "--fail-on", "never", "--config", "procx.toml", dump)
	stream, code2 := lintJSON(t, true, "--fail-on", "never", "--config", "procx.toml", dump)
	if !slices.Equal(whole, stream) || code != code2 {
		t.Errorf("read whole %d findings (exit %d), streamed %d (exit %d)", len(whole), code, len(stream), code2)
	}
	gaps := func(ds []string, sev string) int {
		n := 0
		for _, d := range ds {
			if strings.Contains(d, `"code":"pages-gap","severity":"`+sev+`"`) {
				n++
			}
		}
		return n
	}
	if n := gaps(before, "warning"); n < 2 || gaps(whole, "error") != n-1 || gaps(whole, "warning") != 0 {
		t.Errorf("pages-gap: %d warnings unfiltered; filtered %d errors, %d warnings", n, gaps(whole, "error"), gaps(whole, "warning"))
	}
}
