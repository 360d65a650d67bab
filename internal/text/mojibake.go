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
//
// It reads s as runs of characters that all map back to bytes (from
// nextMapped on) and looks for mojibake at each lead byte of a run: a
// stretch of exact pieces (exactStretch), which it repairs, or a piece
// that lost a byte (lostPiece), which it keeps as written. The steps
// return what they find, and only this function writes the output, the
// groups and the run, so that they stay local variables of one frame.
func repairMojibake(s string) (string, []Mojibake) {
	if isASCII(s) {
		return s, nil
	}
	var (
		b      strings.Builder
		groups []mojibakeGroup
		copied int // s[:copied] is accounted for in b
		// bs and offs hold a run: the bytes its characters map back to,
		// and the offset in s of each byte's character followed by the
		// run's end.
		bs   []byte
		offs []int
	)
	for i := nextMapped(s, 0); i < len(s); {
		bs, offs = bs[:0], offs[:0]
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			c, ok := cp1252Byte(r)
			if !ok {
				break
			}
			bs, offs = append(bs, c), append(offs, j)
			j += n
		}
		offs = append(offs, j)
		for k := 0; k < len(bs); {
			next, inEnd, repaired := k+1, -1, false
			switch size := leadSize(bs[k]); {
			case size == 0: // no UTF-8 sequence starts here
			case k+size <= len(bs) && utf8.Valid(bs[k:k+size]) && plausible(bs[k:k+size]):
				// An exact piece, unless the stretch would put a letter
				// of another script in a Latin word.
				if e := exactStretch(bs, k, size); !foreignInLatin(string(bs[k:e]), s[:offs[k]], s[offs[e]:]) {
					next, inEnd, repaired = e, offs[e], true
				}
			default:
				next, inEnd = lostPiece(s, bs, offs, k, size)
			}
			if inEnd >= 0 {
				text := s[offs[k]:inEnd]
				if repaired {
					text = repeatRepair(string(bs[k:next]))
				}
				b.WriteString(s[copied:offs[k]])
				out := b.Len()
				b.WriteString(text)
				copied = inEnd
				groups = append(groups, mojibakeGroup{offs[k], inEnd, out, b.Len(), repaired})
			}
			k = next
		}
		i = nextMapped(s, max(j, copied))
	}
	if groups == nil {
		return s, nil
	}
	b.WriteString(s[copied:])
	out := b.String()
	return out, wordFindings(s, out, groups)
}

// mojibakeGroup is a stretch of mojibake, s[inOff:inEnd] in the text and
// out[outOff:outEnd] in the text repairMojibake returns: repaired, or kept
// as written because it lost a byte.
type mojibakeGroup struct {
	inOff, inEnd, outOff, outEnd int
	repaired                     bool
}

// nextMapped returns the offset of the first character from s[i] on that
// maps back to a byte, or len(s).
func nextMapped(s string, i int) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++ // ASCII never maps back to a UTF-8 lead byte
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := cp1252Byte(r); ok {
			return i
		}
		i += n
	}
	return len(s)
}

// exactStretch returns the end in bs of the stretch of exact pieces that
// starts with the size-byte piece at bs[k].
func exactStretch(bs []byte, k, size int) int {
	e := k + size
	for e < len(bs) {
		sz := leadSize(bs[e])
		if sz == 0 || e+sz > len(bs) || !utf8.Valid(bs[e:e+sz]) || !plausible(bs[e:e+sz]) {
			break
		}
		e += sz
	}
	return e
}

// lostPiece looks for mojibake that lost a byte at bs[k], a lead byte of
// size bytes that starts no exact piece, in a run as repairMojibake holds
// it, and returns the index in bs after it and its end in s; where there
// is none it returns k+1 and -1. Such a piece is "Â" or "Ã" that ends the
// run and is followed by U+FFFD or "?", which is taken with it, or "â€"
// or "â„" whose continuation bytes stop short.
func lostPiece(s string, bs []byte, offs []int, k, size int) (next, inEnd int) {
	cont := 0
	for k+1+cont < len(bs) && bs[k+1+cont]&0xC0 == 0x80 {
		cont++
	}
	next = k + 1 + cont
	switch runEnd := offs[len(bs)]; {
	case next == len(bs) && cont == 0 && (bs[k] == 0xC2 || bs[k] == 0xC3) && runEnd < len(s):
		r, n := utf8.DecodeRuneInString(s[runEnd:]) // n is 1 for a stray byte
		if r == utf8.RuneError || r == '?' {
			return next, runEnd + n
		}
	case cont > 0 && cont < size-1 && bs[k] == 0xE2 && (bs[k+1] == 0x80 || bs[k+1] == 0x84):
		return next, offs[next]
	}
	return k + 1, -1
}

// wordFindings returns one finding per word for the groups, the stretches
// of s that repairMojibake replaced to make out: groups that share a word
// are merged, repaired only if each of them was, and each is widened to
// its word.
func wordFindings(s, out string, groups []mojibakeGroup) []Mojibake {
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
	return found
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
