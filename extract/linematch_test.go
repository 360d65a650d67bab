package extract

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx/extract/internal/tocline"
)

// lineMatchers pairs each matcher with the regexp it must agree with.
var lineMatchers = []struct {
	name string
	re   *regexp.Regexp
	fn   func(string) bool
}{
	{"date", reDate, tocline.MatchDate},
	{"heading", tocline.ReHeading, tocline.MatchHeading},
	{"footer", reFooter, tocline.MatchFooter},
	{"affiliation", tocline.ReAffiliation, tocline.MatchAffiliation},
	{"acronym", reAcronym, tocline.MatchAcronym},
	{"link label", reLinkLabel, tocline.IsLinkLabel},
}

func checkLineMatchers(t *testing.T, s string) {
	t.Helper()
	for _, m := range lineMatchers {
		want := m.re.MatchString(s)
		if m.name == "link label" {
			want = want && len(s) >= 4 && len(s) <= 60 // tocline.IsLinkLabel's length bounds
		}
		if got := m.fn(s); got != want {
			t.Fatalf("%s: match(%q) = %v, regexp says %v", m.name, s, got, want)
		}
	}
	if got, want := tocline.FindAcronym(s), reAcronym.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Fatalf("tocline.FindAcronym(%q) = %v, regexp says %v", s, got, want)
	}
	month, day, year, ok := tocline.ParseDate(s)
	if m := reDate.FindStringSubmatch(s); ok != (m != nil) || ok && (month != m[1] || day != m[2] || year != m[3]) {
		t.Fatalf("tocline.ParseDate(%q) = %q, %q, %q, %v; regexp says %q", s, month, day, year, ok, m)
	}
	if got, want := parseHeaderDate(s), parseHeaderDateRegexp(s); got != want {
		t.Fatalf("parseHeaderDate(%q) = %q, want %q", s, got, want)
	}
}

// parseHeaderDateRegexp is parseHeaderDate as it was, with reDate's
// submatches and time.Parse.
func parseHeaderDateRegexp(t string) string {
	m := reDate.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	month := m[1]
	if len(month) > 3 {
		month = month[:3]
	}
	d, err := time.Parse("Jan 2 2006", month+" "+m[2]+" "+m[3])
	if err != nil {
		return ""
	}
	return d.Format("2006-01-02")
}

// lineMatcherTokens are the pieces random lines are made of: the words of
// every alternative, digits, punctuation, case variants and the non-ASCII
// characters case folding relates to ASCII letters.
var lineMatcherTokens = []string{
	"January", "Jan", "Sept", "Sep", "May", "Dec", "December", "Oct", ".", ",", " ", "\t", "-", "–", "1", "12", "2021", "20",
	"front", "Front", "FRONT", "matter", "-", "papers", "Papers", "research", "session", "SESSION", "Session", ":", "track", "section",
	"keynote", "Keynotes", "talks", "invited", "posters", "demos", "tutorial", "workshops", "panels", "industry", "tool", "short",
	"full", "regular", "s", "\u212a", "\u017f", "eynote", "ession", "proc time:", "Powered by", "0.5", "s", "(", ")", "(ACM)",
	"\r", "\n", "Publisher", "Author", "'", "’", "Version", "Preprint", "Archive submitted", "Artifact", "Artifacts",
	"Available", "Functional", "Reusable", "Evaluated", "Results", "Reproduced", "Replicated", "Video", "Info",
	"Supplementary Material", "Slides", "Paper", "x", "é", "\xff", "Conference (VEE 2021)",
}

func TestLineMatchersMatchRegexps(t *testing.T) {
	// Every line of the fixtures.
	for _, b := range tocFixtures(t) {
		for _, l := range strings.Split(string(b), "\n") {
			checkLineMatchers(t, l)
			checkLineMatchers(t, strings.TrimSpace(l))
		}
	}
	r := rand.New(rand.NewPCG(15, 16))
	for range 200000 {
		checkLineMatchers(t, randomText(r, lineMatcherTokens, 7))
	}
	// Dates: each part of the pattern, or something near it, or nothing.
	parts := [][]string{
		{"", "x", "April", "Apr", "Sept", "Jun", "june", "Mai", "February", "Feb", "September", "Nov", "Junes", "Ma"},
		{"", ".", ","},
		{"", " ", "  ", "\t"},
		{"", "1", "16", "123", "x", "0", "00", "29", "30", "31", "32", "07"},
		{"", "-", " – ", "--"},
		{"", "18", "1", "a"},
		{"", ",", ";"},
		{"", " ", "\u00a0"},
		{"", "2021", "202", "20211", "2000", "1900", "2024", "0000", "0400", "2023"},
		{"", ",", ".", "\n"},
	}
	for range 100000 {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p[r.IntN(len(p))])
		}
		checkLineMatchers(t, b.String())
	}
}

func FuzzLineMatchers(f *testing.F) {
	for _, s := range lineMatcherTokens {
		f.Add(s)
	}
	f.Add("April 16, 2021,")
	f.Add("SESSION: Virtualization")
	f.Add("Archive submitted (1.2 MB)")
	for _, s := range []string{" \t(Inria, France)", "(x)\r", "\t(x) \r", "a\n(b)", "x (y)", "()", "(\n)", "Conference (SYN15 2015),"} {
		f.Add(s)
	}
	f.Add("10th ACM Conference (SYN15 2015),")
	f.Add("A (B) (C 2020).")
	f.Add("February 29, 2024")
	f.Add("Sept. 31 – 2, 2023,")
	f.Add("proc time: 1.00 s")
	f.Fuzz(checkLineMatchers)
}
