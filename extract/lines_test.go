package extract

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// splitAuthorsSimple is SplitAuthors as it was before it cut parts in
// place: the reference TestSplitAuthorsMatchesSimple holds it to.
func splitAuthorsSimple(s string) []string {
	splitAnd := func(s string) []string {
		s = strings.TrimSpace(s)
		for _, lead := range []string{"and ", "& "} {
			s = strings.TrimPrefix(s, lead)
		}
		var out []string
		for {
			i := strings.Index(s, " and ")
			j := strings.Index(s, " & ")
			if j >= 0 && (i < 0 || j < i) {
				out = append(out, s[:j])
				s = s[j+3:]
				continue
			}
			if i < 0 {
				break
			}
			out = append(out, s[:i])
			s = s[i+5:]
		}
		s = strings.TrimSuffix(strings.TrimSuffix(s, " and"), " &")
		if s == "and" || s == "&" {
			s = ""
		}
		return append(out, s)
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		for j, name := range splitAnd(part) {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if j == 0 && len(out) > 0 && isSuffix(name) {
				out[len(out)-1] += ", " + name
				continue
			}
			out = append(out, name)
		}
	}
	return out
}

// checkSplitAuthors holds SplitAuthors to splitAuthorsSimple, and
// indexNear to strings.Index on the names and their words.
func checkSplitAuthors(t *testing.T, s string) {
	t.Helper()
	got, want := splitAuthors(s), splitAuthorsSimple(s)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SplitAuthors(%q) = %q, want %q", s, got, want)
	}
	for _, name := range append(got, "", "and", " ", firstWord(s)) {
		for from := range min(len(s)+1, 12) {
			if g, w := indexNear(s[from:], name), strings.Index(s[from:], name); g != w {
				t.Fatalf("indexNear(%q, %q) = %d, want %d", s[from:], name, g, w)
			}
		}
	}
}

func TestSplitAuthorsMatchesSimple(t *testing.T) {
	alphabet := []string{" ", ",", "and", " and ", "&", " & ", "A", "Bo", "Jr.", "II", "é", "\t", "an", "d ", "& "}
	r := rand.New(rand.NewPCG(9, 10))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		checkSplitAuthors(t, b.String())
	}
}

func FuzzSplitAuthors(f *testing.F) {
	for _, s := range []string{"A, B, and C", "A and B", "A & B", "A, Jr., B", " and and ", "A  and  B &", "& A and", "Ann Author, Ann Author and Ann"} {
		f.Add(s)
	}
	f.Fuzz(checkSplitAuthors)
}
