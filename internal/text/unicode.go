package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/internal/swar"
	"github.com/procx/procx/schema"
)

// Finding is something found in one value: a diagnostic code and a
// message quoting the value. The normalize stage reports findings as
// diagnostics at the JSON Pointer of the value.
type Finding struct {
	Code    schema.Code
	Message string
}

// Clean returns s in NFC with invisible characters removed, runs of white
// space folded to one space and the ends trimmed, with a finding for each
// kind of change that is not plain white space: "invisible-char" for
// removed characters and "not-nfc" when s was not in NFC. Quotes,
// apostrophes and every other visible character are kept as written.
// ASCII input skips the NFC pass.
func Clean(s string) (string, []Finding) {
	if isClean(s) {
		return s, nil
	}
	return cleanSlow(s)
}

// cleanSlow is Clean without the fast path for text that is clean
// already; the tests hold the two to the same results.
func cleanSlow(s string) (string, []Finding) {
	if isASCII(s) {
		if !hasASCIIControl(s) {
			return foldSpace(s), nil
		}
	}
	var fs []Finding
	out, removed := stripInvisible(s)
	if len(removed) > 0 {
		fs = append(fs, Finding{Code: schema.InvisibleChar,
			Message: fmt.Sprintf("removed invisible %s from %q", describeRunes(removed), Clip(visible(s), 60))})
	}
	if !isASCII(out) && !norm.NFC.IsNormalString(out) {
		fs = append(fs, Finding{Code: schema.NotNFC,
			Message: fmt.Sprintf("text was not in unicode nfc: %q (normalized)", Clip(out, 60))})
		out = norm.NFC.String(out)
	}
	return foldSpace(out), fs
}

// Text returns s cleaned as Clean does, without the findings.
func Text(s string) string {
	out, _ := Clean(s)
	return out
}

// nfcStableBelow is the first rune that NFC may change or combine with the
// rune before it (U+0300, the first combining mark): text of runes below it
// is in NFC without a look at the tables (TestNFCStableBelow checks this).
const nfcStableBelow = 0x300

// isClean reports whether Clean would return s as it is, without
// findings: valid UTF-8, single spaces between words and none at the ends,
// no other white space, no invisible character, and NFC. Most text is
// clean already, and this decides it in one read without allocating,
// where Clean's passes (invisible characters, NFC, white space) each read
// the text and some copy it.
func isClean(s string) bool {
	clean, _ := cleanScan(s)
	return clean
}

// cleanScan is isClean that also reports whether s, when clean, holds the
// byte 0xC3, the first byte of every piece of mojibake mayHoldMojibake
// looks for: clean text without it needs neither Clean nor RepairMojibake,
// and telling so costs a comparison per character beyond ASCII in the scan
// isClean makes anyway.
func cleanScan(s string) (clean, c3 bool) {
	prev := byte(' ') // a leading space is trimmed
	checkNFC := false
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if w := swar.Load64(s[i:]); printableASCII8(w) && !doubleSpace8(w, prev) {
				prev = byte(w >> 56)
				i += 8
				continue
			}
		}
		c := s[i]
		if c-' ' <= '~'-' ' {
			// Printable ASCII, most of the text. Both tests below are
			// nearly always false, so the branches predict well where
			// "c == ' ' && prev == ' '" would branch on every space.
			if (c^' ')|(prev^' ') == 0 {
				return false, c3 // two spaces
			}
			prev = c
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return false, c3 // a control, or white space other than a space
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || isSpaceOrInvisible(r) {
			return false, c3
		}
		checkNFC = checkNFC || r >= nfcStableBelow
		c3 = c3 || c == 0xC3 // a lead byte; in valid UTF-8 it is nowhere else
		prev = c
		i += n
	}
	if prev == ' ' && s != "" {
		return false, c3 // a trailing space is trimmed
	}
	return !checkNFC || nfcTables(s), c3
}

// printableASCII8 reports whether every byte of w is printable ASCII or a
// space (0x20 to 0x7E), eight at a time. A byte from 0x80 on has its high
// bit set already. When none has, adding swar.Ones sets a high bit exactly
// where a byte is 0x7F, and subtracting ' ' from every byte sets one in
// the first byte below ' ' (and perhaps in bytes above it, which the
// borrow reaches) and in none when no byte is below ' '.
func printableASCII8(w uint64) bool {
	return (w|(w+swar.Ones)|((w-' '*swar.Ones)&^w))&swar.Highs == 0
}

// doubleSpace8 reports whether two bytes side by side in w are spaces,
// counting the byte before w, prev. Bytes of w^(' '*swar.Ones) are zero where
// w has a space; zeroBytes marks them, and a mark next to a mark is two
// spaces.
func doubleSpace8(w uint64, prev byte) bool {
	sp := zeroBytes(w ^ ' '*swar.Ones)
	return sp&(sp<<8) != 0 || prev == ' ' && byte(w) == ' '
}

// zeroBytes returns x with the high bit set in exactly the bytes of x that
// are zero, and every other bit clear.
func zeroBytes(x uint64) uint64 {
	return ^((x&swar.Lows + swar.Lows) | x | swar.Lows)
}

// isSpaceOrInvisible reports whether Clean removes or folds r, a rune
// beyond ASCII: white space or an invisible character. Below U+0300 these
// are the C1 controls (NEL among them, white space), no-break space and
// soft hyphen, which spares the Unicode tables for accented Latin letters.
func isSpaceOrInvisible(r rune) bool {
	if r < nfcStableBelow {
		return r <= 0xA0 || r == 0xAD
	}
	return unicode.IsSpace(r) || isInvisible(r)
}

