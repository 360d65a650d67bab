package validate

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
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
	target     *fnode // the node a "$ref" points to
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
	// seen caches the typeInfo of the first Go type checked here: a node
	// sees one type in practice, and the shared cache costs a hash.
	seen atomic.Pointer[seenType]
	// seenPtr is seen for the pointer or interface type the node met
	// first (its info only).
	seenPtr atomic.Pointer[seenType]
}

type seenType struct {
	t    reflect.Type
	info *typeInfo
	plan *structPlan // for a struct type: the node's keywords resolved to its fields
}

// A structPlan is an object node's keywords resolved against the fields of
// one struct type, once: which fields are required, which schema checks
// each field, whether its name passes propertyNames. Checking a struct
// then needs no map lookups.
type structPlan struct {
	never    bool // a required member the type does not have
	required []*fieldInfo
	depends  [][2]*fieldInfo // when [0] is present, [1] must be (nil: a member the type lacks)
	members  []planMember
}

// shortcuts turns on the reads of planMember.read other than readValue
// and the lookup of a slice's element plan once per slice; tests turn it
// off to hold them to the reflect.Value and check path.
var shortcuts = true

type planMember struct {
	f         *fieldInfo
	sub       *fnode  // the schema of its value; nil when any value goes
	forbidden bool    // additionalProperties: false and not a property
	name      verdict // propertyNames on its name
	// read is how planned reads the field. In an addressable struct, a
	// plain string or int kind (no MarshalJSON or MarshalText, not
	// json.Number) is read at its offset rather than through
	// reflect.Value: most members are strings and ints, and reflection's
	// way to them was most of the prefilter's time. Plain structs, and
	// pointers to and slices of them, are checked with their plans.
	read   readKind
	offset uintptr
	// For the struct reads, elem is the plan that elemNode (the member's
	// schema, or its items' for a slice) has of the struct type elemType,
	// made on first use: a type may hold itself through a pointer or a
	// slice, so plans are not made all at once.
	elemNode *fnode
	elemType reflect.Type
	elem     *atomic.Pointer[structPlan]
}

// elemPlan is m's plan of its struct type.
func (m *planMember) elemPlan() *structPlan {
	if p := m.elem.Load(); p != nil {
		return p
	}
	p := m.elemNode.planFor(m.elemType, typeInfoOf(m.elemType))
	m.elem.Store(p) // a plan made twice at once is the same plan
	return p
}

type readKind uint8

const (
	readValue  readKind = iota // through reflect.Value
	readString                 // a string at offset
	readInt                    // an int or int64 at offset
	readInt32                  // an int32 at offset
	readInt16                  // an int16 at offset
	readInt8                   // an int8 at offset
	// The struct reads take the field through reflect.Value, as readValue
	// does, and give it to planned (or array) with elemPlan, where check
	// would find the same plan after a type switch and two cache lookups.
	readStruct      // a struct
	readStructPtr   // a pointer to a struct, through check when nil
	readStructSlice // a slice of structs, through check when nil
)

func (k readKind) isInt() bool { return readInt <= k && k <= readInt8 }

// intReads are the int kinds planned reads at their offsets, each as an
// integer of intSizes' size and only in a field of that size: int is read
// as an int64 where it is 64 bits, through reflect.Value elsewhere.
// TestOffsetReadsMatchReflect holds the reads to reflect.Value's.
var intReads = map[reflect.Kind]readKind{
	reflect.Int: readInt, reflect.Int64: readInt, reflect.Int32: readInt32, reflect.Int16: readInt16, reflect.Int8: readInt8,
}

