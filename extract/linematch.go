package extract

import "strings"

// The segmenter asks of nearly every line whether it is a date, a heading,
// a footer, an affiliation, an acronym line or a link label. Each matchX
// reports exactly reX.MatchString(t), but first tries a condition that
// every match meets and most lines fail, such as the first or last byte,
// so that the regexp runs only on lines that may match. A test and fuzz
// target hold each to its regexp.

// matchDate reports reDate.MatchString(t): a match starts with a month
// name's capital and ends with the year's last digit or a comma.
func matchDate(t string) bool {
	if t == "" || strings.IndexByte("JFMASOND", t[0]) < 0 {
		return false
	}
	if c := t[len(t)-1]; !(c >= '0' && c <= '9' || c == ',') {
		return false
	}
	return reDate.MatchString(t)
}

// matchHeading reports reHeading.MatchString(t): a match starts with the
// first letter of a heading word in either case, or with a non-ASCII
// character that case folding takes for one (the Kelvin sign for 'k', the
// long s for 's').
func matchHeading(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0] | 0x20; t[0] < 0x80 && strings.IndexByte("fprstkidw", c) < 0 {
		return false
	}
	return reHeading.MatchString(t)
}

// matchFooter reports reFooter.MatchString(t): both kinds of footer start
// with fixed text.
func matchFooter(t string) bool {
	if !strings.HasPrefix(t, "proc time:") && !strings.HasPrefix(t, "Powered by") {
		return false
	}
	return reFooter.MatchString(t)
}

// matchAffiliation reports reAffiliation.MatchString(t): a match holds a
// parenthesis. In a line without a newline, the only start of a line is
// its start, so a match has '(' after the spaces and tabs there; a
// conference name with "(ACRONYM YEAR)" at its end no longer runs the
// unanchored regexp.
func matchAffiliation(t string) bool {
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
	return reAffiliation.MatchString(t)
}

// matchAcronym reports reAcronym.MatchString(t): a match ends with ')',
// perhaps followed by a comma or a full stop, and starts at the last '('
// (nothing between its parentheses is one). Matching from there spares
// the unanchored regexp a try at every byte of a long conference name.
func matchAcronym(t string) bool {
	n := len(t)
	if n > 0 && (t[n-1] == ',' || t[n-1] == '.') {
		n--
	}
	if n == 0 || t[n-1] != ')' {
		return false
	}
	open := strings.LastIndexByte(t, '(')
	if open < 0 {
		return false
	}
	return reAcronym.MatchString(t[open:])
}

// isLinkLabel recognises the link labels that follow a paper's BibTeX
// ("Publisher's Version"). It is reLinkLabel written out: labels are a
// fixed list, and three of them take any text after a fixed start.
func isLinkLabel(t string) bool {
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

// findAcronym returns reAcronym.FindStringSubmatchIndex(t). A match starts
// at the last '(' of t, as matchAcronym explains, so the regexp runs from
// there rather than from every byte of the conference name.
func findAcronym(t string) []int {
	open := strings.LastIndexByte(t, '(')
	if open < 0 {
		return nil
	}
	m := reAcronym.FindStringSubmatchIndex(t[open:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += open
		}
	}
	return m
}
