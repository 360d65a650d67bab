package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mojibake is one word of text that was UTF-8 decoded once too often as
// Windows-1252 or Latin-1 ("RÃ©veillÃ¨re"), as found by RepairMojibake.
type Mojibake struct {
	// Off and End are the word's byte range in the text RepairMojibake
	// returned.
	Off, End int
	// Was is the word as found; Now is the word as returned.
	Was, Now string
	// Repaired is true when the word was repaired, false when it looks
	// like mojibake but the reverse transformation is not exact (a byte
	// was lost or replaced), so it was left alone. A word with parts of
	// both kinds has Repaired false and Now shows the parts repaired.
	Repaired bool
}

// cp1252 maps the characters Windows-1252 gives bytes 0x80 to 0x9F back
// to those bytes; every other character up to U+00FF is its own byte, as
// in Latin-1.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the byte Windows-1252 (or Latin-1, for C1 controls)
// decodes to r.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x80 {
		return 0, false
	}
	if r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// RepairMojibake finds text that was UTF-8 decoded once too often as
// Windows-1252 or Latin-1 and repairs it where the reverse transformation
// is exact: the characters map back to bytes that are valid multi-byte
// UTF-8 of a printable character ("NoÃ«l" becomes "Noël", "â€™" becomes
// "’"). Text encoded twice over is repaired as far as it stays exact.
// Where the pattern is there but a byte was lost ("Ã" followed by U+FFFD,
// "â€" cut short) the word is left alone and still returned, with Repaired
// false. Each affected word is returned once.
func RepairMojibake(s string) (string, []Mojibake) {
	if !mayHoldMojibake(s) {
		return s, nil
	}
	return repairMojibake(s)
}

// mayHoldMojibake reports whether s holds what every piece of mojibake
// RepairMojibake reports starts with: a character that maps back to a
// UTF-8 lead byte (U+00C2 to U+00F4, "Ã", "â") followed at once by one
// that maps back to a continuation byte, by U+FFFD or by "?". Accented
// letters in correct text are seldom followed by such a character, so
// this spares the repair's decoding of most text that is not mojibake.
func mayHoldMojibake(s string) bool {
	for i := 0; i < len(s); i++ {
		// U+00C2 to U+00F4 are encoded as 0xC3 0x82 to 0xC3 0xB4;
		// IndexByte finds 0xC3 faster than a loop.
		j := strings.IndexByte(s[i:], 0xC3)
		if j < 0 {
			return false
		}
		if i += j; i+2 >= len(s) || s[i+1] < 0x82 || s[i+1] > 0xB4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i+2:])
		if c, ok := cp1252Byte(r); ok && c&0xC0 == 0x80 || r == utf8.RuneError || r == '?' {
			return true
		}
	}
	return false
}

