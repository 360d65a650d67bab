// Package jsonread reads procx's own JSON and JSON Lines back, every value
// with its position, for lint to re-validate.
package jsonread

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// SniffJSON is sure when the text starts with '{' or '[' and is not JSON Lines.
func SniffJSON(doc *source.Document) int {
	t := bytes.TrimLeft(doc.Text, " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return 90
	}
	return 0
}

// SniffJSONL is surer than SniffJSON when the first line is a whole JSON object that
// is not a volume (it has no "papers").
func SniffJSONL(doc *source.Document) int {
	t := bytes.TrimLeft(doc.Text, " \t\r\n")
	line, _, _ := bytes.Cut(t, []byte("\n"))
	line = bytes.TrimSpace(line)
	if len(line) < 2 || line[0] != '{' || !json.Valid(line) {
		return 0
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(line, &top) != nil {
		return 0
	}
	if _, ok := top["papers"]; ok {
		return 0
	}
	// A line of procx JSON Lines is a record (or the diagnostics line, of
	// kind "diagnostics"); any other object ({}, a map of settings, a
	// volume without its papers) is not one.
	for _, k := range []string{"index", "kind", "title", "authors"} {
		if _, ok := top[k]; ok {
			return 95
		}
	}
	return 0
}

// jsonVolume is what a procx JSON document holds; diagnostics are
// recomputed, so any value is accepted there.
type jsonVolume struct {
	Source      schema.Source      `json:"source"`
	Proceedings schema.Proceedings `json:"proceedings"`
	Papers      []schema.Record    `json:"papers"`
	Containers  []schema.Container `json:"containers"`
	Diagnostics json.RawMessage    `json:"diagnostics"`
}

// jsonLine is one line of procx JSON Lines.
type jsonLine struct {
	Source      schema.Source      `json:"source"`
	Proceedings schema.Proceedings `json:"proceedings"`
	Index       json.RawMessage    `json:"index"`
	schema.Record
	Diagnostics json.RawMessage `json:"diagnostics"`
}

// maxJSONDepth bounds the nesting of a JSON document.
const maxJSONDepth = 200

// maxJSONErrors bounds the type errors reported per document.
const maxJSONErrors = 50

// ReadJSON decodes one volume of procx's own output, as edited or
// submitted by people, so that "procx lint" re-validates it. Values keep
// their positions: every JSON Pointer maps to the bytes of its value, so a
// diagnostic at /papers/3/pages points at that value's line and column.
//
// Decoding is lenient: a value of the wrong type (pages.first "one") or a
// property the schema does not name becomes a "schema" diagnostic at the
// value and the rest of the record is kept. The input's own diagnostics
// are dropped: the pipeline computes them afresh.
func ReadJSON(doc *source.Document) *schema.Volume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "json", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	root, d := parseJSONTree(doc.Text, 0)
	if d != nil {
		v.Diagnostics = append(v.Diagnostics, *d)
		return v
	}
	if rest := bytes.TrimSpace(doc.Text[root.end:]); len(rest) > 0 {
		off := root.end + bytes.Index(doc.Text[root.end:], rest[:1])
		v.Diagnostics = append(v.Diagnostics, schema.Schema.At(off, len(doc.Text),
			"invalid json: text after the volume: %q", text.Clip(string(rest), 40)))
	}
	if root.kind != '{' {
		v.Diagnostics = append(v.Diagnostics, schema.Schema.At(root.off, root.end,
			"the volume: invalid type, expected object, given %s", root.kindName()))
		return v
	}
	if !isProcxVolume(root) {
		v.Diagnostics = append(v.Diagnostics, schema.UnknownFormat.At(0, len(doc.Text),
			"not a procx volume: %s", notVolumeReason(root)))
		return v
	}
	for _, k := range []string{"source", "proceedings", "papers", "diagnostics"} {
		if root.member(k) == nil {
			v.Diagnostics = append(v.Diagnostics, schema.Schema.At(root.off, root.off+1,
				"the volume: %s is required", k))
		}
	}
	var jv jsonVolume
	v.Diagnostics = append(v.Diagnostics, lenientDecode(doc.Text, root, "", &jv)...)
	v.Proceedings, v.Containers = jv.Proceedings, jv.Containers
	if jv.Papers != nil {
		v.Papers = jv.Papers
	}
	papers := root.member("papers")
	root.walk("", func(ptr string, n *jnode) {
		if rest, ok := strings.CutPrefix(ptr, "/papers/"); ok {
			idx, sub, _ := strings.Cut(rest, "/")
			if i, err := strconv.Atoi(idx); err == nil && i < len(v.Papers) {
				if sub != "" {
					sub = "/" + sub
				}
				v.Papers[i].Pos.Set(sub, schema.Range{Off: n.off, End: n.end})
				return
			}
		}
		v.Pos.Set(ptr, schema.Range{Off: n.off, End: n.end})
	})
	if papers != nil && papers.kind == '[' {
		for i := range v.Papers {
			if i < len(papers.kids) {
				n := papers.kids[i]
				v.Papers[i].Span = doc.SpanOf(schema.Range{Off: n.off, End: n.end})
			}
		}
	}
	return v
}

