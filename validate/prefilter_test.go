package validate

import (
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// schemaDoc is the embedded schema decoded.
func schemaDoc(t testing.TB) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// authority is gojsonschema's verdict on a tree.
func authority(t testing.TB, s *gojsonschema.Schema, tree any) bool {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewRawLoader(tree))
	if err != nil {
		t.Fatalf("gojsonschema: %v", err)
	}
	return res.Valid()
}

// differ fails t unless the prefilter's verdict got is gojsonschema's,
// want, on tree. Passing an invalid tree is the error that matters; not
// passing a valid one means the check misreads the schema (and sends
// valid records to gojsonschema), which on these types it need not do.
func differ(t testing.TB, got, want bool, tree any, what string) {
	t.Helper()
	if got == want {
		return
	}
	b, _ := json.Marshal(tree)
	if got {
		t.Errorf("%s: the prefilter passes what gojsonschema rejects: %.600s", what, b)
	} else {
		t.Errorf("%s: the prefilter does not pass what gojsonschema accepts: %.600s", what, b)
	}
}

// agreeRecord holds recordValid to gojsonschema on r's tree, as
// SchemaErrors builds it, and returns gojsonschema's verdict.
func agreeRecord(t testing.TB, r *schema.Record, what string) bool {
	t.Helper()
	_, s := compiledSchemas()
	tree := recordTree(r)
	want := authority(t, s, tree)
	differ(t, recordValid(r), want, tree, what)
	return want
}

// agreeVolume holds volumeValid to gojsonschema on v's tree with no
// papers, as SchemaErrors builds it, and returns gojsonschema's verdict.
func agreeVolume(t testing.TB, v *schema.Volume, what string) bool {
	t.Helper()
	s, _ := compiledSchemas()
	tree := Tree(&schema.Volume{Source: v.Source, Proceedings: v.Proceedings, Papers: []schema.Record{}, Containers: v.Containers, Diagnostics: v.Diagnostics})
	want := authority(t, s, tree)
	differ(t, volumeValid(v), want, tree, what)
	return want
}

// subschemas are the keywords whose value is one schema (additionalProperties
// only when not a boolean).
var subschemas = []string{"items", "additionalItems", "contains", "additionalProperties", "propertyNames",
	"if", "then", "else", "not"}

// constraints lists every constraint of the schema s at pointer at, one
// a line: "pointer keyword value", subschemas by their own pointers.
func constraints(s map[string]any, at string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(s)) {
		v := s[k]
		sub, isSchema := v.(map[string]any)
		switch {
		case k == "$schema" || k == "$id" || k == "title" || k == "description":
			// Annotations.
		case k == "properties" || k == "definitions":
			for _, name := range slices.Sorted(maps.Keys(sub)) {
				out = append(out, constraints(sub[name].(map[string]any), at+"/"+k+"/"+name)...)
			}
		case isSchema && len(sub) > 0 && slices.Contains(subschemas, k):
			out = append(out, constraints(sub, at+"/"+k)...)
		default:
			b, _ := json.Marshal(v)
			out = append(out, fmt.Sprintf("%s %s %s", at, k, b))
		}
	}
	return out
}

