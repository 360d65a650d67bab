package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// goldenNumbers is the golden volume decoded as Tree builds values:
// numbers as json.Number.
func goldenNumbers(t testing.TB) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../fixtures/vee21.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	return decodeNumbers(t, b).(map[string]any)
}

func decodeNumbers(t testing.TB, b []byte) any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// authority is gojsonschema's verdict on a tree.
func authority(t testing.TB, s *gojsonschema.Schema, tree any) bool {
	res, err := s.Validate(gojsonschema.NewRawLoader(tree))
	if err != nil {
		t.Fatalf("gojsonschema: %v", err)
	}
	return res.Valid()
}

// agree fails t unless the prefilter's verdict on tree is gojsonschema's:
// pass only when valid, fail only when invalid. unknown is allowed only
// for what the prefilter leaves undecided on purpose (numbers that are not
// plain integers), and reported so the caller can check that.
func agree(t testing.TB, p *prefilter, s *gojsonschema.Schema, tree any, what string) verdict {
	t.Helper()
	v, ok := p.root.check(reflect.ValueOf(tree)), authority(t, s, tree)
	if v == pass && !ok || v == fail && ok {
		b, _ := json.Marshal(tree)
		t.Errorf("%s: prefilter says %v, gojsonschema valid=%v, on %.400s", what, v, ok, b)
	}
	return v
}

func (v verdict) String() string { return [...]string{"pass", "unknown", "fail"}[v] }

func TestPrefilterCompiles(t *testing.T) {
	compiledSchemas()
	if fastVolume == nil || fastRecord == nil {
		var doc map[string]any
		json.Unmarshal(schema.JSON, &doc)
		_, err := compilePrefilter(doc, "")
		t.Fatalf("the embedded schema does not compile as a prefilter, so every record goes through gojsonschema: %v", err)
	}
}

// mutations are the values each node of a tree is replaced with: each
// type JSON has, and strings and numbers on both sides of the schema's
// patterns, lengths, enums and bounds.
var mutations = []any{
	"", " ", "x", " x", "x ", "a\nb", "a\tb", "ab", "AB", "Ab", "paper", "frontmatter", "error", "info",
	"toc-text", "1999", "1999-02", "1999-2", "10.1145/3453933.3454011", "10.1/x", "10.12345/x y",
	"https://example.org/x", "ftp://x", "/a/b", "a/b", "not-nfc", "Bad-Code", "é", "\xff",
	json.Number("0"), json.Number("1"), json.Number("-3"), json.Number("999"), json.Number("1000"),
	json.Number("9999"), json.Number("10000"), json.Number("1.5"), json.Number("2e3"),
	true, false, nil, []any{}, []any{"x"}, []any{map[string]any{"name": "A"}},
	map[string]any{}, map[string]any{"name": "A"}, map[string]any{"line": json.Number("1"), "end_line": json.Number("1")},
}

