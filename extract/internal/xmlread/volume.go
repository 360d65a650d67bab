package xmlread

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// xmlItem is what a streaming XML reader hands its consumer, in input
// order: one of a record, with the metadata of its container when the
// reader knows it (ACL: its volume's meta, which comes first; dblp gives
// a proceedings' metadata in a record of its own, before or after its
// papers, which comes as an item of its own), a container's metadata, or
// a diagnostic (with byte offsets into the document).
type xmlItem struct {
	Record     *schema.Record
	Container  *xmlContainer
	Diagnostic *schema.Diagnostic
	// RecordDiagnostics are findings about Record, their pointers
	// relative to it ("/pages").
	RecordDiagnostics []schema.Diagnostic
}

// xmlContainer is the metadata of a container as an XML reader reads it.
type xmlContainer struct {
	schema.Container
	// Pos maps pointers relative to the container ("" for the bytes its
	// metadata was read from, "/title", "/editors/0") to input bytes.
	Pos schema.Positions
	// Alias is another name records may give the container: a dblp
	// record without crossref names its proceedings by booktitle and year.
	Alias string
}

// xmlVolume collects what a streaming reader hands it into a volume: the
// records in input order, and the containers they name (all that it keeps
// beyond the records).
type xmlVolume struct {
	v     *schema.Volume
	metas map[string]*xmlContainer
	order []*xmlContainer // metas in input order
}

// newXMLVolume returns an empty volume for the records of doc, with room
// for about records of them.
func newXMLVolume(doc *source.Document, format string, records int) *xmlVolume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: format, Encoding: doc.Encoding},
		Papers: make([]schema.Record, 0, records),
	}
	return &xmlVolume{v: v, metas: map[string]*xmlContainer{}}
}

// add takes one item. A container's metadata read twice keeps the first.
func (c *xmlVolume) add(it xmlItem) {
	if it.Container != nil && c.metas[it.Container.Name] == nil {
		c.metas[it.Container.Name] = it.Container
		c.order = append(c.order, it.Container)
	}
	if it.Record != nil {
		ptr := "/papers/" + strconv.Itoa(len(c.v.Papers))
		for _, d := range it.RecordDiagnostics {
			d.Pointer = ptr + d.Pointer
			c.v.Diagnostics = append(c.v.Diagnostics, d)
		}
		c.v.Papers = append(c.v.Papers, *it.Record)
	}
	if it.Diagnostic != nil {
		c.v.Diagnostics = append(c.v.Diagnostics, *it.Diagnostic)
	}
}

// finish groups the records: a record naming a container by its alias
// gets its name, a record without a year gets its container's; one
// container is the volume (records name none, Proceedings describes it),
// several are listed in Containers, records first named first, and
// Proceedings describes the one with the most records.
func (c *xmlVolume) finish() *schema.Volume {
	v := c.v
	aliases := map[string]string{}
	for _, m := range c.order {
		if m.Alias != "" && aliases[m.Alias] == "" && c.metas[m.Alias] == nil {
			aliases[m.Alias] = m.Name
		}
	}
	count := map[string]int{}
	var names []string
	for i := range v.Papers {
		r := &v.Papers[i]
		if c.metas[r.Container] == nil {
			if n, ok := aliases[r.Container]; ok {
				r.Container = n
			}
		}
		if m := c.metas[r.Container]; m != nil && r.Year == 0 {
			r.Year = yearOf(m.Date)
		}
		if count[r.Container] == 0 {
			names = append(names, r.Container)
		}
		count[r.Container]++
	}
	for _, m := range c.order {
		if count[m.Name] == 0 {
			names = append(names, m.Name)
		}
	}
	if len(names) <= 1 {
		for i := range v.Papers {
			v.Papers[i].Container = ""
		}
		if len(names) == 1 && c.metas[names[0]] != nil {
			c.proceedings(c.metas[names[0]])
		}
		return v
	}
	var main *xmlContainer
	for _, n := range names {
		if m := c.metas[n]; m != nil && (main == nil || count[n] > count[main.Name]) {
			main = m
		}
	}
	for _, n := range names {
		if n == "" {
			continue // no name to list it by (the schema wants one)
		}
		m := c.metas[n]
		if m == nil {
			v.Containers = append(v.Containers, schema.Container{Name: n})
			continue
		}
		base := "/containers/" + strconv.Itoa(len(v.Containers))
		v.Containers = append(v.Containers, m.Container)
		for _, p := range m.Pos {
			v.Pos.Set(base+p.Ptr, p.Range)
		}
	}
	if main != nil {
		c.proceedings(main)
		// The volume's date says its year to the year check, which then
		// holds every record to it: only when every record has it.
		if y := yearOf(main.Date); y != 0 {
			for i := range v.Papers {
				if v.Papers[i].Year != 0 && v.Papers[i].Year != y {
					v.Proceedings.Date = ""
					v.Pos = dropPointer(v.Pos, "/proceedings/date")
					break
				}
			}
		}
	}
	return v
}

