package text

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letters returns the letters, digits and combining marks of s in NFD, in
// order: removing a brace between a letter and a combining mark (A{\u0308})
// lets NFC compose them, which changes no letter.
func letters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
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
