package text

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EscapeOptions choose how EscapeLaTeX writes text.
type EscapeOptions struct {
	// ASCII writes letters with a LaTeX spelling as LaTeX ({\"o}, {\l},
	// {\ss}), dashes as -- and ---, and typographic quotes as `` and '';
	// otherwise they stay UTF-8. Characters LaTeX has no spelling for
	// (Greek, Han, most symbols) stay UTF-8 either way.
	ASCII bool
	// Protect wraps each word holding a capital letter after its first
	// letter ("NUMA", "QEMU/KVM", "libOS") in braces, so that BibTeX
	// styles that change a title's case leave it alone.
	Protect bool
}

// EscapeLaTeX writes s as the value of a BibTeX field: the characters that
// BibTeX or LaTeX read as markup (\ { } $ & % # _ ~ ^ and an '@' that
// starts a line) escaped, math ($...$ with balanced braces, and in ASCII
// only for ASCII) kept as written, and the pairs that LaTeX reads as one
// character (two hyphens, two backquotes, two apostrophes) broken with {}.
// It is the inverse of LaTeX: LaTeX(EscapeLaTeX(s, opt)) is s in NFC for
// any valid UTF-8 s, and the braces of the result balance whether or not
// a backslash is taken to escape the brace after it (BibTeX counts every
// brace; procx's parser skips escaped ones).
func EscapeLaTeX(s string, opt EscapeOptions) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	e := &latexEncoder{opt: opt}
	e.b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		if s[i] == '$' {
			// Math is written as it is, unless it holds letters the
			// ASCII file would spell (math is no place for them).
			if n := mathSpan(s[i:]); n > 0 && (!opt.ASCII || isASCII(s[i:i+n])) {
				e.write(s[i : i+n])
				i += n
				continue
			}
		}
		if opt.Protect && (i == 0 || s[i-1] == ' ') {
			if n := protectedWord(s[i:]); n > 0 {
				e.write("{")
				e.text(s[i : i+n])
				e.write("}")
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		e.rune(r)
		i += n
	}
	return e.b.String()
}

type latexEncoder struct {
	b   strings.Builder
	opt EscapeOptions
}

// write appends LaTeX as it is.
func (e *latexEncoder) write(s string) { e.b.WriteString(s) }

// last is the last byte written, or 0.
func (e *latexEncoder) last() byte {
	if e.b.Len() == 0 {
		return 0
	}
	return e.b.String()[e.b.Len()-1]
}

// text escapes every rune of s (a protected word: no math inside).
func (e *latexEncoder) text(s string) {
	for _, r := range s {
		e.rune(r)
	}
}

// escapes are the ASCII characters written as commands.
var escapes = map[rune]string{
	'\\': `\textbackslash{}`, '{': `\textbraceleft{}`, '}': `\textbraceright{}`,
	'$': `\$`, '&': `\&`, '%': `\%`, '#': `\#`, '_': `\_`,
	'~': `\textasciitilde{}`, '^': `\textasciicircum{}`,
}

func (e *latexEncoder) rune(r rune) {
	if r < utf8.RuneSelf {
		if t, ok := escapes[r]; ok {
			e.write(t)
			return
		}
		switch c := byte(r); c {
		case '-', '`', '\'':
			// "--", "``" and "''" are ligatures LaTeX reads as one
			// character: keep two of them apart.
			if e.last() == c {
				e.write("{}")
			}
		case '@':
			// An '@' at the start of a line starts an entry for
			// readers that resynchronise on it.
			if e.last() == '\n' {
				e.write("{@}")
				return
			}
		}
		e.b.WriteRune(r)
		return
	}
	if !e.opt.ASCII {
		e.b.WriteRune(r)
		return
	}
	if t, ok := latexSpelling(r); ok {
		if (t[0] == '-' || t[0] == '`' || t[0] == '\'') && e.last() == t[0] {
			e.write("{}")
		}
		e.write(t)
		return
	}
	e.b.WriteRune(r)
}

