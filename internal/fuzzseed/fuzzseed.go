// Package fuzzseed cuts procx's fixtures into small fuzz seeds.
//
// The reference fixtures are about 30 KB. Seeded with them whole, a fuzz
// target spends its time minimizing each new interesting input of that size
// (go test -fuzz does so for up to -fuzzminimizetime, 60 s by default, per
// input, and counts none of those runs as execs), so a one-minute run shows
// a few dozen execs. Pieces of a few kilobytes keep every structure of the
// fixture (header, sections, papers, BibTeX, footer) and minimize quickly.
package fuzzseed

import "bytes"

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