// isProcxVolume reports whether the object root names a member of a
// procx volume; one that names none is some other JSON, and reading it
// member by member would only list what it lacks.
func isProcxVolume(root *jnode) bool {
	for _, k := range []string{"source", "proceedings", "papers", "containers", "diagnostics"} {
		if root.member(k) != nil {
			return true
		}
	}
	return false
}

// notVolumeReason says why the object root is not a procx volume.
func notVolumeReason(root *jnode) string {
	const why = `a json object without "source", "proceedings" or "papers"`
	if len(root.keys) == 0 {
		return "an empty json object"
	}
	var names []string
	for i, k := range root.keys {
		if i == 3 {
			names = append(names, "...")
			break
		}
		names = append(names, strconv.Quote(text.Clip(k, 40)))
	}
	return fmt.Sprintf("%s (it has %d members: %s)", why, len(root.keys), strings.Join(names, ", "))
}

// ReadJSONL decodes procx's JSON Lines output: one paper per line, each
// line carrying source and proceedings. Lines of kind "diagnostics" are
// skipped.
func ReadJSONL(doc *source.Document) *schema.Volume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "jsonl", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	haveVolume := false
	for _, l := range source.SplitLines(doc.Text) {
		root, d := parseJSONTree(doc.Text[l.Off:l.End], l.Off)
		if d != nil {
			v.Diagnostics = append(v.Diagnostics, *d)
			continue
		}
		if root.end < l.End {
			v.Diagnostics = append(v.Diagnostics, schema.Schema.At(root.end, l.End,
				"invalid json: text after the line's object: %q", text.Clip(string(doc.Text[root.end:l.End]), 40)))
		}
		if root.kind != '{' {
			v.Diagnostics = append(v.Diagnostics, schema.Schema.At(root.off, root.end,
				"json line: invalid type, expected object, given %s", root.kindName()))
			continue
		}
		var jl jsonLine
		isDiag := false
		if k := root.member("kind"); k != nil && k.kind == 's' {
			var s string
			_ = json.Unmarshal(doc.Text[k.off:k.end], &s)
			isDiag = s == "diagnostics"
		}
		ptr := "/papers/" + strconv.Itoa(len(v.Papers))
		if isDiag {
			var meta jsonVolume
			_ = json.Unmarshal(doc.Text[root.off:root.end], &meta)
			jl.Source, jl.Proceedings = meta.Source, meta.Proceedings
		} else {
			v.Diagnostics = append(v.Diagnostics, lenientDecode(doc.Text, root, ptr, &jl)...)
		}
		if !haveVolume && root.member("proceedings") != nil {
			haveVolume = true
			v.Proceedings = jl.Proceedings
			root.member("proceedings").walk("/proceedings", func(p string, n *jnode) {
				v.Pos.Set(p, schema.Range{Off: n.off, End: n.end})
			})
		}
		if isDiag {
			continue
		}
		rec := jl.Record
		rec.Pos = nil
		root.walk("", func(p string, n *jnode) {
			switch top, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/"); top {
			case "source", "proceedings", "index", "diagnostics":
				return
			}
			rec.Pos.Set(p, schema.Range{Off: n.off, End: n.end})
		})
		rec.Span = doc.SpanOf(schema.Range{Off: root.off, End: root.end})
		v.Papers = append(v.Papers, rec)
	}
	return v
}

// jnode is a JSON value with its byte range in the document.
type jnode struct {
	kind     byte // '{', '[', 's' string, 'n' number, 'b' boolean, '0' null
	off, end int
	keys     []string // object member names, in order
	kids     []*jnode // object member values or array elements
}

func (n *jnode) kindName() string {
	switch n.kind {
	case '{':
		return "object"
	case '[':
		return "array"
	case 's':
		return "string"
	case 'n':
		return "number"
	case 'b':
		return "boolean"
	}
	return "null"
}

// member returns the value of an object member, or nil.
func (n *jnode) member(key string) *jnode {
	for i, k := range n.keys {
		if k == key {
			return n.kids[i]
		}
	}
	return nil
}