// mirrored is every constraint of the embedded schema as constraints
// lists it: what recordValid, volumeValid and the checks they call
// implement, each at the place its comment names.
const mirrored = `
 additionalProperties false
 required ["source","proceedings","papers","diagnostics"]
 type "object"
/definitions/affiliation additionalProperties false
/definitions/affiliation dependencies {"country_code":["country"]}
/definitions/affiliation/properties/country $ref "#/definitions/text"
/definitions/affiliation/properties/country_code pattern "^[A-Z]{2}$"
/definitions/affiliation/properties/country_code type "string"
/definitions/affiliation/properties/institution $ref "#/definitions/text"
/definitions/affiliation/properties/name $ref "#/definitions/text"
/definitions/affiliation/properties/authors type "array"
/definitions/affiliation/properties/authors/items minimum 0
/definitions/affiliation/properties/authors/items type "integer"
/definitions/affiliation required ["name"]
/definitions/affiliation type "object"
/definitions/author additionalProperties false
/definitions/author/properties/family $ref "#/definitions/text"
/definitions/author/properties/given $ref "#/definitions/text"
/definitions/author/properties/id $ref "#/definitions/text"
/definitions/author/properties/name $ref "#/definitions/text"
/definitions/author/properties/note $ref "#/definitions/text"
/definitions/author/properties/particle $ref "#/definitions/text"
/definitions/author/properties/suffix $ref "#/definitions/text"
/definitions/author/properties/email pattern "^[^@\\s]+@[^@\\s]+$"
/definitions/author/properties/email type "string"
/definitions/author required ["name"]
/definitions/author type "object"
/definitions/bibtex additionalProperties false
/definitions/bibtex/properties/fields/additionalProperties type "string"
/definitions/bibtex/properties/fields/propertyNames pattern "^[a-z][a-z0-9_:.+-]*$"
/definitions/bibtex/properties/fields type "object"
/definitions/bibtex/properties/key type "string"
/definitions/bibtex/properties/type pattern "^[a-z][a-z0-9_-]*$"
/definitions/bibtex/properties/type type "string"
/definitions/bibtex required ["type","key","fields"]
/definitions/bibtex type "object"
/definitions/container additionalProperties false
/definitions/container/properties/acronym $ref "#/definitions/text"
/definitions/container/properties/date pattern "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
/definitions/container/properties/date type "string"
/definitions/container/properties/editors/items $ref "#/definitions/author"
/definitions/container/properties/editors type "array"
/definitions/container/properties/location $ref "#/definitions/text"
/definitions/container/properties/name $ref "#/definitions/text"
/definitions/container/properties/publisher $ref "#/definitions/text"
/definitions/container/properties/span $ref "#/definitions/span"
/definitions/container/properties/title $ref "#/definitions/text"
/definitions/container required ["name"]
/definitions/container type "object"
/definitions/diagnostic additionalProperties false
/definitions/diagnostic/properties/code pattern "^[a-z]+(-[a-z]+)*$"
/definitions/diagnostic/properties/code type "string"
/definitions/diagnostic/properties/column minimum 1
/definitions/diagnostic/properties/column type "integer"
/definitions/diagnostic/properties/end_column minimum 1
/definitions/diagnostic/properties/end_column type "integer"
/definitions/diagnostic/properties/end_line minimum 1
/definitions/diagnostic/properties/end_line type "integer"
/definitions/diagnostic/properties/line minimum 1
/definitions/diagnostic/properties/line type "integer"
/definitions/diagnostic/properties/message minLength 1
/definitions/diagnostic/properties/message type "string"
/definitions/diagnostic/properties/page minimum 1
/definitions/diagnostic/properties/page type "integer"
/definitions/diagnostic/properties/path minLength 1
/definitions/diagnostic/properties/path type "string"
/definitions/diagnostic/properties/pointer pattern "^(/.*)?$"
/definitions/diagnostic/properties/pointer type "string"
/definitions/diagnostic/properties/related/items additionalProperties false
/definitions/diagnostic/properties/related/items/properties/column minimum 1
/definitions/diagnostic/properties/related/items/properties/column type "integer"
/definitions/diagnostic/properties/related/items/properties/line minimum 1
/definitions/diagnostic/properties/related/items/properties/line type "integer"
/definitions/diagnostic/properties/related/items/properties/message minLength 1
/definitions/diagnostic/properties/related/items/properties/message type "string"
/definitions/diagnostic/properties/related/items/properties/page minimum 1
/definitions/diagnostic/properties/related/items/properties/page type "integer"
/definitions/diagnostic/properties/related/items/properties/path minLength 1
/definitions/diagnostic/properties/related/items/properties/path type "string"
/definitions/diagnostic/properties/related/items/properties/pointer type "string"
/definitions/diagnostic/properties/related/items required ["message"]
/definitions/diagnostic/properties/related/items type "object"
/definitions/diagnostic/properties/fixes/items additionalProperties false
/definitions/diagnostic/properties/fixes/items/properties/edits/items additionalProperties false
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/column minimum 1
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/column type "integer"
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/end_column minimum 1
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/end_column type "integer"
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/end_line minimum 1
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/end_line type "integer"
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/line minimum 1
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/line type "integer"
/definitions/diagnostic/properties/fixes/items/properties/edits/items/properties/new_text type "string"
/definitions/diagnostic/properties/fixes/items/properties/edits/items required ["line","column","end_line","end_column","new_text"]
/definitions/diagnostic/properties/fixes/items/properties/edits/items type "object"
/definitions/diagnostic/properties/fixes/items/properties/edits minItems 1
/definitions/diagnostic/properties/fixes/items/properties/edits type "array"
/definitions/diagnostic/properties/fixes/items/properties/message minLength 1
/definitions/diagnostic/properties/fixes/items/properties/message type "string"
/definitions/diagnostic/properties/fixes/items required ["message","edits"]
/definitions/diagnostic/properties/fixes/items type "object"
/definitions/diagnostic/properties/fixes type "array"
/definitions/diagnostic/properties/related type "array"
/definitions/diagnostic/properties/severity enum ["info","warning","error"]
/definitions/diagnostic/properties/severity type "string"
/definitions/diagnostic required ["code","severity","message","path"]
/definitions/diagnostic type "object"
/definitions/pages additionalProperties false
/definitions/pages/properties/article minLength 1
/definitions/pages/properties/article type "string"
/definitions/pages/properties/first minimum 1
/definitions/pages/properties/first type "integer"
/definitions/pages/properties/last minimum 1
/definitions/pages/properties/last type "integer"
/definitions/pages/properties/roman type "boolean"
/definitions/pages/properties/text minLength 1
/definitions/pages/properties/text type "string"
/definitions/pages required ["first","last"]
/definitions/pages type "object"
/definitions/record additionalProperties false
/definitions/record/if/properties/kind const "paper"
/definitions/record/properties/abstract minLength 1
/definitions/record/properties/abstract type "string"
/definitions/record/properties/affiliations/items $ref "#/definitions/affiliation"
/definitions/record/properties/affiliations type "array"
/definitions/record/properties/authors/items $ref "#/definitions/author"
/definitions/record/properties/authors type "array"
/definitions/record/properties/arxiv pattern "^([0-9]{4}\\.[0-9]{4,5}|[a-z-]+(\\.[A-Z]{2})?/[0-9]{7})(v[0-9]+)?$"
/definitions/record/properties/arxiv type "string"
/definitions/record/properties/bibtex $ref "#/definitions/bibtex"
/definitions/record/properties/container $ref "#/definitions/text"
/definitions/record/properties/doi pattern "^10\\.[0-9]{4,9}(\\.[0-9]+)*/\\S+$"
/definitions/record/properties/doi type "string"
/definitions/record/properties/informal type "boolean"
/definitions/record/properties/key $ref "#/definitions/text"
/definitions/record/properties/keywords type "array"
/definitions/record/properties/keywords/items $ref "#/definitions/text"
/definitions/record/properties/kind enum ["paper","frontmatter"]
/definitions/record/properties/kind type "string"
/definitions/record/properties/page_count minimum 1
/definitions/record/properties/page_count type "integer"
/definitions/record/properties/pages $ref "#/definitions/pages"
/definitions/record/properties/section $ref "#/definitions/text"
/definitions/record/properties/span $ref "#/definitions/span"
/definitions/record/properties/title $ref "#/definitions/text"
/definitions/record/properties/url pattern "^https?://\\S+$"
/definitions/record/properties/url type "string"
/definitions/record/properties/withdrawn type "boolean"
/definitions/record/properties/year maximum 9999
/definitions/record/properties/year minimum 1000
/definitions/record/properties/year type "integer"
/definitions/record/properties/emails type "array"
/definitions/record/properties/emails/items pattern "^[^@\\s]+@[^@\\s]+$"
/definitions/record/properties/emails/items type "string"
/definitions/record/properties/venue $ref "#/definitions/text"
/definitions/record required ["kind","title","authors","span"]
/definitions/record/then/properties/authors minItems 1
/definitions/record type "object"
/definitions/span additionalProperties false
/definitions/span/properties/end_line minimum 1
/definitions/span/properties/end_line type "integer"
/definitions/span/properties/line minimum 1
/definitions/span/properties/line type "integer"
/definitions/span/properties/page minimum 1
/definitions/span/properties/page type "integer"
/definitions/span required ["line","end_line"]
/definitions/span type "object"
/definitions/text minLength 1
/definitions/text pattern "^\\S(.*\\S)?$"
/definitions/text type "string"
/properties/containers/items $ref "#/definitions/container"
/properties/containers type "array"
/properties/diagnostics/items $ref "#/definitions/diagnostic"
/properties/diagnostics type "array"
/properties/papers/items $ref "#/definitions/record"
/properties/papers type "array"
/properties/proceedings additionalProperties false
/properties/proceedings/properties/acronym $ref "#/definitions/text"
/properties/proceedings/properties/date pattern "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
/properties/proceedings/properties/date type "string"
/properties/proceedings/properties/editors/items $ref "#/definitions/author"
/properties/proceedings/properties/editors type "array"
/properties/proceedings/properties/location $ref "#/definitions/text"
/properties/proceedings/properties/publisher $ref "#/definitions/text"
/properties/proceedings/properties/sections/items additionalProperties false
/properties/proceedings/properties/sections/items/properties/chairs/items $ref "#/definitions/author"
/properties/proceedings/properties/sections/items/properties/chairs type "array"
/properties/proceedings/properties/sections/items/properties/name $ref "#/definitions/text"
/properties/proceedings/properties/sections/items/properties/span $ref "#/definitions/span"
/properties/proceedings/properties/sections/items required ["name","span"]
/properties/proceedings/properties/sections/items type "object"
/properties/proceedings/properties/sections type "array"
/properties/proceedings/properties/title $ref "#/definitions/text"
/properties/proceedings type "object"
/properties/source additionalProperties false
/properties/source/properties/encoding type "string"
/properties/source/properties/format enum ["toc-text","opentoc-html","opentoc-text","bibtex","pdf","json","jsonl","dblp-xml","acl-xml","unknown"]
/properties/source/properties/format type "string"
/properties/source/properties/path minLength 1
/properties/source/properties/path type "string"
/properties/source required ["path","format"]
/properties/source type "object"
`

