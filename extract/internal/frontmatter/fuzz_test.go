package frontmatter

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx/extract/internal/pdftext"
)

// encodeLines writes lines as text, one run a line: "line page x0 x1 y
// size font|text", so that the fuzzer mutates geometry and text alike.
func encodeLines(ls []pdftext.Line) []byte {
	var b bytes.Buffer
	for i, l := range ls {
		for _, r := range l.Runs {
			fmt.Fprintf(&b, "%d %d %.1f %.1f %.1f %.1f %s|%s\n", i, l.Page, r.X0, r.X1, r.Y, r.Size, r.Font, l.Text[r.Start:r.End])
		}
	}
	return b.Bytes()
}

// decodeLines reads what encodeLines writes, skipping what does not
// parse; runs of one line number make one line.
func decodeLines(data []byte) []pdftext.Line {
	var out []pdftext.Line
	last := -1
	for _, row := range strings.Split(string(data), "\n") {
		head, text, ok := strings.Cut(row, "|")
		fs := strings.Fields(head)
		if !ok || len(fs) < 6 {
			continue
		}
		var nums [6]float64
		bad := false
		for i := range 6 {
			v, err := strconv.ParseFloat(fs[i], 64)
			if err != nil {
				bad = true
				break
			}
			nums[i] = v
		}
		if bad {
			continue
		}
		font := ""
		if len(fs) > 6 {
			font = fs[6]
		}
		if int(nums[0]) != last || len(out) == 0 {
			out = append(out, pdftext.Line{Page: int(nums[1]), X0: nums[2], Y: nums[4], Size: nums[5]})
			last = int(nums[0])
		}
		l := &out[len(out)-1]
		if l.Text != "" {
			l.Text += " "
		}
		start := len(l.Text)
		l.Text += text
		l.Runs = append(l.Runs, pdftext.Run{Start: start, End: len(l.Text), Font: font, Size: nums[5], Y: nums[4], X0: nums[2], X1: nums[3]})
		l.X1 = max(l.X1, nums[3])
		l.Size = max(l.Size, nums[5])
	}
	return out
}

// FuzzAnalyze runs the layout analysis on mutated pages: generated PDFs
// read through pdftext, and their lines written as text. It must not
// panic, and what it returns must hold together.
func FuzzAnalyze(f *testing.F) {
	for _, mk := range layouts {
		data, _ := mk()
		f.Add(data)
		ls, _ := pdftext.Lines(context.Background(), "seed.pdf", data, pdftext.Limits{RunPages: 2}.WithDefaults())
		f.Add(encodeLines(ls))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ls []pdftext.Line
		if bytes.HasPrefix(data, []byte("%PDF")) {
			ls, _ = pdftext.Lines(context.Background(), "fuzz.pdf", data, pdftext.Limits{MaxPages: 2, MaxStream: 1 << 20, RunPages: 2})
		} else {
			ls = decodeLines(data)
		}
		fr := Analyze(ls)
		if len(fr.Used) != len(ls) {
			t.Fatalf("Used has %d entries for %d lines", len(fr.Used), len(ls))
		}
		for _, a := range fr.Authors {
			for _, j := range a.Affils {
				if j < 0 || j >= len(fr.Affiliations) {
					t.Fatalf("author %q has affiliation %d of %d", a.Name, j, len(fr.Affiliations))
				}
			}
			if strings.ContainsAny(a.Name, "\x01\x02") {
				t.Fatalf("mark delimiters in name %q", a.Name)
			}
		}
		if strings.ContainsAny(fr.Title+fr.Abstract+strings.Join(fr.Affiliations, ""), "\x01\x02") {
			t.Fatalf("mark delimiters in title or abstract: %q %q", fr.Title, fr.Abstract)
		}
	})
}