func (n *fnode) planFor(t reflect.Type, info *typeInfo) *structPlan {
	p := &structPlan{}
	for _, k := range n.required {
		f := info.field(k)
		if f == nil {
			p.never = true
		}
		p.required = append(p.required, f)
	}
	for k, deps := range n.depends {
		if f := info.field(k); f != nil {
			for _, d := range deps {
				p.depends = append(p.depends, [2]*fieldInfo{f, info.field(d)})
			}
		}
	}
	for i := range info.fields {
		f := &info.fields[i]
		m := planMember{f: f, name: pass}
		if sf := t.Field(f.index); sf.Type != numberType {
			if ti := typeInfoOf(sf.Type); !ti.marshaler && !ti.unknown {
				switch k := sf.Type.Kind(); {
				case k == reflect.String:
					m.read, m.offset = readString, sf.Offset
				case intReads[k] != readValue && sf.Type.Size() == intSizes[intReads[k]]:
					m.read, m.offset = intReads[k], sf.Offset
				case k == reflect.Struct:
					m.read, m.elemType = readStruct, sf.Type // plain, as ti says
				case k == reflect.Pointer && plainStruct(sf.Type.Elem()):
					m.read, m.elemType = readStructPtr, sf.Type.Elem()
				case k == reflect.Slice && plainStruct(sf.Type.Elem()):
					m.read, m.elemType = readStructSlice, sf.Type.Elem()
				}
			}
		}
		if n.names != nil {
			m.name = n.names.checkString(f.name)
		}
		if sub, ok := n.properties[f.name]; ok {
			m.sub = sub
		} else {
			m.forbidden = n.noExtra
			m.sub = n.additional
		}
		for m.sub != nil && m.sub.target != nil {
			m.sub = m.sub.target // what check would follow for every value
		}
		if m.elemType != nil {
			if m.elemNode = m.sub; m.read == readStructSlice && m.sub != nil {
				m.elemNode = m.sub.items
				for m.elemNode != nil && m.elemNode.target != nil {
					m.elemNode = m.elemNode.target
				}
			}
			if m.elemNode == nil {
				m.read, m.elemType = readValue, nil // nothing to plan: check has as little to do
			} else {
				m.elem = &atomic.Pointer[structPlan]{}
			}
		}
		if m.sub == nil && !m.forbidden && m.name == pass {
			// Whether present or not, the member changes no verdict: an
			// "if" schema naming one property plans one member, not all.
			continue
		}
		p.members = append(p.members, m)
	}
	return p
}

// plainStruct reports whether t is a struct type that check plans: one
// that encoding/json writes field by field (no MarshalJSON or MarshalText,
// nothing the prefilter does not follow). The pointer or slice type that
// holds it must be plain too, which planFor asks first.
func plainStruct(t reflect.Type) bool {
	ti := typeInfoOf(t)
	return t.Kind() == reflect.Struct && !ti.marshaler && !ti.unknown
}

// intSizes are the sizes of what each read reads.
var intSizes = map[readKind]uintptr{readInt: 8, readInt32: 4, readInt16: 2, readInt8: 1}

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

// valid reports whether v is certainly valid. v is a JSON tree
// (map[string]any, []any, json.Number, ...) or a Go value that
// encoding/json would encode: the prefilter reads both the way
// encoding/json writes them, so a record needs no tree to be checked.
func (p *prefilter) valid(v any) bool {
	return p != nil && p.root.check(reflect.ValueOf(v)) == pass
}

var (
	numberType    = reflect.TypeFor[json.Number]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	textType      = reflect.TypeFor[encoding.TextMarshaler]()
	anyMapType    = reflect.TypeFor[map[string]any]()
	stringMapType = reflect.TypeFor[map[string]string]()
)

func (n *fnode) check(v reflect.Value) verdict {
	for n.target != nil {
		n = n.target
	}
	if !v.IsValid() {
		return n.scalar(tNull, v)
	}
	t := v.Type()
	if t == numberType {
		return n.number(v.String(), v)
	}
	if k := t.Kind(); k == reflect.Pointer || k == reflect.Interface {
		// Not cached in seen: the node's type is what it points to.
		var info *typeInfo
		if st := n.seenPtr.Load(); st != nil && st.t == t {
			info = st.info
		} else if info = typeInfoOf(t); st == nil {
			n.seenPtr.Store(&seenType{t: t, info: info}) // the first type stays
		}
		switch {
		case info.marshaler:
			return n.marshaled(v)
		case info.unknown:
			return unknown
		case v.IsNil():
			return n.scalar(tNull, v)
		}
		return n.check(v.Elem())
	}
	var info *typeInfo
	var plan *structPlan
	if st := n.seen.Load(); st != nil && st.t == t {
		info, plan = st.info, st.plan
	} else if info = typeInfoOf(t); st == nil {
		if t.Kind() == reflect.Struct && !info.unknown && !info.marshaler {
			plan = n.planFor(t, info)
		}
		n.seen.Store(&seenType{t, info, plan}) // the first type stays
	}
	switch {
	case info.marshaler:
		return n.marshaled(v)
	case info.unknown:
		return unknown
	}
	switch v.Kind() {
	case reflect.String:
		return n.str(v.String(), v)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return n.integer(v.Int(), v)
	case reflect.Bool:
		return n.scalar(tBoolean, v)
	case reflect.Slice:
		if v.IsNil() {
			return n.scalar(tNull, v)
		}
		return n.array(v, nil)
	case reflect.Map:
		if v.IsNil() {
			return n.scalar(tNull, v)
		}
		return n.object(v, info)
	case reflect.Struct:
		if plan != nil {
			return n.planned(v, plan)
		}
		return n.object(v, info)
	}
	return unknown
}

