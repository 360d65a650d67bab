package text

import (
	"strings"
	"unicode/utf8"
)

// CleanDOI strips a resolver prefix ("https://doi.org/", "doi:") and BibTeX
// escapes ("\_") from a DOI.
func CleanDOI(s string) string {
	// The usual DOI, "10.1145/3000100.0001000", is as it is: it starts
	// with no prefix, ends with no brace or white space and escapes nothing.
	if strings.HasPrefix(s, "10.") && strings.IndexByte(s, '\\') < 0 {
		if c := s[len(s)-1]; c != '}' && c != '{' && c < utf8.RuneSelf && c != ' ' && (c < '\t' || c > '\r') {
			return s
		}
	}
	return cleanDOIFull(s)
}

// cleanDOIFull is CleanDOI without its shortcut for the usual DOI; the tests
// hold the shortcut to it.
func cleanDOIFull(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "{}"))
	s = strings.ReplaceAll(s, `\_`, "_")
	s = strings.ReplaceAll(s, `\%`, "%")
	low := strings.ToLower(s)
	for _, p := range resolverPrefixes {
		if strings.HasPrefix(low, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	return s
}
