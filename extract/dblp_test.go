package extract_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

func TestDBLPGolden(t *testing.T) { goldenFixtures(t, "fixtures/dblp/*.xml") }

// readDBLP reads data as dblp XML, checking the properties every reader
// keeps.
func readDBLP(t testing.TB, name string, data []byte) (*schema.Volume, *extract.Document) {
	t.Helper()
	v, doc := extract.Read(context.Background(), name, data, extract.Options{Format: "dblp-xml"})
	checkVolume(t, doc, v)
	return v, doc
}

// codes counts a volume's diagnostics by code.
func codes(v *schema.Volume) map[schema.Code]int {
	m := map[schema.Code]int{}
	for _, d := range v.Diagnostics {
		m[d.Code]++
	}
	return m
}

func TestDBLPFields(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/volume.xml"))
	if err != nil {
		t.Fatal(err)
	}
	v, doc := readDBLP(t, "volume.xml", data)
	if len(v.Diagnostics) != 0 {
		t.Errorf("diagnostics on a clean dump: %v", v.Diagnostics)
	}
	if len(v.Papers) != 6 || len(v.Containers) != 2 {
		t.Fatalf("%d papers, %d containers; want 6 and 2", len(v.Papers), len(v.Containers))
	}
	p := v.Papers[2]
	if want := "Automated Bug Hunting With Data-Driven Symbolic Root Cause Analysis: O(n2) Paths, H2O and mmap"; p.Title != want {
		t.Errorf("title with markup %q, want %q", p.Title, want)
	}
	if r, _ := p.Pos.Get("/title"); !strings.HasPrefix(string(doc.Text[r.Off:r.End]), "Automated") || !strings.HasSuffix(string(doc.Text[r.Off:r.End]), "</tt>.") {
		t.Errorf("/title covers %q", doc.Text[r.Off:r.End])
	}
	w := v.Papers[3]
	if !w.Withdrawn || w.Informal || w.Title != "A Withdrawn Paper on ® Marks, R&D → <Angles> and ρ..." {
		t.Errorf("withdrawn paper: withdrawn %v informal %v title %q", w.Withdrawn, w.Informal, w.Title)
	}
	if a := w.Authors[0]; a.Name != "Laurent Réveillère" {
		t.Errorf("entities in a name: %q", a.Name)
	}
	if a := v.Papers[0].Authors[1]; a.Name != "Martin Schulz" || a.ID != "0001" {
		t.Errorf("homonym: name %q id %q", a.Name, a.ID)
	}
	// No crossref: joined to its proceedings by booktitle and year. The
	// first ee is no DOI: the URL; the second is.
	if s := v.Papers[4]; s.Container != "conf/vee/2021" || s.DOI != "10.1145/3453933.3454014" || s.URL != "https://example.org/preprint.pdf" {
		t.Errorf("paper without crossref: container %q doi %q url %q", s.Container, s.DOI, s.URL)
	}
	if c := v.Papers[5]; !c.Informal || c.Container != "CoRR abs/2104.00001" || c.URL != "https://arxiv.org/abs/2104.00001" {
		t.Errorf("informal article: %+v", c)
	}
	pr := v.Proceedings
	if pr.Acronym != "VEE 2021" || pr.Publisher != "ACM" || len(pr.Editors) != 2 || pr.Editors[1].ID != "0001" || pr.Date != "2021" {
		t.Errorf("proceedings %+v", pr)
	}
	if c := v.Containers[0]; c.Name != "conf/vee/2021" || c.Span == nil || c.Span.Line != 57 {
		t.Errorf("container %+v", c)
	}
}

func TestDBLPLatin1(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/latin1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("é")) || !bytes.Contains(data, []byte{0xE9}) {
		t.Fatal("fixtures/dblp/latin1.xml is not ISO-8859-1")
	}
	v, _ := readDBLP(t, "latin1.xml", data)
	if v.Source.Encoding != "iso-8859-1" || codes(v)[schema.Encoding] != 0 {
		t.Errorf("encoding %q, diagnostics %v", v.Source.Encoding, v.Diagnostics)
	}
	if v.Papers[0].Authors[0].Name != "André Berton" || v.Papers[0].Authors[1].Name != "Jürgen Müller" || v.Papers[0].Authors[2].Name != "Hans Röttger" {
		t.Errorf("authors %+v", v.Papers[0].Authors)
	}
	if v.Proceedings.Location != "Berlin · Heidelberg" || v.Papers[0].Container != "" {
		t.Errorf("one container: location %q, container %q", v.Proceedings.Location, v.Papers[0].Container)
	}
	// The same bytes declared as UTF-8: the declaration is wrong, so the
	// warning stays.
	v, _ = readDBLP(t, "lying.xml", bytes.Replace(data, []byte("ISO-8859-1"), []byte("UTF-8"), 1))
	if codes(v)[schema.Encoding] != 1 || v.Source.Encoding != "windows-1252" {
		t.Errorf("latin-1 declared as utf-8: encoding %q, diagnostics %v", v.Source.Encoding, v.Diagnostics)
	}
}

