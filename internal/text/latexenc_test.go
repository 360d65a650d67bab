package text

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestEscapeLaTeX(t *testing.T) {
	utf, ascii, title := EscapeOptions{}, EscapeOptions{ASCII: true}, EscapeOptions{Protect: true}
	for _, c := range []struct {
		in   string
		opt  EscapeOptions
		want string
	}{
		{"R&D 100% #1 a_b", utf, `R\&D 100\% \#1 a\_b`},
		{`C:\dir {x} ~ ^`, utf, `C:\textbackslash{}dir \textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{}`},
		{"Schölkopf, Łukasz, Jiří, Vicenç, Gödel’s", utf, "Schölkopf, Łukasz, Jiří, Vicenç, Gödel’s"},
		{"Schölkopf", ascii, `Sch{\"o}lkopf`},
		{"Łukasz Jiří Vicenç ß Ø å", ascii, `{\L}ukasz Ji{\v{r}}{\'i} Vicen{\c{c}} {\ss} {\O} {\r{a}}`},
		{"ǘ ő İ", ascii, `{\'{\"u}} {\H{o}} {\.I}`},
		{"a – b — c “q” ’", ascii, "a -- b --- c ``q'' {\\textquoteright}"},
		{"µKontainer 東京", ascii, "µKontainer 東京"},
		{"C-- and ``x'' and a–-b", ascii, "C-{}- and `{}`x'{}' and a--{}-b"},
		{"math $\\ell_p$ kept, $5 escaped", utf, `math $\ell_p$ kept, \$5 escaped`},
		{"unbalanced $a}b$ math", utf, `unbalanced \$a\textbraceright{}b\$ math`},
		{"virtio-mem: Paravirtualized Memory Hot(Un)Plug on QEMU/KVM and NUMA", title,
			"virtio-mem: Paravirtualized Memory {Hot(Un)Plug} on {QEMU/KVM} and {NUMA}"},
		{"(SSP): the libOS A x86-64 µKontainer", title, "{(SSP):} the {libOS} A x86-64 {µKontainer}"},
		{"one\n@Override", utf, "one\n{@}Override"},
	} {
		if got := EscapeLaTeX(c.in, c.opt); got != c.want {
			t.Errorf("EscapeLaTeX(%q, %+v) = %q, want %q", c.in, c.opt, got, c.want)
		}
		checkEscaped(t, c.in, c.opt)
	}
}

// checkEscaped holds EscapeLaTeX to its contract for s: LaTeX reads the
// result back as s in NFC with nothing left over, and its braces balance
// counted both ways.
func checkEscaped(t *testing.T, s string, opt EscapeOptions) {
	t.Helper()
	out := EscapeLaTeX(s, opt)
	want := norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	back, left := LaTeX(out)
	if back != want || len(left) > 0 {
		t.Fatalf("LaTeX(EscapeLaTeX(%q, %+v)) = %q %q, want %q\n(escaped: %q)", s, opt, back, left, want, out)
	}
	if !balanced(out, false) || !balanced(out, true) {
		t.Fatalf("EscapeLaTeX(%q, %+v) = %q: braces do not balance", s, opt, out)
	}
	if opt.ASCII {
		for _, r := range out {
			if r >= utf8.RuneSelf {
				if _, ok := latexSpelling(r); ok {
					t.Fatalf("EscapeLaTeX(%q, ascii) = %q left %q, which LaTeX spells", s, out, r)
				}
			}
		}
	}
}

// balanced reports whether the braces of s balance, counting escaped
// braces (BibTeX) or skipping them (escapes).
func balanced(s string, escapes bool) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if escapes {
				i++
			}
		case '{':
			depth++
		case '}':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// TestEscapeLaTeXFixtures holds the round trip on every line of the
// fixtures and every name of the name tests, in each mode.
func TestEscapeLaTeXFixtures(t *testing.T) {
	lines := seedLines(t)
	for _, opt := range []EscapeOptions{{}, {ASCII: true}, {Protect: true}, {ASCII: true, Protect: true}} {
		for _, s := range lines {
			checkEscaped(t, s, opt)
		}
	}
}

// seedLines returns the lines of the fixtures that seeds reads, and the
// names of the name tests, decoded as the readers decode them.
func seedLines(t *testing.T) []string {
	var out []string
	for _, p := range []string{"../../fixtures/vee21.txt", "../../fixtures/encoding/vee21.mojibake.txt", "../../fixtures/bibtex/volume.bib"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			out = append(out, l)
			if d, _ := LaTeX(l); d != l {
				out = append(out, d)
			}
		}
	}
	for _, n := range append(append([]nameTest(nil), corpusNames...), formNames...) {
		out = append(out, n.in, Name(n.in).Family, Name(n.in).Name)
	}
	return out
}

// FuzzEscapeLaTeX: any text escaped reads back as itself and balances.
func FuzzEscapeLaTeX(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s, false, false)
	}
	f.Add("a--b ``c'' $x$ $y {z}$ \\ { } ~ ^ & % # _ @", true, true)
	f.Fuzz(func(t *testing.T, s string, ascii, protect bool) {
		checkEscaped(t, s, EscapeOptions{ASCII: ascii, Protect: protect})
	})
}
