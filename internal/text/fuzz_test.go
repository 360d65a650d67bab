package text

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// seeds returns lines of the fixtures: the reference and its mojibake
// version, the names of the table tests and the LaTeX cases.
func seeds(f *testing.F) []string {
	var out []string
	for _, p := range []string{"../../fixtures/vee21.txt", "../../fixtures/encoding/vee21.mojibake.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if len(l) < 300 {
				out = append(out, l)
			}
		}
	}
	for _, n := range append(append([]nameTest(nil), corpusNames...), formNames...) {
		out = append(out, n.in)
	}
	return out
}

func withoutInvisible(s string) string {
	out, _ := stripInvisible(s)
	return out
}

// FuzzClean: cleaning is idempotent and changes no letter except by NFC.
func FuzzClean(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add("e\u200b\u0301 \u00ad\u202e x")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			everyFunc(s) // must not panic: library callers may pass any string
			return
		}
		out, _ := Clean(s)
		if again, fs := Clean(out); again != out || len(fs) > 0 {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q %v", s, out, again, fs)
		}
		if letters(out) != letters(withoutInvisible(s)) {
			t.Fatalf("Clean(%q) = %q changed letters", s, out)
		}
	})
}

// FuzzName: a name's letters are only reordered (comma forms), never
// changed, and normalizing an author twice changes nothing.
func FuzzName(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			everyFunc(s) // must not panic: library callers may pass any string
			return
		}
		a, _ := ParseName(s)
		if !strings.ContainsAny(s, `\{}~$`) {
			in := sortedLetters(withoutInvisible(s))
			for _, part := range []string{a.Name, a.Given + a.Family + a.Suffix} {
				if sortedLetters(part) != in {
					t.Fatalf("ParseName(%q) = %+v changed letters", s, a)
				}
			}
			if !strings.HasPrefix(a.Family, a.Particle) {
				t.Fatalf("ParseName(%q) = %+v: particle outside family", s, a)
			}
		}
		once, _ := Author(schema.Author{Name: s})
		if twice, _ := Author(once); twice != once {
			t.Fatalf("Author not idempotent on %q:\n%+v\n%+v", s, once, twice)
		}
		title, _ := Prose(Text(s))
		if again, _ := Prose(Text(title)); again != title {
			t.Fatalf("Prose not idempotent on %q: %q, then %q", s, title, again)
		}
		abstract, _ := Paragraphs(s)
		if again, _ := Paragraphs(abstract); again != abstract {
			t.Fatalf("Paragraphs not idempotent on %q: %q, then %q", s, abstract, again)
		}
	})
}

// FuzzLaTeX: decoding never panics, leaves text without markup alone and
// gives NFC.
func FuzzLaTeX(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add(`{\'\i}\c{c}\v{r}\H{o}\.z\k{a}\u{a}\=a\~n\^o\r{a}\l\L\o\O\ss\aa\AA\ae\AE\oe\i\j\&\%\_\#\$--- $\ell_p$`)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			everyFunc(s) // must not panic: library callers may pass any string
			return
		}
		out, left := LaTeX(s)
		if ref, refLeft := latex(s, false); out != ref || !slices.Equal(left, refLeft) {
			t.Fatalf("LaTeX(%q) = %q, %q; with combining marks and NFC after, %q, %q", s, out, left, ref, refLeft)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("LaTeX(%q) = %q is not UTF-8", s, out)
		}
		if !strings.ContainsAny(s, "\\{}$~-`'") && out != norm.NFC.String(s) {
			t.Fatalf("LaTeX(%q) = %q changed text without markup", s, out)
		}
		if !strings.Contains(s, `\`) && letters(strings.ReplaceAll(out, "ı", "i")) != letters(strings.ReplaceAll(s, "ı", "i")) {
			// Without commands only braces, dashes, quotes and ties change.
			t.Fatalf("LaTeX(%q) = %q changed letters", s, out)
		}
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("LaTeX(%q) = %q is not NFC", s, out)
		}
	})
}

// mojibake returns s UTF-8 encoded and decoded once too often.
func mojibake(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			continue
		}
		if r := charmap.Windows1252.DecodeByte(c); r != utf8.RuneError {
			b.WriteRune(r)
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// FuzzMojibake: a repair changes only the words it reports, and text
// mis-decoded once is repaired exactly.
func FuzzMojibake(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			everyFunc(s) // must not panic: library callers may pass any string
			return
		}
		out, found := RepairMojibake(s)
		// Undo every reported word: that gives the input back.
		var b bytes.Buffer
		prev := 0
		for _, m := range found {
			if m.Off < prev || m.End > len(out) || out[m.Off:m.End] != m.Now || m.Was == m.Now && m.Repaired {
				t.Fatalf("RepairMojibake(%q): bad finding %+v in %q", s, m, out)
			}
			b.WriteString(out[prev:m.Off])
			b.WriteString(m.Was)
			prev = m.End
		}
		b.WriteString(out[prev:])
		if b.String() != s {
			t.Fatalf("RepairMojibake(%q) = %q changed unreported text", s, out)
		}
		// Text none of whose characters Windows-1252 maps to a byte
		// comes back exactly from its mojibake.
		for _, r := range s {
			if _, ok := cp1252Byte(r); ok || r >= utf8.RuneSelf && !plausible([]byte(string(r))) {
				return
			}
		}
		// A run of non-ASCII characters that holds a foreign letter and
		// touches an ASCII letter is taken for capitals and punctuation,
		// by design (see foreignInLatin, which judges the whole run:
		// "ЄŊA" stays "Ð„" in part).
		rs := []rune(s)
		for i := 0; i < len(rs); {
			if rs[i] < utf8.RuneSelf {
				i++
				continue
			}
			j := i
			for j < len(rs) && rs[j] >= utf8.RuneSelf {
				j++
			}
			before, after := "", ""
			if i > 0 {
				before = string(rs[i-1])
			}
			if j < len(rs) {
				after = string(rs[j])
			}
			if foreignInLatin(string(rs[i:j]), before, after) {
				return
			}
			i = j
		}
		if got, _ := RepairMojibake(mojibake(s)); got != s {
			t.Fatalf("RepairMojibake(mojibake(%q)) = %q", s, got)
		}
	})
}

// everyFunc runs each exported string function of the package on s, for
// the fuzz targets' inputs that are not UTF-8: procx's readers decode to
// UTF-8 first, but a library caller may pass anything.
func everyFunc(s string) {
	Clean(s)
	Text(s)
	LaTeX(s)
	BibTeXValue(s)
	RepairMojibake(s)
	Name(s)
	ParseName(s)
	SplitBibTeXNames(s)
	BibTeXNameRanges(s)
	BibTeXAuthors(s)
	Affiliation(s)
	Country(s)
	CountryName(s)
	MixedScript(s)
	Field(s)
	Prose(s)
	Paragraphs(s)
	Author(schema.Author{Name: s})
	BibTeXField("title", s)
}
