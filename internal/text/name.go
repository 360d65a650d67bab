package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/schema"
)

// particles are the lowercase words that start a family name
// ("de Palma", "van der Waals", "bin Laden").
var particles = map[string]bool{
	"de": true, "da": true, "das": true, "do": true, "dos": true, "du": true, "des": true, "del": true,
	"della": true, "delle": true, "dello": true, "dalla": true, "di": true, "van": true, "von": true,
	"vom": true, "zum": true, "zur": true, "der": true, "den": true, "ter": true, "ten": true, "la": true,
	"le": true, "les": true, "bin": true, "binti": true, "bint": true, "ibn": true, "al": true, "el": true,
	"zu": true, "af": true, "av": true, "y": true, "e": true, "st.": true, "dei": true, "degli": true,
	"lo": true, "op": true, "'t": true, "’t": true, "het": true, "in": true, "uit": true, "tot": true,
}

// capitalParticles are particles that also start a family name when
// written with a capital inside a "Given Family" name ("Guy Van den
// Broeck", "Bruno De Backer"), as long as a family word follows.
var capitalParticles = map[string]bool{
	"De": true, "Da": true, "Das": true, "Dos": true, "Du": true, "Des": true, "Del": true,
	"Della": true, "Di": true, "Van": true, "Von": true, "Le": true, "La": true, "Ter": true,
	"Ten": true, "Vander": false, "Al": true, "El": true, "Zu": true,
}

var suffixes = map[string]bool{
	"Jr": true, "Jr.": true, "Sr": true, "Sr.": true, "II": true, "III": true, "IV": true,
	"Jnr": true, "Jnr.": true, "Snr": true, "Snr.": true, "jr": true, "jr.": true,
}

// maxSuffix and maxParticle are the lengths in bytes of the longest
// suffix and particle: a longer word is neither, which isSuffix and
// isParticle tell without hashing it (most family names are longer).
var (
	maxSuffix   = longestKey(suffixes)
	maxParticle = max(longestKey(particles), longestKey(capitalParticles))
)

func longestKey(m map[string]bool) int {
	n := 0
	for k := range m {
		n = max(n, len(k))
	}
	return n
}

// isSuffix reports whether w is a suffix ("Jr.").
func isSuffix(w string) bool {
	return len(w) <= maxSuffix && suffixes[w]
}

// Name splits a name into given and family parts; see ParseName.
func Name(s string) schema.Author {
	a, _ := ParseName(s)
	return a
}

// ParseName splits a name into given, family, particle and suffix and
// returns what it found worth reporting ("latex-in-text" for LaTeX it could
// not decode, "name-case" for a name in all capitals or all lowercase).
//
// It reads the display form "Given Family" (with "Given Family, Jr." and
// "Given Family Jr.") and BibTeX's three forms "First von Last",
// "von Last, First" and "von Last, Jr, First". Particles (de, van der, von,
// di, dos, du, la, le, ter, ten, bin, al, ...) start the family name, which
// keeps them as written: "Noël de Palma" has family "de Palma" and particle
// "de"; "De Palma, Alessandro" has family "De Palma" and particle "De". A
// name in braces ("{Barnes and Noble, Inc.}") is one corporate name; braced
// words are never split or taken for particles. LaTeX accents are decoded
// (Sch\"{o}lkopf). Hyphenated, camel-case and multi-part given names and
// initials are kept whole. A name in Han, Kana or Hangul script written
// with a space is read family first. Letters are never changed in case:
// Name is the display form, "Given Family" or "Given Family, Suffix".
func ParseName(s string) (schema.Author, []Finding) {
	return parseName(Text(s))
}

