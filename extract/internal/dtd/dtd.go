// Package dtd reads the general entity declarations of an XML document
// type definition, such as dblp.dtd's "<!ENTITY uuml "&#252;">", so that a
// reader can resolve the named entities a document uses without fetching
// or parsing the whole DTD. Parameter entities ("<!ENTITY % field ...>"),
// external entities and declarations inside comments are skipped.
package dtd

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Entity is one general entity: its name and its replacement text, with
// character references resolved.
type Entity struct {
	Name  string
	Value string
}

// Entities returns the general internal entities declared in dtd, in
// declaration order. A name declared twice keeps its first value, as XML
// says. The error names a declaration it could not read.
func Entities(dtd []byte) ([]Entity, error) {
	var out []Entity
	seen := map[string]bool{}
	for rest := dtd; ; {
		i := bytes.Index(rest, []byte("<!"))
		if i < 0 {
			return out, nil
		}
		rest = rest[i:]
		if bytes.HasPrefix(rest, []byte("<!--")) {
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return out, nil
			}
			rest = rest[4+end+3:]
			continue
		}
		if !bytes.HasPrefix(rest, []byte("<!ENTITY")) {
			rest = rest[2:]
			continue
		}
		end := declEnd(rest)
		if end < 0 {
			return out, fmt.Errorf("dtd: unterminated entity declaration %q", clip(rest))
		}
		decl := string(rest[len("<!ENTITY") : end-1])
		rest = rest[end:]
		e, ok, err := parseDecl(decl)
		if err != nil {
			return out, err
		}
		if ok && !seen[e.Name] {
			seen[e.Name] = true
			out = append(out, e)
		}
	}
}

// declEnd returns the index just past the '>' that ends the declaration
// starting d, skipping quoted literals, or -1.
func declEnd(d []byte) int {
	var quote byte
	for i := 0; i < len(d); i++ {
		c := d[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return -1
}

// parseDecl reads the inside of "<!ENTITY ... >"; ok is false for the
// declarations Entities skips.
func parseDecl(decl string) (e Entity, ok bool, err error) {
	f := strings.Fields(decl)
	if len(f) == 0 {
		return e, false, fmt.Errorf("dtd: empty entity declaration")
	}
	if f[0] == "%" {
		return e, false, nil // a parameter entity
	}
	name := f[0]
	lit := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(decl), name))
	if lit == "" || lit[0] != '"' && lit[0] != '\'' {
		return e, false, nil // SYSTEM or PUBLIC: external
	}
	end := strings.IndexByte(lit[1:], lit[0])
	if end < 0 {
		return e, false, fmt.Errorf("dtd: entity %q: unterminated literal", name)
	}
	val, err := resolve(lit[1 : 1+end])
	if err != nil {
		return e, false, fmt.Errorf("dtd: entity %q: %v", name, err)
	}
	return Entity{name, val}, true, nil
}

// resolve replaces the character references of an entity value.
func resolve(s string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "&#")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		s = s[i+2:]
		j := strings.IndexByte(s, ';')
		if j < 0 {
			return "", fmt.Errorf("unterminated character reference")
		}
		ref, base := s[:j], 10
		if strings.HasPrefix(ref, "x") {
			ref, base = ref[1:], 16
		}
		n, err := strconv.ParseUint(ref, base, 32)
		if err != nil || !utf8.ValidRune(rune(n)) {
			return "", fmt.Errorf("bad character reference &#%s;", s[:j])
		}
		b.WriteRune(rune(n))
		s = s[j+1:]
	}
}

func clip(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}
