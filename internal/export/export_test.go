package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/fuzzseed"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// corpus is the shared corpus of real dumps, read in place.
const corpus = "../../../shared/corpus"

// input is one file of the fixtures or the corpus and the volume procx
// reads from it.
type input struct {
	name string
	v    *schema.Volume
}

// inputs reads every fixture and corpus file once per test binary and
// keeps the volumes that hold papers.
var inputs = sync.OnceValues(func() ([]input, error) {
	var files []string
	for _, pat := range []string{"*.txt", "encoding/*.txt", "mutations/*.txt", "opentoc/*.*", "pdf/*.pdf",
		"bibtex/*.bib", "json/*.json", "json/*.jsonl", "checks/*.txtar"} {
		m, err := filepath.Glob(filepath.Join("../../fixtures", pat))
		if err != nil {
			return nil, err
		}
		for _, f := range m {
			if !strings.HasSuffix(f, ".golden") {
				files = append(files, f)
			}
		}
	}
	filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	var out []input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name := f
		if strings.HasSuffix(f, ".txtar") {
			// A check fixture: its input, with the defect it plants.
			for _, m := range txtar.Parse(data).Files {
				if strings.HasPrefix(m.Name, "input") {
					name, data = f+"/"+m.Name, m.Data
				}
			}
		}
		v := procx.Process(context.Background(), name, data, procx.Options{})
		if countPapers(v) > 0 {
			out = append(out, input{name, v})
		}
	}
	return out, nil
})

func loadInputs(t testing.TB) []input {
	t.Helper()
	in, err := inputs()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Logf("%s is absent: fixtures only", corpus)
	}
	return in
}

func countPapers(v *schema.Volume) int {
	n := 0
	for i := range v.Papers {
		if v.Papers[i].Kind == schema.KindPaper {
			n++
		}
	}
	return n
}

func papers(v *schema.Volume) []schema.Record {
	var out []schema.Record
	for _, r := range v.Papers {
		if r.Kind == schema.KindPaper {
			out = append(out, r)
		}
	}
	return out
}

func volumes(in []input) []*schema.Volume {
	out := make([]*schema.Volume, len(in))
	for i := range in {
		out[i] = in[i].v
	}
	return out
}

// readBack runs procx over an export.
func readBack(name string, b []byte) *schema.Volume {
	return procx.Process(context.Background(), name, b, procx.Options{})
}

// samePapers compares the papers procx read back from an export with the
// papers exported: the same titles, authors, pages and DOIs, in order.
func samePapers(want, got []schema.Record) error {
	if len(got) != len(want) {
		return fmt.Errorf("read back %d papers, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := &want[i], &got[i]
		if g.Title != w.Title {
			return fmt.Errorf("paper %d: title %q, want %q", i, g.Title, w.Title)
		}
		if len(g.Authors) != len(w.Authors) {
			return fmt.Errorf("paper %d %q: %d authors %v, want %d %v", i, w.Title, len(g.Authors), g.Authors, len(w.Authors), w.Authors)
		}
		for j := range w.Authors {
			a, b := w.Authors[j], g.Authors[j]
			// A name procx did not split (no family: "}", no letter in
			// it) is written as a braced literal, which BibTeX reads as
			// one family name: it reads back as the same name, with
			// that family and nothing else.
			family := a.Family
			if family == "" {
				family = b.Family
			}
			if a.Given != b.Given || family != b.Family || a.Particle != b.Particle || a.Suffix != b.Suffix ||
				a.Family == "" && (a.Name != b.Name || b.Family != "" && b.Family != b.Name) {
				return fmt.Errorf("paper %d %q: author %d read back as %+v, want %+v", i, w.Title, j, b, a)
			}
		}
		if !samePages(w.Pages, g.Pages) {
			return fmt.Errorf("paper %d %q: pages %+v, want %+v", i, w.Title, g.Pages, w.Pages)
		}
		if g.DOI != w.DOI && verbatim(w.DOI) {
			return fmt.Errorf("paper %d %q: doi %q, want %q", i, w.Title, g.DOI, w.DOI)
		}
	}
	return nil
}

// pointed returns the BibTeX field value a diagnostic's pointer names
// ("/papers/3/bibtex/fields/abstract").
func pointed(v *schema.Volume, ptr string) string {
	rest, _ := strings.CutPrefix(ptr, "/papers/")
	idx, field, _ := strings.Cut(rest, "/bibtex/fields/")
	i, err := strconv.Atoi(idx)
	if err != nil || i >= len(v.Papers) || v.Papers[i].BibTeX == nil {
		return ""
	}
	return v.Papers[i].BibTeX.Fields[field]
}

func samePages(a, b *schema.Pages) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.First == b.First && a.Last == b.Last && a.Article == b.Article && a.Roman == b.Roman
}

