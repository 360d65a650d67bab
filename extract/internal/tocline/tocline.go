// Package tocline recognises the kinds of line a table of contents is
// made of (dates, headings, footers, affiliations, acronyms, link labels)
// without running a regexp on every line.
package tocline

import (
	"regexp"
	"strings"
)

// ReAffiliation matches a parenthesised affiliation line ("(TU Munich,
// Germany)"); ReHeading a section heading of a table of contents.
var (
	ReAffiliation = regexp.MustCompile(`(?m)^[ \t]*\(.+\)[ \t]*\r?$`)
	ReHeading     = regexp.MustCompile(`(?i)^(front ?-?matter|front matter|papers|research papers|regular papers|full papers|short papers|tool papers|keynotes?( talks?)?|invited talks?|invited papers?|posters?|demos?|tutorials?|workshops?|panels?|industry (track|papers)|(session|track|section)\b.*|(SESSION|SECTION):.*)$`)
)

// The segmenter asks of nearly every line whether it is a date, a heading,
// a footer, an affiliation, an acronym line or a link label. Each matchX
// reports exactly reX.MatchString(t), but first tries a condition that
// every match meets and most lines fail, such as the first or last byte,
// so that the regexp runs only on lines that may match. A test and fuzz
// target hold each to its regexp.

// MatchDate reports reDate.MatchString(t), as a scan of its parts:
// ParseDate.
func MatchDate(t string) bool {
	_, _, _, ok := ParseDate(t)
	return ok
}

// ParseDate returns the month, day and year submatches of reDate in t,
// as reDate.FindStringSubmatch(t)[1:4] gives them, and whether t matches.
// The pattern is anchored at both ends and its parts cannot overlap, so
// the one way to match it is read from left to right: the month is the
// whole run of letters at the start (a '.' or white space must follow
// it), the day the whole run of digits after it, and so on. A table of
// contents has a date line per file; the regexp and its submatches were
// most of reading one.
func ParseDate(t string) (month, day, year string, ok bool) {
	i := 0
	for i < len(t) && IsLetterASCII(t[i]) {
		i++
	}
	if !isMonthName(t[:i]) {
		return "", "", "", false
	}
	month = t[:i]
	if i < len(t) && t[i] == '.' {
		i++
	}
	j := skipPerlSpace(t, i)
	if j == i {
		return "", "", "", false
	}
	i = j
	j = skipDigits(t, i)
	if j == i || j-i > 2 {
		return "", "", "", false
	}
	day, i = t[i:j], j
	// (?:\s*[-–]\s*\d{1,2})?: nothing after the day but a dash starts
	// with white space and a dash, so the group is taken when one is
	// there and must then match.
	j = skipPerlSpace(t, i)
	if dash := dashLen(t[j:]); dash > 0 {
		j = skipPerlSpace(t, j+dash)
		k := skipDigits(t, j)
		if k == j || k-j > 2 {
			return "", "", "", false
		}
		i = k
	}
	if i < len(t) && t[i] == ',' {
		i++
	}
	j = skipPerlSpace(t, i)
	if j == i {
		return "", "", "", false
	}
	i = j
	j = skipDigits(t, i)
	if j-i != 4 {
		return "", "", "", false
	}
	year, i = t[i:j], j
	if i < len(t) && t[i] == ',' {
		i++
	}
	if i != len(t) {
		return "", "", "", false
	}
	return month, day, year, true
}

// monthNames are the months reDate takes, full and short.
var monthNames = [...]string{
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}

func isMonthName(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, m := range monthNames {
		if s == m {
			return true
		}
	}
	return false
}

// skipPerlSpace returns the index after the run of \s ([\t\n\f\r ])
// at t[i:].
func skipPerlSpace(t string, i int) int {
	for i < len(t) {
		switch t[i] {
		case ' ', '\t', '\n', '\f', '\r':
			i++
			continue
		}
		break
	}
	return i
}

// skipDigits returns the index after the run of ASCII digits at t[i:].
func skipDigits(t string, i int) int {
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i
}

// dashLen is the length of the '-' or '–' that t starts with, or 0.
func dashLen(t string) int {
	switch {
	case strings.HasPrefix(t, "-"):
		return 1
	case strings.HasPrefix(t, "–"):
		return len("–")
	}
	return 0
}

// MatchHeading reports ReHeading.MatchString(t): a match starts with the
// first letter of a heading word in either case, or with a non-ASCII
// character that case folding takes for one (the Kelvin sign for 'k', the
// long s for 's').
func MatchHeading(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0] | 0x20; t[0] < 0x80 && strings.IndexByte("fprstkidw", c) < 0 {
		return false
	}
	return ReHeading.MatchString(t)
}