// TestPrefilterMirrorsSchema fails when the embedded schema gains, loses
// or changes a constraint, so that it and the typed check cannot drift
// apart silently.
func TestPrefilterMirrorsSchema(t *testing.T) {
	got := constraints(schemaDoc(t), "")
	want := strings.Split(strings.Trim(mirrored, "\n"), "\n")
	var diff []string
	for _, l := range got {
		if !slices.Contains(want, l) {
			diff = append(diff, "+ "+l)
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			diff = append(diff, "- "+l)
		}
	}
	if len(diff) > 0 {
		t.Errorf("the embedded schema's constraints differ from those the prefilter implements:\n%s\n"+
			"Make recordValid and volumeValid (prefilter.go) check exactly the schema's constraints, "+
			"then bring mirrored up to date.", strings.Join(diff, "\n"))
	}
}

// objects maps each struct type procx prints to the object of the schema
// it is written as.
var objects = map[reflect.Type]string{
	reflect.TypeFor[schema.Volume]():      "",
	reflect.TypeFor[schema.Source]():      "/properties/source",
	reflect.TypeFor[schema.Proceedings](): "/properties/proceedings",
	reflect.TypeFor[schema.Section]():     "/properties/proceedings/properties/sections/items",
	reflect.TypeFor[schema.Container]():   "/definitions/container",
	reflect.TypeFor[schema.Record]():      "/definitions/record",
	reflect.TypeFor[schema.Author]():      "/definitions/author",
	reflect.TypeFor[schema.Affiliation](): "/definitions/affiliation",
	reflect.TypeFor[schema.Pages]():       "/definitions/pages",
	reflect.TypeFor[schema.BibTeX]():      "/definitions/bibtex",
	reflect.TypeFor[schema.Span]():        "/definitions/span",
	reflect.TypeFor[schema.Diagnostic]():  "/definitions/diagnostic",
	reflect.TypeFor[schema.Related]():     "/definitions/diagnostic/properties/related/items",
	reflect.TypeFor[schema.Fix]():         "/definitions/diagnostic/properties/fixes/items",
	reflect.TypeFor[schema.Edit]():        "/definitions/diagnostic/properties/fixes/items/properties/edits/items",
}

