package validate

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
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
