package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A prefilter is the embedded JSON Schema compiled for one question only:
// is this tree certainly valid? gojsonschema allocates a context and a
// result for every node it visits (about 70 µs for one record); the
// prefilter answers the common case, a valid record, without allocating,
// and every tree it does not pass goes to gojsonschema, which stays the
// authority for what is reported. The prefilter compiles only the draft-07
// keywords procx's schema uses; a schema with any other keyword does not
// compile, and then every tree goes to gojsonschema. A differential fuzz
// test (FuzzPrefilter) holds the two to the same verdicts.
type prefilter struct {
	root *fnode
}

// An fnode is one compiled (sub)schema.
type fnode struct {
	ref        string // "$ref", resolved into target after compiling
	target     *fnode // the node ref points to
	types      uint8  // bit set of jsonType; 0 means any
	required   []string
	properties map[string]*fnode
	additional *fnode // additionalProperties as a schema
	noExtra    bool   // additionalProperties: false
	names      *fnode // propertyNames
	depends    map[string][]string
	items      *fnode
	minItems   int // -1 when absent
	minLength  int // -1 when absent
	pattern    *regexp.Regexp
	match      func(string) bool // pattern.MatchString, or an equivalent matcher
	minimum    *int64
	maximum    *int64
	enum       []string // string enum or const; nil when absent
	hasEnum    bool
	ifNode     *fnode
	thenNode   *fnode
	elseNode   *fnode
}

type jsonType uint8

const (
	tNull jsonType = 1 << iota
	tBoolean
	tInteger
	tNumber
	tString
	tArray
	tObject
)

var typeNames = map[string]jsonType{
	"null": tNull, "boolean": tBoolean, "integer": tInteger, "number": tNumber,
	"string": tString, "array": tArray, "object": tObject,
}

// verdict is a three-way answer: a keyword the prefilter cannot decide
// exactly (a non-integer number, a Go type JSON does not have) is unknown,
// and unknown is never taken for valid.
type verdict uint8

const (
	pass verdict = iota
	unknown
	fail
)

func (a verdict) and(b verdict) verdict { return max(a, b) }

// compilePrefilter compiles doc (a decoded schema) rooted at the pointer
// root ("" or "#/definitions/record"). It fails on any keyword outside the
// subset it implements.
func compilePrefilter(doc map[string]any, root string) (*prefilter, error) {
	c := &fcompiler{doc: doc, done: map[string]*fnode{}}
	r, err := c.ref(root)
	if err != nil {
		return nil, err
	}
	return &prefilter{root: r}, nil
}

type fcompiler struct {
	doc  map[string]any
	done map[string]*fnode
}

// ref compiles the schema at a local pointer ("#/definitions/x"), once.
func (c *fcompiler) ref(ptr string) (*fnode, error) {
	if n, ok := c.done[ptr]; ok {
		return n, nil
	}
	var cur any = c.doc
	if ptr != "" && ptr != "#" {
		rest, ok := strings.CutPrefix(ptr, "#/")
		if !ok {
			return nil, fmt.Errorf("$ref %q is not local", ptr)
		}
		for _, part := range strings.Split(rest, "/") {
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("$ref %q does not resolve", ptr)
			}
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			if cur, ok = m[part]; !ok {
				return nil, fmt.Errorf("$ref %q does not resolve", ptr)
			}
		}
	}
	n := &fnode{}
	c.done[ptr] = n // before compiling, so recursive references terminate
	if err := c.fill(n, cur); err != nil {
		return nil, err
	}
	return n, nil
}

func (c *fcompiler) node(s any) (*fnode, error) {
	n := &fnode{}
	return n, c.fill(n, s)
}