// isNFC reports whether s is in NFC, as norm.NFC.IsNormalString does;
// text of runes below nfcStableBelow is, without a look at the tables.
func isNFC(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && swar.Load64(s[i:])&swar.Highs == 0 {
			i += 8 // eight ASCII bytes
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= nfcStableBelow { // invalid UTF-8 too, as U+FFFD
			return nfcTables(s)
		}
		i += n
	}
	return true
}

// nfcTables reports whether s is in NFC by the Unicode tables.
// QuickSpanString settles most text without allocating; IsNormalString
// settles the rest.
func nfcTables(s string) bool {
	return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}

func hasASCIIControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
			return true
		}
	}
	return false
}

// isInvisible reports whether r prints nothing and is not white space:
// C0 and C1 controls, format characters (zero-width space and joiners,
// soft hyphen, bidi controls, word joiner, byte order mark).
func isInvisible(r rune) bool {
	if unicode.IsSpace(r) {
		return false
	}
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}

// stripInvisible removes invisible characters from s. Zero-width joiners
// and non-joiners between two letters of a script other than Latin
// (Persian, Indic) are part of the spelling and stay.
func stripInvisible(s string) (string, []rune) {
	var removed []rune
	var b strings.Builder
	prev := rune(-1)
	for i, r := range s {
		if !isInvisible(r) {
			if removed != nil {
				b.WriteRune(r)
			}
			prev = r
			continue
		}
		if (r == '\u200c' || r == '\u200d') && joinerLetter(prev) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if joinerLetter(next) {
				if removed != nil {
					b.WriteRune(r)
				}
				continue
			}
		}
		if removed == nil {
			removed = []rune{}
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
		removed = append(removed, r)
	}
	if removed == nil {
		return s, nil
	}
	return b.String(), removed
}

func joinerLetter(r rune) bool {
	return r > 0 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) && !unicode.Is(unicode.Common, r)
}

// describeRunes names the distinct runes of rs: "U+200B ZERO WIDTH SPACE".
func describeRunes(rs []rune) string {
	var names []string
	seen := map[rune]bool{}
	for _, r := range rs {
		if seen[r] {
			continue
		}
		seen[r] = true
		names = append(names, fmt.Sprintf("U+%04X", r))
	}
	if len(names) == 1 {
		return "character " + names[0]
	}
	return "characters " + strings.Join(names, ", ")
}

// visible shows invisible characters of s as escapes for messages.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isInvisible(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldSpace folds runs of white space to one space and trims the ends.
func foldSpace(s string) string {
	if isFolded(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// isFolded reports whether foldSpace would return s as it is: no white
// space but single spaces between words. It reads ASCII a byte at a time
// and asks unicode.IsSpace only about the rest.
func isFolded(s string) bool {
	prevSpace := true // a leading space is trimmed
	for i := 0; i < len(s); {
		var sp bool
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) && (prevSpace || c != ' ') {
				return false
			}
			sp = c == ' '
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false // white space other than a space
			}
			i += n
		}
		prevSpace = sp
	}
	return !prevSpace
}

// asciiSpace reports whether unicode.IsSpace holds for the ASCII byte c.
func asciiSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// Clip shortens s to n characters and an ellipsis, for messages.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s // no more characters than bytes
	}
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	if i >= len(s) {
		return s
	}
	if head := s[:i]; utf8.ValidString(head) {
		return head + "…"
	}
	r := []rune(s) // an invalid byte is written as U+FFFD
	return string(r[:n]) + "…"
}

// MixedScript returns the words of s that mix Latin letters with Cyrillic
// or Greek swar.Ones ("Tаzaki" with a Cyrillic а), each with the scripts it
// mixes.
func MixedScript(s string) (words []string, scripts [][]string) {
	if !hasCyrillicOrGreek(s) {
		return nil, nil // no word can mix scripts
	}
	return mixedScriptWords(s)
}

// mixedScriptWords is MixedScript without the check for text that holds
// no Cyrillic or Greek letter; the tests hold the two to the same results.
func mixedScriptWords(s string) (words []string, scripts [][]string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		var latin, cyrillic, greek bool
		for _, r := range w {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(unicode.Latin, r):
				latin = true
			case unicode.Is(unicode.Cyrillic, r):
				cyrillic = true
			case unicode.Is(unicode.Greek, r):
				greek = true
			}
		}
		if latin && (cyrillic || greek) {
			sc := []string{"latin"}
			if cyrillic {
				sc = append(sc, "cyrillic")
			}
			if greek {
				sc = append(sc, "greek")
			}
			words = append(words, w)
			scripts = append(scripts, sc)
		}
	}
	return words, scripts
}

// hasCyrillicOrGreek reports whether s holds a Cyrillic or Greek letter,
// without which MixedScript finds nothing. Neither script has letters
// below U+0370, which spares the tables for ASCII and accented Latin.
func hasCyrillicOrGreek(s string) bool {
	// Every rune from U+0340 on starts with a byte of 0xCD or more, and no
	// continuation byte is that large: text without one (ASCII, accented
	// Latin) is decided by a byte scan.
	i := 0
	for i < len(s) && s[i] < 0xCD {
		i++
	}
	for _, r := range s[i:] {
		if r >= 0x370 && unicode.IsLetter(r) && unicode.In(r, unicode.Cyrillic, unicode.Greek) {
			return true
		}
	}
	return false
}
