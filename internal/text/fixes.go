package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// NFC returns s in Unicode NFC, the repair of a "not-nfc" finding.
func NFC(s string) string { return norm.NFC.String(s) }

// StripInvisible returns s without the characters Clean removes as
// invisible (the repair of an "invisible-char" finding); white space and
// every other character stay as they are.
func StripInvisible(s string) string {
	out, removed := stripInvisible(s)
	if len(removed) == 0 {
		return s
	}
	return out
}

// BibTeXPages returns a BibTeX page range written with one hyphen or an en
// dash ("1-14", "1–14") as BibTeX writes it, with "--", and reports
// whether s was such a range: a range procx reads, with exactly one
// separator. Other values are left alone.
func BibTeXPages(s string) (string, bool) {
	n, at, width := 0, -1, 0
	for i, r := range s {
		switch r {
		case '-', '–', '—':
			n++
			at, width = i, utf8.RuneLen(r)
			if r == '—' {
				return s, false // an em dash is "---" in BibTeX: not a range dash
			}
		}
	}
	if n != 1 {
		return s, false
	}
	if _, err := schema.ParsePages(s); err != nil {
		return s, false
	}
	return s[:at] + "--" + s[at+width:], true
}

// resolverPrefixes are what DOIs written as links start with, in lower
// case.
var resolverPrefixes = []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"}

// BareDOI returns a DOI written as a link or with a "doi:" prefix
// ("https://doi.org/10.1145/1", "doi:10.1145/1") without it, and reports
// whether s was such a DOI; anything else is left alone.
func BareDOI(s string) (string, bool) {
	t := strings.TrimSpace(s)
	low := strings.ToLower(t)
	for _, p := range resolverPrefixes {
		if strings.HasPrefix(low, p) {
			bare := strings.TrimSpace(t[len(p):])
			if !schema.ValidDOI(bare) {
				return s, false
			}
			return s[:strings.Index(s, t)] + bare + s[strings.Index(s, t)+len(t):], true
		}
	}
	return s, false
}