// TestPrefilterTypes holds the record types to the reading the prefilter
// makes of them. Each struct type reachable from schema.Volume is one
// closed object of the schema; its fields, as encoding/json writes them,
// are exactly that object's properties; a required property's field has
// no omitempty (it is always written), every other one has it (it is
// written only when not zero); and no field type has its own MarshalJSON
// or MarshalText but Severity, which diagnosticValid reads as it writes
// itself.
func TestPrefilterTypes(t *testing.T) {
	doc := schemaDoc(t)
	marshalers := []reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()}
	seen := map[reflect.Type]bool{}
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		for _, m := range marshalers {
			if (rt.Implements(m) || reflect.PointerTo(rt).Implements(m)) && rt != reflect.TypeFor[schema.Severity]() {
				t.Errorf("%v has its own %v: the prefilter reads it as a plain %v", rt, m, rt.Kind())
			}
		}
		switch rt.Kind() {
		case reflect.Pointer, reflect.Slice:
			walk(rt.Elem())
			return
		case reflect.Map:
			walk(rt.Key())
			walk(rt.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if seen[rt] {
			return
		}
		seen[rt] = true
		at, ok := objects[rt]
		if !ok {
			t.Errorf("%v is printed but not listed in objects: map it to its object of the schema and check it in prefilter.go", rt)
			return
		}
		var node any = doc
		for _, part := range strings.Split(at, "/")[1:] {
			node = node.(map[string]any)[part]
		}
		obj := node.(map[string]any)
		props, _ := obj["properties"].(map[string]any)
		required := map[string]bool{}
		list, _ := obj["required"].([]any)
		for _, r := range list {
			required[r.(string)] = true
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false; the prefilter takes the objects as closed", at)
		}
		written := map[string]bool{}
		for i := range rt.NumField() {
			f := rt.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			switch {
			case !f.IsExported() || f.Anonymous || name == "":
				t.Errorf("%v.%s: the prefilter reads only exported, named, not embedded fields", rt, f.Name)
			case opts != "" && opts != "omitempty":
				t.Errorf("%v.%s: option %q: the prefilter knows only omitempty", rt, f.Name, opts)
			case props[name] == nil:
				t.Errorf("%v.%s: %q is not a property of %s, whose members are closed", rt, f.Name, name, at)
			case required[name] && opts == "omitempty":
				t.Errorf("%v.%s: %q is required but has omitempty", rt, f.Name, name)
			case !required[name] && opts != "omitempty":
				t.Errorf("%v.%s: %q is optional but always written (no omitempty), zero included", rt, f.Name, name)
			}
			written[name] = true
			walk(f.Type)
		}
		for name := range props {
			if !written[name] {
				t.Errorf("%s: property %q has no field of %v", at, name, rt)
			}
		}
	}
	walk(reflect.TypeFor[schema.Volume]())
	for rt := range objects {
		if !seen[rt] {
			t.Errorf("%v is listed in objects but not printed", rt)
		}
	}
}

