// Package normalize cleans the records extract produced: Unicode NFC with a
// fast path for ASCII, white space folded, names split into given and
// family parts with their particles, and affiliations split into
// institution and country with an ISO 3166 code.
//
// Normalization is idempotent: normalizing a normalized volume changes
// nothing. It reports what it changed or could not read as diagnostics
// carrying the JSON Pointer of the field.
package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// Volume normalizes every record of v in place and appends its diagnostics
// to v.Diagnostics.
func Volume(v *schema.Volume) {
	n := &normalizer{v: v}
	p := &v.Proceedings
	p.Title = n.text("/proceedings/title", p.Title)
	p.Acronym = n.text("/proceedings/acronym", p.Acronym)
	p.Location = n.text("/proceedings/location", p.Location)
	for i := range p.Sections {
		p.Sections[i].Name = n.text(fmt.Sprintf("/proceedings/sections/%d/name", i), p.Sections[i].Name)
		for j := range p.Sections[i].Chairs {
			p.Sections[i].Chairs[j] = n.author(fmt.Sprintf("/proceedings/sections/%d/chairs/%d", i, j), p.Sections[i].Chairs[j])
		}
	}
	for i := range v.Papers {
		n.record(i, &v.Papers[i])
	}
}

type normalizer struct {
	v *schema.Volume
}

func (n *normalizer) report(ptr string, code string, sev schema.Severity, format string, args ...any) {
	n.v.Diagnostics = append(n.v.Diagnostics, schema.Diagnostic{
		Code: code, Severity: sev, Message: fmt.Sprintf(format, args...),
		Path: n.v.Source.Path, Pointer: ptr, Off: -1, End: -1,
	})
}

func (n *normalizer) record(i int, r *schema.Record) {
	base := "/papers/" + strconv.Itoa(i)
	r.Section = n.text(base+"/section", r.Section)
	r.Title = n.text(base+"/title", r.Title)
	for j := range r.Authors {
		r.Authors[j] = n.author(base+"/authors/"+strconv.Itoa(j), r.Authors[j])
	}
	for j := range r.Affiliations {
		ptr := base + "/affiliations/" + strconv.Itoa(j)
		a := r.Affiliations[j]
		a.Name = n.text(ptr+"/name", a.Name)
		r.Affiliations[j] = n.affiliation(ptr, a)
	}
	r.Abstract = n.paragraphs(base+"/abstract", r.Abstract)
	r.DOI = n.text(base+"/doi", r.DOI)
}

// text applies NFC and folds white space runs to single spaces.
func (n *normalizer) text(ptr, s string) string {
	if s == "" {
		return s
	}
	out := Text(s)
	if !isASCII(s) && !norm.NFC.IsNormalString(s) {
		n.report(ptr, "not-nfc", schema.Info, "text was not in unicode nfc: %q (normalized)", clip(s, 60))
	}
	return out
}

// paragraphs normalizes each paragraph of a text whose paragraphs are
// separated by blank lines.
func (n *normalizer) paragraphs(ptr, s string) string {
	if s == "" {
		return s
	}
	ps := strings.Split(s, "\n\n")
	out := ps[:0]
	for _, p := range ps {
		if p = n.text(ptr, p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

func (n *normalizer) author(ptr string, a schema.Author) schema.Author {
	name := n.text(ptr+"/name", a.Name)
	if a.Given == "" && a.Family == "" {
		return Name(name)
	}
	a.Name = name
	a.Given, a.Family = Text(a.Given), Text(a.Family)
	a.Particle, a.Suffix = Text(a.Particle), Text(a.Suffix)
	return a
}

func (n *normalizer) affiliation(ptr string, a schema.Affiliation) schema.Affiliation {
	if a.Institution != "" || a.Country != "" {
		return a
	}
	out := Affiliation(a.Name)
	if out.CountryCode == "" {
		n.report(ptr, "affiliation-unparsed", schema.Warning, "affiliation %q names no country procx recognises", clip(a.Name, 80))
	}
	return out
}

// Text returns s in NFC with runs of white space folded to one space and
// the ends trimmed. ASCII input skips the NFC pass.
func Text(s string) string {
	if isASCII(s) {
		return foldSpace(s)
	}
	return foldSpace(norm.NFC.String(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func foldSpace(s string) string {
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// Affiliation splits "Institution, Country" into its parts; the country is
// the last comma-separated part when it names one, and its code is the ISO
// 3166-1 alpha-2 code. An affiliation without a recognisable country keeps
// its whole text as the institution.
func Affiliation(s string) schema.Affiliation {
	a := schema.Affiliation{Name: s}
	inst, country := s, ""
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		inst, country = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	} else if code, ok := Country(s); ok {
		a.Country, a.CountryCode = s, code
		return a
	}
	if code, ok := Country(country); ok && inst != "" {
		a.Institution, a.Country, a.CountryCode = inst, country, code
		return a
	}
	a.Institution = s
	return a
}
