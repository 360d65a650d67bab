package extract_test

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
)

func TestACLGolden(t *testing.T) { goldenFixtures(t, "fixtures/acl/*.xml") }

func readACL(t testing.TB, name string, data []byte) (*schema.Volume, *extract.Document) {
	t.Helper()
	v, doc := extract.Read(context.Background(), name, data, extract.Options{Format: "acl-xml"})
	checkVolume(t, doc, v)
	return v, doc
}

func TestACLFields(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/acl/collection.xml"))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := readACL(t, "collection.xml", data)
	if len(v.Papers) != 5 || len(v.Containers) != 2 {
		t.Fatalf("%d papers, %d containers; want 5 and 2", len(v.Papers), len(v.Containers))
	}
	fm := v.Papers[0]
	if fm.Kind != schema.KindFrontmatter || fm.Title != "Proceedings of the 69th Annual Meeting of the Test Association" ||
		fm.URL != "https://aclanthology.org/2031.test-main.0" || fm.Key != "test-2031-annual" || fm.Container != "2031.test-main" {
		t.Errorf("front matter %+v", fm)
	}
	p := v.Papers[1]
	if p.Title != "BERT-style Models for Kansai Dialect and $k$-NN Search" {
		t.Errorf("title %q", p.Title)
	}
	if p.Abstract != `We show that small models do >20 points better with $\alpha = 0.5$; code at https://example.org/code.` {
		t.Errorf("abstract %q", p.Abstract)
	}
	want := []schema.Author{
		{Name: "Hal Daumé III", Given: "Hal", Family: "Daumé", Suffix: "III"},
		{Name: "Yang Liu", Given: "Yang", Family: "Liu", ID: "yang-liu-ict"},
		{Name: "Mausam", Family: "Mausam"},
		{Name: "Jan van Noord", Given: "Jan", Family: "van Noord"},
	}
	for i, a := range want {
		if i >= len(p.Authors) || p.Authors[i] != a {
			t.Errorf("author %d: %+v, want %+v", i, p.Authors, a)
			break
		}
	}
	if p.Pages == nil || p.Pages.First != 1 || p.Pages.Last != 12 || p.DOI != "10.18653/v1/2031.test-main.1" || p.Year != 2031 {
		t.Errorf("pages %+v doi %q year %d", p.Pages, p.DOI, p.Year)
	}
	if !v.Papers[2].Withdrawn || v.Papers[1].Withdrawn {
		t.Error("the retracted paper, and only it, is withdrawn")
	}
	if d := v.Papers[4]; d.Container != "2031.test-demos" {
		t.Errorf("demo paper in %q", d.Container)
	}
	c := v.Containers[1]
	if c.Name != "2031.test-demos" || c.Date != "2031-07" || c.Location != "Online" || len(c.Editors) != 1 || c.Editors[0].Family != "Hopper" {
		t.Errorf("second volume %+v", c)
	}
	if v.Proceedings.Title != v.Containers[0].Title || v.Proceedings.Editors[1].ID != "charles-babbage" || v.Proceedings.Date != "2031-07" {
		t.Errorf("proceedings %+v", v.Proceedings)
	}
}

var (
	reACLPaper  = regexp.MustCompile(`<(paper|frontmatter)[ >]`)
	reACLVolume = regexp.MustCompile(`<volume id="([^"]*)"`)
	reACLAuthor = regexp.MustCompile(`<author(?: id="([^"]*)")?><first>([^<]*)</first><last>([^<]*)</last>`)
)

// TestACLCorpus reads the Anthology files of the corpus in place and holds
// them to what simple patterns find: one record per paper and front
// matter (less those without a title, each reported), one container per
// volume when there are several, and the authors' first and last names
// exactly as marked.
func TestACLCorpus(t *testing.T) {
	dir := corpusDir(t, "acl-xml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skip("no ACL files in the corpus")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc := extract.Decode(file, data)
			if f := extract.Sniff(doc); f == nil || f.Name() != "acl-xml" {
				t.Fatalf("sniffed as %v", f)
			}
			start := time.Now()
			extract.ACLXML{}.Read(context.Background(), doc, extract.Options{})
			elapsed := time.Since(start)
			v, _ := readACL(t, filepath.Base(file), data)
			records := len(reACLPaper.FindAllIndex(data, -1))
			volumes := reACLVolume.FindAllSubmatch(data, -1)
			t.Logf("%d records, %d volumes in %v (%.1f MB/s)", records, len(volumes), elapsed, float64(len(data))/1e6/elapsed.Seconds())
			if got := len(v.Papers) + codes(v)[schema.MissingField]; got != records {
				t.Errorf("%d papers and %d missing titles from %d records", len(v.Papers), codes(v)[schema.MissingField], records)
			}
			if n := codes(v)[schema.XMLSyntax]; n != 0 {
				t.Errorf("%d xml-syntax diagnostics: %v", n, v.Diagnostics)
			}
			if len(volumes) > 1 && len(v.Containers) != len(volumes) {
				t.Errorf("%d containers for %d volumes", len(v.Containers), len(volumes))
			}
			var marked, got []schema.Author
			for _, m := range reACLAuthor.FindAllSubmatch(data, -1) {
				first, last := html.UnescapeString(string(m[2])), html.UnescapeString(string(m[3]))
				marked = append(marked, schema.Author{Given: first, Family: last, ID: string(m[1])})
			}
			for _, p := range v.Papers {
				for _, a := range p.Authors {
					if a.Given != "" {
						if a.Suffix != "" {
							a.Family += " " + a.Suffix
						}
						got = append(got, schema.Author{Given: a.Given, Family: a.Family, ID: a.ID})
					}
				}
			}
			for _, c := range v.Containers {
				for _, a := range c.Editors {
					got = append(got, schema.Author{Given: a.Given, Family: a.Family, ID: a.ID})
				}
			}
			if len(v.Containers) == 0 {
				for _, a := range v.Proceedings.Editors {
					got = append(got, schema.Author{Given: a.Given, Family: a.Family, ID: a.ID})
				}
			}
			// Editors come first in each volume; compare as sets.
			seen := map[schema.Author]int{}
			for _, a := range got {
				seen[a]++
			}
			for _, a := range marked {
				if seen[a] == 0 {
					t.Errorf("author %+v as marked is not in the output", a)
					break
				}
				seen[a]--
			}
			for i, p := range v.Papers {
				if strings.Contains(p.Title, "<") || p.Container == "" && len(volumes) > 1 || p.Year == 0 {
					t.Errorf("paper %d: title %q container %q year %d", i, p.Title, p.Container, p.Year)
				}
			}
			full := procx.Process(context.Background(), file, data, procx.Options{})
			for _, d := range full.Diagnostics {
				if d.Code == schema.Schema || d.Code == schema.InternalError {
					t.Errorf("%s", d)
				}
			}
		})
	}
}

// BenchmarkACL reads the largest Anthology file of the corpus.
func BenchmarkACL(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir(b, "acl-xml"), "2020.acl.xml"))
	if err != nil {
		b.Fatal(err)
	}
	doc := extract.Decode("2020.acl.xml", data)
	records := len(reACLPaper.FindAllIndex(data, -1))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.ACLXML{}.Read(context.Background(), doc, extract.Options{})
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
