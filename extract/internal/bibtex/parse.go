// Package bibtex parses BibTeX: entries with their fields as written, with
// byte offsets into the decoded document, @string macros, # concatenation
// and the month macros. A malformed entry costs itself only: it is a
// diagnostic, and parsing resumes at the next line that starts an entry.
// It is the parser under procx's readers of whole-volume BibTeX files and
// of the BibTeX blocks of a table of contents.
package bibtex

import (
	"fmt"
	"strings"

	"github.com/procx/procx/schema"
)

// Entry is one BibTeX entry as written. Offsets are byte offsets into the
// decoded document.
type Entry struct {
	Type   string // lower case: "inproceedings"
	Key    string
	Fields []Field
	Off    int // the '@'
	End    int // after the closing brace
}

// Field is one "name = value" of an entry. Value is the text inside the
// outer braces or quotes, with "#" concatenations and @string macros
// resolved and nothing else changed.
type Field struct {
	Name    string // lower case
	Value   string
	NameOff int
	Off     int // start of the value as written
	End     int
}

// Get returns the value of the named field and whether it is present.
func (e *Entry) Get(name string) (string, bool) {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// Field returns the named field, or nil.
func (e *Entry) Field(name string) *Field {
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			return &e.Fields[i]
		}
	}
	return nil
}

// Limits bounds the BibTeX parser.
type Limits struct {
	MaxDepth int // brace nesting; 0 means 256
}

// bibBailout is the typed panic used to abandon one entry.
type bibBailout struct{}

type bibParser struct {
	// src is the input as a string: keys, names and values are slices
	// of it, rather than a copy each.
	src    string
	base   int
	pos    int
	macros map[string]string
	depth  int
	diags  []schema.Diagnostic
	// cur is the entry being read. entry returns a pointer to it, which
	// Append copies into its list, so that no Entry is allocated per
	// entry only to be copied.
	cur Entry
	// spare, if not nil, is the list the next entry with fields appends
	// them to; it is given to one entry only.
	spare []Field
}

// monthMacros are BibTeX's predefined macros.
var monthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April",
	"may": "May", "jun": "June", "jul": "July", "aug": "August",
	"sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// Parse reads every entry of src, a BibTeX text that starts at byte
// offset base of its document. @string definitions are added to macros
// (which may be nil) and used by later entries; @comment and @preamble are
// skipped; text outside entries is a comment, as in BibTeX. A malformed
// entry is reported as a "bibtex-syntax" diagnostic and costs only that
// entry: parsing resumes at the next line starting with '@'.
func Parse(src []byte, base int, macros map[string]string, lim Limits) ([]Entry, []schema.Diagnostic) {
	return parse(string(src), base, macros, lim)
}

// parse is Parse of a string, which the table-of-contents reader slices from the
// one string of its document instead of copying each entry.
func parse(src string, base int, macros map[string]string, lim Limits) ([]Entry, []schema.Diagnostic) {
	return Append(nil, src, base, macros, lim, nil)
}

// Append is parse appending the entries to entries, so that
// the table-of-contents reader, which reads one entry per paper, can keep it in an array of
// its own rather than allocate a list of one. The first entry that has
// fields appends them to spare[:0] (if spare is not nil), a list the
// caller no longer uses: the table-of-contents reader copies each paper's entry into its
// record and hands the list back for the next.
func Append(entries []Entry, src string, base int, macros map[string]string, lim Limits, spare []Field) ([]Entry, []schema.Diagnostic) {
	p := &bibParser{src: src, base: base, macros: macros, spare: spare}
	maxDepth := lim.MaxDepth
	if maxDepth <= 0 {
		maxDepth = 256
	}
	p.depth = maxDepth
	for {
		at := p.nextAt()
		if at < 0 {
			break
		}
		p.pos = at
		if e, ok := p.entry(); ok && e != nil {
			entries = append(entries, *e)
		} else if !ok {
			p.skipToNextEntry(at + 1)
		}
	}
	return entries, p.diags
}

