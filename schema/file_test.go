package schema

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// TestResolveSharedOffset: thousands of diagnostics ending at the end of
// one long line (an author list of 20,000 names) resolve in linear time:
// the runes before an offset are counted once.
func TestResolveSharedOffset(t *testing.T) {
	line := bytes.Repeat([]byte("Ann Author, "), 1<<17) // 1.5 MB
	text := append(append([]byte("title\n"), line...), "\nend\n"...)
	f := NewFile("long.txt", text)
	end := 6 + len(line)
	ds := make([]Diagnostic, 20000)
	for i := range ds {
		ds[i] = Diagnostic{Off: 6, End: end, Related: []Related{{Off: end}}}
	}
	start := time.Now()
	f.Resolve(ds)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("Resolve took %s", el)
	}
	if d := ds[len(ds)-1]; d.Line != 2 || d.Column != 1 || d.EndLine != 2 || d.EndColumn != len(line)+1 || d.Related[0].Column != len(line)+1 {
		t.Errorf("resolved %+v", d)
	}
}

// lineStartsRef is the byte loop lineStarts replaced.
func lineStartsRef(text []byte) []int {
	lines := []int{0}
	for i, c := range text {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

var lineStartsSeeds = []string{"", "\n", "\n\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "\nx\n\ny", "é\nü\n"}

func TestLineStarts(t *testing.T) {
	for _, s := range lineStartsSeeds {
		if got, want := lineStarts([]byte(s)), lineStartsRef([]byte(s)); !slices.Equal(got, want) {
			t.Errorf("lineStarts(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzLineStarts(f *testing.F) {
	for _, s := range lineStartsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := lineStarts(b), lineStartsRef(b); !slices.Equal(got, want) {
			t.Errorf("lineStarts(%q) = %v, want %v", b, got, want)
		}
	})
}