// proceedings fills the volume's metadata from a container's.
func (c *xmlVolume) proceedings(m *xmlContainer) {
	p := &c.v.Proceedings
	p.Title, p.Acronym, p.Date, p.Location = m.Title, m.Acronym, m.Date, m.Location
	p.Publisher, p.Editors = m.Publisher, m.Editors
	for _, e := range m.Pos {
		if e.Ptr != "" {
			c.v.Pos.Set("/proceedings"+e.Ptr, e.Range)
		}
	}
}

func dropPointer(ps schema.Positions, ptr string) schema.Positions {
	out := ps[:0]
	for _, p := range ps {
		if p.Ptr != ptr {
			out = append(out, p)
		}
	}
	return out
}

// yearOf returns the year a date starts with, or 0.
func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil || y < 1000 {
		return 0
	}
	return y
}

// parseYear reads a four-digit year, or returns 0.
func parseYear(s string) int {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return 0
	}
	return yearOf(s)
}

// collapseSpace trims s and folds each run of white space to one space.
// Most values need nothing, and are returned as they are.
func collapseSpace(s string) string {
	if !spaceToFold(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// spaceToFold reports whether s has white space at either end, a tab or a
// line break, or two spaces in a row.
func spaceToFold(s string) bool {
	if len(s) > 0 && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		return true
	}
	for i := 0; i < len(s); i++ {
		// Most bytes are past ' ', which one comparison tells.
		if c := s[i]; c <= ' ' && (c == '\t' || c == '\n' || c == '\r' || c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			return true
		}
	}
	return false
}

// xmlRoot returns the name of the first element of text, after the XML
// declaration, comments, processing instructions and a DOCTYPE, looking at
// the first 64 KiB; "" when there is none.
func xmlRoot(text []byte) string {
	t := text[:min(len(text), 1<<16)]
	for {
		t = bytes.TrimLeft(t, " \t\r\n")
		switch {
		case bytes.HasPrefix(t, []byte("<?")):
			i := bytes.Index(t, []byte("?>"))
			if i < 0 {
				return ""
			}
			t = t[i+2:]
		case bytes.HasPrefix(t, []byte("<!--")):
			i := bytes.Index(t[4:], []byte("-->"))
			if i < 0 {
				return ""
			}
			t = t[4+i+3:]
		case bytes.HasPrefix(t, []byte("<!")):
			i := declEnd(t)
			if i < 0 {
				return ""
			}
			t = t[i:]
		case len(t) > 1 && t[0] == '<':
			n := 1
			for n < len(t) && n < 64 && !isXMLSpace(t[n]) && t[n] != '>' && t[n] != '/' {
				n++
			}
			return string(t[1:n])
		default:
			return ""
		}
	}
}

// declEnd returns the index past the '>' that ends the declaration at
// the start of t ("<!DOCTYPE x [ ... ]>"), skipping quoted literals and an
// internal subset, or -1.
func declEnd(t []byte) int {
	var quote byte
	depth := 0
	for i, c := range t {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1
		}
	}
	return -1
}