// repairMojibake is RepairMojibake without the check for text that holds
// no mojibake; the tests hold the two to the same results.
func repairMojibake(s string) (string, []Mojibake) {
	if isASCII(s) {
		return s, nil
	}
	type group struct {
		inOff, inEnd, outOff, outEnd int
		repaired                     bool
	}
	var (
		b      strings.Builder
		groups []group
		copied int // s[:copied] is accounted for in b
		bs     []byte
		offs   []int
	)
	flush := func(to int) {
		b.WriteString(s[copied:to])
		copied = to
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++ // ASCII never maps back to a UTF-8 lead byte
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := cp1252Byte(r); !ok {
			i += n
			continue
		}
		// A run of characters that all map back to bytes.
		bs, offs = bs[:0], offs[:0] // offs: input offset of each byte's character
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			c, ok := cp1252Byte(r)
			if !ok {
				break
			}
			bs = append(bs, c)
			offs = append(offs, j)
			j += n
		}
		offs = append(offs, j)
		next, nextLen := utf8.DecodeRuneInString(s[j:]) // nextLen is 1 for a stray byte
		for k := 0; k < len(bs); {
			size := leadSize(bs[k])
			if size == 0 {
				k++
				continue
			}
			if k+size <= len(bs) && utf8.Valid(bs[k:k+size]) && plausible(bs[k:k+size]) {
				// Extend over the following exact pieces.
				e := k + size
				for e < len(bs) {
					sz := leadSize(bs[e])
					if sz == 0 || e+sz > len(bs) || !utf8.Valid(bs[e:e+sz]) || !plausible(bs[e:e+sz]) {
						break
					}
					e += sz
				}
				if foreignInLatin(string(bs[k:e]), s[:offs[k]], s[offs[e]:]) {
					k++
					continue
				}
				fixed := repeatRepair(string(bs[k:e]))
				flush(offs[k])
				out := b.Len()
				b.WriteString(fixed)
				copied = offs[e]
				groups = append(groups, group{offs[k], offs[e], out, b.Len(), true})
				k = e
				continue
			}
			// A lead byte followed by continuation bytes that stop short,
			// or by a replacement character: mojibake that lost a byte.
			cont := 0
			for k+1+cont < len(bs) && bs[k+1+cont]&0xC0 == 0x80 {
				cont++
			}
			atEnd := k+1+cont == len(bs)
			lost := atEnd && cont == 0 && (bs[k] == 0xC2 || bs[k] == 0xC3) && j < len(s) && (next == utf8.RuneError || next == '?')
			cut := cont > 0 && cont < size-1 && bs[k] == 0xE2 && (bs[k+1] == 0x80 || bs[k+1] == 0x84)
			if lost || cut {
				flush(offs[k])
				out := b.Len()
				endIn := offs[k+1+cont]
				if lost {
					endIn = j + nextLen
				}
				b.WriteString(s[offs[k]:endIn])
				copied = endIn
				groups = append(groups, group{offs[k], endIn, out, b.Len(), false})
				k = k + 1 + cont
				continue
			}
			k++
		}
		i = max(j, copied)
	}
	if groups == nil {
		return s, nil
	}
	flush(len(s))
	out := b.String()
	// One finding per word: merge groups that share a word, then widen
	// each to its word.
	var found []Mojibake
	for gi := 0; gi < len(groups); {
		g := groups[gi]
		gi++
		for gi < len(groups) && !strings.ContainsFunc(out[g.outEnd:groups[gi].outOff], wordBreak) {
			g.inEnd, g.outEnd = groups[gi].inEnd, groups[gi].outEnd
			g.repaired = g.repaired && groups[gi].repaired
			gi++
		}
		wordStart := 0
		if k := strings.LastIndexFunc(out[:g.outOff], wordBreak); k >= 0 {
			_, n := utf8.DecodeRuneInString(out[k:])
			wordStart = k + n
		}
		pre := g.outOff - wordStart
		post := strings.IndexFunc(out[g.outEnd:], wordBreak)
		if post < 0 {
			post = len(out) - g.outEnd
		}
		found = append(found, Mojibake{
			Off: g.outOff - pre, End: g.outEnd + post,
			Was: s[g.inOff-pre : g.inEnd+post], Now: out[g.outOff-pre : g.outEnd+post],
			Repaired: g.repaired,
		})
	}
	return out, found
}

// wordBreak reports whether r ends the word quoted in a finding.
func wordBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;:()[]{}<>\"“”«»", r)
}

// leadSize is the length of the UTF-8 sequence a lead byte starts, or 0
// for a byte that starts no multi-byte sequence.
func leadSize(c byte) int {
	switch {
	case c >= 0xC2 && c <= 0xDF:
		return 2
	case c >= 0xE0 && c <= 0xEF:
		return 3
	case c >= 0xF0 && c <= 0xF4:
		return 4
	}
	return 0
}

// plausible reports whether a decoded sequence is a character text would
// hold: not a control, not unassigned, and not a combining mark, which
// makes "Ö’" (a capital and an apostrophe) stay as it is.
func plausible(p []byte) bool {
	r, _ := utf8.DecodeRune(p)
	if r >= 0x250 && r <= 0x2FF {
		// IPA and modifier letters: "É’" in capitals is "CAFÉ’S", not ɒ.
		return false
	}
	return !unicode.In(r, unicode.C, unicode.M) || r == '\u00AD' || r == '\u200B'
}

// foreignInLatin reports whether repaired text holds a letter of a script
// other than Latin while the word around it goes on in ASCII letters: that
// is capitals and punctuation ("PERÚ’S"), not mojibake of a Cyrillic or
// Arabic word, which would have been mis-decoded whole.
func foreignInLatin(fixed, before, after string) bool {
	foreign := false
	for _, r := range fixed {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Common, unicode.Inherited) {
			foreign = true
			break
		}
	}
	if !foreign {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(before)
	n, _ := utf8.DecodeRuneInString(after)
	asciiLetter := func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }
	return asciiLetter(p) || asciiLetter(n)
}

// repeatRepair repairs text that was mis-decoded more than once
// ("ÃƒÂ©" is "é" decoded twice) for as long as every step is exact.
func repeatRepair(s string) string {
	for range 3 {
		var bs []byte
		for _, r := range s {
			c, ok := cp1252Byte(r)
			if !ok {
				return s
			}
			bs = append(bs, c)
		}
		if !utf8.Valid(bs) || isASCII(string(bs)) {
			return s
		}
		for p := bs; len(p) > 0; {
			if leadSize(p[0]) == 0 {
				return s
			}
			_, n := utf8.DecodeRune(p)
			if !plausible(p[:n]) {
				return s
			}
			p = p[n:]
		}
		s = string(bs)
	}
	return s
}
