package extract

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// BibTeXFile reads a whole-volume BibTeX file: @proceedings entries give
// the volume metadata, every other entry is a record. Records are grouped
// into containers by crossref, booktitle, or journal and volume; when a
// file holds more than one container each record names its own in
// Record.Container. Text outside entries is a comment, as in BibTeX.
type BibTeXFile struct{}

// Name returns "bibtex".
func (BibTeXFile) Name() string { return "bibtex" }

// Sniff is sure when the first thing in the file that is not a comment
// line is an entry, or when a file named *.bib holds entries.
func (BibTeXFile) Sniff(doc *Document) int {
	head := doc.Text[:min(len(doc.Text), 1<<16)]
	if ext := strings.ToLower(doc.Path); (strings.HasSuffix(ext, ".bib") || strings.HasSuffix(ext, ".bibtex")) && reEntryStart.Match(head) {
		return 95
	}
	for _, l := range bytes.Split(head, []byte("\n")) {
		t := bytes.TrimSpace(l)
		switch {
		case len(t) == 0 || t[0] == '%':
			continue
		case reEntryStart.Match(t):
			return 90
		}
		break
	}
	if len(reEntryStart.FindAllIndex(head, 3)) >= 3 {
		return 40 // entries after some prose: maybe a .bib with a header
	}
	return 0
}

// BibNames splits a BibTeX author field into authors: top-level " and ",
// "Last, First", "Last, Jr, First" and "First von Last", LaTeX decoded.
// It is the one place to swap in normalize.SplitBibTeXNames once that
// lands.
func BibNames(field string) []schema.Author { return splitBibTeXNames(field) }

// BibText turns a BibTeX value into plain text: LaTeX accents and escapes
// decoded, braces removed, math kept. It is the one place to swap in
// normalize.LaTeX once that lands.
func BibText(s string) string { return decodeLaTeXLite(s) }

// Read parses every entry and turns it into a record.
func (BibTeXFile) Read(doc *Document, opt Options) *schema.Volume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "bibtex", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	entries, ds := ParseBibTeX(blankComments(doc.Text), 0, nil, opt.BibTeX)
	v.Diagnostics = append(v.Diagnostics, ds...)

	procs := map[string]*Entry{} // by lower-case key
	var procOrder []*Entry
	for i := range entries {
		if entries[i].Type == "proceedings" {
			e := &entries[i]
			if _, dup := procs[strings.ToLower(e.Key)]; !dup {
				procs[strings.ToLower(e.Key)] = e
				procOrder = append(procOrder, e)
			}
		}
	}
	counts := map[string]int{}
	var order []string
	for i := range entries {
		e := &entries[i]
		if e.Type == "proceedings" {
			continue
		}
		rec := bibRecord(doc, e)
		rec.Container = container(e, procOrder)
		if rec.Year == 0 {
			if p := procFor(e, procs, procOrder); p != nil {
				if y, ok := p.Get("year"); ok {
					rec.Year, _ = strconv.Atoi(strings.TrimSpace(y))
				}
			}
		}
		if counts[rec.Container] == 0 {
			order = append(order, rec.Container)
		}
		counts[rec.Container]++
		v.Papers = append(v.Papers, rec)
	}
	// One container: the volume is that container, no need to name it.
	if len(order) <= 1 {
		for i := range v.Papers {
			v.Papers[i].Container = ""
		}
	}
	// The volume's metadata come from the proceedings of the largest
	// container, or from the only @proceedings.
	var main *Entry
	best := 0
	for _, c := range order {
		if p := procs[strings.ToLower(c)]; p != nil && counts[c] > best {
			main, best = p, counts[c]
		}
	}
	if main == nil && len(procOrder) > 0 {
		main = procOrder[0]
	}
	if main != nil {
		proceedingsFrom(v, main)
	} else if len(order) > 0 && order[0] != "" {
		v.Proceedings.Title = BibText(order[0])
	}
	return v
}

