// Package export writes procx volumes in the formats other tools read:
// CSL-JSON (Zotero, Pandoc, citeproc), BibTeX (LaTeX) and CSV
// (spreadsheets).
//
// Each format is an encoder over an io.Writer: New* starts the document,
// Volume adds one volume's records, Close ends it. Several volumes make
// one document (one CSL array, one BibTeX file with unique keys, one CSV
// with a source column when asked). The encoders write the records' clean
// fields (the prose reading, normalized), not the BibTeX entry as written;
// they read nothing but the volumes they are given.
package export

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Write writes vols in format ("csl", "bibtex" or "csv") with the default
// options; it is the encoders for callers that hold every volume.
func Write(w io.Writer, format string, vols ...*schema.Volume) error {
	var enc Encoder
	switch format {
	case "csl":
		enc = NewCSL(w)
	case "bibtex":
		enc = NewBibTeX(w, BibTeXOptions{})
	case "csv":
		enc = NewCSV(w, CSVOptions{Source: len(vols) > 1})
	default:
		return errUnknownFormat(format)
	}
	for _, v := range vols {
		if err := enc.Volume(v); err != nil {
			return err
		}
	}
	return enc.Close()
}

// Formats are the names Write takes.
var Formats = []string{"csl", "bibtex", "csv"}

type errUnknownFormat string

func (e errUnknownFormat) Error() string {
	return "export: unknown format " + strconv.Quote(string(e)) + " (want csl, bibtex or csv)"
}

// Encoder writes volumes as one document.
type Encoder interface {
	// Volume writes the records of v.
	Volume(v *schema.Volume) error
	// Close ends the document; it does not close the writer.
	Close() error
}

// keys hands out citation keys that are unique in a document: a record's
// own BibTeX key when it is a usable one not taken yet, else one made
// from the volume's acronym and the record's first page ("VEE21p1"), with
// a letter added when that is taken ("VEE21p1a"). Keys compare without
// case, as BibTeX compares them.
type keys struct {
	used map[string]bool
}

func newKeys() *keys { return &keys{used: map[string]bool{}} }

// take reserves key as it is, and reports whether it was free.
func (k *keys) take(key string) bool {
	low := strings.ToLower(key)
	if k.used[low] {
		return false
	}
	k.used[low] = true
	return true
}

// unique reserves base, or base with the first free suffix a, b, ...,
// z, aa, ab, ...
func (k *keys) unique(base string) string {
	if k.take(base) {
		return base
	}
	for i := 0; ; i++ {
		if key := base + letters(i); k.take(key) {
			return key
		}
	}
}

// letters is the i-th suffix: a ... z, aa, ab, ...
func letters(i int) string {
	s := ""
	for {
		s = string(rune('a'+i%26)) + s
		i = i/26 - 1
		if i < 0 {
			return s
		}
	}
}

// volumeKeys assigns the keys of a volume's records and of its
// proceedings. Records keep their own keys where they can; the others are
// made after, so that a kept key never loses to a made one.
func (k *keys) volume(c *volumeContext) (paper []string, proc string) {
	paper = make([]string, len(c.v.Papers))
	for i := range c.v.Papers {
		if b := c.v.Papers[i].BibTeX; b != nil && validKey(b.Key) && k.take(b.Key) {
			paper[i] = b.Key
		}
	}
	if c.hasProceedings() {
		base := c.prefix
		if validKey(c.crossref) {
			base = c.crossref
		}
		proc = k.unique(base)
	}
	frontmatter := 0
	for i := range c.v.Papers {
		r := &c.v.Papers[i]
		if r.Kind == schema.KindFrontmatter {
			frontmatter++
		}
		if paper[i] != "" {
			continue
		}
		var local string
		switch p := r.Pages; {
		case p != nil && p.Article != "":
			local = "a" + p.Article
		case p != nil && p.Roman:
			local = "p" + romanNumeral(p.First)
		case p != nil && p.First > 0:
			local = "p" + strconv.Itoa(p.First)
		case r.Kind == schema.KindFrontmatter:
			local = "fm" + strconv.Itoa(frontmatter)
		default:
			local = "n" + strconv.Itoa(i+1)
		}
		paper[i] = k.unique(c.prefix + local)
	}
	return paper, proc
}

