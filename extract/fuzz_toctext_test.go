package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx/internal/fuzzseed"
)

// FuzzTOCText feeds the reference-format reader arbitrary text: it must
// not panic, every span must lie inside the input, and every non-blank line
// must be covered by a block or a diagnostic.
func FuzzTOCText(f *testing.F) {
	files, _ := filepath.Glob("../fixtures/mutations/*.txt")
	files = append(files, "../fixtures/vee21.txt")
	seen := map[string]bool{}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		// Small pieces, not the 30 KB files: see package fuzzseed.
		for _, p := range fuzzseed.Pieces(b, 3000) {
			if !seen[string(p)] {
				seen[string(p)] = true
				f.Add(p)
			}
		}
	}
	f.Add([]byte("Title\nA B and C D\n(Uni, France)\nAbstract.\n@InProceedings{k,\ntitle = {Title},\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Decode("fuzz.txt", data)
		blocks, diags := segmentTOC(doc, Options{})
		v := parseTOC(doc, blocks, Options{})
		diags = append(diags, v.Diagnostics...)
		n := doc.LineCount()
		for _, r := range v.Papers {
			if r.Span.Line < 1 || r.Span.EndLine > n || r.Span.Line > r.Span.EndLine {
				t.Fatalf("span %+v outside 1..%d", r.Span, n)
			}
		}
		for _, d := range diags {
			if d.Off > len(doc.Text) || d.End > len(doc.Text) {
				t.Fatalf("diagnostic %q at %d..%d outside %d bytes", d.Message, d.Off, d.End, len(doc.Text))
			}
		}
		c := covered(doc, blocks, diags)
		for l := 1; l <= n; l++ {
			if strings.TrimSpace(doc.LineText(l)) != "" && !c[l] {
				t.Fatalf("line %d lost: %q", l, doc.LineText(l))
			}
		}
	})
}
