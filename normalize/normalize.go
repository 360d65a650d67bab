// Package normalize cleans the records extract produced and offers the
// text functions the readers share:
//
//   - Clean and Text: Unicode NFC with a fast path for ASCII, invisible
//     characters (controls, zero-width, soft hyphens, bidi controls)
//     removed, white space folded; quotes and apostrophes kept as written.
//   - LaTeX: BibTeX values to Unicode (accents, special letters, escapes,
//     dashes), math kept verbatim, leftover commands returned.
//   - ParseName, Name, SplitBibTeXNames, BibTeXAuthors: names split into
//     given and family with particles and suffixes, in the display form
//     and BibTeX's three forms, never changing a letter's case.
//   - RepairMojibake: text UTF-8 decoded once too often, repaired where the
//     reverse transformation is exact.
//   - Affiliation, Country: "Institution, Country" with an ISO 3166-1 code.
//
// Volume applies them to a volume. Normalization is idempotent:
// normalizing a normalized volume changes nothing. It reports what it
// changed or could not read as diagnostics carrying the JSON Pointer of the
// field (not-nfc, invisible-char, mixed-script, latex-in-text, name-case,
// mojibake, affiliation-unparsed).
package normalize

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Volume normalizes every record of v in place and appends its diagnostics
// to v.Diagnostics.
func Volume(v *schema.Volume) {
	n := &normalizer{v: v}
	p := &v.Proceedings
	p.Title = n.text(at("/proceedings/title"), p.Title)
	p.Acronym = n.text(at("/proceedings/acronym"), p.Acronym)
	p.Location = n.text(at("/proceedings/location"), p.Location)
	p.Publisher = n.text(at("/proceedings/publisher"), p.Publisher)
	for j := range p.Editors {
		p.Editors[j] = n.author(item("/proceedings/editors", j), p.Editors[j])
	}
	for i := range p.Sections {
		p.Sections[i].Name = n.text(at(fmt.Sprintf("/proceedings/sections/%d/name", i)), p.Sections[i].Name)
		chairs := fmt.Sprintf("/proceedings/sections/%d/chairs", i)
		for j := range p.Sections[i].Chairs {
			p.Sections[i].Chairs[j] = n.author(item(chairs, j), p.Sections[i].Chairs[j])
		}
	}
	for i := range v.Containers {
		c := &v.Containers[i]
		base := "/containers/" + strconv.Itoa(i)
		c.Title = n.latex(at(base+"/title"), n.text(at(base+"/title"), c.Title))
		c.Acronym = n.text(at(base+"/acronym"), c.Acronym)
		c.Location = n.text(at(base+"/location"), c.Location)
		c.Publisher = n.text(at(base+"/publisher"), c.Publisher)
		for j := range c.Editors {
			c.Editors[j] = n.author(item(base+"/editors", j), c.Editors[j])
		}
	}
	// Records are independent: a large volume's are normalized on every
	// core, each chunk reporting into its own list, joined in order.
	chunks := par.Split(len(v.Papers), parallelMin)
	found := make([][]schema.Diagnostic, len(chunks))
	par.Run(chunks, func(c, lo, hi int) {
		cn := &normalizer{v: &schema.Volume{Source: v.Source}}
		for i := lo; i < hi; i++ {
			cn.record(i, &v.Papers[i])
		}
		found[c] = cn.v.Diagnostics
	})
	for _, ds := range found {
		v.Diagnostics = append(v.Diagnostics, ds...)
	}
}

// parallelMin is the number of records from which Volume uses every core;
// below it the goroutines cost more than they save.
const parallelMin = 512

type normalizer struct {
	v *schema.Volume
}

// pointer is the JSON Pointer of a field, kept in parts and joined only
// when a diagnostic needs it: most fields have nothing to report, and
// joining the pointer of every field cost more than checking most of them.
// It is base, then "/" and item unless item is negative, then field:
// {"/papers/3/authors", 2, "/name"} is "/papers/3/authors/2/name".
type pointer struct {
	base  string
	item  int
	field string
}

// at is the pointer ptr.
func at(ptr string) pointer { return pointer{base: ptr, item: -1} }

// item is the pointer to item i of the list at list.
func item(list string, i int) pointer { return pointer{base: list, item: i} }

// with is the pointer to field of p, which names no field yet.
func (p pointer) with(field string) pointer {
	p.field = field
	return p
}

func (p pointer) String() string {
	if p.item < 0 {
		return p.base + p.field
	}
	return p.base + "/" + strconv.Itoa(p.item) + p.field
}

func (n *normalizer) report(ptr pointer, code schema.Code, format string, args ...any) {
	n.v.Diagnostics = append(n.v.Diagnostics, code.AtPointer(n.v.Source.Path, ptr.String(), format, args...))
}

