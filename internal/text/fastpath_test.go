package text

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// fastPathPieces are the pieces fastPathInputs builds text from: plain
// ASCII, every kind of white space, controls, invisible characters,
// accented letters composed and not, mojibake and its bytes, LaTeX, and
// letters of scripts the checks tell apart.
var fastPathPieces = []string{
	"a", "Z", "Noël", "van", "de", "O'Keeffe", ".", ",", "-", "?", "'",
	" ", " ", " ", "  ", "\t", "\n", "\n\n", "\r", "\v", "\f", "\x00", "\x07", "\x7f",
	"\u0085", "\u00a0", "\u2003", "\u3000", "\u0090", "\u00ad", "\u200b", "\u200c", "\u200d", "\u202e", "\ufeff",
	"é", "e\u0301", "\u0301", "\u0308", "ñ", "ř", "Å", "\u212b", "\u0340", "가", "\u1100\u1161",
	"Ã", "Ã©", "â€™", "â€", "Â", "Ã\ufffd", "Ð˜", "È™", "©", "€", "™", "\ufffd", "\xc3", "\xe2\x80", "\xff",
	"а", "Т", "Ρ", "ω", "Ω", "می", "ی", "中", "山田",
	`\"o`, `\'e`, `{`, `}`, `\emph{x}`, `\foo`, "$x$", "~", "--", `\`, `\\`, `\ `, `\&`, `\$`, `\{`, "$",
}

// fastPathInputs returns the seeds and random text of fastPathPieces.
func fastPathInputs(seeds []string) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := append([]string{""}, seeds...)
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(fastPathPieces[rng.IntN(len(fastPathPieces))])
		}
		out = append(out, b.String())
	}
	// Every piece on its own, with letters around, and after a space.
	for _, p := range fastPathPieces {
		out = append(out, p, "x"+p+"y", "x "+p, p+" x")
	}
	return out
}

func testSeeds(t *testing.T) []string {
	var out []string
	for _, n := range append(append([]nameTest(nil), corpusNames...), formNames...) {
		out = append(out, n.in)
	}
	return out
}

// checkFastPaths compares every fast path with the slow path it spares on
// one input.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	got, gotFs := Clean(s)
	want, wantFs := cleanSlow(s)
	if got != want || !reflect.DeepEqual(gotFs, wantFs) {
		t.Fatalf("Clean(%q) = %q, %v; slow path %q, %v", s, got, gotFs, want, wantFs)
	}
	checkIsClean(t, s)
	if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
		t.Fatalf("isNFC(%q) = %v, want %v", s, got, want)
	}
	if got, want := foldSpace(s), strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "); got != want {
		t.Fatalf("foldSpace(%q) = %q, want %q", s, got, want)
	}
	// Any string, valid UTF-8 or not: a stray byte after a lead byte's
	// character is one byte long (nextLen), not U+FFFD's three.
	gotM, gotFound := RepairMojibake(s)
	wantM, wantFound := repairMojibake(s)
	if gotM != wantM || !reflect.DeepEqual(gotFound, wantFound) {
		t.Fatalf("RepairMojibake(%q) = %q, %+v; slow path %q, %+v", s, gotM, gotFound, wantM, wantFound)
	}
	if utf8.ValidString(s) { // Volume gives cleanText valid text only
		checkCleanText(t, s)
	}
	if _, left := LaTeX(s); onlyEscapes(s) && len(left) > 0 {
		t.Fatalf("onlyEscapes(%q) but LaTeX leaves %q", s, left)
	}
	var buf [64]byte
	if key, ascii := foldASCIICountry(buf[:0], s); ascii && string(key) != foldCountry(s) {
		t.Fatalf("foldASCIICountry(%q) = %q, want %q", s, key, foldCountry(s))
	} else if !ascii && isASCII(s) && len(s) <= len(buf) {
		t.Fatalf("foldASCIICountry(%q) did not fold ASCII", s)
	}
	gotW, gotS := MixedScript(s)
	wantW, wantS := mixedScriptWords(s)
	if !reflect.DeepEqual(gotW, wantW) || !reflect.DeepEqual(gotS, wantS) {
		t.Fatalf("MixedScript(%q) = %q, %q; slow path %q, %q", s, gotW, gotS, wantW, wantS)
	}
}

func TestFastPaths(t *testing.T) {
	for _, s := range fastPathInputs(testSeeds(t)) {
		checkFastPaths(t, s)
		checkFastPaths(t, mojibake(s))
	}
}

// FuzzFastPaths: every fast path gives what the slow path it spares gives.
func FuzzFastPaths(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
		f.Add(mojibake(s))
	}
	for _, p := range fastPathPieces {
		f.Add("x " + p + " y")
	}
	for _, s := range nameInputs(200) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastPaths(t, s)
		checkParseName(t, s)
	})
}

// TestNFCStableBelow: text of runes below nfcStableBelow is in NFC, so
// isClean need not ask the tables about it.
func TestNFCStableBelow(t *testing.T) {
	for r := rune(0); r < nfcStableBelow; r++ {
		p := norm.NFC.PropertiesString(string(r))
		if !p.BoundaryBefore() || p.CCC() != 0 || !norm.NFC.IsNormalString(string(r)) {
			t.Fatalf("U+%04X may change in NFC or combine with the rune before", r)
		}
	}
	// And so, directly, is every pair.
	var b []byte
	for r := rune(0); r < nfcStableBelow; r++ {
		for q := rune(0); q < nfcStableBelow; q++ {
			b = utf8.AppendRune(utf8.AppendRune(b[:0], r), q)
			if !norm.NFC.IsNormal(b) {
				t.Fatalf("%q is not in NFC", b)
			}
		}
	}
	if norm.NFC.IsNormalString("e\u0301") || !norm.NFC.IsNormalString("é") {
		t.Fatal("NFC tables not as expected")
	}
}

// TestSpaceOrInvisible: isSpaceOrInvisible agrees with unicode.IsSpace and
// isInvisible on every rune beyond ASCII.
func TestSpaceOrInvisible(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if got, want := isSpaceOrInvisible(r), unicode.IsSpace(r) || isInvisible(r); got != want {
			t.Fatalf("isSpaceOrInvisible(U+%04X) = %v, want %v", r, got, want)
		}
	}
	for c := range byte(utf8.RuneSelf) {
		if asciiSpace(c) != unicode.IsSpace(rune(c)) {
			t.Fatalf("asciiSpace(%#x) = %v", c, asciiSpace(c))
		}
	}
}

// paragraphsSlow is Paragraphs as it was before it returned unchanged
// text without copying.
func paragraphsSlow(s string) (string, []Finding) {
	if s == "" {
		return s, nil
	}
	var fs []Finding
	ps := strings.Split(s, "\n\n")
	out := ps[:0]
	for _, p := range ps {
		p, pfs, _ := Field(p)
		fs = append(fs, pfs...)
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n"), fs
}

func TestParagraphs(t *testing.T) {
	inputs := fastPathInputs(testSeeds(t))
	inputs = append(inputs, "a\n\nb", "a\n\n\n\nb", "a\n\n\nb", "\n\na", "a\n\n", "\n\n", "a\n\n \n\nb", "a\n\nb\u200b\n\nc", "Ã©\n\nx")
	inputs = slices.DeleteFunc(inputs, func(s string) bool { return !utf8.ValidString(s) })
	for i := 0; i+2 < len(inputs); i++ {
		s := inputs[i] + "\n\n" + inputs[i+1] + "\n\n" + inputs[i+2]
		for _, s := range []string{inputs[i], s} {
			got, gotFs := Paragraphs(s)
			want, wantFs := paragraphsSlow(s)
			if got != want || !reflect.DeepEqual(gotFs, wantFs) {
				t.Fatalf("Paragraphs(%q) = %q, %v; want %q, %v", s, got, gotFs, want, wantFs)
			}
		}
	}
}

// bibtexFieldSlow is BibTeXField without its test for values it leaves
// alone.
func bibtexFieldSlow(k, val string) (string, []Finding) {
	out := val
	var fs []Finding
	if !isASCII(val) && !norm.NFC.IsNormalString(val) {
		fs = append(fs, Finding{schema.NotNFC, fmt.Sprintf("text was not in unicode nfc: %q (normalized)", Clip(val, 60))})
		out = norm.NFC.String(val)
	}
	if !verbatimField[k] && strings.IndexByte(val, '\\') >= 0 {
		if _, left := LaTeX(val); len(left) > 0 {
			fs = append(fs, Finding{schema.LaTeXInText, fmt.Sprintf("latex command %q in bibtex %s %q is not text procx can decode", left[0], k, Clip(val, 60))})
		}
	}
	return out, fs
}

func TestBibTeXFields(t *testing.T) {
	inputs := fastPathInputs(testSeeds(t))
	keys := []string{"title", "author", "url", "doi", "booktitle", "note", "abstract"}
	for i := 0; i+len(keys) < len(inputs); i += 3 {
		for j, k := range keys {
			val := inputs[i+j]
			got, gotFs := BibTeXField(k, val)
			want, wantFs := bibtexFieldSlow(k, val)
			if got != want || !reflect.DeepEqual(gotFs, wantFs) {
				t.Fatalf("BibTeXField(%q, %q) = %q, %v; want %q, %v", k, val, got, gotFs, want, wantFs)
			}
		}
	}
}

// nameCaseSlow is nameCase as it was before it counted ASCII letters a
// byte at a time and split the family name without allocating.
func nameCaseSlow(a schema.Author) []Finding {
	var upper, lower int
	for _, r := range a.Name {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
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
	for _, w := range strings.FieldsFunc(family, func(r rune) bool { return r == ' ' || r == '-' }) {
		if strings.Contains(w, ".") {
			continue
		}
		wu, wl := 0, 0
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				wu++
			case unicode.IsLower(r):
				wl++
			}
		}
		if wl == 0 && wu >= 2 {
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

func TestNameCase(t *testing.T) {
	inputs := fastPathInputs(testSeeds(t))
	inputs = append(inputs, "SMITH", "John SMITH", "JOHN SMITH", "john smith", "J. SMITH-JONES", "Jean-Luc PICARD-X", "ÉMILE ZOLA", "Émile ZOLA", "de LA FONTAINE", "A-B", "ST", "STO", "STOP")
	for i, s := range inputs {
		a, _ := ParseName(s)
		for _, a := range []schema.Author{a, {Name: s, Family: s}, {Name: s, Family: inputs[(i+1)%len(inputs)], Particle: "de"}, {Name: strings.ToUpper(s), Family: strings.ToUpper(s)}} {
			if got, want := nameCase(a), nameCaseSlow(a); !reflect.DeepEqual(got, want) {
				t.Fatalf("nameCase(%+v) = %v, want %v", a, got, want)
			}
		}
	}
}

// parseNameSlow, splitTopSlow and fieldsTopSlow are ParseName and its
// helpers as they were before they spared allocations for short names.

func parseNameSlow(s string) (schema.Author, []Finding) {
	s = Text(s)
	a := schema.Author{Name: s}
	if s == "" {
		return a, nil
	}
	var fs []Finding
	latex := strings.ContainsAny(s, `\{}`)
	dec := func(w string) string {
		if !latex {
			return w
		}
		out, left := LaTeX(w)
		for _, l := range left {
			fs = append(fs, Finding{Code: schema.LaTeXInText,
				Message: fmt.Sprintf("latex command %q left in name %q", l, s)})
		}
		return Text(out)
	}
	decWords := func(ws []string) string {
		out := make([]string, 0, len(ws))
		for _, w := range ws {
			if d := dec(w); d != "" {
				out = append(out, d)
			}
		}
		return strings.Join(out, " ")
	}
	// A name wholly in braces is a corporate name.
	if latex && s[0] == '{' && matchBrace(s, 0, len(s)) == len(s)-1 {
		a.Family = dec(s)
		a.Name = a.Family
		return a, fs
	}
	parts := splitTopSlow(s, ',')
	if len(parts) == 2 && suffixes[parts[1]] {
		// "Given Family, Jr." is the display form with a suffix.
		b, bfs := parseNameSlow(parts[0])
		b.Suffix = parts[1]
		b.Name = b.Name + ", " + b.Suffix
		return b, append(fs, bfs...)
	}
	switch len(parts) {
	case 1:
		words := fieldsTopSlow(s)
		if n := len(words); n > 1 && suffixes[words[n-1]] {
			a.Suffix = words[n-1]
			words = words[:n-1]
		}
		switch len(words) {
		case 0: // only ties or braces: nothing to split
			return a, fs
		}
		if len(words) == 1 {
			a.Family = dec(words[0])
			break
		}
		if caseless(s) {
			a.Family, a.Given = dec(words[0]), decWords(words[1:])
			break
		}
		start := len(words) - 1
		for i := 1; i < len(words)-1; i++ {
			if isParticle(words[i], true) {
				start = i
				break
			}
		}
		a.Given = decWords(words[:start])
		a.Family = decWords(words[start:])
		a.Particle = decWords(words[start : start+particleWords(words[start:])])
	default:
		fam := fieldsTopSlow(parts[0])
		// Initials before the family name are middle initials put on the
		// wrong side of the comma ("K. Warmuth, Manfred"): they go with
		// the given name.
		var initials []string
		for len(fam) > 1 && isInitial(fam[0]) {
			initials, fam = append(initials, fam[0]), fam[1:]
		}
		a.Family = decWords(fam)
		a.Particle = decWords(fam[:particleWords(fam)])
		given := parts[1]
		if len(parts) > 2 {
			a.Suffix = decWords(fieldsTopSlow(parts[1]))
			given = strings.Join(parts[2:], " ")
		}
		a.Given = decWords(append(fieldsTopSlow(given), initials...))
	}
	if (latex || len(parts) > 1) && a.Family != "" {
		a.Name = strings.Join(nonEmpty(a.Given, a.Family), " ")
		if a.Suffix != "" {
			a.Name += ", " + a.Suffix
		}
	}
	return a, append(fs, nameCaseSlow(a)...)
}

func splitTopSlow(s string, sep byte) []string {
	var parts []string
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

func fieldsTopSlow(s string) []string {
	var words []string
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

func TestParseNameSlow(t *testing.T) {
	inputs := fastPathInputs(testSeeds(t))
	inputs = append(inputs, "K. Warmuth, Manfred", "van der Waals, Jr, Johannes", "{Barnes and Noble, Inc.}", "John Smith, Jr.", "Guy Van den Broeck", "Sch\\\"{o}lkopf, Bernhard", "A B C D E F G", "a, b, c, d, e, f")
	for _, s := range inputs {
		checkParseName(t, s)
	}
}

func checkParseName(t *testing.T, s string) {
	t.Helper()
	a, fs := ParseName(s)
	b, gs := parseNameSlow(s)
	if a != b || !reflect.DeepEqual(fs, gs) {
		t.Fatalf("ParseName(%q) = %+v, %v; slow path %+v, %v", s, a, fs, b, gs)
	}
}

// TestIsCleanAlignment: isClean, which reads eight bytes at a time, finds
// a defect at every position of a word and across words.
func TestIsCleanAlignment(t *testing.T) {
	const base = "abcdefghijklmnopqrstuvwxyz0123456789"
	for _, d := range []string{" ", "  ", "\x7f", "\x1f", "\x00", "\t", "\n", "é", "\u00a0", "\u0301", "\u200b", "\xff", "~", "\x80"} {
		for i := 0; i <= len(base); i++ {
			for _, s := range []string{base[:i] + d + base[i:], base[:i] + d, d + base[i:], base[:i] + d + " " + base[i:], base[:i] + " " + d + base[i:]} {
				checkIsClean(t, s)
			}
		}
	}
	for w := range uint64(1 << 16) {
		// Two bytes of every value, with printable ASCII around.
		s := "abc" + string([]byte{byte(w), byte(w >> 8)}) + "defgh"
		checkIsClean(t, s)
	}
}

// checkIsClean: isClean holds only when Clean would change nothing, and
// then for all but invalid UTF-8 and joiners kept between letters, which
// go the slow way.
func checkIsClean(t *testing.T, s string) {
	t.Helper()
	want, fs := cleanSlow(s)
	unchanged := want == s && fs == nil
	slowWay := !utf8.ValidString(s) || strings.ContainsAny(s, "\u200c\u200d")
	if got := isClean(s); got && !unchanged || !got && unchanged && !slowWay {
		t.Fatalf("isClean(%q) = %v, Clean gives %q, %v", s, got, want, fs)
	}
}

// TestCleanText: cleanText's shortcut gives what cleanRepair gives,
// diagnostics included, and cleanScan's c3 is true whenever
// mayHoldMojibake is.
func TestCleanText(t *testing.T) {
	short, inputs := 0, fastPathInputs(testSeeds(t))
	for _, s := range inputs {
		inputs = append(inputs, mojibake(s))
	}
	for _, s := range inputs {
		if !utf8.ValidString(s) {
			continue // see checkFastPaths
		}
		checkCleanText(t, s)
		if ok, c3 := cleanScan(s); ok && !c3 {
			short++
		}
	}
	if short == 0 || short == len(inputs) {
		t.Errorf("the shortcut was taken on %d of %d inputs; the test needs both kinds", short, len(inputs))
	}
}

func checkCleanText(t *testing.T, s string) {
	t.Helper()
	got, gotFs, gotClean := Field(s)
	want, wantFs, wantClean := fieldSlow(s)
	if got != want || gotClean != wantClean || !reflect.DeepEqual(gotFs, wantFs) {
		t.Fatalf("Field(%q) = %q, %v, %v; want %q, %v, %v", s, got, gotClean, gotFs, want, wantClean, wantFs)
	}
	if ok, c3 := cleanScan(s); ok && !c3 && mayHoldMojibake(s) {
		t.Fatalf("cleanScan(%q) finds no 0xC3 where mayHoldMojibake finds mojibake", s)
	}
}
