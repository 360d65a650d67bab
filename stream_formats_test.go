package procx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/jsonw"
)

// jsonLines writes v's records as extract --format jsonl does (less the
// diagnostics, which a reader recomputes).
func jsonLines(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := Process(context.Background(), path, data, Options{})
	if len(v.Papers) < 4 {
		t.Fatalf("%s: %d records", path, len(v.Papers))
	}
	var out []byte
	for i := range v.Papers {
		out = append(jsonw.Head(append(out, '{'), v.Source, &v.Proceedings), `,"index":`...)
		out = append(strconv.AppendInt(out, int64(i), 10), ',')
		rec := jsonw.Record(nil, &v.Papers[i])
		out = append(append(out, rec[1:len(rec)-1]...), '}', '\n')
	}
	return out
}

// TestStreamJSONLMatchesProcess: procx's JSON Lines of the BibTeX fixture
// (read back to be linted), repeated so that records of one piece
// duplicate those of another, with a line cut short and a value of the
// wrong type, read by Stream in pieces of 1 KiB give the records Process
// gives, in order, and the same diagnostics at the same lines, columns
// and pointers.
func TestStreamJSONLMatchesProcess(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 1 << 10
	lines := jsonLines(t, filepath.Join("fixtures", "bibtex", "volume.bib"))
	damaged := bytes.Replace(lines, []byte(`"first":`), []byte(`"first":"one","was":`), 1)
	cut := bytes.Index(damaged, []byte("\n{"))
	cut = cut + 1 + bytes.IndexByte(damaged[cut+1:], '\n')
	damaged = append(append(append([]byte{}, damaged[:cut-40]...), '\n'), damaged[cut+1:]...)
	input := append(append([]byte{}, damaged...), lines...)
	if !bytes.Contains(damaged, []byte(`"first":"one"`)) {
		t.Fatal("no pages to damage")
	}
	var pieces int
	if err := extract.SplitJSONL(bytes.NewReader(input), streamPiece, func(p extract.Piece) error {
		if p.Off > 0 && input[p.Off-1] != '\n' {
			t.Errorf("piece at %d does not start a line", p.Off)
		}
		pieces++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if pieces < 4 {
		t.Fatalf("%d pieces of %d bytes", pieces, len(input))
	}
	if !Streams(input[:min(len(input), 64<<10)], Options{}) {
		t.Fatal("Streams says no to JSON Lines")
	}
	streamMatches(t, "volume.jsonl", input)
	var c collect
	if err := Stream(context.Background(), "volume.jsonl", bytes.NewReader(input), Options{}, &c); err != nil {
		t.Fatal(err)
	}
	if c.src.Format != "jsonl" || len(c.cross) == 0 {
		t.Errorf("streamed as %q with %d findings of the comparing checks (the repeated records are duplicates)", c.src.Format, len(c.cross))
	}
}

// TestStreamsJSONL: what is and is not streamed as JSON Lines.
func TestStreamsJSONL(t *testing.T) {
	line := []byte(`{"index":0,"title":"A"}` + "\n")
	for _, c := range []struct {
		name string
		head []byte
		want bool
	}{
		{"json lines", line, true},
		{"a volume", []byte(`{"papers":[]}`), false},
		{"with a bom", append([]byte{0xEF, 0xBB, 0xBF}, line...), false},
		{"not utf-8", append(append([]byte{}, line...), []byte("{\"title\":\"\xe9\"}\n")...), false},
		{"cut inside a character", append(append([]byte{}, line...), 0xC3), true},
	} {
		if got := extract.StreamsJSONL(c.head); got != c.want {
			t.Errorf("%s: StreamsJSONL = %v", c.name, got)
		}
	}
}

// TestStreamACLMatchesProcess: ACL Anthology collections of several
// volumes read by Stream in pieces of whole volumes give the records
// Process gives, in order, and the same diagnostics at the same lines,
// columns and pointers.
func TestStreamACLMatchesProcess(t *testing.T) {
	defer func(n int) { streamPiece = n }(streamPiece)
	streamPiece = 1 << 10
	paths := []string{filepath.Join("fixtures", "acl", "collection.xml"), filepath.Join("..", "shared", "corpus", "acl-xml", "2020.acl.xml")}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Skip("corpus not present:", err)
			}
			var pieces, volumes int
			if err := extract.SplitACL(bytes.NewReader(data), streamPiece, func(p extract.Piece) error {
				pieces++
				volumes += bytes.Count(p.Data, []byte("<volume "))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if want := bytes.Count(data, []byte("<volume ")); pieces < 2 || volumes != want {
				t.Fatalf("%d pieces holding %d volumes; the file has %d", pieces, volumes, want)
			}
			streamMatches(t, path, data)
		})
	}
}