// TestPrefilterAgrees replaces every node of every golden record (and of
// the volume with its papers removed) with each mutation, deletes every
// member and adds unknown ones, and holds the prefilter to gojsonschema's
// verdict on each result.
func TestPrefilterAgrees(t *testing.T) {
	volume, record := compiledSchemas()
	g := goldenNumbers(t)
	papers := g["papers"].([]any)
	g["papers"] = []any{}
	trees := []struct {
		p    *prefilter
		s    *gojsonschema.Schema
		tree any
		name string
	}{{fastVolume, volume, g, "volume"}}
	for i, p := range papers {
		trees = append(trees, struct {
			p    *prefilter
			s    *gojsonschema.Schema
			tree any
			name string
		}{fastRecord, record, p, fmt.Sprintf("papers/%d", i)})
	}
	// The golden volume has no diagnostics; give it one of each shape.
	g["diagnostics"] = []any{map[string]any{"code": "bibtex-unescaped", "severity": "warning", "message": "m", "path": "p",
		"line": json.Number("3"), "column": json.Number("1"), "pointer": "/papers/0/title",
		"related": []any{map[string]any{"message": "r", "line": json.Number("2")}}}}
	counts := map[verdict]int{}
	for _, tr := range trees {
		if v := agree(t, tr.p, tr.s, tr.tree, tr.name); v != pass {
			t.Fatalf("%s: the golden tree is not certainly valid (%v)", tr.name, v)
		}
		for _, path := range paths(tr.tree, "") {
			for _, m := range mutations {
				restore := set(tr.tree, path, m, false)
				v := agree(t, tr.p, tr.s, tr.tree, fmt.Sprintf("%s%s = %#v", tr.name, path, m))
				if v == unknown {
					if n, ok := m.(json.Number); !ok || n == "1" || n == "0" || strings.HasPrefix(string(n), "-") || n == "999" || n == "9999" || n == "1000" || n == "10000" {
						t.Errorf("%s%s = %#v: the prefilter could not decide", tr.name, path, m)
					}
				}
				counts[v]++
				restore()
			}
			if path != "" {
				restore := set(tr.tree, path, nil, true)
				counts[agree(t, tr.p, tr.s, tr.tree, tr.name+path+" deleted")]++
				restore()
			}
		}
		for _, path := range paths(tr.tree, "") {
			if m, ok := get(tr.tree, path).(map[string]any); ok {
				for _, k := range []string{"zz", "Zz", "page", "name", "country"} {
					if _, exists := m[k]; !exists {
						m[k] = "x"
						counts[agree(t, tr.p, tr.s, tr.tree, tr.name+path+" + "+k)]++
						delete(m, k)
					}
				}
			}
		}
	}
	t.Logf("verdicts: %d pass, %d fail, %d unknown", counts[pass], counts[fail], counts[unknown])
	if counts[pass] < 1000 || counts[fail] < 1000 {
		t.Errorf("the mutations hardly exercised one side: %v", counts)
	}
}

// paths lists the JSON Pointers of every node under v, v's own ("") first.
func paths(v any, at string) []string {
	out := []string{at}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, paths(x[k], at+"/"+k)...)
		}
	case []any:
		for i, e := range x {
			out = append(out, paths(e, fmt.Sprintf("%s/%d", at, i))...)
		}
	}
	return out
}

func get(v any, path string) any {
	if path == "" {
		return v
	}
	for _, p := range strings.Split(path[1:], "/") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			v = x[i]
		}
	}
	return v
}

// set replaces (or deletes) the node at path, which must not be "", and
// returns a function that undoes it.
func set(root any, path string, val any, del bool) func() {
	if path == "" {
		return func() {}
	}
	i := strings.LastIndexByte(path, '/')
	parent, last := get(root, path[:i]), path[i+1:]
	switch x := parent.(type) {
	case map[string]any:
		old := x[last]
		if del {
			delete(x, last)
		} else {
			x[last] = val
		}
		return func() { x[last] = old }
	case []any:
		var j int
		fmt.Sscan(last, &j)
		old := x[j]
		x[j] = val // deleting an array element is a mutation of its own kind; replace it
		return func() { x[j] = old }
	}
	return func() {}
}

