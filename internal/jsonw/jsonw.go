// Package jsonw appends procx's records, volume heads and diagnostics as
// compact JSON, byte for byte as encoding/json's Encoder writes them with
// SetEscapeHTML(false): fields in declaration order, omitempty as tagged,
// null for nil slices and maps without omitempty, map keys sorted, and
// strings escaped as encoding/json escapes them (invalid UTF-8 as \ufffd,
// U+2028 and U+2029 escaped, no HTML escapes).
//
// It is written out by hand because reflection-driven encoders spend most
// of their time finding their way through the types (BenchmarkRecord
// compares it with encoding/json); it allocates nothing. TestTypesKnown fails when a
// field is added to a schema type and not here; the tests hold every
// function to encoding/json on real, generated and hostile values.
package jsonw

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/procx/procx/internal/swar"
	"github.com/procx/procx/schema"
)

// Record appends r as a JSON object.
func Record(dst []byte, r *schema.Record) []byte {
	dst = append(dst, `{"kind":`...)
	dst = String(dst, string(r.Kind))
	dst = stringField(dst, `,"section":`, r.Section)
	dst = stringField(dst, `,"container":`, r.Container)
	dst = stringField(dst, `,"key":`, r.Key)
	dst = append(dst, `,"title":`...)
	dst = String(dst, r.Title)
	dst = append(dst, `,"authors":`...)
	dst = Authors(dst, r.Authors)
	if len(r.Affiliations) > 0 {
		dst = append(dst, `,"affiliations":[`...)
		for i := range r.Affiliations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = affiliation(dst, &r.Affiliations[i])
		}
		dst = append(dst, ']')
	}
	dst = stringField(dst, `,"abstract":`, r.Abstract)
	dst = stringsField(dst, `,"keywords":`, r.Keywords)
	if p := r.Pages; p != nil {
		dst = append(dst, `,"pages":{"first":`...)
		dst = strconv.AppendInt(dst, int64(p.First), 10)
		dst = append(dst, `,"last":`...)
		dst = strconv.AppendInt(dst, int64(p.Last), 10)
		dst = stringField(dst, `,"text":`, p.Text)
		dst = stringField(dst, `,"article":`, p.Article)
		if p.Roman {
			dst = append(dst, `,"roman":true`...)
		}
		dst = append(dst, '}')
	}
	dst = stringField(dst, `,"doi":`, r.DOI)
	dst = stringField(dst, `,"url":`, r.URL)
	dst = stringField(dst, `,"arxiv":`, r.Arxiv)
	dst = stringField(dst, `,"venue":`, r.Venue)
	dst = stringsField(dst, `,"emails":`, r.Emails)
	dst = intField(dst, `,"year":`, r.Year)
	dst = intField(dst, `,"page_count":`, r.PageCount)
	if r.Withdrawn {
		dst = append(dst, `,"withdrawn":true`...)
	}
	if r.Informal {
		dst = append(dst, `,"informal":true`...)
	}
	if b := r.BibTeX; b != nil {
		dst = append(dst, `,"bibtex":{"type":`...)
		dst = String(dst, b.Type)
		dst = append(dst, `,"key":`...)
		dst = String(dst, b.Key)
		dst = append(dst, `,"fields":`...)
		dst = stringMap(dst, b.Fields)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"span":`...)
	dst = span(dst, r.Span)
	return append(dst, '}')
}

// Authors appends a list of authors as a JSON array, null when nil.
func Authors(dst []byte, as []schema.Author) []byte {
	if as == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range as {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = author(dst, &as[i])
	}
	return append(dst, ']')
}

func author(dst []byte, a *schema.Author) []byte {
	dst = append(dst, `{"name":`...)
	dst = String(dst, a.Name)
	dst = stringField(dst, `,"given":`, a.Given)
	dst = stringField(dst, `,"family":`, a.Family)
	dst = stringField(dst, `,"particle":`, a.Particle)
	dst = stringField(dst, `,"suffix":`, a.Suffix)
	dst = stringField(dst, `,"id":`, a.ID)
	dst = stringField(dst, `,"email":`, a.Email)
	dst = stringField(dst, `,"note":`, a.Note)
	return append(dst, '}')
}

func affiliation(dst []byte, a *schema.Affiliation) []byte {
	dst = append(dst, `{"name":`...)
	dst = String(dst, a.Name)
	dst = stringField(dst, `,"institution":`, a.Institution)
	dst = stringField(dst, `,"country":`, a.Country)
	dst = stringField(dst, `,"country_code":`, a.CountryCode)
	if len(a.Authors) > 0 {
		dst = append(dst, `,"authors":[`...)
		for i, n := range a.Authors {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(dst, int64(n), 10)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

func span(dst []byte, s schema.Span) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(s.Line), 10)
	dst = append(dst, `,"end_line":`...)
	dst = strconv.AppendInt(dst, int64(s.EndLine), 10)
	dst = intField(dst, `,"page":`, s.Page)
	return append(dst, '}')
}

// stringMap appends m as a JSON object with its keys sorted, null when nil.
func stringMap(dst []byte, m map[string]string) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	// The pairs, taken in one pass (no lookup per key afterwards) and
	// sorted by insertion: a BibTeX entry has about ten fields, whose
	// names mostly differ in the first byte.
	var buf [32]member // most entries have fewer fields
	ms := buf[:0]
	for k, v := range m {
		ms = append(ms, member{k, v})
	}
	if len(ms) > 24 {
		slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.name, b.name) })
	} else {
		for i := 1; i < len(ms); i++ {
			for j := i; j > 0 && less(ms[j].name, ms[j-1].name); j-- {
				ms[j], ms[j-1] = ms[j-1], ms[j]
			}
		}
	}
	dst = append(dst, '{')
	for i := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = String(dst, ms[i].name)
		dst = append(dst, ':')
		dst = String(dst, ms[i].value)
	}
	return append(dst, '}')
}

// member is a name and value of a JSON object.
type member struct{ name, value string }

// less orders strings as < does, deciding on the first bytes without a
// call where they differ.
func less(a, b string) bool {
	if a != "" && b != "" && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

// Head appends the members "source" and "proceedings" of a volume, without
// braces: every JSONL line and the JSON volume start with them.
func Head(dst []byte, s schema.Source, p *schema.Proceedings) []byte {
	dst = append(dst, `"source":{"path":`...)
	dst = String(dst, s.Path)
	dst = append(dst, `,"format":`...)
	dst = String(dst, s.Format)
	dst = stringField(dst, `,"encoding":`, s.Encoding)
	dst = append(dst, `},"proceedings":{`...)
	mark := len(dst)
	// Every member of proceedings may be omitted: the first one written
	// has no comma before it.
	dst = stringField(dst, `,"title":`, p.Title)
	dst = stringField(dst, `,"acronym":`, p.Acronym)
	dst = stringField(dst, `,"date":`, p.Date)
	dst = stringField(dst, `,"location":`, p.Location)
	dst = stringField(dst, `,"publisher":`, p.Publisher)
	if len(p.Editors) > 0 {
		dst = append(dst, `,"editors":`...)
		dst = Authors(dst, p.Editors)
	}
	if len(p.Sections) > 0 {
		dst = append(dst, `,"sections":[`...)
		for i := range p.Sections {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = section(dst, &p.Sections[i])
		}
		dst = append(dst, ']')
	}
	if len(dst) > mark {
		dst = append(dst[:mark], dst[mark+1:]...) // the first comma
	}
	return append(dst, '}')
}

// Containers appends a list of containers as a JSON array, null when nil.
func Containers(dst []byte, cs []schema.Container) []byte {
	if cs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range cs {
		if i > 0 {
			dst = append(dst, ',')
		}
		c := &cs[i]
		dst = append(dst, `{"name":`...)
		dst = String(dst, c.Name)
		dst = stringField(dst, `,"title":`, c.Title)
		dst = stringField(dst, `,"acronym":`, c.Acronym)
		dst = stringField(dst, `,"date":`, c.Date)
		dst = stringField(dst, `,"location":`, c.Location)
		dst = stringField(dst, `,"publisher":`, c.Publisher)
		if len(c.Editors) > 0 {
			dst = append(dst, `,"editors":`...)
			dst = Authors(dst, c.Editors)
		}
		if c.Span != nil {
			dst = append(dst, `,"span":`...)
			dst = span(dst, *c.Span)
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func section(dst []byte, s *schema.Section) []byte {
	dst = append(dst, `{"name":`...)
	dst = String(dst, s.Name)
	if len(s.Chairs) > 0 {
		dst = append(dst, `,"chairs":`...)
		dst = Authors(dst, s.Chairs)
	}
	dst = append(dst, `,"span":`...)
	dst = span(dst, s.Span)
	return append(dst, '}')
}

// Diagnostics appends a list of diagnostics as a JSON array, null when nil.
func Diagnostics(dst []byte, ds []schema.Diagnostic) []byte {
	if ds == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range ds {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = Diagnostic(dst, &ds[i])
	}
	return append(dst, ']')
}

// Diagnostic appends d as a JSON object.
func Diagnostic(dst []byte, d *schema.Diagnostic) []byte {
	dst = append(dst, `{"code":`...)
	dst = String(dst, string(d.Code))
	dst = append(dst, `,"severity":`...)
	dst = String(dst, d.Severity.String()) // as its MarshalJSON writes it
	dst = append(dst, `,"message":`...)
	dst = String(dst, d.Message)
	dst = append(dst, `,"path":`...)
	dst = String(dst, d.Path)
	dst = intField(dst, `,"line":`, d.Line)
	dst = intField(dst, `,"column":`, d.Column)
	dst = intField(dst, `,"end_line":`, d.EndLine)
	dst = intField(dst, `,"end_column":`, d.EndColumn)
	dst = intField(dst, `,"page":`, d.Page)
	dst = stringField(dst, `,"pointer":`, d.Pointer)
	if len(d.Related) > 0 {
		dst = append(dst, `,"related":[`...)
		for i := range d.Related {
			r := &d.Related[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '{')
			mark := len(dst)
			dst = stringField(dst, `,"path":`, r.Path)
			dst = intField(dst, `,"line":`, r.Line)
			dst = intField(dst, `,"column":`, r.Column)
			dst = intField(dst, `,"page":`, r.Page)
			dst = stringField(dst, `,"pointer":`, r.Pointer)
			dst = append(dst, `,"message":`...)
			dst = String(dst, r.Message)
			dst = append(dst[:mark], dst[mark+1:]...) // the first comma
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(d.Fixes) > 0 {
		dst = fixes(dst, d.Fixes)
	}
	return append(dst, '}')
}

// fixes appends the "fixes" member of a diagnostic.
func fixes(dst []byte, fs []schema.Fix) []byte {
	dst = append(dst, `,"fixes":[`...)
	for i := range fs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"message":`...)
		dst = String(dst, fs[i].Message)
		if fs[i].Edits == nil {
			dst = append(dst, `,"edits":null}`...)
			continue
		}
		dst = append(dst, `,"edits":[`...)
		for j := range fs[i].Edits {
			e := &fs[i].Edits[j]
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(append(dst, `{"line":`...), int64(e.Line), 10)
			dst = strconv.AppendInt(append(dst, `,"column":`...), int64(e.Column), 10)
			dst = strconv.AppendInt(append(dst, `,"end_line":`...), int64(e.EndLine), 10)
			dst = strconv.AppendInt(append(dst, `,"end_column":`...), int64(e.EndColumn), 10)
			dst = String(append(dst, `,"new_text":`...), e.NewText)
			dst = append(dst, '}')
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, ']')
}

// stringField appends name and s unless s is empty (omitempty).
func stringField(dst []byte, name, s string) []byte {
	if s == "" {
		return dst
	}
	return String(append(dst, name...), s)
}

// intField appends name and n unless n is 0 (omitempty).
func intField(dst []byte, name string, n int) []byte {
	if n == 0 {
		return dst
	}
	return strconv.AppendInt(append(dst, name...), int64(n), 10)
}

const hex = "0123456789abcdef"

// String appends s as a JSON string, escaped as encoding/json escapes it
// with SetEscapeHTML(false).
//
// It copies s in runs between the bytes that need a look: ASCII is scanned
// eight bytes at a time (the last few bytes of s by an eight-byte load that
// overlaps what is already scanned), and valid two- and three-byte UTF-8
// sequences are stepped over without decoding them; after an escape the
// eight-byte scan resumes.
func String(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start, i := 0, 0
	for {
		for i+8 <= len(s) && safe8(swar.Load64(s[i:])) {
			i += 8
		}
		if i+8 > len(s) && len(s) >= 8 && i < len(s) && safe8(swar.Load64(s[len(s)-8:])) {
			break // the rest is safe ASCII
		}
		for i < len(s) && safeASCII[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		b := s[i]
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		// Valid sequences of two and three bytes pass as they are, but
		// for U+2028 and U+2029 (E2 80 A8, E2 80 A9); E0 and ED, whose
		// second byte has a narrower range, and four-byte sequences are
		// decoded.
		if b >= 0xC2 && b < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if b > 0xE0 && b < 0xF0 && b != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			!(b == 0xE2 && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8) {
			i += 3
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// safeASCII holds the bytes a JSON string holds as they are: ASCII from
// the space on, but the quote and the backslash.
var safeASCII = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// safe8 reports whether the eight bytes of w are ASCII that JSON strings
// hold as they are: no control character, quote or backslash, nothing
// from 0x80 on. A byte with its high bit set shows in w itself; with none
// set, subtracting from every byte sets a high bit exactly where a byte is
// below the subtrahend (a borrow reaches only bytes above such a byte), so
// the three tests are exact: a byte below 0x20, a byte equal to '"' or
// '\\' (zero after the xor).
func safe8(w uint64) bool {
	q := w ^ '"'*swar.Ones
	b := w ^ '\\'*swar.Ones
	return (w|(w-0x20*swar.Ones)&^w|(q-swar.Ones)&^q|(b-swar.Ones)&^b)&swar.Highs == 0
}

// stringsField appends name and ss as a JSON array of strings, nothing
// when ss is empty (omitempty).
func stringsField(dst []byte, name string, ss []string) []byte {
	if len(ss) == 0 {
		return dst
	}
	dst = append(dst, name...)
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = String(dst, s)
	}
	return append(dst, ']')
}
