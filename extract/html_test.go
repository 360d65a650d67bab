package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/difftest"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// updating reports the -update flag, which the package's internal tests
// (pdf_test.go) define for the one test binary both are linked into.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// repoRoot is the module root, relative to this package's directory.
const repoRoot = ".."

// corpusDir returns the shared corpus directory, or skips the test when it
// is absent.
func corpusDir(t testing.TB, sub string) string {
	dir := filepath.Join(repoRoot, "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus %s not present: %v", dir, err)
	}
	return dir
}

// goldenFixtures runs every fixture matching glob (relative to the module
// root) through the whole pipeline and compares the JSON it prints with
// the fixture's ".golden" file; with -update it rewrites the golden file.
func goldenFixtures(t *testing.T, glob string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, glob))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures match %s (%v)", glob, err)
	}
	for _, file := range files {
		name, _ := filepath.Rel(repoRoot, file)
		name = filepath.ToSlash(name)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			v := procx.Process(context.Background(), name, data, procx.Options{})
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			gold := file + ".golden"
			if updating() {
				if err := os.WriteFile(gold, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("rewrote %s", gold)
				return
			}
			want, err := os.ReadFile(gold)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, gold, difftest.Lines(string(want), got.String()))
			}
			// Normalizing the output again changes nothing.
			again := *v
			again.Papers = append([]schema.Record(nil), v.Papers...)
			again.Diagnostics = nil
			b1, _ := json.Marshal(again.Papers)
			normalize.Volume(&again)
			b2, _ := json.Marshal(again.Papers)
			if !bytes.Equal(b1, b2) {
				t.Errorf("normalizing %s twice changes it", name)
			}
		})
	}
}

// checkVolume asserts the properties every reader keeps: every position
// inside the input, spans inside its lines, papers with authors slices.
func checkVolume(t testing.TB, doc *extract.Document, v *schema.Volume) {
	t.Helper()
	n := len(doc.Text)
	lines := doc.LineCount()
	inside := func(what string, r schema.Range) {
		if r.Off < 0 || r.Off > n || r.End < r.Off || r.End > n {
			t.Fatalf("%s: range [%d,%d) outside the input of %d bytes", what, r.Off, r.End, n)
		}
	}
	for i, d := range v.Diagnostics {
		if d.Off > n || d.End > n || d.Off < -1 || d.End < -1 {
			t.Fatalf("diagnostic %d %q: offsets [%d,%d) outside the input of %d bytes", i, d.Message, d.Off, d.End, n)
		}
	}
	for _, e := range v.Pos {
		inside("volume "+e.Ptr, e.Range)
	}
	for i, p := range v.Papers {
		for _, e := range p.Pos {
			inside("paper "+strconv.Itoa(i)+" "+e.Ptr, e.Range)
		}
		if p.Span.Line < 0 || p.Span.EndLine < p.Span.Line || p.Span.EndLine > max(lines, 1) {
			t.Fatalf("paper %d: span %+v outside the %d lines of the input", i, p.Span, lines)
		}
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("volume does not encode: %v", err)
	}
}

func TestHTMLGolden(t *testing.T) { goldenFixtures(t, "fixtures/opentoc/*.html") }

func TestHTMLSniff(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc := extract.Decode("traps.html", data)
	if f := extract.Sniff(doc); f == nil || f.Name() != "opentoc-html" {
		t.Fatalf("traps.html sniffs as %v, want opentoc-html", f)
	}
}

func TestHTMLTraps(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.html"))
	if err != nil {
		t.Fatal(err)
	}
	v, doc := extract.Read(context.Background(), "traps.html", data, extract.Options{})
	checkVolume(t, doc, v)
	if len(v.Papers) != 5 {
		t.Fatalf("got %d papers, want 5", len(v.Papers))
	}
	secs := v.Proceedings.Sections
	if len(secs) != 3 || len(secs[0].Chairs) != 1 || len(secs[1].Chairs) != 0 || len(secs[2].Chairs) != 2 {
		t.Fatalf("sections and chairs: %+v", secs)
	}
	for _, p := range v.Papers {
		for _, a := range p.Authors {
			if a.Name == "Jean-Pierre Chairperson" || a.Name == "Edsger W. Dijkstra" {
				t.Errorf("chair %q listed as an author of %q", a.Name, p.Title)
			}
		}
	}
	if p := v.Papers[0]; p.DOI != "" || p.URL != "https://dl.acm.org/authorize?N10001" || p.Title != "Reading old pages without losing anyone" {
		t.Errorf("access-link paper: doi %q url %q title %q", p.DOI, p.URL, p.Title)
	}
	if p := v.Papers[2]; p.DOI != "10.1145/9999999.1000003" {
		t.Errorf("/doi/abs/ link gives doi %q", p.DOI)
	}
	if got := v.Papers[3].Abstract; !strings.Contains(got, "λ^p") || strings.Count(got, "\n\n") != 1 || strings.Contains(got, "<") {
		t.Errorf("flattened abstract: %q", got)
	}
	if v.Papers[4].Abstract != "" {
		t.Errorf("empty abstract div gives %q", v.Papers[4].Abstract)
	}
	// Positions: the title points at the title's text.
	r, _ := v.Papers[2].Pos.Get("/title")
	if got := string(doc.Text[r.Off:r.End]); got != "Abstract links still give the DOI" {
		t.Errorf("/title position covers %q", got)
	}
	if v.Proceedings.Acronym != "TRAPS 2031" {
		t.Errorf("acronym %q", v.Proceedings.Acronym)
	}
}