// FuzzPrefilter holds the prefilter to gojsonschema on arbitrary JSON,
// seeded with the golden records.
func FuzzPrefilter(f *testing.F) {
	g := goldenNumbers(f)
	for _, p := range g["papers"].([]any) {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	g["papers"] = []any{}
	b, _ := json.Marshal(g)
	f.Add(b)
	volume, record := compiledSchemas()
	f.Fuzz(func(t *testing.T, data []byte) {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var tree any
		if d.Decode(&tree) != nil {
			return
		}
		agree(t, fastRecord, record, tree, "record")
		agree(t, fastVolume, volume, tree, "volume")
	})
}

// matcherSeeds are strings on both sides of each matcher's pattern.
var matcherSeeds = []string{"", "a", " a", "a ", "a\nb", "ab\xff", "\u00a0", "x", "ab-cd", "ab--cd", "-ab", "ab-",
	"10.1145/3453933.3454011", "10.1/x", "10.123456789/x", "10.1234567890/x", "10.1234/", "10.1234/ x", "11.1234/x",
	"https://x.org/a", "http://x", "https://", "httpss://x", "ftp://x", "JP", "jp", "J", "JPN", "/papers/1", "/", "x/",
	"author", "Author", "bib:tex", "a.b+c-d_e", "1abc", "inproceedings", "in-proc_1", "not-nfc", "schema"}

// TestMatchers holds each hand-written matcher to its regexp on the seeds
// and on many random edits of them.
func TestMatchers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{" ", "\t", "\n", "\r", "\f", "\v", "a", "z", "A", "Z", "0", "9", "1", ".", "/", ":", "-", "_", "+",
		"h", "t", "p", "s", "é", "\u00a0", "\u2028", "\xff", "\x00"}
	for pattern, m := range matchers {
		re := regexp.MustCompile(pattern)
		matched := 0
		for i := range 40000 {
			s := matcherSeeds[i%len(matcherSeeds)]
			for range r.IntN(4) {
				at := r.IntN(len(s) + 1)
				switch r.IntN(3) {
				case 0: // insert
					s = s[:at] + alphabet[r.IntN(len(alphabet))] + s[at:]
				case 1: // delete
					if at < len(s) {
						s = s[:at] + s[at+1:]
					}
				default: // replace
					if at < len(s) {
						s = s[:at] + alphabet[r.IntN(len(alphabet))] + s[at+1:]
					}
				}
			}
			want := re.MatchString(s)
			if m(s) != want {
				t.Errorf("%s on %q: matcher %v, regexp %v", pattern, s, m(s), want)
			}
			if want {
				matched++
			}
		}
		if matched < 100 {
			t.Errorf("%s: only %d of the test strings match; the test hardly tries the matcher's yes side", pattern, matched)
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range matcherSeeds {
		f.Add(s)
	}
	res := map[string]*regexp.Regexp{}
	for pattern := range matchers {
		res[pattern] = regexp.MustCompile(pattern)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for pattern, m := range matchers {
			if m(s) != res[pattern].MatchString(s) {
				t.Errorf("%s on %q: matcher %v, regexp %v", pattern, s, m(s), res[pattern].MatchString(s))
			}
		}
	})
}

// TestPrefilterGoValues holds the prefilter's reading of Go values to its
// reading of the trees Tree builds from them, and both to gojsonschema:
// on every record procx makes of the reference, its mutated copies and
// generated volumes with planted defects, and on records broken one field
// at a time.
func TestPrefilterGoValues(t *testing.T) {
	volumeSchema, recordSchema := compiledSchemas()
	inputs := map[string][]byte{}
	files, _ := filepath.Glob("../fixtures/mutations/*.txt")
	for _, name := range append(files, "../fixtures/vee21.txt") {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = b
	}
	for seed := range uint64(4) {
		text, _ := gen.Volume("gen.txt", int(seed), gen.Options{Papers: 40, DefectRate: 0.3, Seed: seed})
		inputs[fmt.Sprintf("generated %d", seed)] = []byte(text)
	}
	same := func(what string, p *prefilter, s *gojsonschema.Schema, goValue, tree any) verdict {
		t.Helper()
		got := p.root.check(reflect.ValueOf(goValue))
		if want := agree(t, p, s, tree, what); got != want {
			t.Errorf("%s: the prefilter says %v of the Go value, %v of its tree", what, got, want)
		}
		// Strings read at their offsets, as reflect.Value reads them, and
		// in a struct that has no address.
		shortcuts = false
		slow := p.root.check(reflect.ValueOf(goValue))
		shortcuts = true
		if slow != got {
			t.Errorf("%s: the prefilter says %v reading strings at their offsets, %v through reflect.Value", what, got, slow)
		}
		if rv := reflect.ValueOf(goValue); rv.Kind() == reflect.Pointer {
			if byValue := p.root.check(reflect.ValueOf(rv.Elem().Interface())); byValue != got {
				t.Errorf("%s: the prefilter says %v of the addressable value, %v of a copy", what, got, byValue)
			}
		}
		return got
	}
	var records []schema.Record
	for name, b := range inputs {
		v, _ := extract.Read(context.Background(), name, b, extract.Options{})
		normalize.Volume(v)
		Volume(v, Options{})
		skeleton := &schema.Volume{Source: v.Source, Proceedings: v.Proceedings, Papers: []schema.Record{}, Diagnostics: v.Diagnostics}
		same(name+" volume", fastVolume, volumeSchema, skeleton, Tree(skeleton))
		for i := range v.Papers {
			same(fmt.Sprintf("%s paper %d", name, i), fastRecord, recordSchema, &v.Papers[i], recordTree(&v.Papers[i]))
		}
		records = append(records, v.Papers...)
	}
	// Break a record of the reference one way at a time.
	breaks := map[string]func(r *schema.Record){
		"empty title":           func(r *schema.Record) { r.Title = "" },
		"title with a space":    func(r *schema.Record) { r.Title = " x" },
		"title with a newline":  func(r *schema.Record) { r.Title = "a\nb" },
		"unknown kind":          func(r *schema.Record) { r.Kind = "poster" },
		"paper without authors": func(r *schema.Record) { r.Authors = []schema.Author{} },
		"null authors":          func(r *schema.Record) { r.Authors = nil },
		"author without name":   func(r *schema.Record) { r.Authors[0].Name = "" },
		"author given spaced":   func(r *schema.Record) { r.Authors[0].Given = "x " },
		"page zero":             func(r *schema.Record) { r.Pages = &schema.Pages{First: 0, Last: 3} },
		"negative last page":    func(r *schema.Record) { r.Pages = &schema.Pages{First: 1, Last: -3} },
		"roman pages":           func(r *schema.Record) { r.Pages = &schema.Pages{First: 1, Last: 3, Roman: true, Text: "i--iii"} },
		"bad doi":               func(r *schema.Record) { r.DOI = "doi:10.1145/1" },
		"doi with a space":      func(r *schema.Record) { r.DOI = "10.1145/1 2" },
		"ftp url":               func(r *schema.Record) { r.URL = "ftp://x.org" },
		"year 999":              func(r *schema.Record) { r.Year = 999 },
		"year 10000":            func(r *schema.Record) { r.Year = 10000 },
		"country code lower": func(r *schema.Record) {
			r.Affiliations = []schema.Affiliation{{Name: "X", Country: "Japan", CountryCode: "jp"}}
		},
		"country code alone":     func(r *schema.Record) { r.Affiliations = []schema.Affiliation{{Name: "X", CountryCode: "JP"}} },
		"affiliation empty name": func(r *schema.Record) { r.Affiliations = []schema.Affiliation{{Institution: "X"}} },
		"bibtex field name":      func(r *schema.Record) { r.BibTeX.Fields["Title"] = "x" },
		"bibtex null fields":     func(r *schema.Record) { r.BibTeX.Fields = nil },
		"bibtex type":            func(r *schema.Record) { r.BibTeX.Type = "InProceedings" },
		"span line zero":         func(r *schema.Record) { r.Span.Line = 0 },
		"span page negative":     func(r *schema.Record) { r.Span.Page = -1 },
		"empty section":          func(r *schema.Record) { r.Section = " " },
		"frontmatter no authors": func(r *schema.Record) { r.Kind = schema.KindFrontmatter; r.Authors = []schema.Author{} },
	}
	verdicts := map[verdict]int{}
	for name, b := range breaks {
		r := records[3]
		r.Authors = slices.Clone(r.Authors)
		if r.BibTeX != nil {
			bt := *r.BibTeX
			bt.Fields = maps.Clone(bt.Fields)
			r.BibTeX = &bt
		}
		b(&r)
		verdicts[same(name, fastRecord, recordSchema, &r, recordTree(&r))]++
	}
	if verdicts[fail] < len(breaks)-3 {
		t.Errorf("only %d of %d broken records fail: %v", verdicts[fail], len(breaks), verdicts)
	}
	// A diagnostic broken one way: its severity is written by MarshalJSON.
	d := schema.Diagnostic{Code: "Bad Code", Severity: schema.Warning, Message: "m", Path: "p"}
	bad := &schema.Volume{Source: schema.Source{Path: "p", Format: "toc-text"}, Papers: []schema.Record{}, Diagnostics: []schema.Diagnostic{d}}
	if same("bad diagnostic code", fastVolume, volumeSchema, bad, Tree(bad)) != fail {
		t.Error("a diagnostic code with a space and capitals passed")
	}
}

// TestSchemaErrorsParallelSameAsSerial validates a large volume with a few
// broken records on four goroutines and on one: the same diagnostics, in
// the same order. Run with -race as well.
func TestSchemaErrorsParallelSameAsSerial(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	text, _ := gen.Volume("big.txt", 1, gen.Options{Papers: 600, DefectRate: 0.1, Seed: 9})
	v, _ := extract.Read(context.Background(), "big.txt", []byte(text), extract.Options{})
	normalize.Volume(v)
	for _, i := range []int{7, 300, 599} {
		v.Papers[i].Title = ""
		v.Papers[i].Span.Line = 0
	}
	parallel := SchemaErrors(v)
	runtime.GOMAXPROCS(1) // one chunk: records one after another
	serial := SchemaErrors(v)
	runtime.GOMAXPROCS(4)
	if len(serial) < 6 {
		t.Fatalf("%d schema errors for 3 records broken twice each", len(serial))
	}
	if !reflect.DeepEqual(parallel, serial) {
		t.Errorf("parallel schema errors differ from serial ones:\n%v\n%v", parallel, serial)
	}
}

// TestVolumeParallelSameAsSerial runs the checks of a large volume with
// planted defects side by side and one after another: the same
// diagnostics in the same order. Run with -race as well.
func TestVolumeParallelSameAsSerial(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	text, _ := gen.Volume("big.txt", 1, gen.Options{Papers: 600, DefectRate: 0.3, Seed: 11})
	read := func() *schema.Volume {
		v, _ := extract.Read(context.Background(), "big.txt", []byte(text), extract.Options{})
		normalize.Volume(v)
		return v
	}
	parallel, serial := read(), read()
	Volume(parallel, Options{})
	runtime.GOMAXPROCS(1) // one chunk: checks one after another
	Volume(serial, Options{})
	runtime.GOMAXPROCS(4)
	if len(serial.Diagnostics) < 50 {
		t.Fatalf("only %d diagnostics on a volume with 30%% planted defects", len(serial.Diagnostics))
	}
	if !reflect.DeepEqual(parallel.Diagnostics, serial.Diagnostics) {
		t.Errorf("checks run side by side report %d diagnostics, one after another %d, or in another order",
			len(parallel.Diagnostics), len(serial.Diagnostics))
	}
}

// numberString is a string that encoding/json writes as a number.
type numberString string

func (numberString) MarshalJSON() ([]byte, error) { return []byte("1"), nil }

// TestPrefilterDeclinesWhatItDoesNotFollow: Go values that encoding/json
// writes in ways the prefilter does not model are left to gojsonschema.
// Each schema would pass the value as a naive reading sees it, and fails
// what encoding/json writes; the prefilter must not say pass.
func TestPrefilterDeclinesWhatItDoesNotFollow(t *testing.T) {
	type embedded struct{ Name string }
	cases := []struct {
		name, schema string
		value        any
	}{
		{"[]byte, a base64 string", `{"type": "array"}`, []byte("x")},
		{"embedded struct, flattened", `{"type": "object", "required": ["embedded"]}`, struct{ embedded }{embedded{"x"}}},
		{"field with ,string", `{"properties": {"n": {"type": "integer"}}}`, struct {
			N int `json:"n,string"`
		}{1}},
		{"zero field with omitzero", `{"required": ["n"]}`, struct {
			N int `json:"n,omitzero"`
		}{0}},
		{"float", `{"type": "number", "maximum": 3}`, 3.5},
		{"map with int keys", `{"type": "object", "additionalProperties": false}`, map[int]string{}},
		// String kinds read at their offsets in an addressable struct.
		{"json.Number field, a number", `{"properties": {"n": {"type": "string"}}}`, &struct {
			N json.Number `json:"n"`
		}{"5"}},
		{"string kind with MarshalJSON", `{"properties": {"n": {"type": "string"}}}`, &struct {
			N numberString `json:"n"`
		}{"x"}},
		// Struct members planned gives to planned or array.
		{"pointer to a struct with MarshalJSON", `{"properties": {"q": {"type": "object"}}}`, &struct {
			Q *quotedLeaf `json:"q"`
		}{&quotedLeaf{}}},
		{"slice of structs with MarshalJSON", `{"properties": {"q": {"items": {"type": "object"}}}}`, &struct {
			Q []quotedLeaf `json:"q"`
		}{[]quotedLeaf{{}}}},
		{"struct whose pointer has MarshalJSON", `{"properties": {"q": {"type": "object"}}}`, &struct {
			Q ptrQuotedLeaf `json:"q"`
		}{}},
	}
	for _, c := range cases {
		var doc map[string]any
		if err := json.Unmarshal([]byte(c.schema), &doc); err != nil {
			t.Fatal(err)
		}
		p, err := compilePrefilter(doc, "")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.valid(c.value) {
			t.Errorf("%s: the prefilter passed a value it does not read as encoding/json writes it", c.name)
		}
	}
}

// compileBoth compiles a schema as a prefilter and for gojsonschema.
func compileBoth(t *testing.T, doc string) (*prefilter, *gojsonschema.Schema) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	p, err := compilePrefilter(m, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewGoLoader(m))
	if err != nil {
		t.Fatal(err)
	}
	return p, s
}

