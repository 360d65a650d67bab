package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the letters and digits of s in lower case, without accents
// and without anything between them: the key under which two printings of
// one title or name are the same. Compatibility forms are decomposed first
// (the ligature "ﬁ" folds as "fi", "²" as "2"), so that case, accents,
// punctuation, spacing and a word hyphenated or split at a line end make
// no difference: "Data-Driven Con-trol" and "data driven control" fold
// alike. LaTeX markup is not decoded: decode it first.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			b.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < 0x80 || unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FoldWords is Fold for each word of s, split at spaces and at punctuation
// other than apostrophes: the words of a title compared one by one.
func FoldWords(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’')
	})
	out := fields[:0]
	for _, f := range fields {
		if k := Fold(f); k != "" {
			out = append(out, k)
		}
	}
	return out
}
