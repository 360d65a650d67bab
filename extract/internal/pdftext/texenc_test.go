package pdftext

import "testing"

// TestTeXBuiltin holds the built-in encodings of cmsy and cmmi to the
// glyph names of the fonts (asteriskmath at 3, dagger at 0x79, lambda at
// 0x15, lscript at 0x60, partialdiff at 0x40, epsilon1 at 0x22).
func TestTeXBuiltin(t *testing.T) {
	for _, c := range []struct {
		font string
		code byte
		want string
	}{
		{"CMSY10", 0x03, "∗"}, {"CMSY7", 0x79, "†"}, {"CMSY10", 0x7A, "‡"}, {"CMSY10", 0x78, "§"},
		{"CMSY10", 0x40, "ℵ"}, {"CMSY10", 0x32, "∈"}, {"CMSY10", 0x14, "≤"}, {"CMSY10", 0x31, "∞"},
		{"CMMI10", 0x15, "λ"}, {"CMMI10", 0x60, "ℓ"}, {"CMMI10", 0x40, "∂"}, {"CMMI10", 0x22, "ε"},
		{"CMMI10", 0x0B, "α"}, {"CMMI10", 0x0F, "ε"}, {"CMMI10", 0x1E, "φ"}, {"CMMI10", 0x27, "ϕ"}, {"CMMI10", 0x21, "ω"}, {"CMMI10", 'x', "x"},
		{"CMR10", 0x0C, "fi"}, {"CMBX12", 0x7B, "–"}, {"CMTI10", 0x5C, "“"}, {"CMR10", 0x22, "”"}, {"CMR10", 0x19, "ß"},
		{"CMR10", 'a', "a"}, {"CMR10", 0x7F, "¨"}, {"CMR10", 0x0A, "Ω"}, {"CMBSY10", 0x79, "†"},
	} {
		if got := texBuiltin(c.font)[c.code]; got != c.want {
			t.Errorf("%s code %#x: %q, want %q", c.font, c.code, got, c.want)
		}
	}
	for _, f := range []string{"Times-Roman", "CMTT10"} {
		if texBuiltin(f) != nil {
			t.Errorf("%s read through a TeX built-in encoding", f)
		}
	}
}