// sameEveryWay is the prefilter's verdict on the struct ptr points to,
// which must be the same with the shortcuts, without them (through
// reflect.Value and check) and on a copy of the struct, which has no
// address, and must not contradict gojsonschema on its JSON.
func sameEveryWay(t *testing.T, p *prefilter, s *gojsonschema.Schema, ptr any) verdict {
	t.Helper()
	got := p.root.check(reflect.ValueOf(ptr))
	shortcuts = false
	slow := p.root.check(reflect.ValueOf(ptr))
	shortcuts = true
	byValue := p.root.check(reflect.ValueOf(reflect.ValueOf(ptr).Elem().Interface()))
	b, _ := json.Marshal(ptr)
	if got != slow || got != byValue {
		t.Errorf("%s: %v with the shortcuts, %v without, %v of a copy", b, got, slow, byValue)
	}
	if valid := authority(t, s, decodeNumbers(t, b)); got == pass && !valid || got == fail && valid {
		t.Errorf("%s: the prefilter says %v, gojsonschema valid=%v", b, got, valid)
	}
	return got
}

// readsAre fails t unless plan reads each member as want says.
func readsAre(t *testing.T, plan *structPlan, want map[string]readKind) {
	t.Helper()
	if plan == nil {
		t.Fatal("no plan for the struct")
	}
	for _, mb := range plan.members {
		if mb.read != want[mb.f.name] {
			t.Errorf("member %s is read as %d, want %d", mb.f.name, mb.read, want[mb.f.name])
		}
	}
	if len(plan.members) != len(want) {
		t.Errorf("%d members planned, want %d", len(plan.members), len(want))
	}
}