// walk calls f for n and every value inside it with its JSON Pointer.
func (n *jnode) walk(ptr string, f func(string, *jnode)) {
	f(ptr, n)
	for i, k := range n.kids {
		var tok string
		if n.kind == '{' {
			tok = strings.ReplaceAll(strings.ReplaceAll(n.keys[i], "~", "~0"), "/", "~1")
		} else {
			tok = strconv.Itoa(i)
		}
		k.walk(ptr+"/"+tok, f)
	}
}

// find returns the value at a pointer relative to n, or nil.
func (n *jnode) find(ptr string) *jnode {
	var found *jnode
	n.walk("", func(p string, k *jnode) {
		if p == ptr && found == nil {
			found = k
		}
	})
	return found
}

// at returns the innermost value containing byte offset off, with its
// pointer.
func (n *jnode) at(off int, ptr string) (*jnode, string) {
	for i, k := range n.kids {
		if k.off <= off && off < k.end {
			tok := strconv.Itoa(i)
			if n.kind == '{' {
				tok = strings.ReplaceAll(strings.ReplaceAll(n.keys[i], "~", "~0"), "/", "~1")
			}
			return k.at(off, ptr+"/"+tok)
		}
	}
	return n, ptr
}

// parseJSONTree parses one JSON value at the start of src (which starts at
// byte base of the document) into a tree of positioned values. A syntax
// error or a nesting deeper than maxJSONDepth is returned as a diagnostic.
func parseJSONTree(src []byte, base int) (*jnode, *schema.Diagnostic) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var stack []*jnode
	var root *jnode
	expectKey := func() bool {
		if len(stack) == 0 {
			return false
		}
		top := stack[len(stack)-1]
		return top.kind == '{' && len(top.keys) == len(top.kids)
	}
	skip := func(p int) int {
		for p < len(src) {
			switch src[p] {
			case ' ', '\t', '\r', '\n', ',', ':':
				p++
				continue
			}
			break
		}
		return p
	}
	for {
		pos := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF && len(stack) > 0 {
			err = io.ErrUnexpectedEOF
		}
		if err == io.EOF {
			if root == nil {
				d := schema.Schema.At(base, base+len(src), "invalid json: the input is empty")
				return nil, &d
			}
			return root, nil
		}
		if err != nil {
			off := skip(pos)
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = int(se.Offset)
				if off > 0 {
					off-- // the offending byte
				}
			} else if errors.Is(err, io.ErrUnexpectedEOF) {
				off = len(bytes.TrimRight(src, " \t\r\n"))
				err = errors.New("unexpected end of input")
			}
			off = min(max(off, 0), len(src))
			d := schema.Schema.At(base+off, -1, "invalid json: %s", strings.TrimPrefix(err.Error(), "json: "))
			return nil, &d
		}
		start := skip(pos)
		after := int(dec.InputOffset())
		if dl, ok := tok.(json.Delim); ok && (dl == '}' || dl == ']') {
			top := stack[len(stack)-1]
			top.end = base + after
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
			continue
		}
		if s, ok := tok.(string); ok && expectKey() {
			top := stack[len(stack)-1]
			top.keys = append(top.keys, s)
			continue
		}
		n := &jnode{off: base + start, end: base + after}
		switch t := tok.(type) {
		case json.Delim:
			n.kind = byte(t)
		case string:
			n.kind = 's'
		case json.Number:
			n.kind = 'n'
		case bool:
			n.kind = 'b'
		default:
			n.kind = '0'
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
		} else {
			root = n
		}
		if n.kind == '{' || n.kind == '[' {
			if len(stack) >= maxJSONDepth {
				d := schema.Limit.At(n.off, -1, "json nested deeper than %d levels", maxJSONDepth)
				return nil, &d
			}
			stack = append(stack, n)
		} else if len(stack) == 0 {
			return root, nil
		}
	}
}

