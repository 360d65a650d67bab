// Package xmlread reads the XML dumps the field publishes, the dblp dump
// and the ACL Anthology's volume files, as streams: encoding/xml token by
// token, each record handed on as it ends, a syntax error costing the
// record it is in (reading resumes at the next record's start tag).
package xmlread

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/dtd"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// The XML readers (dblp.go, acl.go) share a streaming core: encoding/xml's
// Decoder read token by token (RawToken, so that no tree of the file is
// built and the readers check the nesting themselves), which hands each
// record element to the format as it ends, with its child elements as
// fields of flattened text and byte ranges. A syntax error costs the record
// it is in: the core restarts a decoder at the next record start tag in
// the bytes, with offsets kept into the document. Entities are resolved
// from the format's table with Decoder.Strict off, so that an undeclared
// one stays in the text as written; the core reports it from the raw bytes.

// xmlSyntax describes the elements of an XML format.
type xmlSyntax struct {
	// records are the elements that are records; their start tags are
	// where reading resumes after a syntax error.
	records map[string]bool
	// groups are the elements that group records (an ACL <volume>);
	// reading resumes at their start tags too.
	groups map[string]bool
	// markup are the elements inside a field that are flattened into its
	// text; any other element one level inside a field is a sub-field
	// (ACL's <author><first>), deeper ones are flattened too.
	markup map[string]bool
	// math is a markup element whose text is written between dollars
	// (ACL's <tex-math>), so that it reads as TeX.
	math string
	// entities maps the named entities beyond XML's five to their text.
	entities map[string]string
	// text are the fields whose text the format reads; the others keep
	// their byte range and an empty Text (nil: all of them).
	text map[string]bool

	// kinds is the above by element name, looked up once per start tag
	// (see compile).
	kinds map[string]elemKind
}

// elemKind says what an element is to an xmlSyntax, as a set of bits.
type elemKind uint8

const (
	elemRecord elemKind = 1 << iota
	elemGroup
	elemMarkup
	elemText // a field whose text is read
	elemMath
)

// compile returns s with its kinds table filled from its other fields.
func (s xmlSyntax) compile() *xmlSyntax {
	s.kinds = map[string]elemKind{}
	add := func(names map[string]bool, k elemKind) {
		for n := range names {
			s.kinds[n] |= k
		}
	}
	add(s.records, elemRecord)
	add(s.groups, elemGroup)
	add(s.markup, elemMarkup)
	add(s.text, elemText)
	if s.math != "" {
		s.kinds[s.math] |= elemMath
	}
	return &s
}

// isText reports whether the text of a field of kind k is read.
func (s *xmlSyntax) isText(k elemKind) bool { return s.text == nil || k&elemText != 0 }

// xmlField is a child element of a record, or of one of its fields.
type xmlField struct {
	Name     string
	Attr     []xml.Attr
	Text     string // the text inside, markup flattened, entities resolved (see xmlSyntax.text)
	Off, End int    // the bytes between the start and the end tag
	Parent   int    // the index of the field this one is inside, or -1

	text, textEnd int // Text's bytes in xmlCore.buf, until the record ends
}

// xmlRecord is one record element. It and its fields are valid only
// during the handler's call.
type xmlRecord struct {
	Name     string
	Attr     []xml.Attr
	Off, End int // the whole element, tags included
	TagEnd   int // the end of the start tag
	Fields   []xmlField
}

