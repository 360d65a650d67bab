package extract

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"testing"
)

// reEntryStart is the pattern of a line that starts a BibTeX entry.
var reEntryStart = regexp.MustCompile(`(?m)^[ \t]*@[A-Za-z]+[ \t]*[{(]`)

// entryStartCases are the edges of the pattern.
var entryStartCases = []string{
	"", "@", "@a", "@a{", "@a(", "@{", "@ a{", "@a {", "@a\t(", " \t@Article{k,",
	"x@a{", "\n@a{", "\r\n@a{", "a\n @b{\n\t@c(\n@d {", "@a1{", "@a-b{", "@é{",
	"@a\n{", "@a \n{", "\u00a0@a{", "@a}{", "% @a{\n@b{", "@@a{",
}

// firstEntryLineSplit is how BibTeXFile.Sniff found the first line that
// is neither blank nor a comment, before firstEntryLine.
func firstEntryLineSplit(head []byte) bool {
	for _, l := range bytes.Split(head, []byte("\n")) {
		t := bytes.TrimSpace(l)
		switch {
		case len(t) == 0 || t[0] == '%':
			continue
		case reEntryStart.Match(t):
			return true
		}
		break
	}
	return false
}

func TestFirstEntryLine(t *testing.T) {
	check := func(head []byte) {
		if got, want := firstEntryLine(head), firstEntryLineSplit(head); got != want {
			t.Fatalf("firstEntryLine(%q) = %v, want %v", head, got, want)
		}
	}
	for _, c := range entryStartCases {
		check([]byte(c))
	}
	alphabet := []string{" ", "\t", "@", "a", "{", "\n", "\r", "%", "\u00a0", "\u0085", "\n@in{", "x"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		check(b)
	}
}