// patterns are the byte checks of prefilter.go, each by the pointer of
// the pattern it matches in the embedded schema.
var patterns = map[string]func(string) bool{
	"/definitions/text/pattern":                                   isText,
	"/definitions/record/properties/doi/pattern":                  isDOI,
	"/definitions/record/properties/url/pattern":                  isURL,
	"/definitions/record/properties/arxiv/pattern":                reArxiv.MatchString,
	"/definitions/record/properties/emails/items/pattern":         isEmail,
	"/definitions/author/properties/email/pattern":                isEmail,
	"/definitions/affiliation/properties/country_code/pattern":    isCountryCode,
	"/definitions/bibtex/properties/type/pattern":                 isEntryType,
	"/definitions/bibtex/properties/fields/propertyNames/pattern": isFieldName,
	"/definitions/diagnostic/properties/code/pattern":             isCode,
	"/definitions/diagnostic/properties/pointer/pattern":          isPointer,
	"/properties/proceedings/properties/date/pattern":             isDate,
	"/definitions/container/properties/date/pattern":              isDate,
}

// schemaPatterns compiles every pattern of the embedded schema, by its
// pointer, and fails t unless patterns has a byte check for each.
func schemaPatterns(t testing.TB) map[string]*regexp.Regexp {
	t.Helper()
	res := map[string]*regexp.Regexp{}
	for _, l := range constraints(schemaDoc(t), "") {
		at, rest, _ := strings.Cut(l, " pattern ")
		if rest == "" {
			continue
		}
		var p string
		if err := json.Unmarshal([]byte(rest), &p); err != nil {
			t.Fatal(err)
		}
		res[at+"/pattern"] = regexp.MustCompile(p)
		if patterns[at+"/pattern"] == nil {
			t.Errorf("no byte check for the pattern at %s/pattern", at)
		}
	}
	for at := range patterns {
		if res[at] == nil {
			t.Errorf("no pattern at %s", at)
		}
	}
	return res
}