// parseName is ParseName of a name already cleaned by Text.
func parseName(s string) (schema.Author, []Finding) {
	a := schema.Author{Name: s}
	if s == "" {
		return a, nil
	}
	if a, ok := plainName(s); ok {
		return a, nameCase(a)
	}
	d := nameDecoder{name: s, latex: hasLaTeXByte(s)}
	// A name wholly in braces is a corporate name.
	if d.latex && s[0] == '{' && matchBrace(s, 0, len(s)) == len(s)-1 {
		a.Family = d.word(s)
		a.Name = a.Family
		return a, d.fs
	}
	// Most names have one part and two or three words: these buffers
	// spare allocating for them.
	var partsBuf, wordsBuf [4]string
	parts := splitTop(partsBuf[:0], s, ',')
	if len(parts) == 2 && isSuffix(parts[1]) {
		// "Given Family, Jr." is the display form with a suffix.
		b, bfs := ParseName(parts[0])
		b.Suffix = parts[1]
		b.Name = b.Name + ", " + b.Suffix
		return b, append(d.fs, bfs...)
	}
	if len(parts) == 1 {
		words := fieldsTop(wordsBuf[:0], s)
		if len(words) == 0 {
			return a, d.fs // only ties or braces: nothing to split
		}
		d.displayForm(&a, words)
	} else {
		d.bibTeXForm(&a, parts, wordsBuf[:0])
	}
	if (d.latex || len(parts) > 1) && a.Family != "" {
		a.Name = strings.Join(nonEmpty(a.Given, a.Family), " ")
		if a.Suffix != "" {
			a.Name += ", " + a.Suffix
		}
	}
	return a, append(d.fs, nameCase(a)...)
}

// nameDecoder decodes the words of a name for parseName: the LaTeX in
// them if the name holds a backslash or a brace, with a finding for each
// command LaTeX leaves.
type nameDecoder struct {
	name  string // the whole name, which findings quote
	latex bool
	fs    []Finding
}

// word returns w with its LaTeX decoded and cleaned by Text.
func (d *nameDecoder) word(w string) string {
	if !d.latex {
		return w
	}
	out, left := LaTeX(w)
	for _, l := range left {
		d.fs = append(d.fs, Finding{Code: schema.LaTeXInText,
			Message: fmt.Sprintf("latex command %q left in name %q", l, d.name)})
	}
	return Text(out)
}

// words returns ws decoded by word and joined by single spaces, leaving
// out the words that decode to nothing.
func (d *nameDecoder) words(ws []string) string {
	if !d.latex {
		return strings.Join(ws, " ") // words are never empty
	}
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if dw := d.word(w); dw != "" {
			out = append(out, dw)
		}
	}
	return strings.Join(out, " ")
}

// displayForm reads a name of one part, "Given Family" with perhaps a
// suffix, from its words (at least one) into a. The family name starts at
// the first particle after the first word, or is the last word; it is the
// first word of a name in Han, Kana or Hangul (caseless).
func (d *nameDecoder) displayForm(a *schema.Author, words []string) {
	if n := len(words); n > 1 && isSuffix(words[n-1]) {
		a.Suffix = words[n-1]
		words = words[:n-1]
	}
	switch {
	case len(words) == 1:
		a.Family = d.word(words[0])
	case caseless(d.name):
		a.Family, a.Given = d.word(words[0]), d.words(words[1:])
	default:
		start := len(words) - 1
		for i := 1; i < len(words)-1; i++ {
			if isParticle(words[i], true) {
				start = i
				break
			}
		}
		a.Given = d.words(words[:start])
		a.Family = d.words(words[start:])
		a.Particle = d.words(words[start : start+particleWords(words[start:])])
	}
}

// bibTeXForm reads a name of two or more parts, BibTeX's "von Last,
// First" or "von Last, Jr, First", into a; words is an empty buffer for
// the words of the first part.
func (d *nameDecoder) bibTeXForm(a *schema.Author, parts, words []string) {
	fam := fieldsTop(words, parts[0])
	// Initials before the family name are middle initials put on the
	// wrong side of the comma ("K. Warmuth, Manfred"): they go with the
	// given name.
	var initials []string
	for len(fam) > 1 && isInitial(fam[0]) {
		initials, fam = append(initials, fam[0]), fam[1:]
	}
	a.Family = d.words(fam)
	a.Particle = d.words(fam[:particleWords(fam)])
	given := parts[1]
	if len(parts) > 2 {
		a.Suffix = d.words(fieldsTop(nil, parts[1]))
		given = strings.Join(parts[2:], " ")
	}
	a.Given = d.words(append(fieldsTop(nil, given), initials...))
}