// TestBibTeXRoundTrip exports every input that yields papers as BibTeX,
// in both encodings, and reads it back with procx: the same titles,
// authors, pages and DOIs, and no BibTeX the reader finds wrong.
func TestBibTeXRoundTrip(t *testing.T) {
	for _, in := range loadInputs(t) {
		for _, latex := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/latex=%v", in.name, latex), func(t *testing.T) {
				var buf bytes.Buffer
				enc := NewBibTeX(&buf, BibTeXOptions{LaTeX: latex})
				if err := enc.Volume(in.v); err != nil {
					t.Fatal(err)
				}
				if err := enc.Close(); err != nil {
					t.Fatal(err)
				}
				back := readBack("export.bib", buf.Bytes())
				if back.Source.Format != "bibtex" {
					t.Fatalf("export read back as %s", back.Source.Format)
				}
				if err := samePapers(papers(in.v), back.Papers); err != nil {
					t.Fatalf("%v\n%s", err, buf.String())
				}
				for _, d := range back.Diagnostics {
					switch d.Code {
					case schema.BibTeXSyntax, schema.DuplicateKey, schema.LaTeXInText, schema.Limit:
						t.Errorf("export: %v", d)
					case schema.BibTeXUnescaped:
						// validate reads the $$ of display math as
						// two $, the math as text: not the export's.
						if !strings.Contains(pointed(back, d.Pointer), "$$") {
							t.Errorf("export: %v", d)
						}
					}
				}
				p, q := in.v.Proceedings, back.Proceedings
				if p.Title != "" && (q.Title != p.Title || q.Location != p.Location || reDay.MatchString(p.Date) && q.Date != p.Date) {
					t.Errorf("proceedings read back as %+v, want %+v", q, p)
				}
				if latex {
					checkLaTeXOnly(t, buf.String())
				}
			})
		}
	}
}

// checkLaTeXOnly checks that a --bibtex-encoding latex export spells every
// letter of Latin script as LaTeX: what is left outside ASCII is of other
// scripts or symbols.
func checkLaTeXOnly(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		// A Latin letter LaTeX can spell must be spelled; one it cannot
		// (Ɵ) stays UTF-8.
		if r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 &&
			text.EscapeLaTeX(string(r), text.EscapeOptions{ASCII: true}) != string(r) {
			t.Errorf("latex export left %q in UTF-8", r)
			return
		}
	}
}

// TestBibTeXBatch writes every input into one file: keys stay unique
// across volumes, and procx reads back every paper.
func TestBibTeXBatch(t *testing.T) {
	in := loadInputs(t)
	var buf bytes.Buffer
	if err := Write(&buf, "bibtex", volumes(in)...); err != nil {
		t.Fatal(err)
	}
	back := readBack("batch.bib", buf.Bytes())
	want := 0
	for _, x := range in {
		want += countPapers(x.v)
	}
	if got := countPapers(back); got != want {
		t.Errorf("read back %d papers from the batch, want %d", got, want)
	}
	for _, d := range back.Diagnostics {
		if d.Code == schema.DuplicateKey || d.Code == schema.BibTeXSyntax {
			t.Errorf("batch: %v", d)
		}
	}
	// Every volume's proceedings key is an entry of the file.
	keys := map[string]bool{}
	for _, r := range back.Papers {
		keys[strings.ToLower(r.BibTeX.Key)] = true
	}
	for _, r := range back.Papers {
		if x := r.BibTeX.Fields["crossref"]; x != "" && keys[strings.ToLower(x)] {
			t.Errorf("crossref %q of %s names a paper", x, r.BibTeX.Key)
		}
	}
}

// TestMadeKeys strips the reference's BibTeX: the keys made are the
// volume's acronym, its year and each paper's first page, as the
// reference's own keys are.
func TestMadeKeys(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	v := readBack("vee21.txt", data)
	own := map[int]string{}
	for i := range v.Papers {
		if b := v.Papers[i].BibTeX; b != nil {
			own[i] = b.Key
			v.Papers[i].BibTeX = nil
		}
	}
	made, _ := newKeys().volume(newContext(v))
	for i, r := range v.Papers {
		if r.Kind != schema.KindPaper {
			continue
		}
		want := "VEE21p" + strconv.Itoa(r.Pages.First)
		if made[i] != want {
			t.Errorf("paper %d: made key %q, want %q", i, made[i], want)
		}
		// The reference's key is the same, except where the reference
		// itself is wrong (key-page-mismatch).
		if own[i] != want {
			t.Logf("paper %d: reference key %q, pages %s", i, own[i], r.Pages.Text)
		}
	}
	// Two batches of the same volume: the second's keys get a letter.
	k := newKeys()
	first, proc1 := k.volume(newContext(v))
	second, proc2 := k.volume(newContext(v))
	if proc1 != "VEE21" || proc2 != "VEE21a" {
		t.Errorf("proceedings keys %q, %q, want VEE21, VEE21a", proc1, proc2)
	}
	for i := range first {
		if second[i] != first[i]+"a" {
			t.Errorf("second volume's key %d is %q, want %q", i, second[i], first[i]+"a")
		}
	}
}