// dblpRecordStarts finds the start tags of the records of a dblp excerpt.
var dblpRecordStarts = regexp.MustCompile(`(?m)^<(article|inproceedings|proceedings|book|incollection) `)

// TestDBLPOneBadRecordCostsItself breaks each record of the fixture in
// turn, in several ways: only that record is lost, with an xml-syntax
// diagnostic inside it, and every other record is read as before.
func TestDBLPOneBadRecordCostsItself(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/several.xml"))
	if err != nil {
		t.Fatal(err)
	}
	clean, _ := readDBLP(t, "several.xml", data)
	titles := func(v *schema.Volume) map[string]bool {
		m := map[string]bool{}
		for _, p := range v.Papers {
			m[p.Title] = true
		}
		return m
	}
	all := titles(clean)
	starts := dblpRecordStarts.FindAllIndex(data, -1)
	breaks := map[string]func(rec []byte) []byte{
		"stray <":          func(rec []byte) []byte { return bytes.Replace(rec, []byte("<title>"), []byte("<title>a < b "), 1) },
		"wrong end tag":    func(rec []byte) []byte { return bytes.Replace(rec, []byte("</title>"), []byte("</titel>"), 1) },
		"no end tag":       func(rec []byte) []byte { return rec[:bytes.LastIndex(rec, []byte("</"))] },
		"open quote":       func(rec []byte) []byte { return bytes.Replace(rec, []byte(`" key=`), []byte(` key=`), 1) },
		"bad name":         func(rec []byte) []byte { return bytes.Replace(rec, []byte("<year>"), []byte("<1year>"), 1) },
		"control char":     func(rec []byte) []byte { return bytes.Replace(rec, []byte("</title>"), []byte("\x01</title>"), 1) },
		"unclosed comment": func(rec []byte) []byte { return bytes.Replace(rec, []byte("<year>"), []byte("<!-- <year>"), 1) },
	}
	for i, s := range starts {
		end := len(data) - len("</dblp>\n")
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		for how, brk := range breaks {
			if how == "unclosed comment" && i+1 < len(starts) {
				continue // swallows the records after it, as it should
			}
			broken := append(append(append([]byte(nil), data[:s[0]]...), brk(data[s[0]:end])...), data[end:]...)
			v, _ := readDBLP(t, "broken.xml", broken)
			got := titles(v)
			lost := 0
			for title := range all {
				if !got[title] {
					lost++
				}
			}
			isPaper := !bytes.HasPrefix(data[s[0]:], []byte("<proceedings"))
			if lost > 1 || lost == 1 && !isPaper {
				t.Errorf("record %d, %s: %d papers lost", i, how, lost)
			}
			found, brokenEnd := false, end+len(broken)-len(data)
			for _, d := range v.Diagnostics {
				if d.Code == schema.XMLSyntax && d.Off >= s[0] && (d.Off <= brokenEnd || how == "unclosed comment") {
					found = strings.Contains(d.Message, "skipped")
				}
			}
			if !found {
				t.Errorf("record %d, %s: no xml-syntax diagnostic that skips it: %v", i, how, v.Diagnostics)
			}
		}
	}
}

// TestDBLPTruncated cuts the dump at every byte: no panic, the records
// wholly before the cut are all read, and a cut inside a record is
// reported.
func TestDBLPTruncated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/volume.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ends := regexp.MustCompile(`</(inproceedings|article)>\n`).FindAllIndex(data, -1)
	for cut := range len(data) {
		v, _ := readDBLP(t, "cut.xml", data[:cut])
		whole := 0
		for _, e := range ends {
			if e[1] <= cut {
				whole++
			}
		}
		if len(v.Papers) < whole {
			t.Fatalf("cut at %d: %d papers, %d whole records before the cut", cut, len(v.Papers), whole)
		}
		if cut > 100 && cut < len(data)-1 && codes(v)[schema.XMLSyntax] == 0 {
			t.Fatalf("cut at %d: no xml-syntax diagnostic", cut)
		}
	}
}

func TestDBLPEntityInSubset(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/broken.xml"))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := readDBLP(t, "broken.xml", data)
	var titles []string
	for _, p := range v.Papers {
		titles = append(titles, p.Title)
	}
	want := "An Undefined &foo; Entity and a Bare & Ampersand Keep the Record, procx’s Too"
	if len(titles) < 2 || titles[1] != want {
		t.Errorf("titles %q, want the second %q", titles, want)
	}
	if len(v.Papers) != 4 {
		t.Errorf("%d papers, want 4 (3 lost to syntax errors, 1 without a title)", len(v.Papers))
	}
}

