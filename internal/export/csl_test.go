package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/procx/procx/schema"
)

// cslSchema is the published CSL-JSON input schema, read in place.
const cslSchema = "../../../shared/schemas/csl-data.json"

// cslOf writes the CSL-JSON of vols.
func cslOf(t *testing.T, vols ...*schema.Volume) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "csl", vols...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCSLSchema validates the CSL-JSON of every input, and of all of them
// in one array, against the published schema.
func TestCSLSchema(t *testing.T) {
	abs, _ := filepath.Abs(cslSchema)
	if _, err := os.Stat(abs); err != nil {
		t.Skipf("%s is absent", cslSchema)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + abs))
	if err != nil {
		t.Fatal(err)
	}
	in := loadInputs(t)
	check := func(name string, doc []byte) {
		res, err := s.Validate(gojsonschema.NewBytesLoader(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", name, e)
		}
	}
	for _, x := range in {
		check(x.name, cslOf(t, x.v))
	}
	check("batch", cslOf(t, volumes(in)...))
}

// TestCSLItems checks each item against the record it was made of, for
// every record of every input, and that ids are unique in a batch.
func TestCSLItems(t *testing.T) {
	in := loadInputs(t)
	var items []CSLItem
	if err := json.Unmarshal(cslOf(t, volumes(in)...), &items); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	i := 0
	for _, x := range in {
		for _, r := range x.v.Papers {
			it := items[i]
			i++
			if ids[strings.ToLower(it.ID)] {
				t.Errorf("%s: id %q twice", x.name, it.ID)
			}
			ids[strings.ToLower(it.ID)] = true
			if it.Title != r.Title || it.DOI != r.DOI || len(it.Author) != len(r.Authors) {
				t.Errorf("%s: item %+v of record %q", x.name, it, r.Title)
			}
			if r.BibTeX != nil && validKey(r.BibTeX.Key) && it.ID != r.BibTeX.Key && it.CitationKey != "" {
				t.Errorf("%s: item %q names citation-key %q", x.name, it.ID, it.CitationKey)
			}
			if want := map[schema.Kind]string{schema.KindFrontmatter: "chapter"}[r.Kind]; want != "" && it.Type != want {
				t.Errorf("%s: front matter %q typed %s", x.name, r.Title, it.Type)
			}
			for j, a := range r.Authors {
				n := it.Author[j]
				if strings.TrimSpace(n.NonDroppingParticle+" "+n.Family) != a.Family || n.Given != a.Given || n.Family == "" && n.Literal != a.Name && n.Given == "" {
					t.Errorf("%s: author %+v of %+v", x.name, n, a)
				}
			}
			if r.Pages != nil && r.Pages.First > 0 && r.Pages.Article == "" && !r.Pages.Roman &&
				!strings.HasPrefix(it.Page, strings.TrimSpace(strings.Split(it.Page, "-")[0])) {
				t.Errorf("%s: page %q of %+v", x.name, it.Page, r.Pages)
			}
		}
	}
	if i != len(items) {
		t.Errorf("%d items for %d records", len(items), i)
	}
}

// TestCitationJSCSL reads the CSL-JSON of every input with citation-js:
// it takes every item whole, as it was written.
func TestCitationJSCSL(t *testing.T) {
	in := loadInputs(t)
	dir := t.TempDir()
	var files []string
	var want [][]map[string]any
	for i, x := range in {
		doc := cslOf(t, x.v)
		f := filepath.Join(dir, fmt.Sprintf("%03d-%s.json", i, filepath.Base(x.name)))
		if err := os.WriteFile(f, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := json.Unmarshal(doc, &items); err != nil {
			t.Fatal(err)
		}
		files, want = append(files, f), append(want, items)
	}
	var got [][]map[string]any
	runNode(t, "citejs.js", append([]string{"csl"}, files...), &got)
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("%s: citation-js read %d items of %d", in[i].name, len(got[i]), len(want[i]))
			continue
		}
		for j := range want[i] {
			if !reflect.DeepEqual(got[i][j], want[i][j]) {
				g, _ := json.Marshal(got[i][j])
				w, _ := json.Marshal(want[i][j])
				t.Errorf("%s: citation-js read item %d as\n%s\nwant\n%s", in[i].name, j, g, w)
			}
		}
	}
}