func (c *fcompiler) fill(n *fnode, s any) error {
	n.minItems, n.minLength = -1, -1
	m, ok := s.(map[string]any)
	if !ok {
		return fmt.Errorf("schema %v is not an object", s)
	}
	var err error
	for k, v := range m {
		switch k {
		case "$schema", "$id", "title", "description", "definitions", "$comment", "examples", "default":
		case "$ref":
			ref, _ := v.(string)
			if n.target, err = c.ref(ref); err != nil {
				return err
			}
			if len(m) > 1 {
				// draft-07 ignores a $ref's siblings; gojsonschema does too.
				for k := range m {
					if k != "$ref" && k != "definitions" && k != "$id" && k != "$schema" {
						return fmt.Errorf("keyword %q beside $ref", k)
					}
				}
			}
		case "type":
			switch t := v.(type) {
			case string:
				if typeNames[t] == 0 {
					return fmt.Errorf("unknown type %q", t)
				}
				n.types |= uint8(typeNames[t])
			case []any:
				for _, e := range t {
					s, _ := e.(string)
					if typeNames[s] == 0 {
						return fmt.Errorf("unknown type %v", e)
					}
					n.types |= uint8(typeNames[s])
				}
			default:
				return fmt.Errorf("type %v", v)
			}
		case "required":
			for _, e := range v.([]any) {
				n.required = append(n.required, e.(string))
			}
		case "properties":
			n.properties = map[string]*fnode{}
			for name, ps := range v.(map[string]any) {
				if n.properties[name], err = c.node(ps); err != nil {
					return err
				}
			}
		case "additionalProperties":
			if b, ok := v.(bool); ok {
				n.noExtra = !b
			} else if n.additional, err = c.node(v); err != nil {
				return err
			}
		case "propertyNames":
			if n.names, err = c.node(v); err != nil {
				return err
			}
		case "dependencies":
			n.depends = map[string][]string{}
			for name, d := range v.(map[string]any) {
				list, ok := d.([]any)
				if !ok {
					return fmt.Errorf("schema dependency of %q", name)
				}
				for _, e := range list {
					n.depends[name] = append(n.depends[name], e.(string))
				}
			}
		case "items":
			if _, ok := v.(map[string]any); !ok {
				return fmt.Errorf("items %v is not one schema", v)
			}
			if n.items, err = c.node(v); err != nil {
				return err
			}
		case "minItems", "minLength":
			i, err := intOf(v)
			if err != nil {
				return err
			}
			if k == "minItems" {
				n.minItems = int(i)
			} else {
				n.minLength = int(i)
			}
		case "minimum", "maximum":
			i, err := intOf(v)
			if err != nil {
				return err
			}
			if k == "minimum" {
				n.minimum = &i
			} else {
				n.maximum = &i
			}
		case "pattern":
			if n.pattern, err = regexp.Compile(v.(string)); err != nil {
				return err
			}
			n.match = n.pattern.MatchString
			if m, ok := matchers[v.(string)]; ok {
				n.match = m
			}
		case "enum", "const":
			list := []any{v}
			if k == "enum" {
				list = v.([]any)
			}
			n.hasEnum = true
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("%s value %v is not a string", k, e)
				}
				n.enum = append(n.enum, s)
			}
		case "if", "then", "else":
			sub, err := c.node(v)
			if err != nil {
				return err
			}
			switch k {
			case "if":
				n.ifNode = sub
			case "then":
				n.thenNode = sub
			default:
				n.elseNode = sub
			}
		default:
			return fmt.Errorf("keyword %q is not in the prefilter's subset", k)
		}
	}
	return nil
}

// intOf reads a schema number that must be an integer.
func intOf(v any) (int64, error) {
	f, ok := v.(float64)
	if !ok || f != float64(int64(f)) {
		return 0, fmt.Errorf("%v is not an integer", v)
	}
	return int64(f), nil
}

// valid reports whether the tree is certainly valid.
func (p *prefilter) valid(v any) bool { return p != nil && p.root.check(v) == pass }