// nextAt finds the next '@' that starts an entry.
func (p *bibParser) nextAt() int {
	for i := p.pos; i < len(p.src); i++ {
		if p.src[i] == '@' {
			return i
		}
	}
	return -1
}

func (p *bibParser) skipToNextEntry(from int) {
	for i := from; i < len(p.src); i++ {
		if p.src[i] == '@' && (i == 0 || p.src[i-1] == '\n') {
			p.pos = i
			return
		}
	}
	p.pos = len(p.src)
}

func (p *bibParser) fail(off int, format string, args ...any) {
	p.failCode(schema.BibTeXSyntax, off, format, args...)
}

// failOpen reports something opened at off and never closed: the
// diagnostic runs from off to the end of the input.
func (p *bibParser) failOpen(off int, format string, args ...any) {
	d := schema.BibTeXSyntax.At(p.base+off, p.base+len(p.src), format, args...)
	d.Skipped = true
	p.diags = append(p.diags, d)
	panic(bibBailout{})
}

func (p *bibParser) failCode(code schema.Code, off int, format string, args ...any) {
	d := code.At(p.base+off, -1, format, args...)
	d.Skipped = true
	p.diags = append(p.diags, d)
	panic(bibBailout{})
}

// entry parses one entry at p.pos ('@'). It returns ok=false after a
// syntax error and a nil entry for @string, @comment and @preamble. The
// entry is p.cur, which the next call overwrites.
func (p *bibParser) entry() (e *Entry, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(bibBailout); !is {
				panic(r)
			}
			e, ok = nil, false
		}
	}()
	start := p.pos
	typ := p.entryType()
	if typ == "comment" {
		p.comment(start)
		return nil, true
	}
	closeCh := p.openBody(typ)
	switch typ {
	case "preamble":
		p.preamble(start, closeCh)
		return nil, true
	case "string":
		p.stringMacro(start, closeCh)
		return nil, true
	}
	p.cur = Entry{Type: typ, Off: p.base + start}
	e = &p.cur
	if p.key(e, closeCh) {
		p.fields(e, start, closeCh)
	}
	e.End = p.base + p.pos
	return e, true
}

// entryType reads the '@' at p.pos, the entry type and the space after
// it, and returns the type in lower case. It fails unless the type starts
// with an ASCII letter and holds none of ':', '.' and '+'.
func (p *bibParser) entryType() string {
	start := p.pos
	p.pos++ // '@'
	p.space()
	typ := p.lowerIdent()
	if typ == "" || !isLetterASCII(typ[0]) || strings.ContainsAny(typ, ":.+") {
		p.fail(start, "expected an entry type (letters, digits, _ and -) after '@', found %s", quote(typ))
	}
	p.space()
	return typ
}

// comment reads the rest of an @comment that starts at start: @comment{...}
// or "@comment" followed by a line, so it skips a braced group if there
// is one.
func (p *bibParser) comment(start int) {
	if p.peek() == '{' || p.peek() == '(' {
		p.delimited(start)
	}
}

// openBody reads the '{' or '(' that opens the body of an entry of type
// typ and the space after it, and returns the byte that closes the body.
func (p *bibParser) openBody(typ string) byte {
	open := p.peek()
	if open != '{' && open != '(' {
		p.fail(p.pos, "expected '{' after @%s", typ)
	}
	closeCh := byte('}')
	if open == '(' {
		closeCh = ')'
	}
	p.pos++
	p.space()
	return closeCh
}

// preamble reads the body of the @preamble that starts at start, up to
// and including closeCh, and drops it.
func (p *bibParser) preamble(start int, closeCh byte) {
	p.value(start)
	p.space()
	p.expect(closeCh, start, "preamble")
}

