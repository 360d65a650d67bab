package procx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
)

// TestProcessAllArray: an array of volumes, as extract writes it for
// several inputs, reads back as those volumes, with positions in the
// whole file.
func TestProcessAllArray(t *testing.T) {
	ctx := context.Background()
	ref := readFixture(t, "fixtures/vee21.txt")
	a := procx.Process(ctx, "a.txt", ref, procx.Options{})
	b := procx.Process(ctx, "b.txt", readFixture(t, "fixtures/mutations/sessions.txt"), procx.Options{})
	data := encode(t, []*schema.Volume{a, b})
	vols, f, array := procx.ProcessAll(ctx, "two.json", data, procx.Options{})
	if len(vols) != 2 || !array {
		t.Fatalf("%d volumes (array %v), want 2", len(vols), array)
	}
	lastLine := 0
	for i, want := range []*schema.Volume{a, b} {
		v := vols[i]
		if v.Source.Path != "two.json" || v.Source.Format != "json" || v.Proceedings.Acronym != want.Proceedings.Acronym || len(v.Papers) != len(want.Papers) {
			t.Fatalf("volume %d: source %+v, %q, %d papers", i, v.Source, v.Proceedings.Acronym, len(v.Papers))
		}
		for j, p := range v.Papers {
			if p.Title != want.Papers[j].Title || p.DOI != want.Papers[j].DOI {
				t.Errorf("volume %d paper %d: %q, want %q", i, j, p.Title, want.Papers[j].Title)
			}
			if p.Span.Line <= lastLine || strings.TrimSpace(f.LineText(p.Span.Line)) != "{" {
				t.Errorf("volume %d paper %d: span %+v at %q", i, j, p.Span, f.LineText(p.Span.Line))
			}
			lastLine = p.Span.Line
		}
		// The one finding of each volume is at the "&" of its title in
		// two.json.
		if len(v.Diagnostics) != 1 {
			t.Fatalf("volume %d: diagnostics %v", i, v.Diagnostics)
		}
		d := v.Diagnostics[0]
		line := []rune(f.LineText(d.Line))
		if d.Code != schema.BibTeXUnescaped || d.Path != "two.json" || d.Column < 1 || d.Column > len(line) ||
			!strings.HasPrefix(string(line[d.Column-1:]), `& Shields`) || !strings.Contains(string(line), `"title": "Spons & Shields`) {
			t.Errorf("volume %d: %s at %q", i, d, string(line))
		}
	}
}

// TestProcessAllPositionsOnOneLine: the columns of an element that starts
// inside a line count from the line's start.
func TestProcessAllPositionsOnOneLine(t *testing.T) {
	data := `[{"source":{"path":"a","format":"json"},"proceedings":{},"papers":[],"diagnostics":[]}, {"source":{"path":"b","format":"json"},"proceedings":{"title":7},"papers":[],"diagnostics":[]}]`
	vols, _, _ := procx.ProcessAll(context.Background(), "one.json", []byte(data), procx.Options{})
	if len(vols) != 2 || len(vols[0].Diagnostics) != 0 || len(vols[1].Diagnostics) != 1 {
		t.Fatalf("volumes %+v", vols)
	}
	d := vols[1].Diagnostics[0]
	if want := strings.Index(data, "7}") + 1; d.Line != 1 || d.Column != want {
		t.Errorf("%s, want 1:%d", d, want)
	}
}

// TestProcessAllOthers: inputs that are not an array of volumes give the
// one volume ProcessFile gives.
func TestProcessAllOthers(t *testing.T) {
	ctx := context.Background()
	ref := readFixture(t, "fixtures/vee21.txt")
	for name, data := range map[string][]byte{
		"vee21.txt":   ref,
		"one.json":    encode(t, procx.Process(ctx, "a.txt", ref, procx.Options{})),
		"nums.json":   []byte("[1, 2]"),
		"diags.json":  []byte(`[{"code":"pages-gap","severity":"warning","message":"m","path":"p"}]`),
		"broken.json": []byte(`[{"source":{"path":"a","format":"json"},"proceedings":{},"papers":[],"diagnostics":[]}, {`),
		"after.json":  []byte(`[{"source":{"path":"a","format":"json"},"proceedings":{},"papers":[],"diagnostics":[]}] x`),
	} {
		vols, _, array := procx.ProcessAll(ctx, name, data, procx.Options{})
		want, _ := procx.ProcessFile(ctx, name, data, procx.Options{})
		if len(vols) != 1 || array || string(encode(t, vols[0])) != string(encode(t, want)) {
			t.Errorf("%s: %d volumes (array %v), or not ProcessFile's", name, len(vols), array)
		}
	}
	if vols, _, array := procx.ProcessAll(ctx, "none.json", []byte(" [ ]\n"), procx.Options{}); len(vols) != 0 || !array {
		t.Errorf("[]: %d volumes (array %v), want none of an array", len(vols), array)
	}
	one := encode(t, []*schema.Volume{procx.Process(ctx, "a.txt", ref, procx.Options{})})
	if vols, _, array := procx.ProcessAll(ctx, "one.json", one, procx.Options{}); len(vols) != 1 || !array {
		t.Errorf("an array of one volume: %d volumes (array %v)", len(vols), array)
	}
	if vols, _, _ := procx.ProcessAll(ctx, "forced.txt", []byte(`[{"papers":[]}]`), procx.Options{Extract: extract.Options{Format: "toc-text"}}); len(vols) != 1 || vols[0].Source.Format != "toc-text" {
		t.Errorf("--input-format toc-text: %+v", vols)
	}
}
