package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// CSL writes volumes as one CSL-JSON array (the input format of citeproc
// processors, Zotero and Pandoc; it satisfies the published schema
// csl-data.json): one item per record, papers as "paper-conference" (or
// "article-journal" for a journal article), front matter as "chapter" of
// the proceedings. An item's id is its BibTeX key, or the key the BibTeX
// export would make ("VEE21p1"); ids are unique in the array.
type CSL struct {
	w    *bufio.Writer
	keys *keys
	n    int
}

// NewCSL starts a CSL-JSON array on w.
func NewCSL(w io.Writer) *CSL {
	return &CSL{w: bufio.NewWriter(w), keys: newKeys()}
}

// CSLItem is one CSL-JSON item, with the variables procx fills, in the
// order it writes them.
type CSLItem struct {
	ID                  string    `json:"id"`
	Type                string    `json:"type"`
	CitationKey         string    `json:"citation-key,omitempty"`
	Title               string    `json:"title,omitempty"`
	Author              []CSLName `json:"author,omitempty"`
	ContainerTitle      string    `json:"container-title,omitempty"`
	ContainerTitleShort string    `json:"container-title-short,omitempty"`
	Volume              string    `json:"volume,omitempty"`
	Issue               string    `json:"issue,omitempty"`
	Number              string    `json:"number,omitempty"`
	Page                string    `json:"page,omitempty"`
	Issued              *CSLDate  `json:"issued,omitempty"`
	EventDate           *CSLDate  `json:"event-date,omitempty"`
	EventPlace          string    `json:"event-place,omitempty"`
	Publisher           string    `json:"publisher,omitempty"`
	DOI                 string    `json:"DOI,omitempty"`
	URL                 string    `json:"URL,omitempty"`
	Abstract            string    `json:"abstract,omitempty"`
}

// CSLName is a CSL name: family without its particle, a particle with a
// lower-case word as non-dropping-particle ("de Palma" is "de" and "Palma"), or a
// literal for a name procx did not split.
type CSLName struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	Suffix              string `json:"suffix,omitempty"`
	Literal             string `json:"literal,omitempty"`
}

// CSLDate is a CSL date as date parts: [[year, month, day]], month and
// day where known.
type CSLDate struct {
	DateParts [][]int `json:"date-parts"`
}

// Volume writes the items of v's records. A large volume's items are
// encoded on every core, and written in order.
func (c *CSL) Volume(v *schema.Volume) error {
	items := cslItems(v, c.keys)
	encoded := make([][]byte, len(items))
	errs := make([]error, len(items))
	par.Run(par.Split(len(items), 256), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			encoded[i], errs[i] = marshal(items[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, b := range encoded {
		if c.n == 0 {
			c.w.WriteString("[\n  ")
		} else {
			c.w.WriteString(",\n  ")
		}
		c.n++
		c.w.Write(b)
	}
	return c.w.Flush()
}

// Close ends the array.
func (c *CSL) Close() error {
	if c.n == 0 {
		c.w.WriteString("[]\n")
	} else {
		c.w.WriteString("\n]\n")
	}
	return c.w.Flush()
}

// marshal encodes an item indented inside the array, without escaping
// <, > and & (the output is read by programs, not embedded in HTML).
func marshal(it CSLItem) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(it); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// cslTypes maps BibTeX entry types to CSL types; other papers are
// "paper-conference".
var cslTypes = map[string]string{
	"article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
	"techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "misc": "document",
	"unpublished": "manuscript", "manual": "report",
}

// cslItems returns the items of v's records, their ids made unique
// against the keys k has handed out.
func cslItems(v *schema.Volume, k *keys) []CSLItem {
	c := newContext(v)
	ids, _ := k.volume(c)
	items := make([]CSLItem, len(v.Papers))
	for i := range v.Papers {
		r := &v.Papers[i]
		it := CSLItem{ID: ids[i], Type: "paper-conference", Title: r.Title}
		if r.BibTeX != nil && r.BibTeX.Key == ids[i] {
			it.CitationKey = ids[i]
		}
		if t, ok := cslTypes[bibType(r)]; ok {
			it.Type = t
		}
		if r.Kind == schema.KindFrontmatter {
			it.Type = "chapter"
		}
		for _, a := range r.Authors {
			it.Author = append(it.Author, cslName(a))
		}
		if it.Type == "article-journal" {
			it.ContainerTitle = field(r, "journal")
			it.Volume, it.Issue = field(r, "volume"), field(r, "number")
		} else {
			it.ContainerTitle = c.containerTitle(r)
			if c.inMain(r) {
				it.ContainerTitleShort = v.Proceedings.Acronym
				it.EventPlace = v.Proceedings.Location
				it.EventDate = isoDate(v.Proceedings.Date)
			}
		}
		switch p := r.Pages; {
		case p != nil:
			it.Number = p.Article
			q := *p
			q.Article = ""
			it.Page = pageRange(&q, "-")
		default:
			it.Page = field(r, "pages")
		}
		if y := c.yearOf(r); y > 0 {
			it.Issued = &CSLDate{[][]int{{y}}}
		}
		it.Publisher = c.publisherOf(r)
		it.DOI, it.URL, it.Abstract = r.DOI, r.URL, r.Abstract
		items[i] = it
	}
	return items
}

func bibType(r *schema.Record) string {
	if r.BibTeX == nil {
		return ""
	}
	return r.BibTeX.Type
}

// cslName splits off the particle that procx keeps in Family when a word
// of it is in lower case ("de", "Van den"), as BibTeX reads a von part: a
// capitalized one ("De Backer", "Van Horn") stays in the family name, as
// such names sort.
func cslName(a schema.Author) CSLName {
	if a.Family == "" {
		if a.Given != "" {
			return CSLName{Given: a.Given}
		}
		return CSLName{Literal: a.Name}
	}
	n := CSLName{Family: a.Family, Given: a.Given, Suffix: a.Suffix}
	if p := a.Particle; p != "" && lowerWord(p) {
		if rest, ok := strings.CutPrefix(a.Family, p+" "); ok && rest != "" {
			n.NonDroppingParticle, n.Family = p, rest
		}
	}
	return n
}

// isoDate reads "2021-04-16", "2021-04" or "2021" as date parts.
func isoDate(s string) *CSLDate {
	var parts []int
	for i, p := range strings.Split(s, "-") {
		n, err := strconv.Atoi(p)
		if err != nil || i >= 3 || i == 0 && len(p) != 4 || i > 0 && len(p) != 2 {
			return nil
		}
		parts = append(parts, n)
	}
	if len(parts) == 0 {
		return nil
	}
	return &CSLDate{[][]int{parts}}
}

// lowerWord reports whether a word of s starts with a lower-case letter.
func lowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			return true
		}
	}
	return false
}
