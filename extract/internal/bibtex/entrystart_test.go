package bibtex

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// reEntryStart is the regexp the entry-start scans replace; the tests
// below hold the scans to it.
var reEntryStart = regexp.MustCompile(`(?m)^[ \t]*@[A-Za-z]+[ \t]*[{(]`)

// checkEntryStart compares the scans with the regexp on text, as the
// sniffers and the segmenter use them.
func checkEntryStart(t *testing.T, text []byte) {
	t.Helper()
	for _, limit := range []int{1, 3} {
		want := len(reEntryStart.FindAllIndex(text, limit))
		if got := CountEntryStarts(text, limit); got != want {
			t.Fatalf("CountEntryStarts(%q, %d) = %d, regexp finds %d", text, limit, got, want)
		}
	}
	// One line, as isEntryStart and the sniffers see it: the regexp is
	// anchored at the start there.
	if loc := reEntryStart.FindIndex(text); (loc != nil && loc[0] == 0) != IsEntryStart(text) {
		t.Fatalf("IsEntryStart(%q) = %v, regexp match at %v", text, IsEntryStart(text), loc)
	}
	if IsEntryStart(text) != IsEntryStart(string(text)) {
		t.Fatalf("IsEntryStart differs for string and []byte on %q", text)
	}
}

// entryStartCases are the edges of the pattern.
var entryStartCases = []string{
	"", "@", "@a", "@a{", "@a(", "@{", "@ a{", "@a {", "@a\t(", " \t@Article{k,",
	"x@a{", "\n@a{", "\r\n@a{", "a\n @b{\n\t@c(\n@d {", "@a1{", "@a-b{", "@é{",
	"@InProceedings{key,\n  title = {T},\n}\n@misc{x}\n@book(y)\n",
	"@a\n{", "@a \n{", "\u00a0@a{", "@a}{", "% @a{\n@b{", "@@a{", "@a{\n@a{\n@a{\n@a{",
}

func TestEntryStartMatchesRegexp(t *testing.T) {
	for _, c := range entryStartCases {
		checkEntryStart(t, []byte(c))
	}
	// Random texts over the pattern's alphabet.
	alphabet := []string{" ", "\t", "@", "a", "Z", "{", "(", "\n", "\r", "x", "1", "}", "é", "%", "\n@in{"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b []byte
		for range r.IntN(14) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		checkEntryStart(t, b)
	}
}

func FuzzEntryStart(f *testing.F) {
	for _, c := range entryStartCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkEntryStart(t, text)
	})
}