// stringMacro reads the body of the @string that starts at start, up to
// and including closeCh, and defines its macro for the entries after it.
func (p *bibParser) stringMacro(start int, closeCh byte) {
	name := p.lowerIdent()
	if name == "" {
		p.fail(p.pos, "expected a macro name in @string")
	}
	p.space()
	p.expect('=', start, "string")
	p.space()
	v, _, _ := p.value(start)
	p.space()
	p.expect(closeCh, start, "string")
	if p.macros == nil {
		p.macros = map[string]string{} // only the parse sees them
	}
	p.macros[name] = v
}

// key reads the key of e and what follows it: closeCh, which ends an
// entry without fields, and then key returns false, or the comma before
// the fields, and then it returns true. Anything else fails.
func (p *bibParser) key(e *Entry, closeCh byte) bool {
	keyStart := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == ',' || c == closeCh || c == '\n' || c == ' ' || c == '\t' || c == '\r' {
			break
		}
		p.pos++
	}
	e.Key = p.src[keyStart:p.pos]
	p.space()
	switch p.peek() {
	case closeCh:
		p.pos++
		return false
	case ',':
		p.pos++
		return true
	}
	p.expect(',', keyStart, "key "+quote(e.Key)) // fails
	return false
}

// fields reads the fields of e, an entry that starts at start, up to and
// including closeCh.
func (p *bibParser) fields(e *Entry, start int, closeCh byte) {
	for {
		p.space()
		if p.pos >= len(p.src) {
			p.failOpen(start, "entry %s is not closed: missing %q at end of input", quote(e.Key), string(closeCh))
		}
		if p.peek() == closeCh {
			p.pos++
			return
		}
		p.field(e, start, closeCh)
	}
}

// field reads one "name = value" of e, an entry that starts at start,
// adds it to e's fields and reads the comma after it, which may be left
// out before closeCh.
func (p *bibParser) field(e *Entry, start int, closeCh byte) {
	nameOff := p.pos
	name := p.lowerIdent()
	if name == "" || !isLetterASCII(name[0]) {
		p.pos = nameOff
		p.fail(nameOff, "expected a field name (an ASCII letter, then letters, digits or _-:.+) in entry %s, found %s", quote(e.Key), quote(p.excerpt()))
	}
	p.space()
	if p.peek() != '=' {
		p.fail(p.pos, "expected '=' after field %q in entry %s", name, quote(e.Key))
	}
	p.pos++
	p.space()
	v, voff, vend := p.value(start)
	p.addField(e, Field{Name: name, Value: v, NameOff: p.base + nameOff, Off: p.base + voff, End: p.base + vend})
	p.space()
	switch p.peek() {
	case ',':
		p.pos++
	case closeCh:
	default:
		if p.pos >= len(p.src) {
			p.failOpen(start, "entry %s is not closed: missing %q at end of input", quote(e.Key), string(closeCh))
		}
		if at, ok := unclosedBrace(p.src, voff, vend); ok {
			p.fail(at, "unbalanced braces: %q opened here in field %q of entry %s is not closed, so the value runs on over the fields after it", "{", name, quote(e.Key))
		}
		p.fail(p.pos, "missing comma after field %q in entry %s", name, quote(e.Key))
	}
}

// addField appends f to the fields of e. An entry's first field starts its
// list: the spare list given to Append, if it is still there, or a new one.
func (p *bibParser) addField(e *Entry, f Field) {
	if e.Fields == nil {
		if p.spare != nil {
			e.Fields, p.spare = p.spare[:0], nil
		} else {
			e.Fields = make([]Field, 0, 8) // most entries have a handful
		}
	}
	e.Fields = append(e.Fields, f)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func (p *bibParser) excerpt() string {
	end := p.pos
	for end < len(p.src) && end-p.pos < 20 && p.src[end] != '\n' {
		end++
	}
	return p.src[p.pos:end]
}

func (p *bibParser) expect(c byte, start int, what string) {
	if p.peek() != c {
		if p.pos >= len(p.src) {
			p.failOpen(start, "%s is not closed: expected %q at end of input", what, string(c))
		}
		p.fail(p.pos, "expected %q in %s, found %s", string(c), what, quote(p.excerpt()))
	}
	p.pos++
}

func (p *bibParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *bibParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.pos++
		default:
			return
		}
	}
}