// xmlDeclEncoding returns the encoding the XML declaration names, in
// lower case, or "".
func xmlDeclEncoding(text []byte) string {
	t := bytes.TrimLeft(text[:min(len(text), 512)], " \t\r\n")
	if !bytes.HasPrefix(t, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(t, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(t[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	rest, ok := strings.CutPrefix(rest, "=")
	rest = strings.TrimLeft(rest, " \t\r\n")
	if !ok || rest == "" || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	val, _, ok := strings.Cut(rest[1:], rest[:1])
	if !ok {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(val))
}

// adoptDeclaredEncoding: input that is not UTF-8 was decoded as
// Windows-1252 with an "encoding" warning (see Decode). When its XML
// declaration says so too (ISO-8859-1, whose bytes Windows-1252 reads
// alike but for 0x80-0x9F, which the input then has none of), nothing was
// guessed: the warning is dropped from the document's diagnostics and the
// declared encoding is the source's.
func adoptDeclaredEncoding(doc *source.Document, v *schema.Volume) {
	if doc.Encoding != "windows-1252" {
		return
	}
	enc := xmlDeclEncoding(doc.Text)
	switch enc {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		for _, c := range doc.Raw {
			if c >= 0x80 && c <= 0x9F {
				return // Latin-1 has controls there, Windows-1252 letters: a guess
			}
		}
	case "windows-1252", "cp1252":
	default:
		return
	}
	out := doc.Diagnostics[:0]
	for _, d := range doc.Diagnostics {
		if d.Code != schema.Encoding || !strings.Contains(d.Message, "decoded as windows-1252") {
			out = append(out, d)
		}
	}
	doc.Diagnostics = out
	v.Source.Encoding = enc
}

// setPages reads f, a record's pages element, into rec unless rec has
// pages already; a range it cannot read is a pages-format finding about
// rec, appended to diags with its pointer relative to the record (add
// completes it).
func setPages(rec *schema.Record, f *xmlField, diags []schema.Diagnostic) []schema.Diagnostic {
	if rec.Pages != nil {
		return diags
	}
	p, err := parseXMLPages(f.Text)
	if err != nil {
		d := schema.PagesFormat.At(f.Off, f.End, "%v in %q", err, text.Clip(rec.Title, 60))
		d.Pointer = "/pages"
		return append(diags, d)
	}
	rec.Pages = &p
	rec.Pos.Set("/pages", schema.Range{Off: f.Off, End: f.End})
	return diags
}

// parseXMLPages reads a page range (see schema.ParsePages), and also the
// extent of a book as dblp gives it, front matter then body ("i-xiii,
// 1-141"), as its body's range with the whole as its text.
func parseXMLPages(s string) (schema.Pages, error) {
	p, err := schema.ParsePages(s)
	if err == nil {
		return p, nil
	}
	front, body, ok := strings.Cut(s, ",")
	if !ok {
		return p, err
	}
	f, ferr := schema.ParsePages(front)
	b, berr := schema.ParsePages(body)
	if ferr != nil || berr != nil || !f.Roman || b.Roman || b.Article != "" {
		return p, err
	}
	b.Text = strings.TrimSpace(s)
	return b, nil
}

// doiFromLink returns the DOI of a resolver link ("https://doi.org/...",
// "http://dx.doi.org/...", "doi:..."), if it is one.
func doiFromLink(s string) (string, bool) {
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			d := strings.TrimSpace(s[len(p):])
			if strings.IndexByte(d, '%') >= 0 {
				d = percentDecode(d)
			}
			if schemaDOI(d) {
				return d, true
			}
			return "", false
		}
	}
	return "", false
}

// schemaDOI reports whether d is a DOI (schema.ValidDOI) that the
// schema's doi pattern takes too: it has no registrant sub-codes
// ("10.1000.10/x") and no white space of any kind.
func schemaDOI(d string) bool {
	if !schema.ValidDOI(d) {
		return false
	}
	reg, suffix, _ := strings.Cut(d, "/")
	return !strings.Contains(reg[3:], ".") && !strings.ContainsAny(suffix, "\f\v")
}

// percentDecode decodes %XX escapes, leaving malformed ones as they are.
func percentDecode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// httpURL reports whether s is an http(s) URL without white space, as the
// schema's url pattern wants.
func httpURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "http")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "s")
	rest, ok = strings.CutPrefix(rest, "://")
	return ok && rest != "" && strings.IndexFunc(rest, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}) < 0
}
