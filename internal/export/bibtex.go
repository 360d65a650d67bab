package export

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// BibTeXOptions choose how BibTeX is written.
type BibTeXOptions struct {
	// LaTeX writes letters, dashes and quotes that LaTeX can spell as
	// LaTeX ({\"o}, {\l}, --) instead of UTF-8, for BibTeX setups that
	// read only ASCII. Characters LaTeX has no spelling for (Greek, Han)
	// stay UTF-8 either way.
	LaTeX bool
}

// BibTeX writes volumes as one BibTeX file: per volume, one @inproceedings
// per paper (@article for a journal article; front matter, which BibTeX
// has no type for, is left out) and, after them, the
// @proceedings entry they name in crossref (classic BibTeX wants a
// cross-referenced entry after the entries that name it). Every entry
// also carries its booktitle, for readers that do not follow crossref.
//
// Values are LaTeX-escaped (\&, \%, \_, math kept), in UTF-8 or in LaTeX
// spellings (BibTeXOptions.LaTeX); words of titles with capitals after
// their first letter are protected with braces ("{QEMU/KVM}"); pages
// are written "1--14"; DOIs are bare; names are "von Last, Jr, First";
// fields come in a fixed order. A record keeps its key when it has a
// usable one not taken by an earlier record; other keys are made from the
// volume's acronym and the first page ("VEE21p1"). Reading the file back
// with procx gives the same titles, authors, pages and DOIs.
type BibTeX struct {
	w    *bufio.Writer
	opt  BibTeXOptions
	keys *keys
	n    int
}

// NewBibTeX starts a BibTeX file on w.
func NewBibTeX(w io.Writer, opt BibTeXOptions) *BibTeX {
	return &BibTeX{w: bufio.NewWriter(w), opt: opt, keys: newKeys()}
}

// bibField is one field of an entry to write: its name and its value as
// BibTeX ({...} around an escaped value, or a bare month macro).
type bibField struct{ name, value string }

// paperFields is the order of the fields of a paper's entry. Fields
// copied from the entry as read (other than these) are not written.
var paperFields = []string{"author", "title", "booktitle", "journal", "volume", "number", "series",
	"pages", "year", "month", "publisher", "address", "doi", "url", "isbn", "issn", "keywords", "note",
	"abstract", "crossref"}

// copied are the fields that come from the entry as read, decoded and
// written again; the others come from the record.
var copied = map[string]bool{"volume": true, "number": true, "series": true, "month": true,
	"address": true, "isbn": true, "issn": true, "keywords": true, "note": true}

// Volume writes the entries of v's records and its proceedings.
func (b *BibTeX) Volume(v *schema.Volume) error {
	if len(v.Papers) == 0 {
		return nil
	}
	c := newContext(v)
	keys, procKey := b.keys.volume(c)
	if b.n > 0 {
		b.w.WriteString("\n")
	}
	b.n++
	b.w.WriteString("% " + comment(v.Source.Path))
	if t := v.Proceedings.Title; t != "" {
		b.w.WriteString(": " + comment(t))
	}
	b.w.WriteString("\n")
	for i := range v.Papers {
		r := &v.Papers[i]
		if r.Kind != schema.KindPaper {
			continue
		}
		typ, fields := b.paper(c, r, procKey)
		b.entry(typ, keys[i], fields)
	}
	if procKey != "" {
		b.entry("proceedings", procKey, b.proceedings(c))
	}
	return b.w.Flush()
}

// Close flushes what is left.
func (b *BibTeX) Close() error { return b.w.Flush() }

// comment makes s safe in a comment line: one line, and no '@' (BibTeX
// starts an entry at any '@' outside entries, comment or not).
func comment(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "@", "(at)")
}

func (b *BibTeX) entry(typ, key string, fields []bibField) {
	width := 0
	for _, f := range fields {
		width = max(width, len(f.name))
	}
	b.w.WriteString("\n@" + typ + "{" + key + ",\n")
	for _, f := range fields {
		b.w.WriteString("  " + f.name + strings.Repeat(" ", width-len(f.name)) + " = " + f.value + ",\n")
	}
	b.w.WriteString("}\n")
}