var (
	reTitleLink = regexp.MustCompile(`class="DLtitleLink"`)
	reAnchorAlt = regexp.MustCompile(`(?s)<a [^>]*class="DLtitleLink"[^>]*>`)
	reHref      = regexp.MustCompile(`href="([^"]*)"`)
	reNameItem  = regexp.MustCompile(`<li class="nameList[^"]*">([^<]*)</li>`)
	reDOILink   = regexp.MustCompile(`/doi/(?:abs/)?(10\.[^"?#]+)`)
)

// TestHTMLCorpus reads every OpenTOC page of the shared corpus in place and
// checks the papers against what simple patterns find in the page: one
// paper per title link, the names listed after it and the DOI in its link.
func TestHTMLCorpus(t *testing.T) {
	dir := corpusDir(t, "acm-opentoc")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) == 0 {
		t.Skip("no OpenTOC pages in the corpus")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			want := len(reTitleLink.FindAllStringIndex(text, -1))
			v := procx.Process(context.Background(), file, data, procx.Options{})
			if v.Source.Format != "opentoc-html" {
				t.Fatalf("sniffed as %q", v.Source.Format)
			}
			if len(v.Papers) != want {
				t.Fatalf("got %d papers, want %d (title links)", len(v.Papers), want)
			}
			for _, d := range v.Diagnostics {
				if d.Severity == schema.Error {
					t.Errorf("error diagnostic: %s", d)
				}
			}
			links := reAnchorAlt.FindAllStringIndex(text, -1)
			for i, l := range links {
				end := len(text)
				if i+1 < len(links) {
					end = links[i+1][0]
				}
				chunk := text[l[0]:end]
				if h2 := strings.Index(chunk, "<h2"); h2 >= 0 {
					chunk = chunk[:h2] // chairs under the next heading are not this paper's
				}
				var names []string
				for _, m := range reNameItem.FindAllStringSubmatch(chunk, -1) {
					names = append(names, strings.Join(strings.Fields(html.UnescapeString(m[1])), " "))
				}
				p := v.Papers[i]
				var got []string
				for _, a := range p.Authors {
					got = append(got, a.Name)
				}
				if strings.Join(got, "|") != strings.Join(names, "|") {
					t.Errorf("paper %d %q: authors %q, want %q", i, p.Title, got, names)
				}
				href := reHref.FindStringSubmatch(text[l[0]:l[1]])[1]
				wantDOI := ""
				if m := reDOILink.FindStringSubmatch(href); m != nil {
					wantDOI = m[1]
				}
				if p.DOI != wantDOI {
					t.Errorf("paper %d %q: doi %q, want %q (href %q)", i, p.Title, p.DOI, wantDOI, href)
				}
				if wantDOI == "" && p.URL == "" {
					t.Errorf("paper %d %q: access link %q not kept as url", i, p.Title, href)
				}
				if p.Title == "" {
					t.Errorf("paper %d: no title", i)
				}
			}
			t.Logf("%s: %d papers", filepath.Base(file), len(v.Papers))
		})
	}
}

