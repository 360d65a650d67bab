package cli

import (
	"bytes"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

// stdlibVolume is what encoding/json makes of v in the given format: the
// definition writeVolume's faster encoding must meet byte for byte.
func stdlibVolume(t *testing.T, v *schema.Volume, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := stdjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if format == "json" {
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	byPaper, rest := paperDiagnostics(v.Diagnostics)
	for i, p := range v.Papers {
		if err := enc.Encode(JSONLine{Source: v.Source, Proceedings: v.Proceedings, Record: p, Index: i, Diagnostics: byPaper[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if len(rest) > 0 || len(v.Papers) == 0 {
		enc.Encode(struct {
			Kind        string              `json:"kind"`
			Source      schema.Source       `json:"source"`
			Proceedings schema.Proceedings  `json:"proceedings"`
			Diagnostics []schema.Diagnostic `json:"diagnostics"`
		}{"diagnostics", v.Source, v.Proceedings, nonNil(rest)})
	}
	return buf.Bytes()
}

// TestWriteVolumeMatchesEncodingJSON holds writeVolume to encoding/json's
// output on the reference, a generated volume with planted defects, an
// empty input, and a volume whose strings hold what JSON encoders
// disagree on most: invalid UTF-8, control characters, U+2028, HTML.
func TestWriteVolumeMatchesEncodingJSON(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	ref, err := os.ReadFile("../../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	generated, _ := gen.Volume("gen.txt", 7, gen.Options{Papers: 60, DefectRate: 0.2, Seed: 7})
	large, _ := gen.Volume("large.txt", 8, gen.Options{Papers: 700, DefectRate: 0.1, Seed: 8}) // encoded on every core
	hostile := procx.Process(context.Background(), "vee21.txt", ref, procx.Options{})
	p := &hostile.Papers[3]
	p.Title = "a <b> & \"c\" \\ \u2028 \u2029 \x01 \x7f \xff\xfe é 日本"
	p.Authors[0].Name = "\t<script>\n"
	p.BibTeX.Fields["zz"] = "\xc3"
	p.BibTeX.Fields["aa"] = "</x>"
	p.Abstract = ""
	p.Pages = nil
	hostile.Diagnostics = append(hostile.Diagnostics, schema.Diagnostic{Code: "x", Message: "<&>\xff", Path: "p", Pointer: "/papers/3/title",
		Related: []schema.Related{{Message: "r", Pointer: "/papers/1"}}})
	volumes := map[string]*schema.Volume{
		"reference": procx.Process(context.Background(), "vee21.txt", ref, procx.Options{}),
		"generated": procx.Process(context.Background(), "gen.txt", []byte(generated), procx.Options{}),
		"large":     procx.Process(context.Background(), "large.txt", []byte(large), procx.Options{}),
		"empty":     procx.Process(context.Background(), "empty.txt", nil, procx.Options{}),
		"hostile":   hostile,
	}
	for name, v := range volumes {
		// The large volume once in one window and once in three (two
		// of 300 records and one of 100), encoded on every core each.
		for _, window := range []int{recordWindow, 300} {
			if window != recordWindow && name != "large" {
				continue
			}
			for _, format := range []string{"jsonl", "json"} {
				var got bytes.Buffer
				if err := writeVolume(&got, v, format, window); err != nil {
					t.Fatalf("%s %s: %v", name, format, err)
				}
				sameBytes(t, fmt.Sprintf("%s %s (window %d)", name, format, window), got.Bytes(), stdlibVolume(t, v, format))
			}
			// As an element of an array of volumes.
			got := bytes.NewBufferString("[\n  ")
			if err := writeVolumeAt(got, v, "json", 1, recordWindow); err != nil {
				t.Fatal(err)
			}
			got.WriteString("\n]\n")
			sameBytes(t, fmt.Sprintf("%s in an array (window %d)", name, window), got.Bytes(), stdlibVolumes(t, []*schema.Volume{v}))
		}
	}
}

// stdlibVolumes is what encoding/json makes of an array of volumes:
// what extract writes for several inputs.
func stdlibVolumes(t *testing.T, vs []*schema.Volume) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := stdjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(vs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameBytes reports where got first differs from want.
func sameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s: differs from encoding/json at byte %d:\n got %q\nwant %q", what, i,
		got[max(0, i-40):min(len(got), i+60)], want[max(0, i-40):min(len(want), i+60)])
}

// TestLargeVolumeStreamed: a volume of streamAtLeast records or more is
// encoded as it is written, between the smaller volumes before and after
// it in the batch, and the output is what encoding/json makes of each.
func TestLargeVolumeStreamed(t *testing.T) {
	dir := t.TempDir()
	small, _ := gen.Volume("a.txt", 1, gen.Options{Papers: 15, DefectRate: 0.2, Seed: 1})
	large, _ := gen.Volume("b.txt", 2, gen.Options{Papers: streamAtLeast + 100, DefectRate: 0.05, Seed: 2})
	after, _ := gen.Volume("c.txt", 3, gen.Options{Papers: 15, DefectRate: 0.2, Seed: 3})
	var paths []string
	for name, text := range map[string]string{"a.txt": small, "b.txt": large, "c.txt": after} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		paths = append(paths, filepath.Join(dir, name))
	}
	for _, format := range []string{"jsonl", "json"} {
		out, _, code := run(t, "", append([]string{"extract", "-q", "--fail-on", "never", "--format", format}, paths...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d", format, code)
		}
		var want []byte
		var vols []*schema.Volume
		papers := 0
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			v := procx.Process(context.Background(), p, data, procx.Options{})
			papers += len(v.Papers)
			want = append(want, stdlibVolume(t, v, format)...)
			vols = append(vols, v)
		}
		if format == "json" { // several inputs: an array of volumes
			want = stdlibVolumes(t, vols)
		}
		if papers < streamAtLeast+130 {
			t.Fatalf("the batch has %d papers, want at least %d", papers, streamAtLeast+130)
		}
		sameBytes(t, format, []byte(out), want)
	}
}

// FuzzIndentJSON holds indentJSON to json.Indent on the compact form of
// any valid JSON.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{},[],"x\"y,{:}"],"b":{"c":null}}`, `"\\"`, `[[[]]]`, `{"a":"\u2028<>&"}`} {
		f.Add([]byte(s))
	}
	// Whole volumes are compared in TestWriteVolumeMatchesEncodingJSON;
	// small seeds keep the fuzzer fast.
	f.Fuzz(func(t *testing.T, data []byte) {
		if !stdjson.Valid(data) {
			return
		}
		var compact, want bytes.Buffer
		if err := stdjson.Compact(&compact, data); err != nil {
			t.Fatal(err)
		}
		if err := stdjson.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON(nil, compact.Bytes(), "  ", 0); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentJSON(%q) =\n%s\nwant\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}

// failAfter is a writer that fails once n bytes are written.
type failAfter struct{ n int }

func (f *failAfter) Write(b []byte) (int, error) {
	if f.n -= len(b); f.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(b), nil
}

// TestWriteVolumeReportsWriteErrors: a writer failing anywhere in the
// output, in either format, makes writeVolume return its error.
func TestWriteVolumeReportsWriteErrors(t *testing.T) {
	text, _ := gen.Volume("gen.txt", 3, gen.Options{Papers: 20, DefectRate: 0.5, Seed: 3})
	v := procx.Process(context.Background(), "gen.txt", []byte(text), procx.Options{})
	for _, format := range []string{"jsonl", "json"} {
		var full bytes.Buffer
		if err := writeVolume(&full, v, format, recordWindow); err != nil {
			t.Fatal(err)
		}
		for n := 0; n < full.Len(); n += 97 {
			if err := writeVolume(&failAfter{n: n}, v, format, recordWindow); err == nil {
				t.Fatalf("%s: a writer failing after %d of %d bytes went unreported", format, n, full.Len())
			}
		}
	}
}