func TestKeyPrefix(t *testing.T) {
	for _, c := range []struct {
		acronym, path string
		year          int
		want          string
	}{
		{"VEE 2021", "x.txt", 2021, "VEE21"},
		{"TRAPS 2031", "", 0, "TRAPS31"},
		{"ICFP '24", "", 2024, "ICFP24"},
		{"UAI", "", 2020, "UAI20"},
		{"LCTES2014", "", 2014, "LCTES2014"},
		{"", "corpus/cc21.html", 2021, "cc21"},
		{"", "", 0, "paper"},
	} {
		v := &schema.Volume{Source: schema.Source{Path: c.path}, Proceedings: schema.Proceedings{Acronym: c.acronym}}
		if got := keyPrefix(v, c.year); got != c.want {
			t.Errorf("keyPrefix(%q, %q, %d) = %q, want %q", c.acronym, c.path, c.year, got, c.want)
		}
	}
}

// TestFormatsAgree: the CSV's keys and the CSL's ids are the BibTeX
// export's keys, for every paper of every input in one batch.
func TestFormatsAgree(t *testing.T) {
	vols := volumes(loadInputs(t))
	var bib, cslOut, csvOut bytes.Buffer
	for _, w := range []struct {
		format string
		buf    *bytes.Buffer
	}{{"bibtex", &bib}, {"csl", &cslOut}, {"csv", &csvOut}} {
		if err := Write(w.buf, w.format, vols...); err != nil {
			t.Fatal(err)
		}
	}
	back := readBack("batch.bib", bib.Bytes())
	var bibKeys []string
	for _, r := range back.Papers {
		bibKeys = append(bibKeys, r.BibTeX.Key)
	}
	var items []CSLItem
	if err := json.Unmarshal(cslOut.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	var cslIDs []string
	i := 0
	for _, v := range vols {
		for _, r := range v.Papers {
			if r.Kind == schema.KindPaper {
				cslIDs = append(cslIDs, items[i].ID)
			}
			i++
		}
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var csvKeys []string
	for _, row := range rows[1:] {
		csvKeys = append(csvKeys, row[1]) // after source
	}
	if !slices.Equal(bibKeys, cslIDs) || !slices.Equal(bibKeys, csvKeys) {
		t.Errorf("keys differ:\nbibtex %v\ncsl    %v\ncsv    %v", bibKeys, cslIDs, csvKeys)
	}
}

// FuzzExport: whatever procx reads, each export is a document of its
// format (valid JSON array of one item per record; CSV with one row per
// paper; BibTeX procx reads back to the same papers).
func FuzzExport(f *testing.F) {
	fuzzseed.AddFixtures(f, "../../fixtures")
	f.Fuzz(func(t *testing.T, data []byte) {
		v := readBack("fuzz", data)
		var bib, cslOut, csvOut bytes.Buffer
		for _, w := range []struct {
			format string
			buf    *bytes.Buffer
		}{{"bibtex", &bib}, {"csl", &cslOut}, {"csv", &csvOut}} {
			if err := Write(w.buf, w.format, v); err != nil {
				t.Fatal(err)
			}
		}
		for _, b := range [][]byte{bib.Bytes(), cslOut.Bytes(), csvOut.Bytes()} {
			if !utf8.Valid(b) {
				t.Fatalf("not UTF-8: %q", b)
			}
		}
		var items []map[string]any
		if err := json.Unmarshal(cslOut.Bytes(), &items); err != nil || len(items) != len(v.Papers) {
			t.Fatalf("csl: %v, %d items for %d records\n%s", err, len(items), len(v.Papers), cslOut.String())
		}
		r := csv.NewReader(&csvOut)
		rows, err := r.ReadAll()
		if err != nil || len(rows) != countPapers(v)+1 {
			t.Fatalf("csv: %v, %d rows for %d papers\n%q", err, len(rows), countPapers(v), csvOut.String())
		}
		if countPapers(v) == 0 {
			return
		}
		back := readBack("fuzz.bib", bib.Bytes())
		if err := samePapers(papers(v), back.Papers); err != nil {
			t.Fatalf("bibtex: %v\n%s", err, bib.String())
		}
	})
}
