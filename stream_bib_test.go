package procx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
	"golang.org/x/text/encoding/charmap"
)

// TestStreamBibTeXMatchesProcess: real BibTeX files read by Stream in
// pieces of 512 bytes (the fixture's @string macros and @proceedings fall
// in other pieces than the entries that use them; the PMLR volume is some
// 300 pieces) give the records Process gives, in order, with the same
// containers and years and the volume's metadata, and the same diagnostics at the same lines,
// columns and pointers. The fixture is also read with damage done to it:
// an entry left unclosed and an entry repeated (a duplicate key found
// across pieces).
func TestStreamBibTeXMatchesProcess(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 512
	fixture, err := os.ReadFile(filepath.Join("fixtures", "bibtex", "volume.bib"))
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(fixture, []byte("\n@inproceedings"))
	if at < 0 {
		at = bytes.Index(bytes.ToLower(fixture), []byte("\n@inproceedings"))
	}
	if at < 0 {
		t.Fatal("volume.bib has no @inproceedings")
	}
	end := at + 1 + bytes.Index(fixture[at+1:], []byte("\n@"))
	entry := fixture[at+1 : end+1]
	unclosed := append(append(append([]byte{}, fixture[:at+1]...), bytes.TrimRight(entry, "}\n")...), fixture[end:]...)
	repeated := append(append([]byte{}, fixture...), entry...)
	inputs := map[string][]byte{"volume.bib": fixture, "unclosed.bib": unclosed, "repeated.bib": repeated}
	if data, err := os.ReadFile(filepath.Join("..", "shared", "corpus", "bibtex", "pmlr-v124-uai2020.bib")); err == nil {
		inputs["pmlr-v124-uai2020.bib"] = data
	} else {
		t.Log("corpus not present:", err)
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			// Streamed in pieces, not read whole by Process (after the
			// unclosed entry, the brace depth never comes back to 0:
			// the rest of the file is one piece).
			least := 3
			if name == "unclosed.bib" {
				least = 2
			}
			scan, ok, err := extract.ScanBibTeX(name, bytes.NewReader(data), streamPiece, extract.Options{})
			if err != nil || !ok || len(scan.Pieces) < least {
				t.Fatalf("not streamed in pieces: %v %v", ok, err)
			}
			streamMatches(t, name, data)
			var c procCollect
			if err := Stream(context.Background(), name, bytes.NewReader(data), Options{}, &c); err != nil {
				t.Fatal(err)
			}
			if c.src.Format != "bibtex" {
				t.Fatalf("streamed as %q", c.src.Format)
			}
			v := Process(context.Background(), name, data, Options{})
			if !reflect.DeepEqual(c.proc, v.Proceedings) || c.proc.Title == "" {
				t.Errorf("streamed proceedings %+v, read whole %+v", c.proc, v.Proceedings)
			}
			// The fixes too, at their places in the whole file.
			fixes := map[string]int{}
			for _, d := range v.Diagnostics {
				fixes[diagKey(d)+fmt.Sprint(d.Fixes)]++
			}
			for _, d := range append(c.ds, c.cross...) {
				fixes[diagKey(d)+fmt.Sprint(d.Fixes)]--
			}
			for k, n := range fixes {
				if n != 0 {
					t.Errorf("read whole %+d× more than streamed: %s", n, k)
				}
			}
			if len(c.containers) != len(v.Containers) {
				t.Errorf("streamed containers %+v, read whole %+v", c.containers, v.Containers)
			}
			for i := range v.Papers {
				a, b := c.papers[i], v.Papers[i]
				if a.Container != b.Container || a.Year != b.Year || a.BibTeX.Key != b.BibTeX.Key || a.Span != b.Span {
					t.Errorf("record %d: streamed %q %q %d %v, read whole %q %q %d %v", i, a.BibTeX.Key, a.Container, a.Year, a.Span, b.BibTeX.Key, b.Container, b.Year, b.Span)
				}
			}
		})
	}
}

// TestStreamBibTeXNotUTF8: a BibTeX file that decoding changes (here the
// fixture in Windows-1252) is not cut into pieces, and Stream reads it
// whole, as Process does.
func TestStreamBibTeXNotUTF8(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 512
	data, err := os.ReadFile(filepath.Join("fixtures", "bibtex", "volume.bib"))
	if err != nil {
		t.Fatal(err)
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(data)
	if err != nil || bytes.Equal(cp1252, data) {
		t.Fatalf("the fixture has no character to encode: %v", err)
	}
	if _, ok, err := extract.ScanBibTeX("volume.bib", bytes.NewReader(cp1252), streamPiece, extract.Options{}); ok || err != nil {
		t.Fatalf("scanned in pieces: %v %v", ok, err)
	}
	streamMatches(t, "volume.bib", cp1252)
}

// procCollect collects what Stream reads, the volume's metadata too.
type procCollect struct {
	collect
	proc       schema.Proceedings
	containers []schema.Container
}

func (c *procCollect) Proceedings(p schema.Proceedings) { c.proc = p }

func (c *procCollect) End(cs []schema.Container) error { c.containers = cs; return nil }

// TestStreamBibTeXPieces: the fixture read in pieces of 512 bytes is
// read in several, each starting at an entry, so that the test above
// compares pieces and not one whole read.
func TestStreamBibTeXPieces(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("fixtures", "bibtex", "volume.bib"))
	if err != nil {
		t.Fatal(err)
	}
	scan, ok, err := extract.ScanBibTeX("volume.bib", bytes.NewReader(data), 512, extract.Options{})
	var s []int
	if ok {
		for _, p := range scan.Pieces {
			s = append(s, p.Off)
		}
	}
	if err != nil || !ok {
		t.Fatalf("scan: %v %v", ok, err)
	}
	if len(s) < 3 {
		t.Fatalf("%d pieces of a %d-byte file", len(s), len(data))
	}
	for _, off := range s[1:] {
		if !strings.HasPrefix(strings.TrimLeft(string(data[off:]), " \t"), "@") {
			t.Errorf("piece at %d starts %q", off, data[off:min(off+20, len(data))])
		}
	}
}