// intString is an int that encoding/json writes as a string.
type intString int

func (intString) MarshalJSON() ([]byte, error) { return []byte(`"x"`), nil }

// offsetInts has a member of each int kind planned reads at its offset,
// and two it must read through reflect.Value.
type offsetInts struct {
	I   int       `json:"i"`
	I64 int64     `json:"i64,omitempty"`
	I32 int32     `json:"i32"`
	I16 int16     `json:"i16,omitempty"`
	I8  int8      `json:"i8"`
	U   uint      `json:"u,omitempty"`
	M   intString `json:"m,omitempty"`
	S   string    `json:"s,omitempty"`
}

// TestOffsetReadsMatchReflect holds the ints planned reads at their
// offsets to reflect.Value's reading of the same members (shortcuts off,
// and a copy of the struct, which has no address) and to gojsonschema on
// the JSON encoding/json writes, across each kind's range and sign; an
// int kind with MarshalJSON is not read as an int.
func TestOffsetReadsMatchReflect(t *testing.T) {
	const doc = `{"type": "object", "additionalProperties": false, "required": ["i", "i8"],
		"properties": {
			"i": {"type": "integer", "minimum": -5, "maximum": 100},
			"i64": {"type": "integer", "minimum": 0},
			"i32": {"if": {"minimum": 0}, "then": {"maximum": 1000}},
			"i16": {"type": "integer", "minimum": -32768, "maximum": 1},
			"i8": {"type": "integer", "minimum": -128, "maximum": -1},
			"u": {"type": "integer", "maximum": 7},
			"m": {"type": "integer"},
			"s": {"type": "string", "minLength": 2}
		},
		"if": {"properties": {"i": {"minimum": 50}}},
		"then": {"properties": {"i8": {"maximum": -100}}}}`
	p, s := compileBoth(t, doc)
	r := rand.New(rand.NewPCG(3, 4))
	edge := []int64{0, 1, -1, 7, 8, 50, 99, 100, 101, -5, -6, -100, -101, -128, 127, 1000, 1001, -32768, 32767,
		1 << 31, -1 << 31, 1<<31 - 1, 1<<63 - 1, -1 << 63}
	pick := func() int64 {
		if r.IntN(3) == 0 {
			return r.Int64() >> r.IntN(64)
		}
		return edge[r.IntN(len(edge))]
	}
	verdicts := map[verdict]int{}
	for i := range 3000 {
		// Each member is in its range half of the time, so that about
		// one struct in twenty passes.
		in := func(lo, hi int64) int64 {
			if r.IntN(2) == 0 {
				return lo + r.Int64N(hi-lo+1)
			}
			return pick()
		}
		v := &offsetInts{I: int(in(-5, 100)), I64: in(0, 1<<62), I32: int32(in(-1<<31, 1000)), I16: int16(in(-32768, 1)),
			I8: int8(in(-128, -1)), S: []string{"", "a", "ab"}[r.IntN(3)]}
		if i%10 == 0 {
			v.U = uint(r.IntN(10)) // not an int: unknown
		}
		if i%7 == 0 {
			v.M = intString(pick())
		}
		verdicts[sameEveryWay(t, p, s, v)]++
	}
	if verdicts[pass] < 50 || verdicts[fail] < 50 {
		t.Errorf("verdicts %v: the test hardly tries one side", verdicts)
	}
	// The members are read as the test means them to be.
	intRead := readValue
	if unsafe.Sizeof(int(0)) == 8 {
		intRead = readInt
	}
	readsAre(t, p.root.planOf(reflect.TypeFor[offsetInts]()), map[string]readKind{"i": intRead, "i64": readInt,
		"i32": readInt32, "i16": readInt16, "i8": readInt8, "u": readValue, "m": readValue, "s": readString})
}

