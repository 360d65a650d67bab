// Package fuzzseed cuts procx's fixtures into small fuzz seeds.
//
// The reference fixtures are about 30 KB. Seeded with them whole, a fuzz
// target spends its time minimizing each new interesting input of that size
// (go test -fuzz does so for up to -fuzzminimizetime, 60 s by default, per
// input, and counts none of those runs as execs), so a one-minute run shows
// a few dozen execs. Pieces of a few kilobytes keep every structure of the
// fixture (header, sections, papers, BibTeX, footer) and minimize quickly.
package fuzzseed

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Pieces cuts text into pieces of about size bytes, each ending after a
// "Publisher's Version" line (the end of a paper in the reference format)
// once it has size bytes, or at the end of a line once it has 2*size. The
// first piece holds the header, the last the footer.
func Pieces(text []byte, size int) [][]byte {
	var out [][]byte
	start := 0
	for off := 0; off < len(text); {
		end := bytes.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off + 1
		}
		line := bytes.TrimRight(text[off:end], "\r\n")
		n := end - start
		if n >= 2*size || n >= size && (bytes.HasSuffix(line, []byte("Publisher's Version"))) {
			out = append(out, text[start:end])
			start = end
		}
		off = end
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// AddFixtures adds the fixtures below dir (the module's fixtures folder)
// in every input format to f's seeds, without repeats: reference-format
// texts cut into Pieces of about 3,000 bytes, HTML, BibTeX, JSON and XML whole.
func AddFixtures(f *testing.F, dir string) {
	f.Helper()
	seen := map[string]bool{}
	add := func(b []byte) {
		if !seen[string(b)] {
			seen[string(b)] = true
			f.Add(b)
		}
	}
	for _, pat := range []string{"*.txt", "mutations/*.txt", "*/*.html", "*/*.bib", "*/*.json", "*/*.xml"} {
		files, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			if filepath.Ext(name) != ".txt" {
				add(b)
				continue
			}
			for _, p := range Pieces(b, 3000) {
				add(p)
			}
		}
	}
}