// isIdent reports whether c may stand in an entry type, field name or
// macro name: ASCII letters, digits and _ - : . + (the names the JSON
// Schema allows for BibTeX fields).
func isIdent(c byte) bool { return identByte[c] }

// identByte is isIdent as a table: lowerIdent asks it of every byte of
// every entry type and field name.
var identByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == ':' || c == '.' || c == '+'
	}
	return t
}()

// lowerIdent reads an entry type, field name or macro name and returns it
// in lower case. Names are ASCII, so lowering is a byte map; a name
// already in lower case is a slice of the input, and the usual names in
// other cases come from CommonNames, so that neither costs an allocation.
func (p *bibParser) lowerIdent() string {
	src, s := p.src, p.pos
	end := s
	upper := false
	for end < len(src) && identByte[src[end]] {
		upper = upper || 'A' <= src[end] && src[end] <= 'Z'
		end++
	}
	p.pos = end
	if !upper {
		return src[s:end]
	}
	var buf [16]byte
	if n := p.pos - s; n <= len(buf) {
		low := buf[:n]
		for i := range low {
			c := p.src[s+i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
		}
		if name, ok := CommonNames[string(low)]; ok {
			return name
		}
	}
	return strings.ToLower(p.src[s:p.pos])
}

// CommonNames (read only) are entry types and field names written in capitals often
// enough ("@InProceedings", "Title") to keep a lower-case copy of.
var CommonNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{
		"article", "book", "inbook", "incollection", "inproceedings", "conference",
		"manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport",
		"unpublished", "online", "string", "comment", "preamble",
		"author", "title", "booktitle", "year", "month", "pages", "doi", "url",
		"publisher", "address", "location", "series", "volume", "number", "editor",
		"isbn", "issn", "numpages", "keywords", "abstract", "journal", "note",
		"crossref", "organization", "institution", "school", "edition", "acmid",
		"articleno", "issue_date", "eprint", "archiveprefix", "shortname", "venue",
	} {
		m[n] = n
	}
	return m
}()

// value reads a field value: pieces joined by '#'. It returns the value and
// the byte range it was read from.
func (p *bibParser) value(entryStart int) (string, int, int) {
	off := p.pos
	v := p.piece(entryStart)
	var b strings.Builder // the value, once a '#' joins pieces
	joined := false
	for {
		end := p.pos
		p.space()
		if p.peek() != '#' {
			p.pos = end
			if joined {
				v = b.String()
			}
			return v, off, end
		}
		p.pos++
		p.space()
		if !joined {
			b.WriteString(v)
			joined = true
		}
		b.WriteString(p.piece(entryStart))
	}
}

// piece reads one piece of a value: a braced or quoted string, a number
// or a macro name.
func (p *bibParser) piece(entryStart int) string {
	switch c := p.peek(); {
	case c == '{':
		return p.delimited(entryStart)
	case c == '"':
		return p.quoted(entryStart)
	case c >= '0' && c <= '9':
		s := p.pos
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		return p.src[s:p.pos]
	case isIdent(c) && c != 0:
		s := p.pos
		name := p.lowerIdent()
		return p.expand(name, s)
	default:
		if p.pos >= len(p.src) {
			p.failOpen(entryStart, "entry is not closed: value expected at end of input")
		}
		p.fail(p.pos, "expected a value, found %s", quote(p.excerpt()))
	}
	return ""
}

func (p *bibParser) expand(name string, off int) string {
	// Macro values are stored expanded, so a macro that refers to
	// itself is undefined at the point of use and cannot loop.
	if v, ok := p.macros[name]; ok {
		return v
	}
	if v, ok := monthMacros[name]; ok {
		return v
	}
	p.fail(off, "undefined macro %q", name)
	return ""
}

