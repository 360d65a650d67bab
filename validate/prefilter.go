package validate

import (
	"strings"

	"github.com/procx/procx/schema"
)

// The prefilter is the embedded JSON Schema written out as Go over the
// record types, for one question: is this value certainly valid? A value
// it passes skips gojsonschema, which would report nothing and costs a
// JSON tree and a context per node; anything else goes to gojsonschema,
// which stays the authority and words the diagnostics.
//
// It reads the values as Tree builds them for gojsonschema, which is as
// encoding/json writes them (but see volumeValid). A field without
// omitempty is always written (a nil slice as null, which is not an
// array); a field with omitempty is written only when it is not zero, so
// an empty optional string needs no check. TestPrefilterTypes holds the
// record types to that reading: every member the schema requires is a
// field without omitempty, every other one has it, and the types have no
// field the schema does not name (its objects are closed).
//
// Each check names the schema path it mirrors, relative to
// #/definitions/<name> or to the root. TestPrefilterMirrorsSchema fails
// when the schema gains or changes a constraint, TestPatterns holds each
// byte check below to the schema's own pattern, and TestPrefilterAgrees
// and FuzzPrefilter hold the verdicts to gojsonschema's: on these types
// the check is exact, so it never passes an invalid value and it passes
// every valid one.

// recordValid reports whether r certainly satisfies #/definitions/record.
func recordValid(r *schema.Record) bool {
	// required kind, title, authors, span and additionalProperties false:
	// the struct's shape (TestPrefilterTypes).
	if r.Kind != schema.KindPaper && r.Kind != schema.KindFrontmatter { // properties/kind: enum
		return false
	}
	if r.Authors == nil { // properties/authors: type array; nil is written as null
		return false
	}
	if r.Kind == schema.KindPaper && len(r.Authors) == 0 { // if kind const "paper" then authors minItems 1
		return false
	}
	if !isText(r.Title) || !optText(r.Section) || !optText(r.Container) || !optText(r.Key) { // properties/{title,section,container,key}: text
		return false
	}
	for i := range r.Authors { // properties/authors/items: author
		if !authorValid(&r.Authors[i]) {
			return false
		}
	}
	for i := range r.Affiliations { // properties/affiliations/items: affiliation
		if !affiliationValid(&r.Affiliations[i]) {
			return false
		}
	}
	// properties/abstract: minLength 1, which a written (non-empty) value has.
	if r.Pages != nil && !pagesValid(r.Pages) { // properties/pages: pages
		return false
	}
	if r.DOI != "" && !isDOI(r.DOI) { // properties/doi: pattern
		return false
	}
	if r.URL != "" && !isURL(r.URL) { // properties/url: pattern
		return false
	}
	if r.Year != 0 && (r.Year < 1000 || r.Year > 9999) { // properties/year: minimum 1000, maximum 9999
		return false
	}
	if r.PageCount < 0 { // properties/page_count: minimum 1 (0 is omitted)
		return false
	}
	if !paperFieldsValid(r) { // properties/{keywords,arxiv,venue,emails}
		return false
	}
	// properties/{withdrawn,informal}: boolean, which a bool is.
	if r.BibTeX != nil && !bibtexValid(r.BibTeX) { // properties/bibtex: bibtex
		return false
	}
	return spanValid(r.Span) // properties/span: span
}

// authorValid mirrors #/definitions/author: name (required) and the
// optional given, family, particle, suffix and id are text.
func authorValid(a *schema.Author) bool {
	if !isText(a.Name) || !optText(a.Given) || !optText(a.Family) || !optText(a.Particle) || !optText(a.Suffix) || !optText(a.ID) {
		return false
	}
	return optText(a.Note) && (a.Email == "" || isEmail(a.Email)) // properties/note: text; properties/email: pattern
}

// authorsValid mirrors an array of #/definitions/author.
func authorsValid(as []schema.Author) bool {
	for i := range as {
		if !authorValid(&as[i]) {
			return false
		}
	}
	return true
}

// containerValid mirrors #/definitions/container: name (required) and the
// optional title, acronym, location and publisher are text, date matches
// its pattern, editors are authors and span is a span.
func containerValid(c *schema.Container) bool {
	if !isText(c.Name) || !optText(c.Title) || !optText(c.Acronym) || !optText(c.Location) || !optText(c.Publisher) {
		return false
	}
	if c.Date != "" && !isDate(c.Date) { // properties/date: pattern
		return false
	}
	return authorsValid(c.Editors) && (c.Span == nil || spanValid(*c.Span)) // properties/editors/items: author; properties/span: span
}

