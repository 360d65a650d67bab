package xmlread

import (
	"context"
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// aclSyntax describes the Anthology's elements.
var aclSyntax = xmlSyntax{
	records: setOf("meta", "frontmatter", "paper"),
	groups:  setOf("collection", "volume", "event"),
	markup:  setOf("fixed-case", "tex-math", "i", "b", "em", "url", "sub", "sup", "tt", "span"),
	math:    "tex-math",
	text: setOf("booktitle", "editor", "first", "last", "publisher", "address", "month", "year",
		"title", "author", "pages", "abstract", "url", "bibkey", "doi"),
}.compile()

// streamACL reads doc and hands emit each volume's metadata, each record
// with its volume's metadata, and each diagnostic, as they are read.
func streamACL(ctx context.Context, doc *source.Document, emit func(xmlItem)) {
	readXML(ctx, aclSyntax, doc.Text, &aclHandler{doc: doc, emit: emit})
}

// aclHandler turns Anthology records into schema records and containers.
type aclHandler struct {
	doc        *source.Document
	emit       func(xmlItem)
	collection string        // the collection's id
	inGroup    string        // the element of the innermost group begun
	volume     string        // the volume's Anthology id
	meta       *xmlContainer // the volume's metadata, once read
	volumes    int
}

func (h *aclHandler) diagnostic(d schema.Diagnostic) { h.emit(xmlItem{Diagnostic: &d}) }

func (h *aclHandler) group(t xml.StartElement, off, end int) {
	h.inGroup = t.Name.Local
	switch h.inGroup {
	case "collection":
		h.collection = collapseSpace(attr(t.Attr, "id"))
	case "volume":
		h.volumes++
		h.meta = nil
		h.volume = aclVolumeID(h.collection, collapseSpace(attr(t.Attr, "id")), h.volumes)
	}
}

// aclVolumeID is the Anthology id of a volume: "2020.acl" and "main" make
// "2020.acl-main", "P19" and "1" make "P19-1".
func aclVolumeID(collection, volume string, n int) string {
	switch {
	case collection != "" && volume != "":
		return collection + "-" + volume
	case volume != "":
		return volume
	case collection != "":
		return collection + "-" + strconv.Itoa(n)
	}
	return "volume " + strconv.Itoa(n)
}

func (h *aclHandler) record(r *xmlRecord) {
	if h.inGroup == "event" {
		return // an event's metadata: title, place and dates of the event
	}
	if h.inGroup != "volume" {
		d := schema.UnparsedText.At(r.Off, r.TagEnd, "<%s> outside any <volume> not read", r.Name)
		h.emit(xmlItem{Diagnostic: &d})
		return
	}
	switch r.Name {
	case "meta":
		h.readMeta(r)
	case "frontmatter", "paper":
		h.paper(r)
	}
}

// aclPerson reads an <author> or <editor> and its <first> and <last>.
func aclPerson(r *xmlRecord, i int) schema.Author {
	f := &r.Fields[i]
	var first, last string
	for j := i + 1; j < len(r.Fields) && r.Fields[j].Parent == i; j++ {
		switch sub := &r.Fields[j]; sub.Name {
		case "first":
			first = collapseSpace(sub.Text)
		case "last":
			last = collapseSpace(sub.Text)
		}
	}
	a := schema.Author{Given: first, Family: last, ID: collapseSpace(attr(f.Attr, "id"))}
	// The Anthology marks a generational suffix as part of the last name
	// ("Daumé III"); the schema has a field for it.
	if i := strings.LastIndexByte(last, ' '); i > 0 {
		switch last[i+1:] {
		case "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV":
			a.Family, a.Suffix = last[:i], last[i+1:]
		}
	}
	switch {
	case first != "" && last != "":
		a.Name = first + " " + last
	case last != "":
		a.Name = last
	case first != "":
		a.Name, a.Given, a.Family = first, "", first // a mononym marked as first
	default:
		a.Name = collapseSpace(f.Text) // neither: the text as written
	}
	return a
}

var monthNumbers = map[string]string{
	"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12",
}

// aclDate makes "2021-11" of year "2021" and month "November" (or "11",
// or "November 10-11"); just the year when the month cannot be read.
func aclDate(year, month string) string {
	if parseYear(year) == 0 {
		return ""
	}
	m := strings.ToLower(strings.TrimSpace(month))
	if len(m) >= 3 {
		if n, ok := monthNumbers[m[:3]]; ok {
			return year + "-" + n
		}
	}
	if n, err := strconv.Atoi(m); err == nil && n >= 1 && n <= 12 {
		return year + "-" + strconv.Itoa(100 + n)[1:]
	}
	return year
}

func (h *aclHandler) readMeta(r *xmlRecord) {
	m := &xmlContainer{Container: schema.Container{Name: h.volume}}
	rg := schema.Range{Off: r.Off, End: r.End}
	m.Pos.Set("", rg)
	span := h.doc.SpanOf(rg)
	m.Span = &span
	var year, month string
	var yearRange schema.Range
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.Parent >= 0 {
			continue
		}
		fr := schema.Range{Off: f.Off, End: f.End}
		switch f.Name {
		case "booktitle":
			if m.Title == "" {
				m.Title = collapseSpace(f.Text)
				m.Pos.Set("/title", fr)
			}
		case "editor":
			if a := aclPerson(r, i); a.Name != "" {
				m.Pos.Set("/editors/"+strconv.Itoa(len(m.Editors)), fr)
				m.Editors = append(m.Editors, a)
			}
		case "publisher":
			m.Publisher = collapseSpace(f.Text)
			m.Pos.Set("/publisher", fr)
		case "address":
			m.Location = collapseSpace(f.Text)
			m.Pos.Set("/location", fr)
		case "year":
			year, yearRange = collapseSpace(f.Text), fr
		case "month":
			month = f.Text
		}
	}
	if m.Date = aclDate(year, month); m.Date != "" {
		m.Pos.Set("/date", yearRange)
	}
	h.meta = m
	h.emit(xmlItem{Container: m})
}

