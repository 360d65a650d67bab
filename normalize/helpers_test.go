package normalize

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letters returns the letters and digits of s in NFC, in order.
func letters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sortedLetters returns the letters of s sorted, to compare two strings
// whose words were reordered.
func sortedLetters(s string) string {
	rs := []rune(letters(s))
	slices.Sort(rs)
	return string(rs)
}