// TestDBLPCorpus reads the sample of the real dump in place: every
// record read, no xml-syntax diagnostic, titles without dblp's period,
// names without homonym numbers, and the papers of each edited book
// grouped under it.
func TestDBLPCorpus(t *testing.T) {
	dir := corpusDir(t, "dblp-xml")
	data, err := os.ReadFile(filepath.Join(dir, "dblp-sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := extract.Decode("dblp-sample.xml", data)
	start := time.Now()
	extract.DBLPXML{}.Read(context.Background(), doc, extract.Options{})
	elapsed := time.Since(start)
	v, _ := readDBLP(t, "dblp-sample.xml", data)
	records := len(dblpRecordStarts.FindAllIndex(data, -1))
	t.Logf("%d records, %d papers, %d containers in %v (%.0f records/s, %.1f MB/s)", records, len(v.Papers), len(v.Containers),
		elapsed, float64(records)/elapsed.Seconds(), float64(len(data))/1e6/elapsed.Seconds())
	if got := len(v.Papers) + len(v.Containers); got < records {
		t.Errorf("%d papers and containers from %d records", got, records)
	}
	if n := codes(v)[schema.XMLSyntax]; n != 0 {
		t.Errorf("%d xml-syntax diagnostics on the real dump: %v", n, v.Diagnostics)
	}
	ids := 0
	for i, p := range v.Papers {
		if strings.HasSuffix(p.Title, ".") && !strings.HasSuffix(strings.TrimRight(p.Title[:len(p.Title)-1], " "), ".") {
			t.Errorf("paper %d: title %q ends with dblp's period", i, p.Title)
		}
		if strings.ContainsAny(p.Title, "<>") || regexp.MustCompile(`&#?\w+;`).MatchString(p.Title) {
			t.Errorf("paper %d: markup left in title %q", i, p.Title)
		}
		for _, a := range p.Authors {
			if regexp.MustCompile(` \d{4}$`).MatchString(a.Name) {
				t.Errorf("paper %d: homonym number in %q", i, a.Name)
			}
			if a.ID != "" {
				ids++
			}
		}
		if p.Key == "" || p.Container == "" || p.Span.Line == 0 {
			t.Errorf("paper %d: key %q container %q span %+v", i, p.Key, p.Container, p.Span)
		}
	}
	if ids < 9 {
		t.Errorf("%d authors with a homonym number, want at least 9", ids)
	}
	// The papers of "SmartKom" (an edited book) are grouped under its key,
	// and the book's metadata describe the container.
	for _, c := range v.Containers {
		if c.Name == "series/cogtech/54023732" && (c.Title != "SmartKom: Foundations of Multimodal Dialogue Systems" || c.Publisher != "Springer" || len(c.Editors) != 1) {
			t.Errorf("container %+v", c)
		}
	}
	// Through the whole pipeline, the volume satisfies the schema.
	full := procx.Process(context.Background(), "dblp-sample.xml", data, procx.Options{})
	for _, d := range full.Diagnostics {
		if d.Code == schema.Schema || d.Code == schema.InternalError {
			t.Errorf("%s", d)
		}
	}
}

// TestDBLPGenerated reads a generated dump of 2,000 records: every record
// read, no diagnostic.
func TestDBLPGenerated(t *testing.T) {
	text := gen.DBLP(2000, 1)
	v := procx.Process(context.Background(), "gen.xml", []byte(text), procx.Options{})
	if v.Source.Format != "dblp-xml" {
		t.Fatalf("generated dump sniffed as %s", v.Source.Format)
	}
	if len(v.Papers) != 2000 {
		t.Errorf("%d papers from 2000 records", len(v.Papers))
	}
	for _, d := range v.Diagnostics {
		if d.Code != schema.PagesOverlap && d.Code != schema.PagesGap && d.Code != schema.YearMismatch && d.Code != schema.DuplicateTitle {
			t.Errorf("%s", d) // the journal's random pages may overlap; nothing else
		}
	}
}

// BenchmarkDBLP reads a generated dump of 20,000 records (about 11 MB),
// all written with entities as dblp writes them.
func BenchmarkDBLP(b *testing.B) {
	data := []byte(gen.DBLP(20000, 1))
	doc := extract.Decode("gen.xml", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.DBLPXML{}.Read(context.Background(), doc, extract.Options{})
	}
	b.ReportMetric(20000*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDBLPCorpus reads the sample of the real dump.
func BenchmarkDBLPCorpus(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir(b, "dblp-xml"), "dblp-sample.xml"))
	if err != nil {
		b.Fatal(err)
	}
	doc := extract.Decode("dblp-sample.xml", data)
	records := len(dblpRecordStarts.FindAllIndex(data, -1))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		extract.DBLPXML{}.Read(context.Background(), doc, extract.Options{})
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDBLPRawTokens is the ceiling of BenchmarkDBLP: encoding/xml's
// tokenizer alone (RawToken, entities resolved) over the same dump.
func BenchmarkDBLPRawTokens(b *testing.B) {
	data := []byte(gen.DBLP(20000, 1))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = false
		d.Entity = xml.HTMLEntity
		d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
		for {
			if _, err := d.RawToken(); err != nil {
				break
			}
		}
	}
}