// attr returns the value of the attribute name.
func attr(as []xml.Attr, name string) string {
	for _, a := range as {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// field returns the first field of r named name that is a field of the
// record itself, or nil.
func (r *xmlRecord) field(name string) *xmlField {
	for i := range r.Fields {
		if f := &r.Fields[i]; f.Parent < 0 && f.Name == name {
			return f
		}
	}
	return nil
}

// xmlHandler is what a format does with what the core reads.
type xmlHandler interface {
	// group is called at the start tag of a grouping element.
	group(start xml.StartElement, off, end int)
	// record is called at the end tag of each record that is well-formed.
	record(r *xmlRecord)
	// diagnostic is called with each finding of the core.
	diagnostic(d schema.Diagnostic)
}

// xmlCore reads one document.
type xmlCore struct {
	syn  *xmlSyntax
	text []byte
	h    xmlHandler

	dec  *xml.Decoder
	rd   bytes.Reader
	base int // the offset of dec's input in text
	off  int // the current token's bytes are text[off:end]
	end  int

	entities map[string]string // syn.entities, with those a DOCTYPE declares
	stack    []openElem        // the elements open
	rec      xmlRecord         // the record being read, when recDepth > 0
	recDepth int               // len(stack) with the record open, 0 outside records
	buf      []byte            // the text of the record's fields read so far, one after the other
	collect  bool              // whether the open field's text is read
	unparsed int               // unparsed-text diagnostics raised
	amp      int               // the first '&' in text at or after off once found, else -1 (see checkToken)
}

// openElem is an element open at some depth.
type openElem struct {
	name  string
	off   int // where its start tag starts
	kind  elemKind
	field int // its index in rec.Fields, or -1
	buf   int // len(buf) when it opened
}

// maxUnparsed bounds the unparsed-text diagnostics of one document.
const maxUnparsed = 100

// identityCharset is the decoder's CharsetReader: the document has been
// decoded to UTF-8 already (see Decode), whatever its declaration says.
func identityCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// readXML reads text, calling h as records end. It stops early once ctx
// is done.
func readXML(ctx context.Context, syn *xmlSyntax, text []byte, h xmlHandler) {
	c := &xmlCore{syn: syn, text: text, h: h, entities: syn.entities}
	c.restart(0)
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return
		}
		tok, err := c.dec.RawToken()
		c.off, c.end = c.end, c.base+int(c.dec.InputOffset())
		if err != nil {
			if err == io.EOF {
				c.eof()
				return
			}
			if !c.syntaxError(err) {
				return
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !c.start(t) {
				return
			}
		case xml.EndElement:
			if !c.endElement(t) {
				return
			}
		case xml.CharData:
			c.charData(t)
		case xml.Directive:
			c.directive(t)
		}
	}
}

// restart reads on with a new decoder from text[at:].
func (c *xmlCore) restart(at int) {
	c.rd.Reset(c.text[at:])
	c.dec = xml.NewDecoder(&c.rd)
	c.dec.Strict = false
	c.dec.Entity = c.entities
	c.dec.CharsetReader = identityCharset
	c.base, c.off, c.end = at, at, at
	c.amp = -1
}

// qname returns an element's name as written, with its prefix.
func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// maxXMLDepth bounds the nesting of elements, and so the memory a hostile
// document can make the core hold.
const maxXMLDepth = 256

// start opens an element; false when reading ends.
func (c *xmlCore) start(t xml.StartElement) bool {
	c.checkToken()
	name := qname(t.Name)
	if len(c.stack) >= maxXMLDepth {
		return c.fail(c.off, "elements nested deeper than %d", maxXMLDepth)
	}
	kind := c.syn.kinds[name]
	if c.recDepth > 0 && kind&(elemRecord|elemGroup) != 0 {
		// A record or group starts inside a record: the record was never
		// closed. It is lost; this element is read as if outside it.
		c.lost(c.off, c.off, "<%s> starts before </%s> closes the record", name, c.rec.Name)
		c.stack = c.stack[:c.recDepth-1]
		c.recDepth = 0
	}
	e := openElem{name: name, kind: kind, off: c.off, field: -1, buf: len(c.buf)}
	switch {
	case c.recDepth == 0 && kind&elemRecord != 0:
		c.rec = xmlRecord{Name: name, Attr: t.Attr, Off: c.off, TagEnd: c.end, Fields: c.rec.Fields[:0]}
		c.buf = c.buf[:0]
		c.stack = append(c.stack, e)
		c.recDepth = len(c.stack)
		return true
	case c.recDepth == 0:
		if kind&elemGroup != 0 {
			c.h.group(t, c.off, c.end)
		}
	case len(c.stack) == c.recDepth || len(c.stack) == c.recDepth+1 && kind&elemMarkup == 0:
		// A field, or a sub-field of a field.
		parent := -1
		if len(c.stack) > c.recDepth {
			parent = c.stack[len(c.stack)-1].field
		}
		if parent < 0 {
			c.collect = c.syn.isText(kind)
		}
		e.field = len(c.rec.Fields)
		c.rec.Fields = append(c.rec.Fields, xmlField{Name: name, Attr: t.Attr, Off: c.end, Parent: parent})
	case kind&elemMath != 0:
		c.buf = append(c.buf, '$')
	}
	c.stack = append(c.stack, e)
	return true
}

// endElement closes the innermost element; false when reading ends.
func (c *xmlCore) endElement(t xml.EndElement) bool {
	name := qname(t.Name)
	if len(c.stack) == 0 || c.stack[len(c.stack)-1].name != name {
		what := "no element is open"
		if len(c.stack) > 0 {
			top := c.stack[len(c.stack)-1]
			what = "<" + top.name + "> is open"
		}
		return c.fail(c.off, "end tag </%s> where %s", name, what)
	}
	e := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	switch {
	case c.recDepth == 0:
	case len(c.stack) == c.recDepth-1: // the record
		c.rec.End = c.end
		c.recDepth = 0
		// One string holds the text of all the fields.
		all := string(c.buf)
		for i := range c.rec.Fields {
			f := &c.rec.Fields[i]
			f.Text = all[f.text:f.textEnd]
		}
		c.h.record(&c.rec)
	case e.field >= 0:
		f := &c.rec.Fields[e.field]
		if c.collect {
			f.text, f.textEnd = e.buf, len(c.buf)
		}
		f.End = c.off
	case e.kind&elemMath != 0:
		c.buf = append(c.buf, '$')
	}
	return true
}

func (c *xmlCore) charData(t xml.CharData) {
	c.checkToken()
	if len(c.stack) > c.recDepth && c.recDepth > 0 {
		if c.collect {
			c.buf = append(c.buf, t...)
		}
		return
	}
	// Text outside records, or in a record between its fields.
	if c.unparsed < maxUnparsed && len(bytes.TrimSpace(t)) > 0 {
		c.unparsed++
		lo, hi := trimmedRange(c.text, c.off, c.end)
		where := "outside any record"
		if c.recDepth > 0 {
			where = "between the fields of " + c.recordName()
		}
		c.h.diagnostic(schema.UnparsedText.At(lo, hi, "text %q %s", text.Clip(strings.Join(strings.Fields(string(t)), " "), 60), where))
	}
}

// trimmedRange returns off..end without the white space at either end.
func trimmedRange(b []byte, off, end int) (int, int) {
	for off < end && isXMLSpace(b[off]) {
		off++
	}
	for end > off && isXMLSpace(b[end-1]) {
		end--
	}
	return off, end
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// directive reads the entities a DOCTYPE declares in its internal subset.
func (c *xmlCore) directive(t xml.Directive) {
	if !bytes.HasPrefix(t, []byte("DOCTYPE")) {
		return
	}
	i, j := bytes.IndexByte(t, '['), bytes.LastIndexByte(t, ']')
	if i < 0 || j < i {
		return
	}
	es, err := dtd.Entities(t[i+1 : j])
	if err != nil {
		c.h.diagnostic(schema.XMLSyntax.At(c.off, c.end, "%v", err))
	}
	if len(es) == 0 {
		return
	}
	m := make(map[string]string, len(c.entities)+len(es))
	for k, v := range c.entities {
		m[k] = v
	}
	for _, e := range es {
		if _, ok := m[e.Name]; !ok {
			m[e.Name] = e.Value
		}
	}
	c.entities = m
	c.dec.Entity = m
}

// checkToken checks the entity references of the current token. Most
// tokens have none, which the offset of the next '&' in the text tells
// without a look at them; it is found again once reading has passed it.
func (c *xmlCore) checkToken() {
	if c.amp < c.off {
		c.amp = len(c.text)
		if i := bytes.IndexByte(c.text[c.off:], '&'); i >= 0 {
			c.amp = c.off + i
		}
	}
	if c.amp < c.end {
		c.checkEntities(c.text[c.off:c.end])
	}
}

// checkEntities reports the entity references in raw that the format does
// not declare, and ampersands that start no reference: the decoder, not
// strict, keeps both as written.
func (c *xmlCore) checkEntities(raw []byte) {
	if bytes.HasPrefix(raw, []byte("<![CDATA[")) {
		return // literal text
	}
	for i := 0; ; {
		j := bytes.IndexByte(raw[i:], '&')
		if j < 0 {
			return
		}
		i += j
		n := entityName(raw[i+1:])
		off := c.off + i
		switch {
		case n < 0:
			c.h.diagnostic(schema.XMLSyntax.At(off, off+1, "%q starts no entity reference (write &amp;); kept as written", clipBytes(raw[i:], 12)))
		case raw[i+1] == '#':
			// A character reference: the decoder resolves it or fails.
		default:
			name := raw[i+1 : i+1+n]
			if _, ok := c.entities[string(name)]; !ok && !xmlPredefined(name) {
				c.h.diagnostic(schema.XMLSyntax.At(off, off+n+2, "undefined entity &%s; kept as written", name))
			}
		}
		i++
	}
}

// entityName returns the length of the name or character reference that
// b starts with, if a ';' ends it; -1 if it is none.
func entityName(b []byte) int {
	for i := 0; i < len(b) && i < 64; i++ {
		switch c := b[i]; {
		case c == ';':
			if i == 0 {
				return -1
			}
			return i
		case c == '#' && i == 0, c == '_' || c == ':' || c == '-' || c == '.', c >= 0x80,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return -1
		}
	}
	return -1
}

func xmlPredefined(name []byte) bool {
	switch string(name) {
	case "amp", "lt", "gt", "apos", "quot":
		return true
	}
	return false
}

func clipBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// recordName names the open record for messages: <inproceedings
// key="conf/x/A21">, or its tag and line.
func (c *xmlCore) recordName() string {
	for _, k := range []string{"key", "id"} {
		if v := attr(c.rec.Attr, k); v != "" {
			return "<" + c.rec.Name + " " + k + "=" + strconv.Quote(v) + ">"
		}
	}
	return "<" + c.rec.Name + ">"
}

// lost reports the open record as lost to a syntax error at off..end.
func (c *xmlCore) lost(off, end int, format string, args ...any) {
	d := schema.XMLSyntax.At(off, end, format, args...)
	d.Message += "; " + c.recordName() + " skipped"
	d.Skipped = true
	d.Related = []schema.Related{{Off: c.rec.Off, Message: "the skipped record starts here"}}
	c.h.diagnostic(d)
}

// fail reports a syntax error at off and resumes reading at the next
// record; false when there is none.
func (c *xmlCore) fail(off int, format string, args ...any) bool {
	// Nothing before the error but the failing token's own bytes can hold
	// the next start tag: from the record's start tag, or the token's.
	from := c.off + 1
	if c.recDepth > 0 {
		c.lost(off, off, format, args...)
		from = c.rec.Off + 1
		c.stack = c.stack[:c.recDepth-1]
		c.recDepth = 0
	} else {
		d := schema.XMLSyntax.At(off, off, format, args...)
		if name := c.tagName(c.off); c.syn.records[name] && c.off < off {
			// The error is in a record's start tag.
			d.Message += "; the <" + name + "> record skipped"
			d.Skipped = true
			d.Related = []schema.Related{{Off: c.off, Message: "the skipped record starts here"}}
		}
		c.h.diagnostic(d)
	}
	return c.resync(from)
}

// syntaxError reports an error of the decoder; false when reading ends.
func (c *xmlCore) syntaxError(err error) bool {
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	msg = strings.TrimPrefix(msg, "xml: ")
	at := min(c.end, len(c.text))
	if at == len(c.text) && c.recDepth > 0 {
		return c.fail(at, "%s: the input ends inside the record (a truncated file?)", msg)
	}
	return c.fail(at, "%s", msg)
}

// resync restarts reading at the first record or group start tag at or
// after from; false when there is none.
func (c *xmlCore) resync(from int) bool {
	p := c.nextStart(from)
	if p < 0 {
		c.stack = c.stack[:0]
		return false
	}
	// The root and the groups open around the record stay open, but for
	// a group of the kind that starts here, which it ends.
	name := c.tagName(p)
	kept := c.stack[:0]
	for i, e := range c.stack {
		if e.name == name {
			break
		}
		if i == 0 || c.syn.groups[e.name] {
			kept = append(kept, e)
		}
	}
	c.stack = kept
	c.restart(p)
	return true
}

// nextStart returns the offset of the first start tag of a record or a
// group at or after from, or -1.
func (c *xmlCore) nextStart(from int) int {
	for i := from; i < len(c.text); {
		j := bytes.IndexByte(c.text[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if name := c.tagName(i); c.syn.records[name] || c.syn.groups[name] {
			return i
		}
		i++
	}
	return -1
}

// tagName returns the name of the start tag at text[i] ('<'), if the
// name ends with white space, '>' or '/'.
func (c *xmlCore) tagName(i int) string {
	t := c.text[i+1:]
	n := 0
	for n < len(t) && n < 64 && !isXMLSpace(t[n]) && t[n] != '>' && t[n] != '/' && t[n] != '<' {
		n++
	}
	if n == 0 || n == len(t) || n == 64 || t[n] == '<' {
		return ""
	}
	return string(t[:n])
}

// eof ends the document: a record or element still open means the input
// was cut short.
func (c *xmlCore) eof() {
	end := len(c.text)
	if c.recDepth > 0 {
		c.lost(end, end, "the input ends inside the record (a truncated file?)")
	} else if len(c.stack) > 0 {
		e := c.stack[0]
		d := schema.XMLSyntax.At(end, end, "the input ends before </%s> (a truncated file?)", e.name)
		d.Related = []schema.Related{{Off: e.off, Message: "<" + e.name + "> opens here"}}
		c.h.diagnostic(d)
	}
}