// TestPlanKeepsMembersThatCount: an object node's plan leaves out the
// members that no keyword of the node checks (the record's "if" and
// "then" name one property each), and only those.
func TestPlanKeepsMembersThatCount(t *testing.T) {
	// A prefilter of its own: the shared one may have met trees first.
	var doc map[string]any
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	p, err := compilePrefilter(doc, "#/definitions/record")
	if err != nil {
		t.Fatal(err)
	}
	root := p.root
	r := schema.Record{Kind: schema.KindPaper, Title: "T", Authors: []schema.Author{{Name: "A"}}, Span: schema.Span{Line: 1, EndLine: 1}}
	if !p.valid(&r) {
		t.Fatal("a minimal record does not pass")
	}
	names := func(n *fnode) []string {
		plan := n.planOf(reflect.TypeFor[schema.Record]())
		if plan == nil {
			t.Fatal("no plan for a record")
		}
		var out []string
		for _, m := range plan.members {
			out = append(out, m.f.name)
		}
		return out
	}
	if got := names(root.ifNode); !slices.Equal(got, []string{"kind"}) {
		t.Errorf("the if node plans %v", got)
	}
	if got := names(root.thenNode); !slices.Equal(got, []string{"authors"}) {
		t.Errorf("the then node plans %v", got)
	}
	if got := names(root); len(got) != reflect.TypeFor[schema.Record]().NumField()-1 { // all but Pos
		t.Errorf("the record node plans %v", got)
	}
}