// validKey reports whether key can stand as a BibTeX key: not empty, and
// none of the characters BibTeX or biber end a key at or refuse.
func validKey(key string) bool {
	if key == "" || len(key) > 200 {
		return false
	}
	for _, r := range key {
		if r <= ' ' || r == 0x7f || strings.ContainsRune(",{}()\"#%'=\\~", r) || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// volumeContext is what the encoders work out once per volume: the
// container the volume's proceedings describe, the key prefix, the
// publisher.
type volumeContext struct {
	v *schema.Volume
	// main is the container of the records the proceedings describe:
	// the most common Record.Container ("" when the input held one).
	main string
	// crossref is the crossref the main container's records name most
	// often, the key of the @proceedings they came with ("" for none).
	crossref string
	// prefix starts made keys: "VEE21" from the acronym "VEE 2021".
	prefix string
	// publisher is the publisher most of the records' BibTeX names.
	publisher string
	year      int
}

func newContext(v *schema.Volume) *volumeContext {
	c := &volumeContext{v: v}
	containers, crossrefs, publishers, years := counter{}, counter{}, counter{}, counter{}
	for i := range v.Papers {
		containers.add(v.Papers[i].Container)
	}
	c.main = containers.most()
	for i := range v.Papers {
		r := &v.Papers[i]
		if r.Container != c.main {
			continue
		}
		if r.Year > 0 {
			years.add(strconv.Itoa(r.Year))
		}
		if r.BibTeX != nil {
			if x := strings.TrimSpace(r.BibTeX.Fields["crossref"]); x != "" {
				crossrefs.add(x)
			}
			if p := field(r, "publisher"); p != "" {
				publishers.add(p)
			}
		}
	}
	c.crossref, c.publisher = crossrefs.most(), publishers.most()
	c.year, _ = strconv.Atoi(years.most())
	if c.year == 0 && len(v.Proceedings.Date) >= 4 {
		c.year, _ = strconv.Atoi(v.Proceedings.Date[:4])
	}
	c.prefix = keyPrefix(v, c.year)
	return c
}

// hasProceedings reports whether the volume has proceedings metadata to
// write as a proceedings entry.
func (c *volumeContext) hasProceedings() bool {
	return c.v.Proceedings.Title != "" && len(c.v.Papers) > 0
}

// inMain reports whether r belongs to the proceedings the volume
// describes.
func (c *volumeContext) inMain(r *schema.Record) bool {
	return r.Container == c.main
}

// containerTitle is the title of the proceedings or journal r appeared in:
// the volume's title for the main container, else the record's own
// booktitle or journal.
func (c *volumeContext) containerTitle(r *schema.Record) string {
	if c.inMain(r) && c.v.Proceedings.Title != "" {
		return c.v.Proceedings.Title
	}
	if t := field(r, "booktitle"); t != "" {
		return t
	}
	return field(r, "journal")
}

// publisherOf is r's publisher: its BibTeX's, or the one most of the
// volume's records name.
func (c *volumeContext) publisherOf(r *schema.Record) string {
	if p := field(r, "publisher"); p != "" {
		return p
	}
	if c.inMain(r) {
		return c.publisher
	}
	return ""
}

// yearOf is r's year, or the volume's for a record of the main container.
func (c *volumeContext) yearOf(r *schema.Record) int {
	if r.Year > 0 {
		return r.Year
	}
	if c.inMain(r) {
		return c.year
	}
	return 0
}

// keyPrefix makes the prefix of made keys from the acronym and the year
// ("VEE 2021" gives "VEE21"), else from the source file's name ("cc21").
func keyPrefix(v *schema.Volume, year int) string {
	yy := ""
	if year > 0 {
		yy = fmt2(year % 100)
	}
	var kept []string
	for _, w := range strings.Fields(v.Proceedings.Acronym) {
		// The year in the acronym ("VEE 2021", "ICFP '24") wins.
		d := strings.TrimLeft(w, "'’")
		if n, err := strconv.Atoi(d); err == nil && (len(d) == 4 || len(d) == 2 && d != w) {
			yy = fmt2(n % 100)
			continue
		}
		kept = append(kept, w)
	}
	p := keyChars(strings.Join(kept, ""))
	if p == "" {
		base := filepath.Base(v.Source.Path)
		p, yy = keyChars(strings.TrimSuffix(base, filepath.Ext(base))), ""
	}
	if p == "" {
		return "paper"
	}
	if unicode.IsDigit(rune(p[len(p)-1])) {
		yy = "" // "VEE2021" carries its year
	}
	return p + yy
}

func fmt2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// keyChars keeps the ASCII letters and digits of s.
func keyChars(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// field returns the BibTeX field k of r decoded to text, or "".
func field(r *schema.Record, k string) string {
	if r.BibTeX == nil {
		return ""
	}
	v, ok := r.BibTeX.Fields[k]
	if !ok {
		return ""
	}
	out, _ := text.BibTeXValue(v)
	return strings.TrimSpace(out)
}

// counter counts strings and returns the most common, the first seen
// winning ties.
type counter struct {
	n     map[string]int
	order []string
}

func (c *counter) add(s string) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[s] == 0 {
		c.order = append(c.order, s)
	}
	c.n[s]++
}

func (c *counter) most() string {
	best, n := "", 0
	for _, s := range c.order {
		if c.n[s] > n {
			best, n = s, c.n[s]
		}
	}
	return best
}

// pageRange writes p as first, sep, last ("1--14"), with the article
// number ("4:1--4:56") and roman numerals ("xi--xii") as they were read; a
// one-page range is one number.
func pageRange(p *schema.Pages, sep string) string {
	num := func(n int) string {
		s := strconv.Itoa(n)
		if p.Roman {
			s = romanNumeral(n)
			if p.Text != "" && strings.ToUpper(p.Text) == p.Text {
				s = strings.ToUpper(s)
			}
		}
		if p.Article != "" {
			s = p.Article + ":" + s
		}
		return s
	}
	if p.First == p.Last {
		return num(p.First)
	}
	return num(p.First) + sep + num(p.Last)
}

// romanNumeral writes n in lower-case roman numerals.
func romanNumeral(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
