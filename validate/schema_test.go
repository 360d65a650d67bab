package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

func golden(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../fixtures/vee21.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func check(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range SchemaErrorsJSON("x.json", b) {
		out = append(out, d.Pointer+" "+d.Message)
	}
	return out
}

func TestGoldenPassesSchema(t *testing.T) {
	if errs := check(t, golden(t)); len(errs) > 0 {
		t.Fatalf("golden output breaks the schema: %v", errs)
	}
}

// TestSchemaRejects breaks copies of the golden output one way each; the
// schema must reject every one, with the pointer of the broken value.
func TestSchemaRejects(t *testing.T) {
	paper := func(v map[string]any) map[string]any {
		return v["papers"].([]any)[2].(map[string]any)
	}
	cases := []struct {
		name    string
		mutate  func(v map[string]any) any
		pointer string
	}{
		{"empty object", func(v map[string]any) any { return map[string]any{} }, ""},
		{"pages first is a string", func(v map[string]any) any {
			paper(v)["pages"].(map[string]any)["first"] = "one"
			return v
		}, "/papers/2/pages/first"},
		{"page zero", func(v map[string]any) any {
			paper(v)["pages"].(map[string]any)["last"] = 0
			return v
		}, "/papers/2/pages/last"},
		{"fractional page", func(v map[string]any) any {
			paper(v)["pages"].(map[string]any)["first"] = 1.5
			return v
		}, "/papers/2/pages/first"},
		{"not a doi", func(v map[string]any) any { paper(v)["doi"] = "3453933.3454010"; return v }, "/papers/2/doi"},
		{"missing title", func(v map[string]any) any { delete(paper(v), "title"); return v }, "/papers/2"},
		{"empty title", func(v map[string]any) any { paper(v)["title"] = ""; return v }, "/papers/2/title"},
		{"title with newline", func(v map[string]any) any { paper(v)["title"] = "a\nb"; return v }, "/papers/2/title"},
		{"unknown field", func(v map[string]any) any { paper(v)["tittle"] = "x"; return v }, "/papers/2"},
		{"unknown kind", func(v map[string]any) any { paper(v)["kind"] = "poster"; return v }, "/papers/2/kind"},
		{"paper without authors", func(v map[string]any) any { paper(v)["authors"] = []any{}; return v }, "/papers/2/authors"},
		{"year as string", func(v map[string]any) any { paper(v)["year"] = "2021"; return v }, "/papers/2/year"},
		{"bad country code", func(v map[string]any) any {
			paper(v)["affiliations"].([]any)[0].(map[string]any)["country_code"] = "Germany"
			return v
		}, "/papers/2/affiliations/0/country_code"},
		{"bad severity", func(v map[string]any) any {
			v["diagnostics"] = []any{map[string]any{"code": "x", "severity": "fatal", "message": "m", "path": "p"}}
			return v
		}, "/diagnostics/0/severity"},
		{"no source", func(v map[string]any) any { delete(v, "source"); return v }, ""},
		{"bad date", func(v map[string]any) any { v["proceedings"].(map[string]any)["date"] = "April 16, 2021"; return v }, "/proceedings/date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := check(t, c.mutate(golden(t)))
			if len(errs) == 0 {
				t.Fatal("schema accepted it")
			}
			found := false
			for _, e := range errs {
				if strings.HasPrefix(e, c.pointer+" ") {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %q: %v", c.pointer, errs)
			}
		})
	}
}

// TestTreeEqualsJSON: what SchemaErrors validates is what procx prints.
func TestTreeEqualsJSON(t *testing.T) {
	for _, f := range []string{"../fixtures/vee21.golden.json"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v schema.Volume
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		// Exercise the optional fields too.
		v.Papers[0].Pages = &schema.Pages{First: 1, Last: 2, Roman: true, Article: "4"}
		v.Papers[0].Container = "c"
		v.Papers[1].Authors = nil
		v.Proceedings.Sections[0].Chairs = []schema.Author{{Name: "A B", Given: "A", Family: "B", Suffix: "Jr."}}
		v.Diagnostics = append(v.Diagnostics, schema.Diagnostic{Code: "x", Severity: schema.Info, Message: "m", Path: "p", Page: 3,
			Related: []schema.Related{{Line: 1, Column: 2, Pointer: "/papers/0", Message: "r"}}})
		enc, err := json.Marshal(&v)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON any
		dec := json.NewDecoder(bytes.NewReader(enc))
		dec.UseNumber()
		if err := dec.Decode(&fromJSON); err != nil {
			t.Fatal(err)
		}
		tree, err := json.Marshal(Tree(&v))
		if err != nil {
			t.Fatal(err)
		}
		var fromTree any
		dec = json.NewDecoder(bytes.NewReader(tree))
		dec.UseNumber()
		dec.Decode(&fromTree)
		if !reflect.DeepEqual(fromJSON, fromTree) {
			t.Errorf("Tree differs from the JSON encoding:\n%s\n%s", enc[:min(len(enc), 600)], tree[:min(len(tree), 600)])
		}
		if !reflect.DeepEqual(normalizeTree(Tree(&v)), fromJSON) {
			t.Errorf("Tree values differ in type from decoded JSON")
		}
	}
}

// normalizeTree turns []any and map[string]any trees with typed maps into
// the shapes json decoding produces, for DeepEqual.
func normalizeTree(x any) any {
	switch t := x.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, v := range t {
			out[k] = normalizeTree(v)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			out[i] = normalizeTree(v)
		}
		return out
	}
	return x
}