// affiliationValid mirrors #/definitions/affiliation.
func affiliationValid(a *schema.Affiliation) bool {
	if !isText(a.Name) || !optText(a.Institution) || !optText(a.Country) { // properties/{name,institution,country}: text
		return false
	}
	for _, n := range a.Authors { // properties/authors/items: minimum 0
		if n < 0 {
			return false
		}
	}
	// properties/country_code: pattern; dependencies: country_code needs country.
	return a.CountryCode == "" || isCountryCode(a.CountryCode) && a.Country != ""
}

// pagesValid mirrors #/definitions/pages: first and last minimum 1; text
// and article minLength 1 and roman boolean hold for whatever is written.
func pagesValid(p *schema.Pages) bool {
	return p.First >= 1 && p.Last >= 1
}

// bibtexValid mirrors #/definitions/bibtex: type matches its pattern,
// fields is an object (not null) whose member names match propertyNames'
// pattern; key and the field values are strings, which is all the schema
// asks of them.
func bibtexValid(b *schema.BibTeX) bool {
	if !isEntryType(b.Type) || b.Fields == nil {
		return false
	}
	for name := range b.Fields {
		if !isFieldName(name) {
			return false
		}
	}
	return true
}

// spanValid mirrors #/definitions/span: line and end_line minimum 1, page
// minimum 1 when written (not 0).
func spanValid(s schema.Span) bool {
	return s.Line >= 1 && s.EndLine >= 1 && s.Page >= 0
}

// volumeValid reports whether v certainly satisfies the schema's root with
// its papers left out: v as SchemaErrors validates it, with an empty papers
// array, each paper being checked on its own by recordValid.
func volumeValid(v *schema.Volume) bool {
	// properties/source: path minLength 1, format enum, encoding any string.
	if v.Source.Path == "" || !isSourceFormat(v.Source.Format) {
		return false
	}
	p := &v.Proceedings                                                                            // properties/proceedings
	if !optText(p.Title) || !optText(p.Acronym) || !optText(p.Location) || !optText(p.Publisher) { // properties/{title,acronym,location,publisher}: text
		return false
	}
	if !authorsValid(p.Editors) { // properties/editors/items: author
		return false
	}
	if p.Date != "" && !isDate(p.Date) { // properties/date: pattern
		return false
	}
	for i := range p.Sections { // properties/sections/items
		s := &p.Sections[i]
		if !isText(s.Name) || !spanValid(s.Span) { // name: text, span: span
			return false
		}
		for j := range s.Chairs { // chairs/items: author
			if !authorValid(&s.Chairs[j]) {
				return false
			}
		}
	}
	for i := range v.Containers { // properties/containers/items: container
		if !containerValid(&v.Containers[i]) {
			return false
		}
	}
	// properties/diagnostics: type array. Tree, which SchemaErrors
	// validates, writes nil diagnostics as an empty array.
	for i := range v.Diagnostics { // properties/diagnostics/items: diagnostic
		if !diagnosticValid(&v.Diagnostics[i]) {
			return false
		}
	}
	return true
}

// isSourceFormat mirrors the enum of #/properties/source/properties/format.
func isSourceFormat(f string) bool {
	switch f {
	case "toc-text", "opentoc-html", "opentoc-text", "bibtex", "pdf", "json", "jsonl", "dblp-xml", "acl-xml", "unknown":
		return true
	}
	return false
}