// bibSpecial marks the bytes that delimited and quoted act on; they step
// over every other byte of a value without looking further.
var bibSpecial = func() (t [256]bool) {
	for _, c := range []byte(`\{}()@"`) {
		t[c] = true
	}
	return t
}()

// delimited reads a {...} group and returns its inside. It walks the
// value with a local index and sets p.pos only when it is done, so that
// the loop over the bytes of a value does not store to the parser.
func (p *bibParser) delimited(entryStart int) string {
	src := p.src
	open := p.pos
	closeCh := byte('}')
	if src[open] == '(' {
		closeCh = ')'
	}
	level := 1
	for i := open + 1; i < len(src); i++ {
		c := src[i]
		if !bibSpecial[c] {
			continue
		}
		switch {
		case c == '\\' && i+1 < len(src):
			i++ // the escaped byte
		case c == '{' || (closeCh == ')' && c == '('):
			level++
			if level > p.depth {
				p.pos = i
				p.failCode(schema.Limit, i, "bibtex braces nested deeper than the limit of %d (--max-brace-depth); entry skipped", p.depth)
			}
		case c == closeCh:
			level--
			if level == 0 {
				p.pos = i + 1
				return src[open+1 : i]
			}
		case c == '}':
			level--
		case c == '@' && level == 1 && (src[i-1] == '\n'):
			// An entry at the start of a line inside a value: the value
			// lost its closing brace.
			p.pos = i
			p.fail(open, "unbalanced braces: %q opened here is not closed before the next entry", "{")
		}
	}
	p.pos = len(src)
	p.fail(open, "unbalanced braces: %q opened here is not closed", "{")
	return ""
}

// quoted reads a "..." value (braces inside must balance), walking it
// as delimited does.
func (p *bibParser) quoted(entryStart int) string {
	src := p.src
	open := p.pos
	level := 0
	for i := open + 1; i < len(src); i++ {
		c := src[i]
		if !bibSpecial[c] {
			continue
		}
		switch {
		case c == '\\' && i+1 < len(src):
			i++ // the escaped byte
		case c == '{':
			level++
			if level > p.depth {
				p.pos = i
				p.failCode(schema.Limit, i, "bibtex braces nested deeper than the limit of %d (--max-brace-depth); entry skipped", p.depth)
			}
		case c == '}':
			level--
		case c == '"' && level == 0:
			p.pos = i + 1
			return src[open+1 : i]
		}
	}
	p.pos = len(src)
	p.fail(open, "unterminated quoted value")
	return ""
}

// unclosedBrace finds the brace that a value src[off:end] missing its
// comma most likely lost the close of: when the value runs over lines
// that start like fields ("  booktitle = ..."), a brace of its first
// line left open at that line's end closed too late. It returns the
// offset of the last such brace.
func unclosedBrace(src string, off, end int) (int, bool) {
	v := src[off:end]
	first, rest, ok := strings.Cut(v, "\n")
	if !ok || !startsField(rest) {
		return 0, false
	}
	var open []int
	for i := 0; i < len(first); i++ {
		switch first[i] {
		case '\\':
			i++
		case '{':
			open = append(open, off+i)
		case '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return 0, false
	}
	return open[len(open)-1], true
}

// startsField is true when a line of s starts like a field: an ASCII
// letter, then name bytes, then '='.
func startsField(s string) bool {
	for line := range strings.SplitSeq(s, "\n") {
		t := strings.TrimLeft(line, " \t")
		if t == "" || !isLetterASCII(t[0]) {
			continue
		}
		i := 1
		for i < len(t) && isIdent(t[i]) {
			i++
		}
		if strings.HasPrefix(strings.TrimLeft(t[i:], " \t"), "=") {
			return true
		}
	}
	return false
}