// patternSeeds are strings on both sides of each pattern.
var patternSeeds = []string{"", "a", " a", "a ", "a\nb", "ab\xff", "\u00a0", "x", "ab-cd", "ab--cd", "-ab", "ab-",
	"10.1145/3453933.3454011", "10.1/x", "10.123456789/x", "10.1234567890/x", "10.1234/", "10.1234/ x", "11.1234/x", "10.1234.5/x", "10.1234.5.67/x", "10.1234./x", "10.1234.5", "10.1234.x/y",
	"https://x.org/a", "http://x", "https://", "httpss://x", "ftp://x", "JP", "jp", "J", "JPN", "/papers/1", "/", "x/",
	"author", "Author", "bib:tex", "a.b+c-d_e", "1abc", "inproceedings", "in-proc_1", "not-nfc", "schema",
	"2021", "2021-04", "2021-04-16", "2021-4-16", "20210416", "2021-04-16\n",
	"a@b.c", "jo.smith@cs.uw.edu", "x@@y", "@x", "x@", "a b@c", "2003.01234", "2003.01234v2", "math/0501001", "math.AG/0501001v1", "2003.123"}

// TestPatterns holds each byte check to the schema's regexp on the seeds
// and on many random edits of them.
func TestPatterns(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{" ", "\t", "\n", "\r", "\f", "\v", "a", "z", "A", "Z", "0", "9", "1", ".", "/", ":", "-", "_", "+",
		"h", "t", "p", "s", "é", "\u00a0", "\u2028", "\xff", "\x00"}
	for at, re := range schemaPatterns(t) {
		match := patterns[at]
		if match == nil {
			continue
		}
		matched := 0
		for i := range 40000 {
			s := patternSeeds[i%len(patternSeeds)]
			for range r.IntN(4) {
				i := r.IntN(len(s) + 1)
				switch r.IntN(3) {
				case 0: // insert
					s = s[:i] + alphabet[r.IntN(len(alphabet))] + s[i:]
				case 1: // delete
					if i < len(s) {
						s = s[:i] + s[i+1:]
					}
				default: // replace
					if i < len(s) {
						s = s[:i] + alphabet[r.IntN(len(alphabet))] + s[i+1:]
					}
				}
			}
			want := re.MatchString(s)
			if match(s) != want {
				t.Errorf("%s %s on %q: byte check %v, regexp %v", at, re, s, match(s), want)
			}
			if want {
				matched++
			}
		}
		if matched < 100 {
			t.Errorf("%s: only %d of the test strings match; the test hardly tries the byte check's yes side", at, matched)
		}
	}
}

func FuzzPatterns(f *testing.F) {
	for _, s := range patternSeeds {
		f.Add(s)
	}
	res := schemaPatterns(f)
	f.Fuzz(func(t *testing.T, s string) {
		for at, re := range res {
			if got, want := patterns[at](s), re.MatchString(s); got != want {
				t.Errorf("%s %s on %q: byte check %v, regexp %v", at, re, s, got, want)
			}
		}
	})
}