// diagnosticValid mirrors #/definitions/diagnostic.
func diagnosticValid(d *schema.Diagnostic) bool {
	if !isCode(string(d.Code)) { // properties/code: pattern
		return false
	}
	if d.Severity < schema.Info || d.Severity > schema.Error { // properties/severity: enum (others are written "severity(n)")
		return false
	}
	if d.Message == "" || d.Path == "" { // properties/{message,path}: minLength 1
		return false
	}
	// properties/{line,column,end_line,end_column,page}: minimum 1 when written (not 0).
	if d.Line < 0 || d.Column < 0 || d.EndLine < 0 || d.EndColumn < 0 || d.Page < 0 {
		return false
	}
	if d.Pointer != "" && !isPointer(d.Pointer) { // properties/pointer: pattern
		return false
	}
	for _, r := range d.Related { // properties/related/items
		// line, column, page minimum 1 when written; message minLength 1; path
		// minLength 1 when written (omitempty: always); pointer any string.
		if r.Line < 0 || r.Column < 0 || r.Page < 0 || r.Message == "" {
			return false
		}
	}
	for _, f := range d.Fixes { // properties/fixes/items
		// message minLength 1; edits an array (not null) of minItems 1.
		if f.Message == "" || len(f.Edits) == 0 {
			return false
		}
		for _, e := range f.Edits { // line, column, end_line, end_column minimum 1
			if e.Line < 1 || e.Column < 1 || e.EndLine < 1 || e.EndColumn < 1 {
				return false
			}
		}
	}
	return true
}

// The schema's patterns as byte checks: Go's regexp cannot run
// `^\S(.*\S)?$` in one pass and backtracks over every title. In Go's
// syntax \s is [\t\n\f\r ], . is any character but \n, $ is the end of
// the text, and an invalid byte reads as U+FFFD, which is neither, so each
// can be decided bytewise. TestPatterns holds each to the schema's regexp.

// isText matches #/definitions/text: minLength 1 and `^\S(.*\S)?$`.
func isText(s string) bool {
	return s != "" && !isSpace(s[0]) && !isSpace(s[len(s)-1]) && strings.IndexByte(s, '\n') < 0
}

// optText is isText for a member with omitempty: empty is not written.
func optText(s string) bool { return s == "" || isText(s) }

// isDOI matches `^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$` (#/definitions/record/properties/doi).
func isDOI(s string) bool {
	rest, ok := strings.CutPrefix(s, "10.")
	if !ok {
		return false
	}
	d := digits(rest)
	if d < 4 || d > 9 {
		return false
	}
	for rest = rest[d:]; strings.HasPrefix(rest, "."); rest = rest[1+d:] { // (\.[0-9]+)*
		if d = digits(rest[1:]); d == 0 {
			return false
		}
	}
	return len(rest) > 1 && rest[0] == '/' && noSpace(rest[1:])
}

// digits returns the number of ASCII digits s starts with.
func digits(s string) int {
	d := 0
	for d < len(s) && isDigit(s[d]) {
		d++
	}
	return d
}

// isURL matches `^https?://\S+$` (#/definitions/record/properties/url).
func isURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "http")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "s")
	rest, ok = strings.CutPrefix(rest, "://")
	return ok && rest != "" && noSpace(rest)
}

// isCountryCode matches `^[A-Z]{2}$`
// (#/definitions/affiliation/properties/country_code).
func isCountryCode(s string) bool {
	return len(s) == 2 && isUpper(s[0]) && isUpper(s[1])
}

// isEntryType matches `^[a-z][a-z0-9_-]*$`
// (#/definitions/bibtex/properties/type).
func isEntryType(s string) bool {
	if s == "" || !isLower(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLower(c) && !isDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// isFieldName matches `^[a-z][a-z0-9_:.+-]*$`
// (#/definitions/bibtex/properties/fields/propertyNames).
func isFieldName(s string) bool {
	if s == "" || !isLower(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLower(c) && !isDigit(c) && c != '_' && c != ':' && c != '.' && c != '+' && c != '-' {
			return false
		}
	}
	return true
}

// isDate matches `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`
// (#/properties/proceedings/properties/date).
func isDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := range len(s) {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isCode matches `^[a-z]+(-[a-z]+)*$`
// (#/definitions/diagnostic/properties/code): lower-case words joined by
// single hyphens.
func isCode(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := range len(s) {
		if c := s[i]; !isLower(c) && c != '-' {
			return false
		}
	}
	return true
}

// isPointer matches `^(/.*)?$` (#/definitions/diagnostic/properties/pointer).
func isPointer(s string) bool {
	return s == "" || s[0] == '/' && strings.IndexByte(s, '\n') < 0
}

// noSpace is `\S+$` after a match's start: no byte of s is in \s.
func noSpace(s string) bool {
	for i := range len(s) {
		if isSpace(s[i]) {
			return false
		}
	}
	return true
}

// isSpace is Go's regexp \s.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
