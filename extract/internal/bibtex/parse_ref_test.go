package bibtex

// The BibTeX parser as it was before it sliced one string of its input
// and lowercased names without copying (commit 22a34f0): the reference
// TestParseBibTeXMatchesRef and FuzzParseBibTeXRef hold Parse to.

import (
	"fmt"
	"strings"

	"github.com/procx/procx/schema"
)

type refBibParser struct {
	src    []byte
	base   int
	pos    int
	macros map[string]string
	depth  int
	diags  []schema.Diagnostic
}

// Parse reads every entry of src, a BibTeX text that starts at byte
// offset base of its document. @string definitions are added to macros
// (which may be nil) and used by later entries; @comment and @preamble are
// skipped; text outside entries is a comment, as in BibTeX. A malformed
// entry is reported as a "bibtex-syntax" diagnostic and costs only that
// entry: parsing resumes at the next line starting with '@'.
func refParseBibTeX(src []byte, base int, macros map[string]string, lim Limits) ([]Entry, []schema.Diagnostic) {
	if macros == nil {
		macros = map[string]string{}
	}
	p := &refBibParser{src: src, base: base, macros: macros}
	maxDepth := lim.MaxDepth
	if maxDepth <= 0 {
		maxDepth = 256
	}
	p.depth = maxDepth
	var entries []Entry
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
func (p *refBibParser) nextAt() int {
	for i := p.pos; i < len(p.src); i++ {
		if p.src[i] == '@' {
			return i
		}
	}
	return -1
}

func (p *refBibParser) skipToNextEntry(from int) {
	for i := from; i < len(p.src); i++ {
		if p.src[i] == '@' && (i == 0 || p.src[i-1] == '\n') {
			p.pos = i
			return
		}
	}
	p.pos = len(p.src)
}

func (p *refBibParser) fail(off int, format string, args ...any) {
	p.failCode(schema.BibTeXSyntax, off, format, args...)
}

func (p *refBibParser) failOpen(off int, format string, args ...any) {
	p.diags = append(p.diags, schema.Diagnostic{
		Code: schema.BibTeXSyntax, Severity: schema.Error,
		Message: fmt.Sprintf(format, args...),
		Off:     p.base + off, End: p.base + len(p.src), Skipped: true,
	})
	panic(bibBailout{})
}

func (p *refBibParser) failCode(code schema.Code, off int, format string, args ...any) {
	p.diags = append(p.diags, schema.Diagnostic{
		Code: code, Severity: schema.Error,
		Message: fmt.Sprintf(format, args...),
		Off:     p.base + off, End: -1, Skipped: true,
	})
	panic(bibBailout{})
}

// entry parses one entry at p.pos ('@'). It returns ok=false after a
// syntax error and a nil entry for @string, @comment and @preamble.
func (p *refBibParser) entry() (e *Entry, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(bibBailout); !is {
				panic(r)
			}
			e, ok = nil, false
		}
	}()
	start := p.pos
	p.pos++ // '@'
	p.space()
	typ := strings.ToLower(p.ident())
	if typ == "" || !isLetterASCII(typ[0]) || strings.ContainsAny(typ, ":.+") {
		p.fail(start, "expected an entry type (letters, digits, _ and -) after '@', found %s", quote(typ))
	}
	p.space()
	if typ == "comment" {
		// @comment{...} or "@comment" followed by a line: skip a braced
		// group if there is one.
		if p.peek() == '{' || p.peek() == '(' {
			p.delimited(start)
		}
		return nil, true
	}
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
	switch typ {
	case "preamble":
		p.value(start)
		p.space()
		p.expect(closeCh, start, typ)
		return nil, true
	case "string":
		name := strings.ToLower(p.ident())
		if name == "" {
			p.fail(p.pos, "expected a macro name in @string")
		}
		p.space()
		p.expect('=', start, typ)
		p.space()
		v, _, _ := p.value(start)
		p.space()
		p.expect(closeCh, start, typ)
		p.macros[name] = v
		return nil, true
	}
	e = &Entry{Type: typ, Off: p.base + start}
	keyStart := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == ',' || c == closeCh || c == '\n' || c == ' ' || c == '\t' || c == '\r' {
			break
		}
		p.pos++
	}
	e.Key = string(p.src[keyStart:p.pos])
	p.space()
	if p.peek() == closeCh {
		p.pos++
		e.End = p.base + p.pos
		return e, true
	}
	p.expect(',', keyStart, "key "+quote(e.Key))
	for {
		p.space()
		if p.pos >= len(p.src) {
			p.failOpen(start, "entry %s is not closed: missing %q at end of input", quote(e.Key), string(closeCh))
		}
		if p.peek() == closeCh {
			p.pos++
			break
		}
		nameOff := p.pos
		name := strings.ToLower(p.ident())
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
		e.Fields = append(e.Fields, Field{Name: name, Value: v, NameOff: p.base + nameOff, Off: p.base + voff, End: p.base + vend})
		p.space()
		switch p.peek() {
		case ',':
			p.pos++
		case closeCh:
		default:
			if p.pos >= len(p.src) {
				p.failOpen(start, "entry %s is not closed: missing %q at end of input", quote(e.Key), string(closeCh))
			}
			// The parser's diagnosis of a value that ran on over the
			// fields after it (a brace left open on its first line).
			if at, ok := unclosedBrace(string(p.src), voff, vend); ok {
				p.fail(at, "unbalanced braces: %q opened here in field %q of entry %s is not closed, so the value runs on over the fields after it", "{", name, quote(e.Key))
			}
			p.fail(p.pos, "missing comma after field %q in entry %s", name, quote(e.Key))
		}
	}
	e.End = p.base + p.pos
	return e, true
}