// TestArrayPlanOnlyForItsType: a slice's elements go to the items node's
// plan only when the plan is for their type; a slice of another struct
// type is checked element by element as before.
func TestArrayPlanOnlyForItsType(t *testing.T) {
	type a struct {
		A string `json:"a"`
	}
	type b struct {
		B string `json:"b"`
	}
	const doc = `{"type": "array", "items": {"type": "object", "required": ["a"], "additionalProperties": false,
		"properties": {"a": {"type": "string"}}}}`
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewGoLoader(m))
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, false} {
		shortcuts = on
		p, err := compilePrefilter(m, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			v    any
			want verdict
		}{
			{[]a{{"x"}, {"y"}}, pass}, // the items node plans a first
			{[]b{{"x"}}, fail},        // not with a's plan, which would pass it
			{[]any{a{"x"}, b{"y"}}, fail},
			{[]a{}, pass},
			{[]b{}, pass},
			{[]a(nil), fail},
		} {
			got := p.root.check(reflect.ValueOf(c.v))
			bs, _ := json.Marshal(c.v)
			if valid := authority(t, s, decodeNumbers(t, bs)); got != c.want || valid != (c.want == pass) {
				t.Errorf("shortcuts %v, %T %s: the prefilter says %v, gojsonschema valid=%v, want %v", on, c.v, bs, got, valid, c.want)
			}
		}
	}
	shortcuts = true
}