// TestSchemaErrorsPerRecord: validating record by record reports the same
// pointers as validating the whole document.
func TestSchemaErrorsPerRecord(t *testing.T) {
	b, err := os.ReadFile("../fixtures/vee21.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var v schema.Volume
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if errs := SchemaErrors(&v); len(errs) != 0 {
		t.Fatalf("golden volume: %v", errs)
	}
	v.Papers[3].Pages.First = 0
	v.Papers[5].Year = 99
	v.Papers[5].Authors = []schema.Author{}
	v.Proceedings.Date = "16 April 2021"
	v.Diagnostics = append(v.Diagnostics, schema.Diagnostic{Code: "Bad Code", Severity: schema.Error, Message: "m", Path: "p"})
	enc, _ := json.Marshal(&v)
	var whole, parts []string
	for _, d := range SchemaErrorsJSON("x", enc) {
		whole = append(whole, d.Pointer)
	}
	for _, d := range SchemaErrors(&v) {
		parts = append(parts, d.Pointer)
	}
	want := "/diagnostics/1/code /papers/3/pages/first /papers/5/authors /papers/5/year /proceedings/date"
	slices.Sort(whole)
	slices.Sort(parts)
	if strings.Join(parts, " ") != want || strings.Join(whole, " ") != want {
		t.Errorf("per record %v, whole %v, want %s", parts, whole, want)
	}
}

// TestFoldASCII holds fold's ASCII fast path to the general one.
func TestFoldASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		b := make([]byte, i%40)
		for j := range b {
			b[j] = byte(r.IntN(128))
		}
		got, ok := foldASCII(string(b))
		if want := foldUnicode(string(b)); !ok || got != want {
			t.Fatalf("fold(%q): fast path %q, general %q", b, got, want)
		}
	}
	if _, ok := foldASCII("Café"); ok {
		t.Error("the ASCII fast path took a non-ASCII title")
	}
}

// TestKeyPageAndPlainDOI hold two hand-written shortcuts to what they
// replace: keyPage to the regexp `p(\d+)$`, plainDOI to doiKey's full
// canonicalization (a DOI it lets through must come back unchanged).
func TestKeyPageAndPlainDOI(t *testing.T) {
	re := regexp.MustCompile(`p(\d+)$`)
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "p0123456789P/.: \tx_\\Aé"
	seeds := []string{"VEE21p15", "p", "p1", "1", "", "VEE21p", "ap12p34", "10.1145/3453933.3454011", " 10.1/x", "10.1/X",
		"doi:10.1/x", "https://doi.org/10.1/x", "10.1/a\\_b", "10.1/x\u00a0"}
	for i := range 50000 {
		s := seeds[i%len(seeds)]
		for range r.IntN(4) {
			at := r.IntN(len(s) + 1)
			c := string([]rune(alphabet)[r.IntN(len([]rune(alphabet)))])
			s = s[:at] + c + s[at:]
		}
		n, ok := keyPage(s)
		m := re.FindStringSubmatch(s)
		if ok != (m != nil) {
			t.Fatalf("keyPage(%q) = %v, regexp %v", s, ok, m)
		}
		if want, _ := strconv.Atoi(func() string {
			if m == nil {
				return "0"
			}
			return m[1]
		}()); n != want {
			t.Fatalf("keyPage(%q) = %d, regexp %q", s, n, m[1])
		}
		if plainDOI(s) && canonicalDOI(s) != s {
			t.Fatalf("plainDOI(%q) but canonicalDOI gives %q", s, canonicalDOI(s))
		}
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