// esc writes text as a braced BibTeX value.
func (b *BibTeX) esc(s string, protect bool) string {
	return "{" + text.EscapeLaTeX(s, text.EscapeOptions{ASCII: b.opt.LaTeX, Protect: protect}) + "}"
}

// paper returns the entry type and fields of a record.
func (b *BibTeX) paper(c *volumeContext, r *schema.Record, procKey string) (string, []bibField) {
	typ := "inproceedings"
	if r.BibTeX != nil && r.BibTeX.Type == "article" {
		typ = "article"
	}
	vals := map[string]string{}
	set := func(name, s string, protect bool) {
		if strings.TrimSpace(s) != "" {
			vals[name] = b.esc(s, protect)
		}
	}
	if len(r.Authors) > 0 {
		names := make([]string, len(r.Authors))
		for i, a := range r.Authors {
			names[i] = b.name(a)
		}
		vals["author"] = "{" + strings.Join(names, " and ") + "}"
	}
	set("title", r.Title, true)
	if typ == "article" {
		set("journal", field(r, "journal"), false)
	} else {
		set("booktitle", c.containerTitle(r), false)
	}
	switch {
	case r.Pages != nil:
		vals["pages"] = "{" + pageRange(r.Pages, "--") + "}"
	case field(r, "pages") != "":
		set("pages", unreadablePages(r), false)
	}
	if y := c.yearOf(r); y > 0 {
		vals["year"] = "{" + strconv.Itoa(y) + "}"
	}
	set("publisher", c.publisherOf(r), false)
	if verbatim(r.DOI) {
		vals["doi"] = "{" + r.DOI + "}"
	}
	if verbatim(r.URL) {
		vals["url"] = "{" + r.URL + "}"
	}
	set("abstract", r.Abstract, false)
	for name := range copied {
		set(name, field(r, name), false)
	}
	if m, ok := monthMacro(field(r, "month")); ok {
		vals["month"] = m
	}
	if procKey != "" && c.inMain(r) && typ != "article" {
		vals["crossref"] = "{" + procKey + "}"
	}
	return typ, ordered(vals, paperFields)
}

func ordered(vals map[string]string, order []string) []bibField {
	out := make([]bibField, 0, len(vals))
	for _, name := range order {
		if v, ok := vals[name]; ok {
			out = append(out, bibField{name, v})
		}
	}
	return out
}

var reDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// proceedings returns the fields of the volume's @proceedings: the title
// (as title and booktitle), the acronym without its year (shortname, as
// PMLR writes it; procx reads it back with the year), year, start date,
// location and publisher.
func (b *BibTeX) proceedings(c *volumeContext) []bibField {
	p := c.v.Proceedings
	var fs []bibField
	add := func(name, s string) {
		if strings.TrimSpace(s) != "" {
			fs = append(fs, bibField{name, b.esc(s, false)})
		}
	}
	fs = append(fs, bibField{"title", b.esc(p.Title, true)})
	add("booktitle", p.Title)
	short := p.Acronym
	if c.year > 0 {
		short = strings.TrimSpace(strings.TrimSuffix(short, strconv.Itoa(c.year)))
	}
	add("shortname", short)
	if c.year > 0 {
		fs = append(fs, bibField{"year", "{" + strconv.Itoa(c.year) + "}"})
	}
	if reDay.MatchString(p.Date) {
		fs = append(fs, bibField{"start", "{" + p.Date + "}"})
	}
	add("location", p.Location)
	add("publisher", c.publisher)
	return fs
}