func (n *normalizer) findings(ptr pointer, fs []text.Finding) {
	if len(fs) == 0 {
		return
	}
	p := ptr.String()
	for _, f := range fs {
		n.v.Diagnostics = append(n.v.Diagnostics, f.Code.AtPointer(n.v.Source.Path, p, "%s", f.Message))
	}
}

func (n *normalizer) record(i int, r *schema.Record) {
	base := "/papers/" + strconv.Itoa(i)
	paper := item("/papers", i)
	r.Section = n.text(paper.with("/section"), r.Section)
	title := paper.with("/title")
	r.Title = n.latex(title, n.text(title, r.Title))
	if len(r.Authors) > 0 {
		authors := base + "/authors"
		for j := range r.Authors {
			r.Authors[j] = n.author(item(authors, j), r.Authors[j])
		}
		compoundFamilies(r)
	}
	if len(r.Affiliations) > 0 {
		affiliations := base + "/affiliations"
		for j := range r.Affiliations {
			ptr := item(affiliations, j)
			a := r.Affiliations[j]
			a.Name = n.text(ptr.with("/name"), a.Name)
			r.Affiliations[j] = n.affiliation(ptr, a, r.PageCount == 0)
		}
	}
	r.Abstract = n.paragraphs(paper.with("/abstract"), r.Abstract)
	r.DOI = n.text(paper.with("/doi"), r.DOI)
	if r.BibTeX != nil {
		n.bibtex(base, r.BibTeX)
	}
}

// bibtex puts the values of a BibTeX entry in NFC and reports the ones
// that were not and the ones holding commands procx cannot decode, in the
// order of the field names.
func (n *normalizer) bibtex(base string, e *schema.BibTeX) {
	type flagged struct {
		key, val string
		fs       []text.Finding
	}
	var fl []flagged
	for k, val := range e.Fields {
		if out, fs := text.BibTeXField(k, val); len(fs) > 0 {
			fl = append(fl, flagged{k, out, fs})
		}
	}
	slices.SortFunc(fl, func(a, b flagged) int { return strings.Compare(a.key, b.key) })
	for _, f := range fl {
		e.Fields[f.key] = f.val
		n.findings(at(base+"/bibtex/fields/"+f.key), f.fs)
	}
}

// text cleans a field (see text.Field) and reports what it changed.
func (n *normalizer) text(ptr pointer, s string) string {
	out, fs, _ := text.Field(s)
	n.findings(ptr, fs)
	return out
}

// latex decodes LaTeX markup left in a prose field (a title copied from
// BibTeX) and reports commands it could not decode.
func (n *normalizer) latex(ptr pointer, s string) string {
	out, fs := text.Prose(s)
	n.findings(ptr, fs)
	return out
}

// paragraphs normalizes each paragraph of a text whose paragraphs are
// separated by blank lines.
func (n *normalizer) paragraphs(ptr pointer, s string) string {
	out, fs := text.Paragraphs(s)
	n.findings(ptr, fs)
	return out
}

// author cleans a name and splits it when it has not been split yet,
// keeping its source's id.
func (n *normalizer) author(ptr pointer, a schema.Author) schema.Author {
	out, fs := text.Author(a)
	n.findings(ptr.with("/name"), fs)
	out.ID = a.ID
	return out
}

// affiliation splits an affiliation into institution and country; one
// with no country procx recognises is reported when wantCountry: a
// table of contents or a BibTeX field is expected to name one, a paper's
// own first page often names none ("Princeton University").
func (n *normalizer) affiliation(ptr pointer, a schema.Affiliation, wantCountry bool) schema.Affiliation {
	if a.Institution != "" || a.Country != "" {
		return a
	}
	out := text.Affiliation(a.Name)
	out.Authors = a.Authors
	if out.CountryCode == "" && wantCountry {
		n.report(ptr, schema.AffiliationUnparsed, "affiliation %q names no country procx recognises", text.Clip(a.Name, 80))
	}
	return out
}

// compoundFamilies takes from the record's BibTeX author field the split
// of a name whose family name is more than one word ("Peyton Jones,
// Simon", "Simon {Peyton Jones}"), which a display-form name ("Simon
// Peyton Jones") cannot mark. Only the same name at the same place in
// the list is changed; without such a field nothing is guessed.
func compoundFamilies(r *schema.Record) {
	if r.BibTeX == nil {
		return
	}
	field := r.BibTeX.Fields["author"]
	if !strings.ContainsAny(field, ",{") {
		return // no name in it can mark a family of several words
	}
	bib, _ := text.BibTeXAuthors(field)
	for j := range r.Authors {
		if j >= len(bib) {
			break
		}
		b, a := bib[j], &r.Authors[j]
		if !strings.Contains(b.Family, " ") || b.Suffix != "" {
			continue
		}
		display := strings.Join(strings.Fields(strings.Join([]string{b.Given, b.Particle, b.Family}, " ")), " ")
		if display != strings.Join(strings.Fields(a.Name), " ") {
			continue
		}
		a.Given, a.Particle, a.Family = b.Given, b.Particle, b.Family
	}
}