// blankComments returns text with the lines that start with '%' outside
// entries (brace depth 0) replaced by spaces, so that an '@' in a comment
// line starts no entry; offsets are unchanged.
func blankComments(text []byte) []byte {
	var out []byte
	depth := 0
	lineStart := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case lineStart && (c == ' ' || c == '\t'):
			continue
		case lineStart && c == '%' && depth <= 0:
			if out == nil {
				out = append([]byte(nil), text...)
			}
			for ; i < len(text) && text[i] != '\n'; i++ {
				if text[i] != '\r' {
					out[i] = ' '
				}
			}
			continue // at the newline
		case c == '\\':
			i++
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '@' && depth < 0:
			depth = 0 // a lost brace: resynchronise at the next entry
		}
		lineStart = c == '\n'
	}
	if out == nil {
		return text
	}
	return out
}

// bibRecord turns one entry into a record with the fields as written.
func bibRecord(doc *Document, e *Entry) schema.Record {
	rec := schema.Record{Kind: schema.KindPaper, Authors: []schema.Author{}}
	rg := schema.Range{Off: e.Off, End: e.End}
	rec.Pos.Set("", rg)
	rec.Span = doc.SpanOf(rg)
	fillFromEntry(&rec, e, "")
	if f := e.Field("title"); f != nil {
		rec.Title = BibText(f.Value)
		rec.Pos.Set("/title", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("abstract"); f != nil {
		rec.Abstract = BibText(f.Value)
		rec.Pos.Set("/abstract", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("author"); f != nil {
		rec.Authors = BibNames(f.Value)
		rec.Pos.Set("/authors", schema.Range{Off: f.Off, End: f.End})
		// Each name's bytes, when the value is one braced or quoted
		// group as written.
		if f.End-f.Off >= 2 && string(doc.Text[f.Off+1:f.End-1]) == f.Value {
			base := f.Off + 1
			for i, r := range splitAndRanges(f.Value) {
				if i < len(rec.Authors) {
					rec.Pos.Set("/authors/"+strconv.Itoa(i), schema.Range{Off: base + r[0], End: base + r[1]})
				}
			}
		}
	}
	if f := e.Field("pages"); f != nil && rec.Pages == nil {
		// fillFromEntry drops an unreadable range; keep it as written so
		// that the page checks can report it.
		rec.Pages = &schema.Pages{Text: strings.TrimSpace(f.Value)}
	}
	return rec
}

// container names the proceedings an entry belongs to: its crossref key,
// its booktitle, its journal and volume, or the file's only @proceedings.
func container(e *Entry, procs []*Entry) string {
	if c, ok := e.Get("crossref"); ok && strings.TrimSpace(c) != "" {
		return strings.TrimSpace(c)
	}
	if b, ok := e.Get("booktitle"); ok && strings.TrimSpace(b) != "" {
		// An entry whose booktitle is that of an @proceedings belongs
		// to it.
		for _, p := range procs {
			if pb, ok := p.Get("booktitle"); ok && sameText(pb, b) {
				return p.Key
			}
			if pt, ok := p.Get("title"); ok && sameText(pt, b) {
				return p.Key
			}
		}
		return strings.Join(strings.Fields(b), " ")
	}
	if j, ok := e.Get("journal"); ok && strings.TrimSpace(j) != "" {
		c := strings.Join(strings.Fields(j), " ")
		if vol, ok := e.Get("volume"); ok && strings.TrimSpace(vol) != "" {
			c += " " + strings.TrimSpace(vol)
		}
		return c
	}
	if len(procs) == 1 {
		return procs[0].Key
	}
	return ""
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// procFor returns the @proceedings an entry inherits from.
func procFor(e *Entry, procs map[string]*Entry, order []*Entry) *Entry {
	if c, ok := e.Get("crossref"); ok {
		return procs[strings.ToLower(strings.TrimSpace(c))]
	}
	if p := procs[strings.ToLower(container(e, order))]; p != nil {
		return p
	}
	if len(order) == 1 {
		return order[0]
	}
	return nil
}

var reDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// proceedingsFrom fills the volume metadata from an @proceedings entry.
func proceedingsFrom(v *schema.Volume, e *Entry) {
	p := &v.Proceedings
	set := func(ptr string, f *Field) {
		v.Pos.Set(ptr, schema.Range{Off: f.Off, End: f.End})
	}
	for _, name := range []string{"title", "booktitle"} {
		if f := e.Field(name); f != nil && strings.TrimSpace(f.Value) != "" {
			p.Title = BibText(f.Value)
			set("/proceedings/title", f)
			break
		}
	}
	year, _ := e.Get("year")
	year = strings.TrimSpace(year)
	if f := e.Field("shortname"); f != nil {
		p.Acronym = strings.TrimSpace(BibText(f.Value))
		if year != "" && !strings.Contains(p.Acronym, year) {
			p.Acronym += " " + year
		}
		set("/proceedings/acronym", f)
	}
	for _, name := range []string{"start", "date"} {
		if f := e.Field(name); f != nil && reDay.MatchString(strings.TrimSpace(f.Value)) {
			p.Date = strings.TrimSpace(f.Value)
			set("/proceedings/date", f)
			break
		}
	}
	for _, name := range []string{"location", "address", "venue"} {
		if f := e.Field(name); f != nil && strings.TrimSpace(f.Value) != "" {
			p.Location = BibText(f.Value)
			set("/proceedings/location", f)
			break
		}
	}
}

// splitAndRanges returns the byte ranges of the names in an author field:
// the parts between top-level (brace depth 0) " and ", case-insensitive,
// trimmed.
func splitAndRanges(s string) [][2]int {
	var out [][2]int
	depth, start := 0, 0
	add := func(a, b int) {
		for a < b && isSpaceByte2(s[a]) {
			a++
		}
		for b > a && isSpaceByte2(s[b-1]) {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '{':
			depth++
		case c == '}':
			depth--
		case depth == 0 && isSpaceByte2(c) && i+4 < len(s) && strings.EqualFold(s[i+1:i+4], "and") && isSpaceByte2(s[i+4]):
			add(start, i)
			start = i + 4
			i += 3
		}
	}
	add(start, len(s))
	return out
}

func isSpaceByte2(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// splitBibTeXNames splits an author field on top-level " and " and reads
// each name as BibTeX does: "Last, First", "Last, Jr, First" or
// "First von Last". Names are decoded with BibText. "others" is dropped.
func splitBibTeXNames(field string) []schema.Author {
	authors := []schema.Author{}
	for _, r := range splitAndRanges(field) {
		raw := field[r[0]:r[1]]
		if strings.EqualFold(raw, "others") {
			continue
		}
		authors = append(authors, bibName(raw))
	}
	return authors
}

// bibName reads one BibTeX name.
func bibName(raw string) schema.Author {
	parts := splitTopLevel(raw, ',')
	for i := range parts {
		parts[i] = strings.Join(strings.Fields(BibText(parts[i])), " ")
	}
	var a schema.Author
	switch len(parts) {
	case 1:
		// "First von Last": leave the split to normalization, which
		// knows the particles.
		a.Name = parts[0]
		return a
	case 2:
		a.Family, a.Given = parts[0], parts[1]
	default:
		a.Family, a.Suffix, a.Given = parts[0], parts[1], strings.Join(parts[2:], " ")
	}
	if a.Given == "" && a.Suffix == "" {
		a.Name = a.Family
		return a
	}
	// The von part: lower-case words at the start of the family name.
	words := strings.Fields(a.Family)
	n := 0
	for n < len(words)-1 && startsLowerRune(words[n]) {
		n++
	}
	a.Particle = strings.Join(words[:n], " ")
	a.Name = strings.TrimSpace(a.Given + " " + a.Family)
	if a.Suffix != "" {
		a.Name += ", " + a.Suffix
	}
	return a
}

func startsLowerRune(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

// splitTopLevel splits s at sep outside braces.
func splitTopLevel(s string, sep byte) []string {
	var out []string
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
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// latexAccents maps an accent command to the combining character it puts
// on the next letter.
var latexAccents = map[byte]rune{
	'"': '\u0308', '\'': '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303',
	'=': '\u0304', '.': '\u0307', 'u': '\u0306', 'v': '\u030C', 'H': '\u030B',
	'c': '\u0327', 'k': '\u0328', 'r': '\u030A', 'd': '\u0323', 'b': '\u0331',
}

// latexSymbols are the letter commands that stand for a character.
var latexSymbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
	"th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "textendash": "–", "textemdash": "—",
	"ldots": "…", "dots": "…", "textquoteleft": "‘", "textquoteright": "’",
	"textquotedblleft": "“", "textquotedblright": "”", "S": "§", "P": "¶",
	"copyright": "©", "textregistered": "®", "texttrademark": "™", "euro": "€", "pounds": "£",
}

// decodeLaTeXLite is the minimal LaTeX decoder the BibTeX reader uses
// until the normalization package offers the full one: accents (\"{u},
// {\"u}, \'e, \c{c}, \v s), letter commands (\ss, \o, \l), escaped
// specials (\&, \%, \_), dashes and quotes, and braces removed. Math
// between $ signs is kept as written; other commands keep their argument
// ("\emph{x}" is "x"). The result is in NFC.
func decodeLaTeXLite(s string) string {
	if !strings.ContainsAny(s, "\\{}~-`'$") {
		return s
	}
	var b strings.Builder
	math := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if math && c != '$' {
			b.WriteByte(c)
			continue
		}
		switch c {
		case '$':
			math = !math
			b.WriteByte(c)
		case '{', '}':
		case '~':
			b.WriteByte(' ')
		case '-':
			switch {
			case strings.HasPrefix(s[i:], "---"):
				b.WriteString("—")
				i += 2
			case strings.HasPrefix(s[i:], "--"):
				b.WriteString("–")
				i++
			default:
				b.WriteByte(c)
			}
		case '`':
			if strings.HasPrefix(s[i:], "``") {
				b.WriteString("“")
				i++
			} else {
				b.WriteString("‘")
			}
		case '\'':
			if strings.HasPrefix(s[i:], "''") {
				b.WriteString("”")
				i++
			} else {
				b.WriteByte(c)
			}
		case '\\':
			i = latexCommand(s, i, &b)
		default:
			b.WriteByte(c)
		}
	}
	return norm.NFC.String(b.String())
}

// latexCommand decodes the command at s[i] ('\') into b and returns the
// index of its last byte.
func latexCommand(s string, i int, b *strings.Builder) int {
	if i+1 >= len(s) {
		return i
	}
	c := s[i+1]
	if mark, ok := latexAccents[c]; ok && (!isLetterASCII(c) || i+2 < len(s) && !isLetterASCII(s[i+2])) {
		// The accented letter: "\"u", "\"{u}", "\v s", "\'{\i}".
		j := i + 2
		for j < len(s) && s[j] == ' ' && isLetterASCII(c) {
			j++
		}
		braced := j < len(s) && s[j] == '{'
		if braced {
			j++
		}
		var base string
		switch {
		case j+1 < len(s) && s[j] == '\\' && (s[j+1] == 'i' || s[j+1] == 'j') && (j+2 >= len(s) || !isLetterASCII(s[j+2])):
			base = s[j+1 : j+2] // dotless i takes the accent as a plain i
			j += 2
		case j < len(s) && s[j] != '}' && s[j] != '\\':
			_, n := decodeRune(s[j:])
			base = s[j : j+n]
			j += n
		}
		if braced {
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && s[j] == '}' {
				j++
			}
		}
		if base == "" {
			return i + 1
		}
		b.WriteString(base)
		b.WriteRune(mark)
		return j - 1
	}
	if !isLetterASCII(c) {
		// \& \% \_ \# \$ \{ \} \\ and "\ " (a space).
		if c == '\\' {
			b.WriteByte(' ')
		} else {
			b.WriteByte(c)
		}
		return i + 1
	}
	j := i + 1
	for j < len(s) && isLetterASCII(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if sym, ok := latexSymbols[name]; ok {
		b.WriteString(sym)
		// "\ss{}" and "\o " end the command.
		if strings.HasPrefix(s[j:], "{}") {
			j += 2
		} else if j < len(s) && s[j] == ' ' {
			j++
		}
		return j - 1
	}
	// Another command: drop its name, keep its argument.
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return j - 1
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			return r, n
		}
	}
	return 0, 0
}
