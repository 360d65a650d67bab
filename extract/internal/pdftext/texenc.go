package pdftext

import "strings"

// TeX's fonts (Computer Modern text, math and symbol fonts) embedded as Type 1
// fonts carry their encoding in the font program only, and often come with
// neither /Encoding nor /ToUnicode: read as Latin-1 their codes give
// control characters and letters ("\x03" for ∗, "y" for †). texBuiltin
// gives the characters of their built-in encodings by code, as pdftotext
// reads them from the glyph names (asteriskmath, dagger, lambda), for the
// fonts that need it; nil for others.
func texBuiltin(base string) *[256]string {
	b := strings.ToUpper(base)
	switch {
	case strings.HasPrefix(b, "CMSY") || strings.HasPrefix(b, "CMBSY"):
		return &omsTable
	case strings.HasPrefix(b, "CMMI"):
		return &omlTable
	case strings.HasPrefix(b, "CMTT") || strings.HasPrefix(b, "CMITT") || strings.HasPrefix(b, "CMSLTT"):
		return nil // typewriter: its own layout, left as Latin-1
	case strings.HasPrefix(b, "CMR") || strings.HasPrefix(b, "CMBX") || strings.HasPrefix(b, "CMTI") ||
		strings.HasPrefix(b, "CMSL") || strings.HasPrefix(b, "CMSS") || strings.HasPrefix(b, "CMCSC") ||
		strings.HasPrefix(b, "CMB") || strings.HasPrefix(b, "CMFIB") || strings.HasPrefix(b, "CMDUNH"):
		return &ot1Table
	}
	return nil
}

var omsTable, omlTable, ot1Table [256]string

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
	// OT1 (cmr and the other text fonts): ASCII but for Greek capitals,
	// ligatures, dotless i and j, accents and a few punctuation marks.
	for c := 0x21; c < 0x7F; c++ {
		ot1Table[c] = string(rune(c))
	}
	i = 0
	for _, r := range "ΓΔΘΛΞΠΣΥΦΨΩ" {
		ot1Table[i] = string(r)
		i++
	}
	for k, v := range map[int]string{0x0B: "ff", 0x0C: "fi", 0x0D: "fl", 0x0E: "ffi", 0x0F: "ffl", 0x10: "ı", 0x11: "ȷ",
		0x12: "`", 0x13: "´", 0x14: "ˇ", 0x15: "˘", 0x16: "¯", 0x17: "˚", 0x18: "¸", 0x19: "ß", 0x1A: "æ", 0x1B: "œ",
		0x1C: "ø", 0x1D: "Æ", 0x1E: "Œ", 0x1F: "Ø", 0x22: "”", 0x27: "’", 0x3C: "¡", 0x3E: "¿", 0x5C: "“", 0x5E: "ˆ",
		0x5F: "˙", 0x60: "‘", 0x7B: "–", 0x7C: "—", 0x7D: "˝", 0x7E: "˜", 0x7F: "¨"} {
		ot1Table[k] = v
	}
	// OML (cmmi): Greek at 0x0B–0x27, letters at their ASCII codes.
	// By the glyph names as pdftotext reads them: "epsilon" (0x0F) and
	// "epsilon1" are ε, "phi" (0x1E) is φ and "phi1" ϕ.
	oml := "ΓΔΘΛΞΠΣΥΦΨΩαβγδεζηθικλμνξπρστυφχψωεϑϖϱςϕ"
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
