package schema

import (
	"fmt"
	"strconv"
	"strings"
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
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	lower := strings.ToLower(s)
	if lower != s && strings.ToUpper(s) != s {
		return 0, false
	}
	total := 0
	for i := 0; i < len(lower); i++ {
		v, ok := val[lower[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(lower) && val[lower[i+1]] > v {
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
	for i, part := range strings.Split(reg[3:], ".") {
		if part == "" || (i == 0 && (len(part) < 4 || len(part) > 9)) {
			return false
		}
		for _, c := range part {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}
