package procx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/internal/suppress"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// filterSink applies a suppress.Stream to what Stream reads, as the CLI's
// sink does.
type filterSink struct {
	f    *suppress.Filter
	s    *suppress.Stream
	file *schema.File
	line int
	off  int
	ds   []schema.Diagnostic
}

func (c *filterSink) Start(src schema.Source) error {
	c.s = c.f.Stream(src, validate.CrossRecordCodes)
	return nil
}
func (c *filterSink) Piece(file *schema.File, line, off int) { c.file, c.line, c.off = file, line, off }
func (c *filterSink) Records(first int, papers []schema.Record, ds []schema.Diagnostic) error {
	c.ds = append(c.ds, c.s.Piece(c.file, c.line, c.off, first, papers, ds)...)
	return nil
}
func (c *filterSink) Findings(ds []schema.Diagnostic) error {
	c.ds = append(c.ds, c.s.Findings(ds)...)
	return nil
}
func (c *filterSink) End([]schema.Container) error {
	c.ds = append(c.ds, c.s.End()...)
	return nil
}
func (c *filterSink) ListsContainers() bool { return false }

// TestStreamFilterMatchesVolume: the BibTeX fixture, its first
// @inproceedings repeated at the end (duplicate findings of the checks
// that compare records, which come last), a "% procx:ignore" directive
// before every entry, read by Stream in pieces of 512 bytes and filtered
// piece by piece (suppress.Stream) with [[ignore]] rules and a severity
// override, gives the diagnostics the whole read filtered by
// suppress.Filter.Volume gives: the same silenced, the same unused-ignore
// findings at the same places, the same severities. Some directives stand
// at the end of a piece, before the next piece's first entry.
func TestStreamFilterMatchesVolume(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 512
	fixture, err := os.ReadFile(filepath.Join("fixtures", "bibtex", "volume.bib"))
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(fixture, []byte("\n@inproceedings"))
	end := at + 1 + bytes.Index(fixture[at+1:], []byte("\n@"))
	data := append(append(slices.Clone(fixture), '\n'), fixture[at+1:end+1]...)
	// A directive before every entry: for the repeated entry the codes
	// of the comparing checks, for the others a code each finds or not.
	codes := []string{"doi-format", "pages-dash,duplicate-key", "pages-gap", "bibtex-syntax,doi-format", "doi-format", "duplicate-key,duplicate-title,pages-overlap"}
	k := 0
	data = regexp.MustCompile(`(?m)^@(?i:inproceedings|article)`).ReplaceAllFunc(data, func(m []byte) []byte {
		c := codes[k%len(codes)]
		k++
		return append([]byte("% procx:ignore "+c+" on purpose\n"), m...)
	})
	data = append(data, "% procx:ignore pages-gap before nothing\n% procx:ignore not-a-code x\n"...)

	scan, ok, err := extract.ScanBibTeX("v.bib", bytes.NewReader(data), streamPiece, extract.Options{})
	if err != nil || !ok || len(scan.Pieces) < 3 {
		t.Fatalf("not streamed in pieces: %v %v", ok, err)
	}
	carried := 0
	for _, p := range scan.Pieces[1:] {
		if bytes.HasSuffix(bytes.TrimRight(data[:p.Off], "\n"), []byte("on purpose")) {
			carried++
		}
	}
	if carried == 0 {
		t.Fatal("no directive ends a piece")
	}

	f := &suppress.Filter{
		Config: &config.Config{Ignore: []config.Rule{
			{Code: schema.DuplicateTitle, Key: "TRAPS31p11", Reason: "x"},
			{Code: schema.PagesOverlap, Reason: "x"},
		}},
		Severity: map[schema.Code]schema.Severity{schema.PagesDash: schema.Error, schema.DuplicateKey: schema.Info, schema.UnusedIgnore: schema.Info},
	}
	v, file := ProcessFile(context.Background(), "v.bib", data, Options{})
	before := map[schema.Code]int{}
	for _, d := range v.Diagnostics {
		before[d.Code]++
	}
	f.Volume(v, file)
	after := map[schema.Code]int{}
	for _, d := range v.Diagnostics {
		after[d.Code]++
	}
	// The whole read is itself what the test is about: the rules and
	// directives silence findings of both kinds of check.
	for _, c := range []schema.Code{schema.DuplicateKey, schema.DuplicateTitle, schema.PagesDash} {
		if before[c] == 0 || after[c] >= before[c] {
			t.Errorf("%s: %d read whole, %d filtered", c, before[c], after[c])
		}
	}
	if after[schema.UnusedIgnore] < 3 {
		t.Errorf("%d unused-ignore findings read whole", after[schema.UnusedIgnore])
	}

	c := &filterSink{f: f}
	if err := Stream(context.Background(), "v.bib", bytes.NewReader(data), Options{}, c); err != nil {
		t.Fatal(err)
	}
	key := func(d schema.Diagnostic) string { return diagKey(d) + " " + d.Severity.String() }
	var want, got []string
	for _, d := range v.Diagnostics {
		want = append(want, key(d))
	}
	for _, d := range c.ds {
		got = append(got, key(d))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("read whole:\n%s\nstreamed:\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}