func (p *refBibParser) excerpt() string {
	end := p.pos
	for end < len(p.src) && end-p.pos < 20 && p.src[end] != '\n' {
		end++
	}
	return string(p.src[p.pos:end])
}

func (p *refBibParser) expect(c byte, start int, what string) {
	if p.peek() != c {
		if p.pos >= len(p.src) {
			p.failOpen(start, "%s is not closed: expected %q at end of input", what, string(c))
		}
		p.fail(p.pos, "expected %q in %s, found %s", string(c), what, quote(p.excerpt()))
	}
	p.pos++
}

func (p *refBibParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *refBibParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.pos++
		default:
			return
		}
	}
}

func (p *refBibParser) ident() string {
	s := p.pos
	for p.pos < len(p.src) && isIdent(p.src[p.pos]) {
		p.pos++
	}
	return string(p.src[s:p.pos])
}

// value reads a field value: pieces joined by '#'. It returns the value and
// the byte range it was read from.
func (p *refBibParser) value(entryStart int) (string, int, int) {
	var b strings.Builder
	off := p.pos
	for {
		switch c := p.peek(); {
		case c == '{':
			b.WriteString(p.delimited(entryStart))
		case c == '"':
			b.WriteString(p.quoted(entryStart))
		case c >= '0' && c <= '9':
			s := p.pos
			for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
				p.pos++
			}
			b.WriteString(string(p.src[s:p.pos]))
		case isIdent(c) && c != 0:
			s := p.pos
			name := strings.ToLower(p.ident())
			b.WriteString(p.expand(name, s))
		default:
			if p.pos >= len(p.src) {
				p.failOpen(entryStart, "entry is not closed: value expected at end of input")
			}
			p.fail(p.pos, "expected a value, found %s", quote(p.excerpt()))
		}
		end := p.pos
		p.space()
		if p.peek() != '#' {
			p.pos = end
			return b.String(), off, end
		}
		p.pos++
		p.space()
	}
}

func (p *refBibParser) expand(name string, off int) string {
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

// delimited reads a {...} group and returns its inside.
func (p *refBibParser) delimited(entryStart int) string {
	open := p.pos
	closeCh := byte('}')
	if p.src[p.pos] == '(' {
		closeCh = ')'
	}
	p.pos++
	level := 1
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			p.pos += 2
			continue
		case c == '{' || (closeCh == ')' && c == '('):
			level++
			if level > p.depth {
				p.failCode(schema.Limit, p.pos, "bibtex braces nested deeper than the limit of %d (--max-brace-depth); entry skipped", p.depth)
			}
		case c == closeCh:
			level--
			if level == 0 {
				p.pos++
				return string(p.src[open+1 : p.pos-1])
			}
		case c == '}':
			level--
		case c == '@' && level == 1 && (p.src[p.pos-1] == '\n'):
			// An entry at the start of a line inside a value: the value
			// lost its closing brace.
			p.fail(open, "unbalanced braces: %q opened here is not closed before the next entry", "{")
		}
		p.pos++
	}
	p.fail(open, "unbalanced braces: %q opened here is not closed", "{")
	return ""
}

// quoted reads a "..." value (braces inside must balance).
func (p *refBibParser) quoted(entryStart int) string {
	open := p.pos
	p.pos++
	level := 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			p.pos += 2
			continue
		case c == '{':
			level++
			if level > p.depth {
				p.failCode(schema.Limit, p.pos, "bibtex braces nested deeper than the limit of %d (--max-brace-depth); entry skipped", p.depth)
			}
		case c == '}':
			level--
		case c == '"' && level == 0:
			p.pos++
			return string(p.src[open+1 : p.pos-1])
		}
		p.pos++
	}
	p.fail(open, "unterminated quoted value")
	return ""
}