// spellings caches latexSpelling's answers.
var spellings sync.Map // rune → string ("" for none)

// reverse maps the text of latexLetters and latexSymbols back to a
// spelling, for the characters that are not ASCII.
var reverse = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{
		'–': "--", '—': "---", '“': "``", '”': "''",
	}
	// Several names may spell one character (\ldots, \dots): the
	// shortest, then the first in order, so that the choice is stable.
	names := make([]string, 0, len(latexLetters))
	for name := range latexLetters {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) < len(names[j])
		}
		return names[i] < names[j]
	})
	for _, name := range names {
		t := latexLetters[name]
		r, n := utf8.DecodeRuneInString(t)
		if t == "" || n != len(t) || r < utf8.RuneSelf {
			continue // several characters, or ASCII (\SS, \LaTeX)
		}
		if _, done := m[r]; !done {
			m[r] = `{\` + name + `}`
		}
	}
	return m
})

// accentNames maps a combining mark back to its LaTeX accent command.
var accentNames = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	for name, mark := range latexAccents {
		m[mark] = name
	}
	return m
})

// latexSpelling returns the LaTeX for a character that is not ASCII, when
// LaTeX has one: a letter or symbol command, or a letter (itself spelled
// in LaTeX) under accents.
func latexSpelling(r rune) (string, bool) {
	if v, ok := spellings.Load(r); ok {
		return v.(string), v.(string) != ""
	}
	t := spell(r)
	spellings.Store(r, t)
	return t, t != ""
}

func spell(r rune) string {
	// A letter that decomposes into an ASCII letter and accents is
	// written as accents (å is {\r{a}}, not {\aa}: citation-js reads
	// only the first), with i and j dotted ({\'i}: citation-js makes a
	// dotless i with an accent of {\'\i}).
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	if n == len(d) {
		t := reverse()[r] // no accents to take off
		return t
	}
	var out string
	switch {
	case base < utf8.RuneSelf && isLetterByte(byte(base)):
		out = string(base)
	default:
		t, ok := reverse()[base]
		if !ok {
			return reverse()[r]
		}
		out = strings.TrimSuffix(strings.TrimPrefix(t, "{"), "}")
	}
	for _, mark := range d[n:] {
		name, ok := accentNames()[mark]
		if !ok {
			return reverse()[r]
		}
		if isLetterByte(name[0]) {
			out = `\` + name + `{` + out + `}` // \c{c}, \v{r}
		} else {
			out = `\` + name + out // \"o, \'i
		}
		out = "{" + out + "}"
	}
	return out
}

// mathSpan returns the length of the math at the start of s ("$...$" or
// "$$...$$", as LaTeX reads math), or 0 when s starts no math that can be
// written as it is: math that does not close, or whose braces do not
// balance or are escaped.
func mathSpan(s string) int {
	delim := "$"
	if strings.HasPrefix(s, "$$") {
		delim = "$$"
	}
	depth := 0
	for j := len(delim); j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && (s[j+1] == '{' || s[j+1] == '}') {
				return 0
			}
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return 0
			}
		case '@', '\n':
			return 0 // an entry start for some readers; math is one line
		case '$':
			if !strings.HasPrefix(s[j:], delim) {
				continue
			}
			if depth != 0 {
				return 0
			}
			return j + len(delim)
		}
	}
	return 0
}

// protectedWord returns the length of the word at the start of s when it
// holds a capital letter after its first letter, else 0 (the parts of a
// hyphenated word count apart: "Write-Protection" is not protected). A word ends at a
// space; a word with math in it is not protected (the math is written as
// it is).
func protectedWord(s string) int {
	end := strings.IndexByte(s, ' ')
	if end < 0 {
		end = len(s)
	}
	w := s[:end]
	if strings.ContainsAny(w, "$\n") {
		return 0
	}
	letters := 0
	for _, r := range w {
		if r == '-' {
			letters = 0 // "Write-Protection" is two title-case words
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if letters > 1 && unicode.IsUpper(r) {
			return end
		}
	}
	return 0
}
