package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParsePages reads a page range as proceedings write it: "1--14", "1-14",
// "1–14", "1—14", a single page "1219", article-style "4:1--4:56" and
// "6e:1-6e:2", and roman front matter "xi--xii". The error says what could
// not be read.
func ParsePages(s string) (Pages, error) {
	text := strings.TrimSpace(s)
	p := Pages{Text: text}
	if text == "" {
		return p, fmt.Errorf("empty page range")
	}
	first, last, ok := cutRange(text)
	if !ok {
		first, last = text, text
	}
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	if first == "" || last == "" {
		return p, fmt.Errorf("page range %q has an empty end", text)
	}
	// Article numbers: "4:1--4:56".
	if a1, f, ok1 := strings.Cut(first, ":"); ok1 {
		a2, l, ok2 := strings.Cut(last, ":")
		if !ok2 {
			a2, l = a1, last
		}
		if a1 != a2 {
			return p, fmt.Errorf("page range %q spans two articles (%q and %q)", text, a1, a2)
		}
		if !isArticle(a1) {
			return p, fmt.Errorf("page range %q has a bad article number %q", text, a1)
		}
		p.Article = a1
		first, last = f, l
	}
	if n, ok := roman(first); ok && p.Article == "" {
		m, ok2 := roman(last)
		if !ok2 {
			return p, fmt.Errorf("page range %q mixes roman and arabic numerals", text)
		}
		p.First, p.Last, p.Roman = n, m, true
		return p, nil
	}
	var err error
	if p.First, err = pageNumber(first); err != nil {
		return p, fmt.Errorf("page range %q: %v", text, err)
	}
	if p.Last, err = pageNumber(last); err != nil {
		return p, fmt.Errorf("page range %q: %v", text, err)
	}
	return p, nil
}

func cutRange(s string) (string, string, bool) {
	for _, sep := range []string{"---", "--", "—", "–", "‐", "-"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			return a, b, true
		}
	}
	return "", "", false
}

func isArticle(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func pageNumber(s string) (int, error) {
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a page number", s)
		}
	}
	if len(s) > 9 {
		return 0, fmt.Errorf("page number %q is too large", s)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q is not a page number", s)
	}
	return n, nil
}

// roman reads a lower- or upper-case roman numeral.
func roman(s string) (int, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	// Page numbers are arabic: an ASCII first byte that is no roman
	// digit in either case ends the search before the case checks. (A
	// non-ASCII one may lower to one: 'İ' lowers to 'i'.)
	if c := s[0]; c < utf8.RuneSelf {
		if _, ok := romanValue(c | 0x20); !ok {
			return 0, false
		}
	}
	lower := strings.ToLower(s)
	if lower != s && strings.ToUpper(s) != s {
		return 0, false
	}
	total := 0
	for i := 0; i < len(lower); i++ {
		v, ok := romanValue(lower[i])
		if !ok {
			return 0, false
		}
		if i+1 < len(lower) && romanDigit(lower[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	if total < 1 || toRoman(total) != lower {
		return 0, false
	}
	return total, true
}

// romanValue returns the value of the lower-case roman digit c; it was a
// map built on every call.
func romanValue(c byte) (int, bool) {
	switch c {
	case 'i':
		return 1, true
	case 'v':
		return 5, true
	case 'x':
		return 10, true
	case 'l':
		return 50, true
	case 'c':
		return 100, true
	case 'd':
		return 500, true
	case 'm':
		return 1000, true
	}
	return 0, false
}

// romanDigit is the value of c, or 0 when it is no roman digit.
func romanDigit(c byte) int {
	v, _ := romanValue(c)
	return v
}

func toRoman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// ValidDOI reports whether s is a DOI: "10.", a registrant code of four to
// nine digits (with optional ".N" sub-codes), "/" and a suffix without white
// space.
func ValidDOI(s string) bool {
	reg, suffix, ok := strings.Cut(s, "/")
	if !ok || suffix == "" || !strings.HasPrefix(reg, "10.") || strings.ContainsAny(suffix, " \t\r\n") {
		return false
	}
	return validRegistrant(reg[3:])
}

// validRegistrant reports whether code is a DOI registrant code: parts of
// digits separated by '.', the first of four to nine digits. It walks the
// parts in place rather than splitting code into a slice: every record
// with a DOI asks.
func validRegistrant(code string) bool {
	for i := 0; ; i++ {
		part, rest, more := strings.Cut(code, ".")
		if part == "" || (i == 0 && (len(part) < 4 || len(part) > 9)) || !allDigits(part) {
			return false
		}
		if !more {
			return true
		}
		code = rest
	}
}

// allDigits reports whether s holds only the ASCII digits 0-9.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