// planOf is the plan check would use for a value of type t: the node's
// plan when t is the struct type the node met first (and so planned), nil
// otherwise.
func (n *fnode) planOf(t reflect.Type) *structPlan {
	if st := n.seen.Load(); st != nil && st.t == t {
		return st.plan
	}
	return nil
}

// planned is object for a struct whose plan is made.
func (n *fnode) planned(v reflect.Value, p *structPlan) verdict {
	if n.types != 0 && n.types&uint8(tObject) == 0 || n.hasEnum || p.never {
		return fail
	}
	for _, f := range p.required {
		if f.omitted(v) {
			return fail
		}
	}
	for _, d := range p.depends {
		if !d[0].omitted(v) && (d[1] == nil || d[1].omitted(v)) {
			return fail
		}
	}
	var base unsafe.Pointer // the struct's address, when it has one
	if v.CanAddr() && shortcuts {
		// UnsafeAddr, not Addr: Addr makes the pointer type's Value, which
		// costs a type lookup per struct.
		base = unsafe.Pointer(v.UnsafeAddr())
	}
	r := pass
	for i := range p.members {
		m := &p.members[i]
		var fv reflect.Value
		var str string
		var num int64
		read := m.read
		if base == nil && (read == readString || read.isInt()) || !shortcuts {
			read = readValue
		}
		switch read {
		case readString:
			str = *(*string)(unsafe.Add(base, m.offset))
			if m.f.omitEmpty && str == "" {
				continue
			}
		case readInt:
			num = *(*int64)(unsafe.Add(base, m.offset))
		case readInt32:
			num = int64(*(*int32)(unsafe.Add(base, m.offset)))
		case readInt16:
			num = int64(*(*int16)(unsafe.Add(base, m.offset)))
		case readInt8:
			num = int64(*(*int8)(unsafe.Add(base, m.offset)))
		default: // readValue and the struct reads
			if fv = v.Field(m.f.index); m.f.omitEmpty && isEmptyValue(fv) {
				continue
			}
		}
		if read.isInt() && m.f.omitEmpty && num == 0 {
			continue
		}
		if m.forbidden {
			return fail
		}
		if r = r.and(m.name); r == fail {
			return fail
		}
		if m.sub == nil {
			continue
		}
		switch {
		case read == readString:
			r = r.and(m.sub.checkString(str))
		case read.isInt() && m.sub.ifNode == nil:
			r = r.and(m.sub.integer(num, reflect.Value{})) // m.sub has no $ref: planFor followed it
		case read.isInt():
			r = r.and(m.sub.check(reflect.ValueOf(num))) // boxed only for if/then
		case read == readStruct:
			r = r.and(m.sub.planned(fv, m.elemPlan()))
		case read == readStructPtr && !fv.IsNil():
			r = r.and(m.sub.planned(fv.Elem(), m.elemPlan()))
		case read == readStructSlice && !fv.IsNil():
			r = r.and(m.sub.array(fv, m.elemPlan()))
		default:
			r = r.and(m.sub.check(fv))
		}
		if r == fail {
			return fail
		}
	}
	return r.and(n.conditional(v))
}

// marshaled checks a value with its own MarshalJSON or MarshalText (the
// severity of a diagnostic) as the JSON it writes.
func (n *fnode) marshaled(v reflect.Value) verdict {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return unknown
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var tree any
	if d.Decode(&tree) != nil {
		return unknown
	}
	return n.check(reflect.ValueOf(tree))
}

func (n *fnode) scalar(t jsonType, v reflect.Value) verdict {
	if n.types != 0 && n.types&uint8(t) == 0 || n.hasEnum {
		return fail
	}
	return n.conditional(v)
}

func (n *fnode) str(s string, v reflect.Value) verdict {
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
	if n.ifNode == nil {
		return pass // conditional's first test, without its call
	}
	return n.conditional(v)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func (n *fnode) number(num string, v reflect.Value) verdict {
	i, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return unknown // fractions, exponents, huge numbers: gojsonschema decides
	}
	return n.integer(i, v)
}