// plainName is parseName of the usual name: the display form with its
// words separated by single spaces and no byte that LaTeX or BibTeX
// names read (backslash, brace, comma, tie) or that fieldsTop splits at
// besides the space (tab, newline). Such a name has one part, fieldsTop
// splits it at each space, dec leaves a word as it is and decWords joins
// words with one space, so every part is the span of s from its first
// word to its last, taken without joining. It declines (ok false) every
// other name, and names of more words than it counts without allocating.
func plainName(s string) (a schema.Author, ok bool) {
	var wordsBuf [8]string
	var startsBuf [8]int // byte offset of each word
	words, starts := wordsBuf[:0], startsBuf[:0]
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			if c := s[i]; !plainBreak[c] {
				continue
			} else if c != ' ' {
				return a, false
			}
		}
		// A space or the end: s[start:i] is a word, and must not be empty
		// (a space at either end or two in a row).
		if i == start || len(words) == len(wordsBuf) {
			return a, false
		}
		words, starts = append(words, s[start:i]), append(starts, start)
		start = i + 1
	}
	// span is the text of words[i:j].
	span := func(i, j int) string { return s[starts[i] : starts[j-1]+len(words[j-1])] }
	a.Name = s
	n := len(words)
	if n > 1 && isSuffix(words[n-1]) {
		a.Suffix = words[n-1]
		n--
	}
	switch {
	case n == 1:
		a.Family = words[0]
	case caseless(s):
		a.Family, a.Given = words[0], span(1, n)
	default:
		first := n - 1 // the first word of the family name
		for i := 1; i < n-1; i++ {
			if isParticle(words[i], true) {
				first = i
				break
			}
		}
		a.Given = span(0, first)
		a.Family = span(first, n)
		if k := particleWords(words[first:n]); k > 0 {
			a.Particle = span(first, first+k)
		}
	}
	return a, true
}

// plainBreak marks the bytes plainName stops at: the space, and those of
// the names it declines.
var plainBreak = [256]bool{' ': true, '\\': true, '{': true, '}': true, ',': true, '~': true, '\t': true, '\n': true}

// hasLaTeXByte reports whether s holds a backslash or a brace, as
// strings.ContainsAny(s, `\{}`) does without building its set per call.
func hasLaTeXByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '{' || c == '}' {
			return true
		}
	}
	return false
}

// indexSpaceOrHyphen is strings.IndexAny(s, " -") without building its
// set per call.
func indexSpaceOrHyphen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '-' {
			return i
		}
	}
	return -1
}

// isInitial reports whether w is one initial with its period ("K.").
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w[n:] == "."
}

// particleWords counts the particle words that start a family name,
// leaving at least one word.
func particleWords(family []string) int {
	n := 0
	for n < len(family)-1 && isParticle(family[n], true) {
		n++
	}
	return n
}

// isParticle reports whether w is a particle; a braced word never is.
func isParticle(w string, capital bool) bool {
	if len(w) > maxParticle || strings.HasPrefix(w, "{") {
		return false
	}
	return particles[w] || capital && capitalParticles[w]
}

// caseless reports whether the letters of s are all of Han, Hiragana,
// Katakana or Hangul script, which are written family name first.
func caseless(s string) bool {
	if s != "" && isLetterByte(s[0]) {
		return false // the loop below stops at this letter
	}
	letters := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return letters > 0
}

