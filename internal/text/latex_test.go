package text

import (
	"slices"
	"testing"
)

func TestLaTeX(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		left     []string
	}{
		{`Sch{\"o}lkopf`, "Schölkopf", nil},
		{`Sch\"{o}lkopf`, "Schölkopf", nil},
		{`Sch\"olkopf`, "Schölkopf", nil},
		{`Mart{\'\i}n`, "Martín", nil},
		{`Mart\'{\i}n`, "Martín", nil},
		{`Mart\'{i}n`, "Martín", nil},
		{`Fran\c{c}ois`, "François", nil},
		{`Fran\c cois`, "François", nil},
		{`\c{l}`, "ļ", nil},
		{`\v{r}`, "ř", nil},
		{`Dvo\v{r}\'{a}k`, "Dvořák", nil},
		{`Erd\H{o}s`, "Erdős", nil},
		{`\.z`, "ż", nil},
		{`\.{Z}`, "Ż", nil},
		{`\k{a}`, "ą", nil},
		{`\u{a}`, "ă", nil},
		{`\=a`, "ā", nil},
		{`\~n`, "ñ", nil},
		{`Espa\~{n}a`, "España", nil},
		{`\^o`, "ô", nil},
		{`\r{a}`, "å", nil},
		{`\r a`, "å", nil},
		{"\\`e", "è", nil},
		{`\l`, "ł", nil},
		{`Pawe{\l}`, "Paweł", nil},
		{`\L{}ukasz`, "Łukasz", nil},
		{`S\o{}ren`, "Søren", nil},
		{`S{\o}ren`, "Søren", nil},
		{`\O`, "Ø", nil},
		{`Stra\ss e`, "Straße", nil},
		{`{\aa}`, "å", nil},
		{`\AA{}ngstr\"om`, "Ångström", nil},
		{`\ae{} \AE{} \oe{} \OE`, "æ Æ œ Œ", nil},
		{`\ae \AE`, "æÆ", nil}, // TeX eats the space after a control word
		{`\i{} \j`, "ı ȷ", nil},
		{`\"\i`, "ï", nil},
		{`A \& B \% C \_ D \# E \$ F`, "A & B % C _ D # E $ F", nil},
		{`pages 1--14`, "pages 1–14", nil},
		{`yes---no`, "yes—no", nil},
		{`a-b`, "a-b", nil},
		{`{B}ayesian {GPU}s`, "Bayesian GPUs", nil},
		{`Bounds for $\ell_p$ norms`, `Bounds for $\ell_p$ norms`, nil},
		{`$a_{b}$ and {C}`, `$a_{b}$ and C`, nil},
		{`$$x$$ y`, `$$x$$ y`, nil},
		{`\emph{Really} fast`, "Really fast", nil},
		{`\textbf{\"{o}}`, "ö", nil},
		{"``quoted''", "“quoted”", nil},
		{`O'Keeffe`, "O'Keeffe", nil},
		{`a~b`, "a b", nil},
		{`\foo{bar} baz`, `\foo{bar} baz`, []string{`\foo`}},
		{`\cite{x}`, `\cite{x}`, []string{`\cite`}},
		{`\`, `\`, []string{`\`}},
		{`\"`, ``, nil},
		{`\'{}`, ``, nil},
		{`plain text`, "plain text", nil},
	} {
		got, left := LaTeX(tc.in)
		if got != tc.want || !slices.Equal(left, tc.left) {
			t.Errorf("LaTeX(%q) = %q, %q; want %q, %q", tc.in, got, left, tc.want, tc.left)
		}
	}
}

func TestBibTeXValue(t *testing.T) {
	got, fs := BibTeXValue("{S}emi-supervised   learning for $\\ell_p$ --\n  \\foo{x}")
	if got != "Semi-supervised learning for $\\ell_p$ – \\foo{x}" || len(fs) != 1 || fs[0].Code != "latex-in-text" {
		t.Errorf("BibTeXValue = %q, %+v", got, fs)
	}
}

func TestBibTeXAuthors(t *testing.T) {
	as, fs := BibTeXAuthors("von K\\\"{u}gelgen, Julius and Mey, Alexander and {Barnes and Noble, Inc.}")
	if len(fs) != 0 || len(as) != 3 || as[0].Family != "von Kügelgen" || as[0].Particle != "von" || as[2].Family != "Barnes and Noble, Inc." {
		t.Errorf("BibTeXAuthors = %+v, %+v", as, fs)
	}
}
