package pdfgen

import (
	"fmt"
	"strings"
)

// Text is one piece of text placed on a page by Positioned: its left end
// at X on baseline Y, in Size points, in Helvetica-Bold when Bold, raised
// by Rise points (the text rise operator Ts, as a superscript set
// smaller).
type Text struct {
	X, Y, Size, Rise float64
	Bold             bool
	S                string
}

// Width returns the advance of s set in Helvetica at size points.
func Width(s string, size float64) float64 {
	r := renderer{o: Options{Font: "Helvetica"}}
	w := 0.0
	for _, c := range s {
		w += r.glyphWidth(c)
	}
	return w * size / 1000
}

// Wrap breaks a paragraph into lines no wider than width at size points.
func Wrap(para string, width, size float64) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(para) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && Width(next, size) > width {
			out = append(out, cur)
			cur = w
			continue
		}
		cur = next
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// Positioned writes a PDF whose pages show the given pieces of text, in
// the order given, in Helvetica (F1) and Helvetica-Bold (F2), WinAnsi
// encoded: layouts for tests of layout analysis (columns, type sizes,
// superscripts).
func Positioned(pages [][]Text, o Options) []byte {
	o.Font = "Helvetica"
	o.defaults()
	r := &renderer{o: o, bold: true}
	var ps [][]string
	for _, p := range pages {
		var ops []string
		for _, t := range p {
			font := "F1"
			if t.Bold {
				font = "F2"
			}
			// The rise is part of the text state, which outlives BT … ET.
			rise := fmt.Sprintf("%.2f Ts ", t.Rise)
			ops = append(ops, fmt.Sprintf("BT /%s %.2f Tf %s%.2f %.2f Td %s Tj ET\n", font, t.Size, rise, t.X, t.Y, r.str(t.S)))
		}
		ps = append(ps, ops)
	}
	return r.document(ps)
}