// checkString is check of a string the caller holds unboxed (a member
// name, a value of a map[string]string); it boxes it only for if/then.
func (n *fnode) checkString(s string) verdict {
	for n.target != nil {
		n = n.target
	}
	if n.ifNode != nil {
		return n.check(reflect.ValueOf(s))
	}
	return n.str(s, reflect.Value{})
}

func (n *fnode) integer(i int64, v reflect.Value) verdict {
	if n.types != 0 && n.types&uint8(tInteger|tNumber) == 0 || n.hasEnum {
		return fail
	}
	if n.minimum != nil && i < *n.minimum || n.maximum != nil && i > *n.maximum {
		return fail
	}
	return n.conditional(v)
}

// array checks a slice; plan, when not nil, is the items node's plan of
// the slice's element type.
func (n *fnode) array(a reflect.Value, plan *structPlan) verdict {
	if n.types != 0 && n.types&uint8(tArray) == 0 || n.hasEnum {
		return fail
	}
	if n.minItems > 0 && a.Len() < n.minItems {
		return fail
	}
	r := pass
	if items := n.items; items != nil {
		for items.target != nil {
			items = items.target
		}
		// Every element of a slice has its element type: when the items
		// node has planned that struct type, the elements go to planned
		// as check would send each, without asking check per element.
		if plan == nil && shortcuts {
			plan = items.planOf(a.Type().Elem())
		}
		for i := range a.Len() {
			if plan != nil {
				r = r.and(items.planned(a.Index(i), plan))
			} else {
				r = r.and(items.check(a.Index(i)))
			}
			if r == fail {
				return fail
			}
		}
	}
	return r.and(n.conditional(a))
}

// object checks a JSON object: a map with string keys, or a struct as
// encoding/json writes it (its tagged fields, omitempty ones only when
// not empty).
func (n *fnode) object(v reflect.Value, info *typeInfo) verdict {
	if n.types != 0 && n.types&uint8(tObject) == 0 || n.hasEnum {
		return fail
	}
	var has func(k string) bool
	switch {
	case v.Kind() == reflect.Struct:
		has = func(k string) bool {
			f := info.field(k)
			return f != nil && !f.omitted(v)
		}
	case v.Type() == anyMapType:
		m := v.Interface().(map[string]any)
		has = func(k string) bool { _, ok := m[k]; return ok }
	case v.Type() == stringMapType:
		m := v.Interface().(map[string]string)
		has = func(k string) bool { _, ok := m[k]; return ok }
	default:
		return unknown
	}
	for _, k := range n.required {
		if !has(k) {
			return fail
		}
	}
	for k, deps := range n.depends {
		if has(k) {
			for _, d := range deps {
				if !has(d) {
					return fail
				}
			}
		}
	}
	r := pass
	// member checks one member; e is its value, or, when e is not valid,
	// the string str.
	member := func(k string, e reflect.Value, str string) bool {
		if n.names != nil {
			if r = r.and(n.names.checkString(k)); r == fail {
				return false
			}
		}
		sub, ok := n.properties[k]
		switch {
		case ok:
		case n.noExtra:
			r = fail
			return false
		case n.additional != nil:
			sub = n.additional
		default:
			return true
		}
		if e.IsValid() {
			r = r.and(sub.check(e))
		} else {
			r = r.and(sub.checkString(str))
		}
		return r != fail
	}
	switch {
	case v.Kind() == reflect.Struct:
		for i := range info.fields {
			f := &info.fields[i]
			if !f.omitted(v) && !member(f.name, v.Field(f.index), "") {
				return fail
			}
		}
	case v.Type() == anyMapType:
		for k, e := range v.Interface().(map[string]any) {
			if e == nil {
				if !member(k, reflect.ValueOf(&e).Elem(), "") { // a JSON null
					return fail
				}
			} else if !member(k, reflect.ValueOf(e), "") {
				return fail
			}
		}
	case v.Type() == stringMapType:
		for k, e := range v.Interface().(map[string]string) {
			if !member(k, reflect.Value{}, e) {
				return fail
			}
		}
	default:
		return unknown
	}
	return r.and(n.conditional(v))
}

// typeInfo is what the prefilter needs to know of a Go type to read it as
// encoding/json writes it.
type typeInfo struct {
	marshaler bool        // MarshalJSON or MarshalText on the value
	unknown   bool        // a type the prefilter does not follow
	fields    []fieldInfo // a struct's encoded fields, in order
}

type fieldInfo struct {
	name      string
	index     int
	omitEmpty bool
}