// goldenVolume is the golden output decoded into the record types.
func goldenVolume(t testing.TB) *schema.Volume {
	t.Helper()
	b, err := os.ReadFile("../fixtures/vee21.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var v schema.Volume
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// The values mutate puts in each string and int of a record: each on
// one side or the other of the schema's patterns, lengths, enums and
// bounds.
var (
	mutantStrings = []string{"", " ", "x", " x", "x ", "a\nb", "a\tb", "ab", "AB", "Ab", "paper", "frontmatter",
		"toc-text", "1999", "1999-02", "1999-2", "10.1145/3453933.3454011", "10.1/x", "10.12345/x y",
		"https://example.org/x", "ftp://x", "/a/b", "a/b", "not-nfc", "Bad-Code", "bib:tex+1", "é", "\xff", "\u00a0x"}
	mutantInts = []int64{0, 1, -1, 2, 3, 999, 1000, 9999, 10000, math.MinInt64, math.MaxInt64}
)

// mutate calls try once for each variant of the value at v (addressable),
// and leaves v as it found it: each string set to each of mutantStrings,
// each int to each of mutantInts, each bool flipped; each pointer, slice
// and map nil, each nil pointer a new zero value, each slice empty and
// with a zero element added, each map empty and with each of
// mutantStrings added as a key; and the same inside each struct, the
// first two elements of each slice and the value of each pointer.
func mutate(v reflect.Value, at string, try func(what string)) {
	switch v.Kind() {
	case reflect.String:
		old := v.String()
		for _, s := range mutantStrings {
			v.SetString(s)
			try(fmt.Sprintf("%s = %q", at, s))
		}
		v.SetString(old)
	case reflect.Int:
		old := v.Int()
		for _, n := range mutantInts {
			v.SetInt(n)
			try(fmt.Sprintf("%s = %d", at, n))
		}
		v.SetInt(old)
	case reflect.Bool:
		v.SetBool(!v.Bool())
		try(at + " flipped")
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		old := reflect.ValueOf(v.Interface())
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
			try(at + " = zero value")
		} else {
			v.Set(reflect.Zero(v.Type()))
			try(at + " = nil")
			v.Set(old)
			mutate(v.Elem(), at, try)
		}
		v.Set(old)
	case reflect.Slice:
		old := reflect.ValueOf(v.Interface())
		v.Set(reflect.Zero(v.Type()))
		try(at + " = nil")
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		try(at + " = empty")
		longer := reflect.AppendSlice(reflect.MakeSlice(v.Type(), 0, old.Len()+1), old)
		v.Set(reflect.Append(longer, reflect.Zero(v.Type().Elem())))
		try(at + " + zero element")
		v.Set(old)
		for i := range min(v.Len(), 2) {
			mutate(v.Index(i), fmt.Sprintf("%s/%d", at, i), try)
		}
	case reflect.Map:
		old := reflect.ValueOf(v.Interface())
		v.Set(reflect.Zero(v.Type()))
		try(at + " = nil")
		v.Set(reflect.MakeMap(v.Type()))
		try(at + " = empty")
		for _, k := range mutantStrings {
			m := reflect.MakeMap(v.Type())
			for it := old.MapRange(); it.Next(); {
				m.SetMapIndex(it.Key(), it.Value())
			}
			m.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf("x"))
			v.Set(m)
			try(fmt.Sprintf("%s + %q", at, k))
		}
		v.Set(old)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && name != "-" {
				mutate(v.Field(i), at+"/"+name, try)
			}
		}
	}
}