// aclURL is the address of an Anthology id ("2020.acl-main.1"), or the
// URL as written when it is one.
func aclURL(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || httpURL(s):
		return s
	case strings.ContainsAny(s, " \t\r\n\f:"):
		return ""
	}
	return "https://aclanthology.org/" + s
}

func (h *aclHandler) paper(r *xmlRecord) {
	rec := schema.Record{Kind: schema.KindPaper, Container: h.volume, Authors: []schema.Author{}}
	var recDiags []schema.Diagnostic // about rec, pointers relative to it
	rec.Pos = make(schema.Positions, 0, 8+len(r.Fields))
	rg := schema.Range{Off: r.Off, End: r.End}
	rec.Pos.Set("", rg)
	rec.Span = h.doc.SpanOf(rg)
	if h.meta != nil {
		rec.Year = yearOf(h.meta.Date)
	}
	if r.Name == "frontmatter" {
		rec.Kind = schema.KindFrontmatter
		if h.meta != nil {
			rec.Title = h.meta.Title
		}
	}
	authorsOff, authorsEnd := -1, -1
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.Parent >= 0 {
			continue
		}
		fr := schema.Range{Off: f.Off, End: f.End}
		switch f.Name {
		case "title":
			if t := collapseSpace(f.Text); t != "" && rec.Kind == schema.KindPaper {
				rec.Title = t
				rec.Pos.Set("/title", fr)
			}
		case "author":
			a := aclPerson(r, i)
			if a.Name == "" {
				continue
			}
			rec.Pos.Set(source.AuthorPointer(len(rec.Authors)), fr)
			rec.Authors = append(rec.Authors, a)
			if authorsOff < 0 {
				authorsOff = f.Off
			}
			authorsEnd = f.End
		case "pages":
			recDiags = setPages(&rec, f, recDiags)
		case "abstract":
			if a := collapseSpace(f.Text); a != "" {
				rec.Abstract = a
				rec.Pos.Set("/abstract", fr)
			}
		case "url":
			if u := aclURL(f.Text); u != "" && rec.URL == "" {
				rec.URL = u
				rec.Pos.Set("/url", fr)
			}
		case "bibkey":
			rec.Key = collapseSpace(f.Text)
			rec.Pos.Set("/key", fr)
		case "doi":
			d := text.CleanDOI(collapseSpace(f.Text))
			switch {
			case d == "":
			case schemaDOI(d):
				rec.DOI = d
				rec.Pos.Set("/doi", fr)
			default:
				diag := schema.DOIFormat.At(f.Off, f.End, "doi %q is not a doi (want 10.NNNN/suffix)", text.Clip(d, 80))
				h.emit(xmlItem{Diagnostic: &diag})
			}
		case "retracted", "removed":
			rec.Withdrawn = true
		}
	}
	if authorsOff >= 0 {
		rec.Pos.Set("/authors", schema.Range{Off: authorsOff, End: authorsEnd})
	}
	if rec.Title == "" {
		what := "<" + r.Name + ">"
		if id := attr(r.Attr, "id"); id != "" {
			what = "<" + r.Name + " id=" + strconv.Quote(id) + ">"
		}
		d := schema.MissingField.At(r.Off, r.TagEnd, "%s of volume %q has no title; skipped", what, h.volume)
		d.Skipped = true
		h.emit(xmlItem{Diagnostic: &d})
		return
	}
	h.emit(xmlItem{Record: &rec, Container: h.meta, RecordDiagnostics: recDiags})
}

// SniffACL is sure when the root element is a <collection> that holds
// volumes, fairly sure for a lone <volume> with its <meta>.
func SniffACL(doc *source.Document) int {
	head := doc.Text[:min(len(doc.Text), 1<<16)]
	switch xmlRoot(doc.Text) {
	case "collection":
		if source.ContainsFold(head, "<volume") {
			return 95
		}
		return 50
	case "volume":
		if source.ContainsFold(head, "<meta>") {
			return 70
		}
	}
	return 0
}

// ReadACL streams the records of doc into a volume. Once ctx is done it
// stops, and the volume is incomplete.
func ReadACL(ctx context.Context, doc *source.Document) *schema.Volume {
	c := newXMLVolume(doc, "acl-xml", 0)
	adoptDeclaredEncoding(doc, c.v)
	streamACL(ctx, doc, c.add)
	return c.finish()
}