// MatchFooter reports reFooter.MatchString(t),
// `^(proc time:\s*[0-9.]+\s*s?|Powered by.*)$`, as a scan: the parts
// of the first cannot overlap, and ".*" takes anything but a newline.
// Every file has its footer lines, and the regexp's backtracker was the
// deepest stack a file's reading needed.
func MatchFooter(t string) bool {
	if rest, ok := strings.CutPrefix(t, "Powered by"); ok {
		return strings.IndexByte(rest, '\n') < 0
	}
	rest, ok := strings.CutPrefix(t, "proc time:")
	if !ok {
		return false
	}
	i := skipPerlSpace(rest, 0)
	j := i
	for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == '.') {
		j++
	}
	if j == i {
		return false
	}
	j = skipPerlSpace(rest, j)
	if j < len(rest) && rest[j] == 's' {
		j++
	}
	return j == len(rest)
}

// MatchAffiliation reports ReAffiliation.MatchString(t): a match holds a
// parenthesis. In a line without a newline, the only start of a line is
// its start, so a match has '(' after the spaces and tabs there; a
// conference name with "(ACRONYM YEAR)" at its end no longer runs the
// unanchored regexp.
func MatchAffiliation(t string) bool {
	if strings.IndexByte(t, '(') < 0 {
		return false
	}
	if strings.IndexByte(t, '\n') < 0 {
		i := 0
		for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		if i == len(t) || t[i] != '(' {
			return false
		}
	}
	return ReAffiliation.MatchString(t)
}

// MatchAcronym reports reAcronym.MatchString(t): FindAcronym(t) != nil.
func MatchAcronym(t string) bool {
	_, _, ok := acronymAt(t)
	return ok
}

// acronymAt finds the match of reAcronym, `\(([^()]*?\b\d{4})\)[,.]?$`,
// in t: the byte offsets of its '(' and of the ')' after it. A match
// ends t with ')', perhaps followed by a comma or a full stop, and starts
// at the last '(' (nothing between its parentheses is one); the four
// digits before the ')' must start a word, which they do after '(' or a
// character that is not an ASCII letter, digit or '_'.
func acronymAt(t string) (open, close int, ok bool) {
	n := len(t)
	if n > 0 && (t[n-1] == ',' || t[n-1] == '.') {
		n--
	}
	if n == 0 || t[n-1] != ')' {
		return 0, 0, false
	}
	close = n - 1
	open = strings.LastIndexByte(t[:close], '(')
	if open < 0 || close-open-1 < 4 || strings.IndexByte(t[open+1:close], ')') >= 0 {
		return 0, 0, false
	}
	d := close - 4
	if skipDigits(t, d) != close || isWordByte(t[d-1]) {
		return 0, 0, false
	}
	return open, close, true
}

// isWordByte reports whether c is an ASCII word character, as \b reads
// them.
func isWordByte(c byte) bool {
	return IsLetterASCII(c) || c >= '0' && c <= '9' || c == '_'
}

// IsLinkLabel recognises the link labels that follow a paper's BibTeX
// ("Publisher's Version"). It is reLinkLabel written out: labels are a
// fixed list, and three of them take any text after a fixed start.
func IsLinkLabel(t string) bool {
	if len(t) < 4 || len(t) > 60 {
		return false
	}
	// Every label starts with one of these capitals; the segmenter asks
	// of every line of every entry, and field lines start in lower case.
	switch t[0] {
	case 'P', 'A', 'V', 'I', 'S', 'R':
	default:
		return false
	}
	switch t {
	case "Publisher's Version", "Publisher’s Version", "Author's Version", "Author’s Version",
		"Preprint", "Video", "Info", "Supplementary Material", "Slides", "Paper",
		"Artifact Available", "Artifacts Available", "Artifact Functional", "Artifacts Functional",
		"Artifact Reusable", "Artifacts Reusable", "Results Reproduced", "Results Replicated":
		return true
	}
	for _, start := range [...]string{"Archive submitted", "Artifact Evaluated", "Artifacts Evaluated"} {
		if strings.HasPrefix(t, start) {
			// The regexp's ".*" stops at a newline, which a line
			// never holds.
			return strings.IndexByte(t, '\n') < 0
		}
	}
	return false
}

// FindAcronym returns reAcronym.FindStringSubmatchIndex(t), found by
// acronymAt.
func FindAcronym(t string) []int {
	open, close, ok := acronymAt(t)
	if !ok {
		return nil
	}
	return []int{open, len(t), open + 1, close}
}

// IsLetterASCII reports whether c is an ASCII letter.
func IsLetterASCII(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