func (t *typeInfo) field(name string) *fieldInfo {
	for i := range t.fields {
		if t.fields[i].name == name {
			return &t.fields[i]
		}
	}
	return nil
}

// omitted reports whether encoding/json leaves the field out of s.
func (f *fieldInfo) omitted(s reflect.Value) bool {
	return f.omitEmpty && isEmptyValue(s.Field(f.index))
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

var typeInfos sync.Map // reflect.Type → *typeInfo

func typeInfoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{}
	switch {
	case t.Implements(marshalerType) || t.Implements(textType):
		ti.marshaler = true
	case reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textType):
		ti.unknown = true // encoding/json calls these only on addressable values
	case t.Kind() == reflect.Map:
		ti.unknown = t != anyMapType && t != stringMapType
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		ti.unknown = true // encoding/json writes []byte as a base64 string
	case t.Kind() == reflect.Struct:
		ti.fields, ti.unknown = structFields(t)
	}
	typeInfos.Store(t, ti)
	return ti
}

// structFields lists the fields encoding/json encodes; unknown is true for
// what the prefilter does not follow (embedded structs, ",string").
func structFields(t reflect.Type) (fields []fieldInfo, unknown bool) {
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		if sf.Anonymous {
			return nil, true
		}
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		f := fieldInfo{name: name, index: i}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "omitempty":
				f.omitEmpty = true
			case "":
			default: // ",string", "omitzero": not followed
				return nil, true
			}
		}
		if seen[name] {
			return nil, true
		}
		seen[name] = true
		fields = append(fields, f)
	}
	return fields, false
}

// conditional applies if/then/else, which needs an exact verdict on "if".
func (n *fnode) conditional(v reflect.Value) verdict {
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
	`^10\.[0-9]{4,9}/\S+$`: func(s string) bool {
		rest, ok := strings.CutPrefix(s, "10.")
		if !ok {
			return false
		}
		d := countBytes(rest, isDigit)
		return d >= 4 && d <= 9 && len(rest) > d+1 && rest[d] == '/' && noPerlSpace(rest[d+1:])
	},
	`^https?://\S+$`: func(s string) bool {
		rest, ok := strings.CutPrefix(s, "http")
		if !ok {
			return false
		}
		rest = strings.TrimPrefix(rest, "s")
		rest, ok = strings.CutPrefix(rest, "://")
		return ok && rest != "" && noPerlSpace(rest)
	},
	`^[a-z][a-z0-9_:.+-]*$`: func(s string) bool {
		return s != "" && isLower(s[0]) && fieldNameBytes.all(s)
	},
	`^[a-z][a-z0-9_-]*$`: func(s string) bool {
		return s != "" && isLower(s[0]) && entryTypeBytes.all(s)
	},
	`^[A-Z]{2}$`: func(s string) bool {
		return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
	},
	`^[a-z]+(-[a-z]+)*$`: func(s string) bool {
		// Lower-case words joined by single hyphens: no hyphen first, last
		// or beside another.
		return s != "" && s[0] != '-' && s[len(s)-1] != '-' && codeBytes.all(s) && !strings.Contains(s, "--")
	},
	`^(/.*)?$`: func(s string) bool {
		return s == "" || s[0] == '/' && strings.IndexByte(s, '\n') < 0
	},
}

// countBytes counts the leading bytes of s for which ok holds.
func countBytes(s string, ok func(byte) bool) int {
	i := 0
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// noPerlSpace is \S+ to the end: no byte of s is in Go's \s.
func noPerlSpace(s string) bool {
	return nonSpaceBytes.all(s)
}

// A byteSet is a set of bytes as a table: one load a byte, where a test
// such as strings.IndexByte("_:.+-", c) is a call a byte.
type byteSet [256]bool

func newByteSet(in func(c byte) bool) *byteSet {
	var set byteSet
	for c := range 256 {
		set[c] = in(byte(c))
	}
	return &set
}

// all reports whether every byte of s is in the set.
func (set *byteSet) all(s string) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

var (
	fieldNameBytes = newByteSet(func(c byte) bool { return isLower(c) || isDigit(c) || strings.IndexByte("_:.+-", c) >= 0 })
	entryTypeBytes = newByteSet(func(c byte) bool { return isLower(c) || isDigit(c) || c == '_' || c == '-' })
	codeBytes      = newByteSet(func(c byte) bool { return isLower(c) || c == '-' })
	nonSpaceBytes  = newByteSet(func(c byte) bool { return !isPerlSpace(c) })
)

func isPerlSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}
