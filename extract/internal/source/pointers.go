package source

import (
	"strconv"

	"github.com/procx/procx/extract/internal/bibtex"
)

// Records carry a position per author, affiliation and BibTeX field, under
// JSON Pointers built from a prefix and an index or a name; the usual ones
// are built once here rather than allocated per position.

// pointerTable holds prefix+"0" to prefix+strconv.Itoa(n-1).
type pointerTable []string

func newPointerTable(prefix string, n int) pointerTable {
	t := make(pointerTable, n)
	for i := range t {
		t[i] = prefix + strconv.Itoa(i)
	}
	return t
}

// at returns the pointer for index i.
func (t pointerTable) at(prefix string, i int) string {
	if i >= 0 && i < len(t) {
		return t[i]
	}
	return prefix + strconv.Itoa(i)
}

var (
	authorPointers      = newPointerTable("/authors/", 64)
	affiliationPointers = newPointerTable("/affiliations/", 16)
)

// AuthorPointer returns "/authors/i".
func AuthorPointer(i int) string { return authorPointers.at("/authors/", i) }

// AffiliationPointer returns "/affiliations/i".
func AffiliationPointer(i int) string { return affiliationPointers.at("/affiliations/", i) }

// fieldPointers maps the names in bibtex.CommonNames to "/bibtex/fields/"+name.
var fieldPointers = func() map[string]string {
	m := make(map[string]string, len(bibtex.CommonNames))
	for n := range bibtex.CommonNames {
		m[n] = "/bibtex/fields/" + n
	}
	return m
}()

// FieldPointer returns "/bibtex/fields/"+name. The fields every entry of
// a table of contents has are a switch, which is cheaper than hashing the
// name for the map.
func FieldPointer(name string) string {
	switch name {
	case "author":
		return "/bibtex/fields/author"
	case "title":
		return "/bibtex/fields/title"
	case "booktitle":
		return "/bibtex/fields/booktitle"
	case "publisher":
		return "/bibtex/fields/publisher"
	case "pages":
		return "/bibtex/fields/pages"
	case "doi":
		return "/bibtex/fields/doi"
	case "year":
		return "/bibtex/fields/year"
	case "url":
		return "/bibtex/fields/url"
	}
	if p, ok := fieldPointers[name]; ok {
		return p
	}
	return "/bibtex/fields/" + name
}