func (n *fnode) check(v any) verdict {
	if n.target != nil {
		return n.target.check(v)
	}
	switch x := v.(type) {
	case string:
		return n.str(x)
	case json.Number:
		return n.number(x)
	case map[string]any:
		return n.object(x)
	case []any:
		return n.array(x)
	case bool:
		return n.scalar(tBoolean, x)
	case nil:
		return n.scalar(tNull, nil)
	}
	return unknown
}

func (n *fnode) scalar(t jsonType, v any) verdict {
	if n.types != 0 && n.types&uint8(t) == 0 || n.hasEnum {
		return fail
	}
	return n.conditional(v)
}

func (n *fnode) str(s string) verdict {
	if n.types != 0 && n.types&uint8(tString) == 0 {
		return fail
	}
	// A rune is at most 4 bytes, and gojsonschema counts a stray byte as a
	// rune, so only short strings need counting.
	if n.minLength > 0 && len(s) < 4*n.minLength && utf8.RuneCountInString(s) < n.minLength {
		return fail
	}
	if n.hasEnum && !contains(n.enum, s) {
		return fail
	}
	if n.match != nil && !n.match(s) {
		return fail
	}
	return n.conditional(s)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func (n *fnode) number(num json.Number) verdict {
	i, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil {
		return unknown // fractions, exponents, huge numbers: gojsonschema decides
	}
	if n.types != 0 && n.types&uint8(tInteger|tNumber) == 0 || n.hasEnum {
		return fail
	}
	if n.minimum != nil && i < *n.minimum || n.maximum != nil && i > *n.maximum {
		return fail
	}
	return n.conditional(num)
}

func (n *fnode) array(a []any) verdict {
	if n.types != 0 && n.types&uint8(tArray) == 0 || n.hasEnum {
		return fail
	}
	if n.minItems > 0 && len(a) < n.minItems {
		return fail
	}
	r := pass
	if n.items != nil {
		for _, e := range a {
			if r = r.and(n.items.check(e)); r == fail {
				return fail
			}
		}
	}
	return r.and(n.conditional(a))
}

func (n *fnode) object(m map[string]any) verdict {
	if n.types != 0 && n.types&uint8(tObject) == 0 || n.hasEnum {
		return fail
	}
	for _, k := range n.required {
		if _, ok := m[k]; !ok {
			return fail
		}
	}
	for k, deps := range n.depends {
		if _, ok := m[k]; ok {
			for _, d := range deps {
				if _, ok := m[d]; !ok {
					return fail
				}
			}
		}
	}
	r := pass
	for k, e := range m {
		if n.names != nil {
			if r = r.and(n.names.check(k)); r == fail {
				return fail
			}
		}
		if ps, ok := n.properties[k]; ok {
			r = r.and(ps.check(e))
		} else if n.noExtra {
			return fail
		} else if n.additional != nil {
			r = r.and(n.additional.check(e))
		}
		if r == fail {
			return fail
		}
	}
	return r.and(n.conditional(m))
}

// conditional applies if/then/else, which needs an exact verdict on "if".
func (n *fnode) conditional(v any) verdict {
	if n.ifNode == nil {
		return pass
	}
	switch n.ifNode.check(v) {
	case pass:
		if n.thenNode != nil {
			return n.thenNode.check(v)
		}
	case fail:
		if n.elseNode != nil {
			return n.elseNode.check(v)
		}
	default:
		return unknown
	}
	return pass
}

// matchers are hand-written equivalents of the schema's hottest patterns.
// Go's regexp cannot run `^\S(.*\S)?$` one pass and backtracks over every
// abstract and title; TestMatchers and FuzzMatchers hold each matcher to its
// regexp. (In Go's syntax \s is [\t\n\f\r ] and . is anything but \n, so
// the test is bytewise.)
var matchers = map[string]func(string) bool{
	`^\S(.*\S)?$`: func(s string) bool {
		return s != "" && !isPerlSpace(s[0]) && !isPerlSpace(s[len(s)-1]) && strings.IndexByte(s, '\n') < 0
	},
}

func isPerlSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}