// name writes an author as BibTeX reads names: "von Last, First" or
// "von Last, Jr, First", each part escaped. A part that BibTeX would split
// wrongly (a comma or an "and" in it, a corporate name without a given
// name) is braced whole; so is a family name that procx would read back
// other than as it stands.
func (b *BibTeX) name(a schema.Author) string {
	esc := func(s string) string {
		return text.EscapeLaTeX(s, text.EscapeOptions{ASCII: b.opt.LaTeX})
	}
	if a.Family == "" {
		if a.Given == "" {
			return "{" + esc(a.Name) + "}"
		}
		return "{" + esc(a.Given) + "}"
	}
	brace := func(s string) string {
		if s == "" {
			return s
		}
		return "{" + s + "}"
	}
	given, suffix := esc(a.Given), esc(a.Suffix)
	if splits(a.Given) {
		given = brace(given)
	}
	if splits(a.Suffix) {
		suffix = brace(suffix)
	}
	join := func(family string) string {
		s := family
		if suffix != "" {
			s += ", " + suffix + ","
			if given != "" {
				s += " " + given
			}
		} else if given != "" {
			s += ", " + given
		}
		return s
	}
	family := esc(a.Family)
	if splits(a.Family) || a.Given == "" && strings.Contains(a.Family, " ") {
		return join(brace(family))
	}
	rest := a.Family
	if p := a.Particle; p != "" && strings.HasPrefix(rest, p+" ") {
		rest = strings.TrimPrefix(rest, p+" ")
	}
	if erest := esc(rest); innerLower(a.Family, a.Particle) || strings.HasPrefix(erest, "{") && strings.ContainsAny(rest, "- ") {
		if rest != a.Family { // the particle stays a von part
			return join(esc(a.Particle) + " " + brace(erest))
		}
		return join(brace(family))
	}
	plain := join(family)
	if back := text.Name(plain); back.Family == a.Family && back.Given == a.Given &&
		back.Particle == a.Particle && back.Suffix == a.Suffix {
		return plain
	}
	return join(brace(family))
}

// innerLower reports whether BibTeX would read a family name otherwise than
// as family (and particle): the name after its particle has several words
// ("Schulte im Walde", "Arhar Holdt"), starts in lower case without a
// particle ("ul Hassan"), or has a part in lower case after a hyphen
// ("Carrillo-de-Albornoz"), all of which BibTeX splits into von and last
// parts. Such a name is braced whole.
func innerLower(family, particle string) bool {
	rest := strings.TrimSpace(strings.TrimPrefix(family, particle))
	if strings.ContainsAny(rest, " \t") {
		return true
	}
	for i, part := range strings.Split(rest, "-") {
		if r, _ := utf8.DecodeRuneInString(part); unicode.IsLower(r) && (i > 0 || particle == "") {
			return true
		}
	}
	return false
}

// splits reports whether BibTeX would split a name part: it holds a comma
// or the word "and".
func splits(s string) bool {
	if strings.Contains(s, ",") {
		return true
	}
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// verbatim reports whether a DOI or URL can be written as it is, inside
// braces: its braces balance and no backslash escapes one.
func verbatim(s string) bool {
	if s == "" || strings.ContainsAny(s, "\\\n\r") {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth < 0 {
				return false
			}
		case '@':
			return false
		}
	}
	return depth == 0
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

// monthMacro returns BibTeX's macro for a month name ("June" gives jun).
func monthMacro(s string) (string, bool) {
	low := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if len(low) < 3 {
		return "", false
	}
	for _, m := range months {
		if low == m || low == m[:3] {
			return m[:3], true
		}
	}
	return "", false
}

// unreadablePages is the pages field of a record whose page range procx
// could not read, as written but that a control character (which BibTeX
// cannot carry, and reading drops) is U+FFFD: "172--1\x1a5" stays a text
// that reads as no range rather than becoming 172-15.
func unreadablePages(r *schema.Record) string {
	raw := strings.Map(func(c rune) rune {
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return '\uFFFD'
		}
		return c
	}, r.BibTeX.Fields["pages"])
	out, _ := text.BibTeXValue(raw)
	return strings.TrimSpace(out)
}
