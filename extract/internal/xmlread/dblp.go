package xmlread

import (
	"bytes"
	"context"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

//go:generate go run ../dtd/gen.go -dtd ../../../../shared/corpus/dblp-xml/dblp.dtd -pkg xmlread -var dblpEntities -o dblp_entities.go

// dblpSyntax describes dblp.dtd's elements.
var dblpSyntax = xmlSyntax{
	records: setOf("article", "inproceedings", "proceedings", "book", "incollection",
		"phdthesis", "mastersthesis", "www", "person", "data"),
	markup:   setOf("i", "sub", "sup", "tt", "ref"),
	entities: dblpEntities,
	text: setOf("author", "editor", "title", "booktitle", "pages", "year", "address", "journal", "volume",
		"ee", "publisher", "crossref"),
}.compile()

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// streamDBLP reads doc and hands emit each record, container and
// diagnostic as it is read, keeping nothing of the records read before.
func streamDBLP(ctx context.Context, doc *source.Document, emit func(xmlItem)) {
	h := &dblpHandler{doc: doc, emit: emit}
	readXML(ctx, dblpSyntax, doc.Text, h)
	h.flushSkipped()
}

// dblpHandler turns dblp records into schema records and containers.
type dblpHandler struct {
	doc     *source.Document
	emit    func(xmlItem)
	skipped []dblpSkipped // record types procx does not read, in input order
	rec     schema.Record // the record being built
}

type dblpSkipped struct {
	name string
	n    int
	off  int // the first one's start tag
	end  int
}

func (h *dblpHandler) group(xml.StartElement, int, int) {}

func (h *dblpHandler) diagnostic(d schema.Diagnostic) { h.emit(xmlItem{Diagnostic: &d}) }

func (h *dblpHandler) record(r *xmlRecord) {
	switch r.Name {
	case "article", "inproceedings", "incollection":
		h.paper(r)
	case "proceedings":
		h.container(r)
	case "book":
		if r.field("author") == nil && r.field("editor") != nil {
			h.container(r) // an edited volume
		} else {
			h.paper(r)
		}
	default:
		i := slices.IndexFunc(h.skipped, func(s dblpSkipped) bool { return s.name == r.Name })
		if i < 0 {
			h.skipped = append(h.skipped, dblpSkipped{name: r.Name, off: r.Off, end: r.TagEnd})
			i = len(h.skipped) - 1
		}
		h.skipped[i].n++
	}
}

// flushSkipped reports the records of each type procx does not read.
func (h *dblpHandler) flushSkipped() {
	for _, s := range h.skipped {
		what := "a <" + s.name + "> record"
		if s.n > 1 {
			what = strconv.Itoa(s.n) + " <" + s.name + "> records, the first here,"
		}
		h.diagnostic(schema.UnparsedText.At(s.off, s.end, "%s not read: procx reads article, inproceedings, incollection, book and proceedings records", what))
	}
}

// recordName names a record for messages: its key, or its tag and line.
func (h *dblpHandler) recordName(r *xmlRecord) string {
	if k := attr(r.Attr, "key"); k != "" {
		return "<" + r.Name + " key=" + strconv.Quote(k) + ">"
	}
	return "<" + r.Name + "> at line " + strconv.Itoa(h.doc.Line(r.Off))
}

// dblpName splits the homonym number dblp appends to a name ("Markus
// Schmitt 0002") from it.
func dblpName(s string) (name, id string) {
	s = collapseSpace(s)
	if i := strings.LastIndexByte(s, ' '); i > 0 && len(s)-i-1 == 4 && isDigits(s[i+1:]) {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dblpTitle is a paper's title without the period dblp ends it with; an
// ellipsis ("...", ". . .") keeps its dots.
func dblpTitle(s string) string {
	s = collapseSpace(s)
	if t, ok := strings.CutSuffix(s, "."); ok && !strings.HasSuffix(strings.TrimRight(t, " "), ".") {
		s = strings.TrimRight(t, " ")
	}
	return s
}

func (h *dblpHandler) paper(r *xmlRecord) {
	// The record is built in h.rec, which emit's callee copies.
	key := collapseSpace(attr(r.Attr, "key"))
	tf := r.field("title")
	if tf == nil || strings.TrimSpace(tf.Text) == "" {
		d := schema.MissingField.At(r.Off, r.TagEnd, "%s has no title; skipped", h.recordName(r))
		d.Skipped = true
		h.emit(xmlItem{Diagnostic: &d})
		return
	}
	authors := 0
	for i := range r.Fields {
		if r.Fields[i].Name == "author" {
			authors++
		}
	}
	h.rec = schema.Record{Kind: schema.KindPaper, Key: key, Title: dblpTitle(tf.Text), Authors: make([]schema.Author, 0, authors)}
	rec := &h.rec
	var recDiags []schema.Diagnostic // about rec, pointers relative to it
	// Positions: the record, title, pages, year, doi, url, container, the
	// author list and each author.
	rec.Pos = make(schema.Positions, 0, 8+authors)
	rg := schema.Range{Off: r.Off, End: r.End}
	rec.Pos.Set("", rg)
	rec.Span = h.doc.SpanOf(rg)
	rec.Pos.Set("/title", schema.Range{Off: tf.Off, End: tf.End})
	for _, t := range strings.Fields(attr(r.Attr, "publtype")) {
		switch t {
		case "withdrawn":
			rec.Withdrawn = true
		case "informal":
			rec.Informal = true
		}
	}
	var booktitle, year, journal, volume, crossref string
	authorsOff, authorsEnd := -1, -1
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.Parent >= 0 {
			continue
		}
		fr := schema.Range{Off: f.Off, End: f.End}
		switch f.Name {
		case "author":
			name, id := dblpName(f.Text)
			if name == "" {
				continue
			}
			rec.Pos.Set(source.AuthorPointer(len(rec.Authors)), fr)
			rec.Authors = append(rec.Authors, schema.Author{Name: name, ID: id})
			if authorsOff < 0 {
				authorsOff = f.Off
			}
			authorsEnd = f.End
		case "pages":
			recDiags = setPages(rec, f, recDiags)
		case "year":
			if year == "" {
				year = collapseSpace(f.Text)
				if rec.Year = parseYear(year); rec.Year != 0 {
					rec.Pos.Set("/year", fr)
				}
			}
		case "ee":
			link := collapseSpace(f.Text)
			if d, ok := doiFromLink(link); ok {
				if rec.DOI == "" {
					rec.DOI = d
					rec.Pos.Set("/doi", fr)
				}
			} else if rec.URL == "" && httpURL(link) {
				rec.URL = link
				rec.Pos.Set("/url", fr)
			}
		case "booktitle":
			booktitle = collapseSpace(f.Text)
		case "journal":
			journal = collapseSpace(f.Text)
		case "volume":
			volume = collapseSpace(f.Text)
		case "crossref":
			crossref = collapseSpace(f.Text)
			rec.Pos.Set("/container", fr)
		}
	}
	if authorsOff >= 0 {
		rec.Pos.Set("/authors", schema.Range{Off: authorsOff, End: authorsEnd})
	}
	switch {
	case crossref != "":
		rec.Container = crossref
	case booktitle != "":
		rec.Container = strings.TrimSpace(booktitle + " " + year)
	case journal != "":
		rec.Container = strings.TrimSpace(journal + " " + volume)
	case key != "":
		rec.Container = key
	default:
		rec.Container = h.recordName(r)
	}
	h.emit(xmlItem{Record: rec, RecordDiagnostics: recDiags})
}

// container reads a proceedings record or an edited book as the metadata
// of the container its papers name by its key.
func (h *dblpHandler) container(r *xmlRecord) {
	m := &xmlContainer{Container: schema.Container{Name: collapseSpace(attr(r.Attr, "key"))}}
	if m.Name == "" {
		m.Name = h.recordName(r)
	}
	rg := schema.Range{Off: r.Off, End: r.End}
	m.Pos.Set("", rg)
	span := h.doc.SpanOf(rg)
	m.Span = &span
	var booktitle, year string
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.Parent >= 0 {
			continue
		}
		fr := schema.Range{Off: f.Off, End: f.End}
		v := collapseSpace(f.Text)
		if v == "" {
			continue
		}
		switch f.Name {
		case "title":
			if m.Title == "" {
				m.Title = v
				m.Pos.Set("/title", fr)
			}
		case "booktitle":
			booktitle = v
		case "year":
			if year == "" && parseYear(v) != 0 {
				year = v
				m.Date = v
				m.Pos.Set("/date", fr)
			}
		case "address":
			if m.Location == "" {
				m.Location = v
				m.Pos.Set("/location", fr)
			}
		case "publisher":
			if m.Publisher == "" {
				m.Publisher = v
				m.Pos.Set("/publisher", fr)
			}
		case "editor":
			name, id := dblpName(v)
			m.Pos.Set("/editors/"+strconv.Itoa(len(m.Editors)), fr)
			m.Editors = append(m.Editors, schema.Author{Name: name, ID: id})
		}
	}
	if booktitle != "" {
		m.Alias = strings.TrimSpace(booktitle + " " + year)
		if !sameText(booktitle, m.Title) {
			m.Acronym = booktitle
			if year != "" && !strings.Contains(booktitle, year) {
				m.Acronym += " " + year
			}
		}
	}
	if m.Title == "" && booktitle != "" {
		m.Title = booktitle
	}
	h.emit(xmlItem{Container: m})
}

// SniffDBLP is sure when the document's root element is <dblp>, and fairly
// sure when it is a dblp record with a key.
func SniffDBLP(doc *source.Document) int {
	root := xmlRoot(doc.Text)
	switch {
	case root == "dblp":
		return 95
	case dblpSyntax.records[root] && source.ContainsFold(doc.Text[:min(len(doc.Text), 1024)], " key="):
		return 80
	}
	return 0
}

// ReadDBLP streams the records of doc into a volume. Once ctx is done it
// stops, and the volume is incomplete.
func ReadDBLP(ctx context.Context, doc *source.Document) *schema.Volume {
	c := newXMLVolume(doc, "dblp-xml", dblpRecords(doc.Text))
	adoptDeclaredEncoding(doc, c.v)
	streamDBLP(ctx, doc, c.add)
	return c.finish()
}

// dblpRecords estimates the number of records in text, to size the
// volume's papers: dblp gives every record a key attribute.
func dblpRecords(text []byte) int { return bytes.Count(text, []byte(`key="`)) }

// sameText reports whether a and b are the same text but for case and
// runs of white space.
func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
