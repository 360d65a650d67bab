// Package schema is procx's data contract: the record types that every stage
// hands to the next, the diagnostic type, byte-offset positions and the JSON
// Schema (schema v1) that every volume procx prints must satisfy.
//
// The field names and diagnostic codes are a stable contract for the tools
// that consume procx's output; fields may be added, never renamed.
//
// This package imports nothing else of procx.
package schema

import (
	_ "embed"
)

// JSON is the JSON Schema (draft-07) for one volume, as printed by
// "procx schema". Records and diagnostics are closed: a property the schema
// does not name is an error.
//
//go:embed procx.schema.json
var JSON []byte

// Version is the version of the JSON contract described by JSON.
const Version = 1

// Volume is one input file's worth of proceedings: where it came from, the
// volume-level metadata, its records in input order and the diagnostics
// found while reading and checking it.
type Volume struct {
	Source      Source      `json:"source"`
	Proceedings Proceedings `json:"proceedings"`
	Papers      []Record    `json:"papers"`
	// Containers describes the proceedings the records name in
	// Record.Container, when one input holds several (a dblp dump, an ACL
	// Anthology collection of several volumes): one entry per container,
	// in the order the input names them. Proceedings then describes the
	// container with the most records.
	Containers  []Container  `json:"containers,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`

	// Pos maps JSON Pointers inside the volume (for example
	// "/proceedings/date") to the input bytes they were read from.
	Pos Positions `json:"-"`
}

// Source names the input a volume was read from.
type Source struct {
	Path     string `json:"path"`
	Format   string `json:"format"`
	Encoding string `json:"encoding,omitempty"`
}

// Proceedings is the volume-level metadata.
type Proceedings struct {
	Title    string `json:"title,omitempty"`
	Acronym  string `json:"acronym,omitempty"`
	Date     string `json:"date,omitempty"`
	Location string `json:"location,omitempty"`
	// Publisher and Editors are read from formats that give them
	// (dblp XML, ACL Anthology XML).
	Publisher string    `json:"publisher,omitempty"`
	Editors   []Author  `json:"editors,omitempty"`
	Sections  []Section `json:"sections,omitempty"`
}

