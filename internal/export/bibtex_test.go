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

	"github.com/procx/procx/schema"
)

// bibFiles writes every input's BibTeX export, in UTF-8 and in LaTeX
// spellings, into a folder of the test.
func bibFiles(t *testing.T, in []input) (files []string, vols []*schema.Volume) {
	t.Helper()
	dir := t.TempDir()
	for i, x := range in {
		for _, latex := range []bool{false, true} {
			var buf bytes.Buffer
			enc := NewBibTeX(&buf, BibTeXOptions{LaTeX: latex})
			if err := enc.Volume(x.v); err != nil {
				t.Fatal(err)
			}
			enc.Close()
			f := filepath.Join(dir, fmt.Sprintf("%03d-%v-%s.bib", i, latex, filepath.Base(x.name)))
			if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			files, vols = append(files, f), append(vols, x.v)
		}
	}
	return files, vols
}

// TestCitationJSBibTeX reads the BibTeX export of every input, in both
// encodings, with citation-js: one item per entry, and for each paper the
// title, names, pages, DOI and container that the CSL export gives it.
func TestCitationJSBibTeX(t *testing.T) {
	files, vols := bibFiles(t, loadInputs(t))
	var got [][]map[string]any
	runNode(t, "citejs.js", append([]string{"bibtex"}, files...), &got)
	for i, v := range vols {
		c := newContext(v)
		want := cslItems(v, newKeys())
		byID := map[string]map[string]any{}
		for _, it := range got[i] {
			byID[fmt.Sprint(it["id"])] = it
		}
		entries := countPapers(v)
		if c.hasProceedings() {
			entries++
		}
		if len(got[i]) != entries {
			t.Errorf("%s: citation-js read %d entries, want %d", files[i], len(got[i]), entries)
		}
		for j, r := range v.Papers {
			if r.Kind != schema.KindPaper {
				continue
			}
			w := want[j]
			g, ok := byID[w.ID]
			if !ok {
				t.Errorf("%s: citation-js has no entry %s", files[i], w.ID)
				continue
			}
			// citation-js reads math as text ($\ell_p$ becomes ℓₚ):
			// compare titles without math only.
			if !strings.Contains(w.Title, "$") && g["title"] != w.Title {
				t.Errorf("%s: %s: citation-js title %q, want %q", files[i], w.ID, g["title"], w.Title)
			}
			if w.DOI != "" && g["DOI"] != w.DOI {
				t.Errorf("%s: %s: citation-js DOI %v, want %q", files[i], w.ID, g["DOI"], w.DOI)
			}
			if w.Page != "" && g["page"] != w.Page && r.Pages != nil {
				t.Errorf("%s: %s: citation-js page %v, want %q", files[i], w.ID, g["page"], w.Page)
			}
			if w.ContainerTitle != "" && g["container-title"] != w.ContainerTitle && !strings.Contains(w.ContainerTitle, "$") {
				t.Errorf("%s: %s: citation-js container %v, want %q", files[i], w.ID, g["container-title"], w.ContainerTitle)
			}
			var names []CSLName
			b, _ := json.Marshal(g["author"])
			json.Unmarshal(b, &names)
			if len(w.Author) > 0 && !reflect.DeepEqual(names, w.Author) {
				t.Errorf("%s: %s: citation-js authors\n%+v\nwant\n%+v", files[i], w.ID, names, w.Author)
			}
		}
	}
}

// TestBibTeXTidy runs bibtex-tidy over the BibTeX export of every input:
// it finds every entry and nothing to warn about, and procx reads its
// tidied file back to the same papers.
func TestBibTeXTidy(t *testing.T) {
	files, vols := bibFiles(t, loadInputs(t))
	var got []struct {
		Count    int
		Warnings []any
		Bibtex   string
	}
	runNode(t, "tidy.js", files, &got)
	for i, v := range vols {
		entries := countPapers(v)
		if newContext(v).hasProceedings() {
			entries++
		}
		if got[i].Count != entries || len(got[i].Warnings) > 0 {
			t.Errorf("%s: bibtex-tidy found %d entries (want %d), warnings %v", files[i], got[i].Count, entries, got[i].Warnings)
		}
		back := readBack("tidied.bib", []byte(got[i].Bibtex))
		if err := samePapers(papers(v), back.Papers); err != nil {
			t.Errorf("%s tidied: %v", files[i], err)
		}
	}
}
