package normalize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// Finding is something normalization found in one value: a diagnostic code
// of DESIGN.md, its severity and a message quoting the value. Volume
// reports findings as diagnostics at the JSON Pointer of the value.
type Finding struct {
	Code     string
	Severity schema.Severity
	Message  string
}

// Clean returns s in NFC with invisible characters removed, runs of white
// space folded to one space and the ends trimmed, with a finding for each
// kind of change that is not plain white space: "invisible-char" for
// removed characters and "not-nfc" when s was not in NFC. Quotes,
// apostrophes and every other visible character are kept as written.
// ASCII input skips the NFC pass.
func Clean(s string) (string, []Finding) {
	if isASCII(s) {
		if !hasASCIIControl(s) {
			return foldSpace(s), nil
		}
	}
	var fs []Finding
	out, removed := stripInvisible(s)
	if len(removed) > 0 {
		fs = append(fs, Finding{Code: "invisible-char", Severity: schema.Warning,
			Message: fmt.Sprintf("removed invisible %s from %q", describeRunes(removed), clip(visible(s), 60))})
	}
	if !isASCII(out) && !norm.NFC.IsNormalString(out) {
		fs = append(fs, Finding{Code: "not-nfc", Severity: schema.Info,
			Message: fmt.Sprintf("text was not in unicode nfc: %q (normalized)", clip(out, 60))})
		out = norm.NFC.String(out)
	}
	return foldSpace(out), fs
}

// Text returns s cleaned as Clean does, without the findings.
func Text(s string) string {
	out, _ := Clean(s)
	return out
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

func foldSpace(s string) string {
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// MixedScript returns the words of s that mix Latin letters with Cyrillic
// or Greek ones ("Tаzaki" with a Cyrillic а), each with the scripts it
// mixes.
func MixedScript(s string) (words []string, scripts [][]string) {
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