// nameCase flags a name written all in capitals or all in lowercase; it
// never changes the case itself. Initials ("ST") and particles do not
// count, and names without cased letters are never flagged.
func nameCase(a schema.Author) []Finding {
	upper, lower := countCase(a.Name)
	switch {
	case upper+lower < 2:
		return nil
	case upper == 0:
		return []Finding{{Code: schema.NameCase,
			Message: fmt.Sprintf("name %q is all lowercase; kept as written", a.Name)}}
	}
	family := strings.TrimSpace(strings.TrimPrefix(a.Family, a.Particle))
	if lower == 0 && upper < 4 {
		return nil // initials or a short acronym
	}
	for rest := family; rest != ""; {
		// The words of the family name, split at spaces and hyphens.
		w := rest
		if i := indexSpaceOrHyphen(rest); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if strings.Contains(w, ".") {
			continue
		}
		if wu, wl := countCase(w); wl == 0 && wu >= 2 {
			what := "family name"
			if lower == 0 {
				what = "name"
			}
			return []Finding{{Code: schema.NameCase,
				Message: fmt.Sprintf("%s %q is all capitals in %q; kept as written", what, family, a.Name)}}
		}
	}
	return nil
}

// countCase counts the upper and lowercase letters of s, reading ASCII a
// byte at a time, and stops at the first letter that makes both counts
// nonzero: nameCase needs exact counts only of text in one case (or none),
// and of text in both cases only that neither count is zero, which in a
// name in a normal case its first two letters tell.
func countCase(s string) (upper, lower int) {
	for i := 0; i < len(s) && (upper == 0 || lower == 0); {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				upper++
			case 'a' <= c && c <= 'z':
				lower++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < rune(len(latinCase)):
			switch latinCase[r] {
			case caseUpper:
				upper++
			case caseLower:
				lower++
			}
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
		i += n
	}
	return upper, lower
}

// latinCase holds unicode.IsUpper and unicode.IsLower of the runes to
// the end of Latin Extended-B, the letters of most names: beyond Latin-1
// the unicode package searches its tables for each. It is built from the
// two functions, so it agrees with them.
var latinCase = func() (t [0x250]uint8) {
	for r := range rune(len(t)) {
		switch {
		case unicode.IsUpper(r):
			t[r] = caseUpper
		case unicode.IsLower(r):
			t[r] = caseLower
		}
	}
	return t
}()

const (
	caseUpper = 1 + iota
	caseLower
)

// splitTop splits s at sep outside braces and appends the trimmed parts
// to parts.
func splitTop(parts []string, s string, sep byte) []string {
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case sep:
			if depth == 0 {
				parts = append(parts, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

// fieldsTop splits s at white space (and BibTeX's "~") outside braces
// and appends the words to words.
func fieldsTop(words []string, s string) []string {
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if start < 0 {
				start = i
			}
			i++
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
		case (c == ' ' || c == '\t' || c == '\n' || c == '~') && depth <= 0:
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SplitBibTeXNames splits a BibTeX author or editor list at the word "and"
// outside braces ("{Barnes and Noble, Inc.} and Smith, J." is two names).
// The names are returned trimmed and otherwise as written; "and others"
// comes back as "others".
func SplitBibTeXNames(s string) []string {
	var names []string
	for _, r := range BibTeXNameRanges(s) {
		names = append(names, s[r[0]:r[1]])
	}
	return names
}

// BibTeXNameRanges returns the byte ranges of the names SplitBibTeXNames
// returns, for readers that record where each name stands.
func BibTeXNameRanges(s string) [][2]int {
	var out [][2]int
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~' }
	add := func(a, b int) {
		for a < b && isSpace(s[a]) {
			a++
		}
		for b > a && isSpace(s[b-1]) {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '{':
			depth++
		case c == '}':
			depth--
		case depth == 0 && isSpace(c) && i+4 < len(s) && strings.EqualFold(s[i+1:i+4], "and") && isSpace(s[i+4]):
			add(start, i)
			start = i + 4
			i += 3
		}
	}
	add(start, len(s))
	return out
}

// BibTeXAuthors splits a BibTeX author list and parses each name, with the
// findings of every name. A final "others" (BibTeX's "et al.") is no
// author and is dropped.
func BibTeXAuthors(s string) ([]schema.Author, []Finding) {
	var out []schema.Author
	var fs []Finding
	for _, n := range SplitBibTeXNames(Text(s)) {
		if n == "others" {
			continue
		}
		a, f := ParseName(n)
		out = append(out, a)
		fs = append(fs, f...)
	}
	return out, fs
}
