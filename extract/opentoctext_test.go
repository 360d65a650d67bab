package extract_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/difftest"
	"github.com/procx/procx/schema"
)

// TestOpenTOCTextFixture generates fixtures/opentoc/traps.txt: the trap
// page read as HTML and rendered as a browser saves it as text. With
// -update it rewrites the fixture.
func TestOpenTOCTextFixture(t *testing.T) {
	src := filepath.Join(repoRoot, "fixtures/opentoc/traps.html")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	v := procx.Process(context.Background(), "traps.html", data, procx.Options{})
	got := extract.RenderOpenTOCText(v)
	dst := filepath.Join(repoRoot, "fixtures/opentoc/traps.txt")
	if updating() {
		if err := os.WriteFile(dst, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(dst)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("traps.txt is stale (go test -update rewrites it):\n%s", difftest.Lines(string(want), string(got)))
	}
}

func TestOpenTOCTextGolden(t *testing.T) { goldenFixtures(t, "fixtures/opentoc/*.txt") }

// sameReading compares what the text form can carry: sections with their
// chairs, and per paper the section, title, authors and abstract.
func sameReading(t *testing.T, name string, want, got *schema.Volume) {
	t.Helper()
	if got.Source.Format != "opentoc-text" {
		t.Fatalf("%s: text sniffed as %q", name, got.Source.Format)
	}
	if want.Proceedings.Title != got.Proceedings.Title || want.Proceedings.Acronym != got.Proceedings.Acronym {
		t.Errorf("%s: proceedings %q %q, want %q %q", name, got.Proceedings.Acronym, got.Proceedings.Title, want.Proceedings.Acronym, want.Proceedings.Title)
	}
	if len(got.Proceedings.Sections) != len(want.Proceedings.Sections) {
		t.Fatalf("%s: %d sections, want %d", name, len(got.Proceedings.Sections), len(want.Proceedings.Sections))
	}
	for i, s := range want.Proceedings.Sections {
		g := got.Proceedings.Sections[i]
		if g.Name != s.Name || names(g.Chairs) != names(s.Chairs) {
			t.Errorf("%s: section %d %q chairs %q, want %q chairs %q", name, i, g.Name, names(g.Chairs), s.Name, names(s.Chairs))
		}
	}
	if len(got.Papers) != len(want.Papers) {
		t.Fatalf("%s: %d papers, want %d", name, len(got.Papers), len(want.Papers))
	}
	for i, p := range want.Papers {
		g := got.Papers[i]
		if g.Title != p.Title || g.Section != p.Section || names(g.Authors) != names(p.Authors) || g.Abstract != p.Abstract {
			t.Errorf("%s: paper %d:\n got %q [%s] %q\nwant %q [%s] %q\n abstract %q\n want %q", name, i, g.Title, g.Section, names(g.Authors), p.Title, p.Section, names(p.Authors), clip(g.Abstract), clip(p.Abstract))
		}
	}
	for _, d := range got.Diagnostics {
		if d.Code == "unparsed-text" || d.Severity == schema.Error {
			t.Errorf("%s: %s", name, d)
		}
	}
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func names(as []schema.Author) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ", ")
}

func TestOpenTOCTextTraps(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := procx.Process(context.Background(), "traps.html", data, procx.Options{})
	text, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := procx.Process(context.Background(), "traps.txt", text, procx.Options{})
	sameReading(t, "traps.txt", want, got)
	_, doc := extract.Read(context.Background(), "traps.txt", text, extract.Options{})
	v := extract.OpenTOCText{}.Read(context.Background(), doc, extract.Options{})
	checkVolume(t, doc, v)
	r, _ := v.Papers[1].Pos.Get("/authors/1")
	if s := string(doc.Text[r.Off:r.End]); s != "Noël de Palma" {
		t.Errorf("/authors/1 covers %q", s)
	}
}

// TestOpenTOCTextCorpus renders every corpus page as text and reads it
// back: the same sections, chairs, papers, authors and abstracts.
func TestOpenTOCTextCorpus(t *testing.T) {
	dir := corpusDir(t, "acm-opentoc")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := procx.Process(context.Background(), file, data, procx.Options{})
		text := extract.RenderOpenTOCText(want)
		got := procx.Process(context.Background(), file+".txt", text, procx.Options{})
		sameReading(t, filepath.Base(file), want, got)
	}
}

func TestOpenTOCTextKeepsTOCText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/vee21.txt"))
	if err != nil {
		t.Fatal(err)
	}
	v := procx.Process(context.Background(), "vee21.txt", data, procx.Options{})
	n := 0
	for _, p := range v.Papers {
		if p.Kind == schema.KindPaper {
			n++
		}
	}
	if v.Source.Format != "toc-text" || n != 15 {
		t.Errorf("vee21.txt: format %q with %d papers, want toc-text with 15", v.Source.Format, n)
	}
}

func FuzzOpenTOCText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, "fixtures/opentoc/*.txt"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("SESSION: x\nA B\nT\nC D\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := extract.Decode("fuzz.txt", data)
		v := extract.OpenTOCText{}.Read(context.Background(), doc, extract.Options{})
		checkVolume(t, doc, v)
	})
}

func BenchmarkOpenTOCText(b *testing.B) {
	benchmarkFormat(b, extract.OpenTOCText{}, "fixtures/opentoc/traps.txt")
}