type leaf struct {
	N int `json:"n"`
}

// quotedLeaf and ptrQuotedLeaf are structs encoding/json writes as the
// string "x", by a MarshalJSON on the value and on the pointer.
type quotedLeaf struct{ N int }

func (quotedLeaf) MarshalJSON() ([]byte, error) { return []byte(`"x"`), nil }

type ptrQuotedLeaf struct{ N int }

func (*ptrQuotedLeaf) MarshalJSON() ([]byte, error) { return []byte(`"x"`), nil }

// structTree has a member of each struct read, members that look like
// them but encoding/json writes as strings, and itself below it.
// (TestPrefilterDeclinesWhatItDoesNotFollow has a struct whose pointer
// has MarshalJSON.)
type structTree struct {
	Leaf   leaf         `json:"leaf"`
	Ptr    *leaf        `json:"ptr"`
	Opt    *leaf        `json:"opt,omitempty"`
	Leaves []leaf       `json:"leaves"`
	Q      *quotedLeaf  `json:"q,omitempty"`
	Qs     []quotedLeaf `json:"qs,omitempty"`
	Kids   []structTree `json:"kids,omitempty"`
	Next   *structTree  `json:"next,omitempty"`
}

// TestStructReadsMatchCheck holds the struct members planned gives to
// planned or array with their own plans to check's reading of the same
// members (shortcuts off, and a copy, which has no address) and to
// gojsonschema, on random trees of a type that holds itself; members
// encoding/json writes with a MarshalJSON are left to check.
func TestStructReadsMatchCheck(t *testing.T) {
	const doc = `{"$ref": "#/definitions/tree", "definitions": {
		"leaf": {"type": "object", "required": ["n"], "additionalProperties": false,
			"properties": {"n": {"type": "integer", "minimum": 1}}},
		"tree": {"type": "object", "additionalProperties": false, "required": ["leaf", "ptr", "leaves"], "properties": {
			"leaf": {"$ref": "#/definitions/leaf"},
			"ptr": {"type": ["object", "null"], "properties": {"n": {"minimum": 2}}},
			"opt": {"$ref": "#/definitions/leaf"},
			"leaves": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/leaf"}},
			"q": {"type": "object"},
			"qs": {"type": "array", "items": {"type": "object"}},
			"kids": {"type": "array", "items": {"$ref": "#/definitions/tree"}},
			"next": {"$ref": "#/definitions/tree"}}}}}`
	p, s := compileBoth(t, doc)
	r := rand.New(rand.NewPCG(5, 6))
	good := func() leaf { return leaf{N: []int{1, 2, 3, 3, 3, 0}[r.IntN(6)]} }
	var grow func(depth int) *structTree
	grow = func(depth int) *structTree {
		x := &structTree{Leaf: good(), Leaves: []leaf{good()}}
		if r.IntN(4) > 0 {
			l := good()
			x.Ptr = &l
		}
		if r.IntN(3) == 0 {
			l := good()
			x.Opt = &l
		}
		switch r.IntN(8) {
		case 0:
			x.Leaves = nil
		case 1:
			x.Leaves = []leaf{}
		case 2:
			x.Leaves = append(x.Leaves, good(), good())
		}
		if r.IntN(20) == 0 {
			x.Q = &quotedLeaf{}
		}
		if r.IntN(20) == 0 {
			x.Qs = []quotedLeaf{{}}
		}
		if depth < 2 && r.IntN(3) == 0 {
			x.Kids = []structTree{*grow(depth + 1), *grow(depth + 1)}
		}
		if depth < 2 && r.IntN(3) == 0 {
			x.Next = grow(depth + 1)
		}
		return x
	}
	verdicts := map[verdict]int{}
	for range 2000 {
		verdicts[sameEveryWay(t, p, s, grow(0))]++
	}
	if verdicts[pass] < 100 || verdicts[fail] < 100 {
		t.Errorf("verdicts %v: the test hardly tries one side", verdicts)
	}
	readsAre(t, p.root.target.planOf(reflect.TypeFor[structTree]()), map[string]readKind{"leaf": readStruct,
		"ptr": readStructPtr, "opt": readStructPtr, "leaves": readStructSlice, "q": readValue, "qs": readValue,
		"kids": readStructSlice, "next": readStructPtr})
}