// Container is the metadata of one of the proceedings (or edited books,
// or journal volumes) an input holds: Name is the Record.Container of its
// records; the other fields are those of Proceedings, as far as the input
// gives them. Span is where the metadata was read (a dblp proceedings
// record, an ACL volume's meta), absent for a container known only from
// its records' fields.
type Container struct {
	Name      string   `json:"name"`
	Title     string   `json:"title,omitempty"`
	Acronym   string   `json:"acronym,omitempty"`
	Date      string   `json:"date,omitempty"`
	Location  string   `json:"location,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Editors   []Author `json:"editors,omitempty"`
	Span      *Span    `json:"span,omitempty"`
}

// Section is a heading of the volume (Frontmatter, Papers, a session).
// Chairs holds people listed under the heading without a title, as older
// ACM pages list session chairs.
type Section struct {
	Name   string   `json:"name"`
	Chairs []Author `json:"chairs,omitempty"`
	Span   Span     `json:"span"`
}

// Kind says what a record is.
type Kind string

// The record kinds.
const (
	KindPaper       Kind = "paper"
	KindFrontmatter Kind = "frontmatter"
)

// String returns the kind as it appears in JSON.
func (k Kind) String() string { return string(k) }

// Record is one paper or front-matter item. Title, Authors, Affiliations and
// Abstract are the prose reading of the input; BibTeX keeps the entry as
// written, so that checks can compare the two readings. For front matter,
// Abstract holds the item's body text.
type Record struct {
	Kind    Kind   `json:"kind"`
	Section string `json:"section,omitempty"`
	// Container names the proceedings a record belongs to when one input
	// holds several (a BibTeX file's crossref key or booktitle); checks
	// that compare records run per container.
	Container string `json:"container,omitempty"`
	// Key is the record's identifier in its source, where the format
	// has one outside BibTeX: a dblp key ("conf/vee/HildenbrandS21"), an
	// ACL Anthology bibkey.
	Key          string        `json:"key,omitempty"`
	Title        string        `json:"title"`
	Authors      []Author      `json:"authors"`
	Affiliations []Affiliation `json:"affiliations,omitempty"`
	Abstract     string        `json:"abstract,omitempty"`
	// Keywords are the keywords a paper's first page prints.
	Keywords []string `json:"keywords,omitempty"`
	Pages    *Pages   `json:"pages,omitempty"`
	DOI      string   `json:"doi,omitempty"`
	URL      string   `json:"url,omitempty"`
	// Arxiv is an arXiv identifier printed on a paper's first page
	// ("2003.01234", "math/0501001"); Venue the venue line it prints
	// ("Proceedings of Machine Learning Research vol 120:1–10, 2020");
	// Emails the addresses it prints, in order, braces expanded.
	Arxiv  string   `json:"arxiv,omitempty"`
	Venue  string   `json:"venue,omitempty"`
	Emails []string `json:"emails,omitempty"`
	Year   int      `json:"year,omitempty"`
	// PageCount is the number of pages of the PDF a record was read
	// from, for a paper read from its own PDF.
	PageCount int `json:"page_count,omitempty"`
	// Withdrawn marks a record its source lists as withdrawn or retracted
	// (dblp publtype "withdrawn", an ACL Anthology <retracted>); Informal
	// one it lists as an informal publication, such as a preprint (dblp
	// publtype "informal").
	Withdrawn bool    `json:"withdrawn,omitempty"`
	Informal  bool    `json:"informal,omitempty"`
	BibTeX    *BibTeX `json:"bibtex,omitempty"`
	Span      Span    `json:"span"`

	// Pos maps JSON Pointers relative to the record ("/title",
	// "/bibtex/fields/pages", "" for the whole record) to input bytes.
	Pos Positions `json:"-"`
}

// Author is a person as written (Name) and split into parts.
// Family includes the particle as written ("de Palma"). ID tells apart
// people of one name where the source does: dblp's homonym number
// ("0002" of "Markus Schmitt 0002", which is not part of Name), an ACL
// Anthology author id.
type Author struct {
	Name     string `json:"name"`
	Given    string `json:"given,omitempty"`
	Family   string `json:"family,omitempty"`
	Particle string `json:"particle,omitempty"`
	Suffix   string `json:"suffix,omitempty"`
	ID       string `json:"id,omitempty"`
	// Email is the author's address, and Note the footnotes the author's
	// marks point to ("Equal contribution"), joined by "; ", where the
	// source links them to the author (a paper's first page).
	Email string `json:"email,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Affiliation is one institution, split from its country where the country
// could be recognised.
type Affiliation struct {
	Name        string `json:"name"`
	Institution string `json:"institution,omitempty"`
	Country     string `json:"country,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	// Authors indexes the record's authors who have this affiliation,
	// where the source links them (a paper's first page, by superscript
	// marks or by layout).
	Authors []int `json:"authors,omitempty"`
}

// Pages is a page range. Text is the range as written. Article is set for
// article-numbered ranges ("4:1--4:56" has Article "4"); Roman is set for
// front-matter ranges in roman numerals, whose First and Last are the values
// of the numerals.
type Pages struct {
	First   int    `json:"first"`
	Last    int    `json:"last"`
	Text    string `json:"text,omitempty"`
	Article string `json:"article,omitempty"`
	Roman   bool   `json:"roman,omitempty"`
}

// BibTeX is an entry as written: the entry type in lower case, the key, and
// every field's value with its outer braces or quotes removed and nothing
// else changed. Field names are lower case.
type BibTeX struct {
	Type   string            `json:"type"`
	Key    string            `json:"key"`
	Fields map[string]string `json:"fields"`
}

// Span is the first and last input line (1-based) of a record. PDF inputs
// add the page.
type Span struct {
	Line    int `json:"line"`
	EndLine int `json:"end_line"`
	Page    int `json:"page,omitempty"`
}