// TestPrefilterAgrees holds the prefilter to gojsonschema on every
// record and volume procx makes of the fixtures and of generated volumes
// with planted defects, and on each variant mutate makes of some golden
// records and of the golden volume.
func TestPrefilterAgrees(t *testing.T) {
	inputs := map[string][]byte{}
	files, _ := filepath.Glob("../fixtures/mutations/*.txt")
	for _, name := range append(files, "../fixtures/vee21.txt", "../fixtures/bibtex/volume.bib") {
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
	verdicts := map[bool]int{}
	for name, b := range inputs {
		v, _ := extract.Read(context.Background(), name, b, extract.Options{})
		normalize.Volume(v)
		Volume(v, Options{})
		verdicts[agreeVolume(t, v, name)]++
		for i := range v.Papers {
			verdicts[agreeRecord(t, &v.Papers[i], fmt.Sprintf("%s paper %d", name, i))]++
		}
	}
	if verdicts[true] < 100 {
		t.Errorf("verdicts on the inputs %v: procx's own records hardly pass", verdicts)
	}

	g := goldenVolume(t)
	if !agreeVolume(t, g, "golden volume") {
		t.Fatal("the golden volume is not valid")
	}
	// A diagnostic of each shape beside the golden one.
	g.Diagnostics = append(g.Diagnostics, schema.Diagnostic{Code: "pages-overlap", Severity: schema.Error, Message: "m", Path: "p",
		Page: 2, Related: []schema.Related{{Line: 2, Column: 1, Pointer: "/papers/1", Message: "r"}}})
	g.Proceedings.Sections[0].Chairs = []schema.Author{{Name: "A B", Given: "A", Family: "B"}}
	g.Containers = []schema.Container{{Name: "c", Title: "T", Date: "2021", Editors: []schema.Author{{Name: "A B", ID: "0002"}}, Span: &schema.Span{Line: 1, EndLine: 2}}}
	verdicts = map[bool]int{}
	mutate(reflect.ValueOf(g).Elem().FieldByName("Source"), "/source", func(what string) { verdicts[agreeVolume(t, g, what)]++ })
	mutate(reflect.ValueOf(g).Elem().FieldByName("Proceedings"), "/proceedings", func(what string) { verdicts[agreeVolume(t, g, what)]++ })
	mutate(reflect.ValueOf(g).Elem().FieldByName("Containers"), "/containers", func(what string) { verdicts[agreeVolume(t, g, what)]++ })
	mutate(reflect.ValueOf(g).Elem().FieldByName("Diagnostics"), "/diagnostics", func(what string) { verdicts[agreeVolume(t, g, what)]++ })
	// Frontmatter with no authors, and papers with every member.
	for _, i := range []int{0, 2, 16} {
		r := &g.Papers[i]
		if !agreeRecord(t, r, fmt.Sprintf("golden paper %d", i)) {
			t.Fatalf("golden paper %d is not valid", i)
		}
		mutate(reflect.ValueOf(r).Elem(), fmt.Sprintf("/papers/%d", i), func(what string) { verdicts[agreeRecord(t, r, what)]++ })
	}
	t.Logf("verdicts on the mutations: %v", verdicts)
	if verdicts[true] < 500 || verdicts[false] < 500 {
		t.Errorf("verdicts on the mutations %v: the test hardly tries one side", verdicts)
	}
}

// FuzzPrefilter holds the prefilter to gojsonschema on the volume and
// records arbitrary JSON decodes to, with an arbitrary string (invalid
// UTF-8 too, which JSON cannot carry) put in one of their strings.
// Seeded with each golden record alone in the golden volume.
func FuzzPrefilter(f *testing.F) {
	g := goldenVolume(f)
	for i := range g.Papers {
		one := *g
		one.Papers = g.Papers[i : i+1]
		b, err := json.Marshal(&one)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "x", uint(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, s string, at uint) {
		var v schema.Volume
		if json.Unmarshal(data, &v) != nil {
			return
		}
		var strs []reflect.Value
		collectStrings(reflect.ValueOf(&v).Elem(), &strs)
		if len(strs) > 0 {
			strs[at%uint(len(strs))].SetString(s)
		}
		agreeVolume(t, &v, "volume")
		for i := range v.Papers {
			agreeRecord(t, &v.Papers[i], fmt.Sprintf("paper %d", i))
		}
	})
}

// collectStrings appends every string reachable from v to out.
func collectStrings(v reflect.Value, out *[]reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v)
	case reflect.Pointer:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			collectStrings(v.Index(i), out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectStrings(v.Field(i), out)
			}
		}
	}
}