func FuzzHTML(f *testing.F) {
	for _, glob := range []string{"fixtures/opentoc/*.html"} {
		files, _ := filepath.Glob(filepath.Join(repoRoot, glob))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`<h2>SESSION: x</h2><ul class="DLauthors"><li class="nameList">A</li></ul><div class="DLabstract"><p>x`))
	f.Add([]byte(`<h3><a class="DLtitleLink" href="/doi/abs/10.1/x">T</a><ul class="DLauthors"><li class="nameList">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := extract.Decode("fuzz.html", data)
		v := extract.OpenTOCHTML{}.Read(context.Background(), doc, extract.Options{})
		checkVolume(t, doc, v)
	})
}

// benchmarkFormat measures a reader on a fixture; go test -bench prints
// MB/s.
func benchmarkFormat(b *testing.B, f extract.Format, fixture string) {
	data, err := os.ReadFile(filepath.Join(repoRoot, fixture))
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc := extract.Decode(fixture, data)
		f.Read(context.Background(), doc, extract.Options{})
	}
}

func BenchmarkHTML(b *testing.B) {
	benchmarkFormat(b, extract.OpenTOCHTML{}, "fixtures/opentoc/traps.html")
}

// TestHTMLUnclosedTags reads the traps page with its end tags dropped
// (but </title>, whose absence makes the rest of a page the title in any
// HTML reader): an open abstract, title, author item or author list ends at
// the next heading, title link, author list or abstract, so every paper,
// author and abstract is still read.
func TestHTMLUnclosedTags(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.html"))
	if err != nil {
		t.Fatal(err)
	}
	unclosed := regexp.MustCompile(`</(div|h1|h2|h3|a|li|ul|p|i|sup|body|html)>`).ReplaceAll(data, nil)
	want, _ := extract.Read(context.Background(), "traps.html", data, extract.Options{})
	got, doc := extract.Read(context.Background(), "unclosed.html", unclosed, extract.Options{})
	checkVolume(t, doc, got)
	if len(got.Papers) != len(want.Papers) {
		t.Fatalf("%d papers, want %d; diagnostics %v", len(got.Papers), len(want.Papers), got.Diagnostics)
	}
	for i, w := range want.Papers {
		g := got.Papers[i]
		if g.Title != w.Title || joinAuthors(g.Authors) != joinAuthors(w.Authors) || g.DOI != w.DOI || g.URL != w.URL ||
			strings.Join(strings.Fields(g.Abstract), " ") != strings.Join(strings.Fields(w.Abstract), " ") {
			t.Errorf("paper %d:\n got  %q %q %q\n want %q %q %q", i, g.Title, joinAuthors(g.Authors), clipText(g.Abstract),
				w.Title, joinAuthors(w.Authors), clipText(w.Abstract))
		}
	}
}

func joinAuthors(as []schema.Author) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, "; ")
}

func clipText(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}

// TestHTMLStrayText: text outside the parts of a page procx reads is not
// dropped unseen. Notes added to the traps page come back as info
// html-extra-text diagnostics at their lines, one per run of text between
// two parts, and the papers are the same as without them; scripts,
// styles and OpenTOC's citation link (a.DLcitLink) are not reported.
func TestHTMLStrayText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/opentoc/traps.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	page = strings.Replace(page, "<h2>SESSION: Access links", "<p>Errata: this session moved</p>\n<p>to room B.</p>\n<h2>SESSION: Access links", 1)
	page = strings.Replace(page, "</body>", "<script>var x = 'not content';</script><style>p{}</style>\n<div>Sponsored by SIGTRAP</div>\n</body>", 1)
	clean, _ := extract.Read(context.Background(), "traps.html", data, extract.Options{})
	v, doc := extract.Read(context.Background(), "traps.html", []byte(page), extract.Options{})
	checkVolume(t, doc, v)
	var got []string
	for _, d := range v.Diagnostics {
		if d.Code == schema.HTMLExtraText {
			line, _ := doc.File.Position(d.Off)
			got = append(got, strconv.Itoa(line)+" "+d.Severity.String()+" "+d.Message)
		}
	}
	lineOf := func(s string) string { return strconv.Itoa(strings.Count(page[:strings.Index(page, s)], "\n") + 1) }
	want := []string{
		lineOf("Errata") + ` info text outside the parts procx reads (titles, authors, abstracts, headings): "Errata: this session moved to room B."`,
		lineOf("Sponsored") + ` info text outside the parts procx reads (titles, authors, abstracts, headings): "Sponsored by SIGTRAP"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("html-extra-text:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(v.Papers) != len(clean.Papers) {
		t.Fatalf("%d papers with stray text, %d without", len(v.Papers), len(clean.Papers))
	}
	for i := range v.Papers {
		if v.Papers[i].Title != clean.Papers[i].Title || len(v.Papers[i].Authors) != len(clean.Papers[i].Authors) {
			t.Errorf("paper %d changed with stray text around it: %q", i, v.Papers[i].Title)
		}
	}
}
