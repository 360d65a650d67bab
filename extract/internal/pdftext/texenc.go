package pdftext

import "strings"

// TeX's math and symbol fonts (Computer Modern and AMS) embedded as Type 1
// fonts carry their encoding in the font program only, and often come with
// neither /Encoding nor /ToUnicode: read as Latin-1 their codes give
// control characters and letters ("\x03" for ∗, "y" for †). texBuiltin
// gives the characters of their built-in encodings by code, as pdftotext
// reads them from the glyph names (asteriskmath, dagger, lambda), for the
// fonts that need it; nil for others.
func texBuiltin(base string) *[256]string {
	b := strings.ToUpper(base)
	switch {
	case strings.HasPrefix(b, "CMSY"):
		return &omsTable
	case strings.HasPrefix(b, "CMMI"):
		return &omlTable
	}
	return nil
}

var omsTable, omlTable [256]string

func init() {
	// OMS (cmsy): the symbols; 0x41–0x5A are calligraphic capitals.
	oms := "−·×∗÷⋄±∓⊕⊖⊗⊘⊙○◦•≍≡⊆⊇≤≥⪯⪰∼≈⊂⊃≪≫≺≻←→↑↓↔↗↘≃⇐⇒⇑⇓⇔↖↙∝′∞∈∋△▽̸/∀∃¬∅ℜℑ⊤⊥ℵ"
	i := 0
	for _, r := range oms {
		omsTable[i] = string(r)
		i++
	}
	for c := 'A'; c <= 'Z'; c++ {
		omsTable[c] = string(c)
	}
	for k, r := range map[int]rune{0x5B: '∪', 0x5C: '∩', 0x5D: '⊎', 0x5E: '∧', 0x5F: '∨', 0x60: '⊢', 0x61: '⊣',
		0x62: '⌊', 0x63: '⌋', 0x64: '⌈', 0x65: '⌉', 0x66: '{', 0x67: '}', 0x68: '⟨', 0x69: '⟩', 0x6A: '|', 0x6B: '‖',
		0x6C: '↕', 0x6D: '⇕', 0x6E: '\\', 0x6F: '≀', 0x70: '√', 0x71: '⨿', 0x72: '∇', 0x73: '∫', 0x74: '⊔', 0x75: '⊓',
		0x76: '⊑', 0x77: '⊒', 0x78: '§', 0x79: '†', 0x7A: '‡', 0x7B: '¶', 0x7C: '♣', 0x7D: '♢', 0x7E: '♡', 0x7F: '♠'} {
		omsTable[k] = string(r)
	}
	// OML (cmmi): Greek at 0x0B–0x27, letters at their ASCII codes.
	oml := "ΓΔΘΛΞΠΣΥΦΨΩαβγδϵζηθικλμνξπρστυϕχψωεϑϖϱςφ"
	i = 0
	for _, r := range oml {
		omlTable[i] = string(r)
		i++
	}
	for c := 0x30; c <= 0x39; c++ { // old-style digits
		omlTable[c] = string(rune(c))
	}
	for c := 'A'; c <= 'Z'; c++ {
		omlTable[c] = string(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		omlTable[c] = string(c)
	}
	for k, r := range map[int]rune{0x3A: '.', 0x3B: ',', 0x3C: '<', 0x3D: '/', 0x3E: '>', 0x3F: '⋆', 0x40: '∂',
		0x5B: '♭', 0x5C: '♮', 0x5D: '♯', 0x60: 'ℓ', 0x7B: 'ı', 0x7C: 'ȷ', 0x7D: '℘'} {
		omlTable[k] = string(r)
	}
}