// lenientDecode decodes the object root of text into target (a pointer to
// a struct), reporting each value of the wrong type and each property the
// target does not know as a "schema" diagnostic at the value. ptr is the
// JSON Pointer of root in the volume, for the messages.
func lenientDecode(src0 []byte, root *jnode, ptr string, target any) []schema.Diagnostic {
	var out []schema.Diagnostic
	unknownProperties(root, ptr, reflect.TypeOf(target).Elem(), &out)
	src := append([]byte(nil), src0[root.off:root.end]...)
	for range maxJSONErrors {
		reflect.ValueOf(target).Elem().SetZero()
		err := json.Unmarshal(src, target)
		if err == nil {
			return out
		}
		var te *json.UnmarshalTypeError
		generic := schema.Schema.At(root.off, root.end, "%s: %s", displayPtr(ptr), strings.TrimPrefix(err.Error(), "json: "))
		if !errors.As(err, &te) {
			return append(out, generic)
		}
		// Find the value in the patched text, then the same value in
		// the original by its pointer.
		proot, d := parseJSONTree(src, 0)
		if d != nil {
			return append(out, generic)
		}
		pn, rel := proot.at(max(int(te.Offset)-1, 0), "")
		if pn == proot {
			return append(out, generic)
		}
		on := root.find(rel)
		if on == nil {
			on = root
		}
		out = append(out, schema.Schema.At(on.off, on.end,
			"%s: invalid type, expected %s, given %s (value %s)",
			displayPtr(ptr+rel), jsonTypeName(te.Type), pn.kindName(), text.Clip(string(src0[on.off:on.end]), 60)))
		// Replace the value with null, which decodes into anything; an
		// array with [], and a member of an optional object (pages) the
		// whole object, so that the value's zero does not break the
		// schema a second time.
		repl := "null"
		if t := typeAt(reflect.TypeOf(target), rel); t != nil && t.Kind() == reflect.Slice {
			repl = "[]"
		} else if i := strings.LastIndexByte(rel, '/'); i >= 0 {
			if pt := typeAt(reflect.TypeOf(target), rel[:i]); pt != nil && pt.Kind() == reflect.Pointer {
				if parent := proot.find(rel[:i]); parent != nil {
					pn = parent
				}
			}
		}
		src = append(append(append([]byte(nil), src[:pn.off]...), repl...), src[pn.end:]...)
	}
	out = append(out, schema.Limit.At(root.off, root.end, "%s: more than %d values of the wrong type", displayPtr(ptr), maxJSONErrors))
	return out
}

// typeAt returns the Go type a JSON Pointer into a value of type t decodes
// into, or nil.
func typeAt(t reflect.Type, ptr string) reflect.Type {
	if ptr == "" {
		return t
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			ft, ok := jsonFields(t)[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
			if !ok {
				return nil
			}
			t = ft
		case reflect.Slice, reflect.Map:
			t = t.Elem()
		default:
			return nil
		}
	}
	return t
}

func displayPtr(p string) string {
	if p == "" {
		return "the volume"
	}
	return p
}

func jsonTypeName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Pointer:
		return jsonTypeName(t.Elem())
	}
	return t.String()
}

// unknownProperties reports object members that t (the Go type the
// object decodes into) has no field for.
// duplicateProperties reports each member name of object n that repeats an
// earlier one. Like encoding/json, the reader keeps the last value; a
// linter says so, since the earlier value is silently lost.
func duplicateProperties(n *jnode, ptr string, out *[]schema.Diagnostic) {
	if len(n.keys) < 2 {
		return
	}
	first := make(map[string]int, len(n.keys))
	for i, k := range n.keys {
		j, seen := first[k]
		if !seen {
			first[k] = i
			continue
		}
		kid := n.kids[i]
		d := schema.Schema.At(kid.off, kid.end,
			"%s: duplicate property %q; the last value is used", displayPtr(ptr), k)
		d.Related = []schema.Related{{Off: n.kids[j].off, Message: fmt.Sprintf("earlier %q, whose value is lost", k)}}
		*out = append(*out, d)
	}
}

func unknownProperties(n *jnode, ptr string, t reflect.Type, out *[]schema.Diagnostic) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.kind == '{' && (t.Kind() == reflect.Struct || t.Kind() == reflect.Map) {
		duplicateProperties(n, ptr, out)
	}
	switch {
	case n.kind == '{' && t.Kind() == reflect.Struct:
		fields := jsonFields(t)
		for i, k := range n.keys {
			ft, ok := fields[k]
			kp := ptr + "/" + strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
			if !ok {
				kid := n.kids[i]
				*out = append(*out, schema.Schema.At(kid.off, kid.end,
					"%s: additional property %q is not allowed", displayPtr(ptr), k))
				continue
			}
			unknownProperties(n.kids[i], kp, ft, out)
		}
	case n.kind == '{' && t.Kind() == reflect.Map:
		for i, k := range n.keys {
			unknownProperties(n.kids[i], ptr+"/"+k, t.Elem(), out)
		}
	case n.kind == '[' && t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		for i, k := range n.kids {
			unknownProperties(k, ptr+"/"+strconv.Itoa(i), t.Elem(), out)
		}
	}
}

// jsonFields maps the JSON names of a struct's fields, embedded structs
// included, to their types. Fields tagged "-" are left out; RawMessage
// fields accept anything.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				if _, ok := m[k]; !ok {
					m[k] = v
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	return m
}
