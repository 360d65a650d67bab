package extract

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/procx/procx/extract/internal/pdftext"
	"github.com/procx/procx/internal/fuzzseed"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/internal/pdfgen"
	"github.com/procx/procx/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files of the extract tests")

// corpusPDF is the shared corpus, read in place.
const corpusPDF = "../../shared/corpus/pdf"

// pdfFixtures are the generated PDFs that typeset fixtures/vee21.txt
// without hyphenation: they must read exactly as the text does.
var pdfFixtures = []string{
	"../fixtures/pdf/vee21-a4-helvetica-tj.pdf",
	"../fixtures/pdf/vee21-letter-times.pdf",
	"../fixtures/pdf/vee21-a5-unicode.pdf",
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) && strings.Contains(path, "shared/corpus") {
			t.Skipf("corpus absent: %v", err)
		}
		t.Fatal(err)
	}
	return data
}

// paperView is what a PDF must share with the text it was typeset from.
type paperView struct {
	Kind, Section, Title, DOI, Abstract string
	Authors, Affiliations               []string
	Pages                               string
}

func viewOf(v *schema.Volume, abstracts bool) (schema.Proceedings, []paperView) {
	var out []paperView
	for _, p := range v.Papers {
		pv := paperView{Kind: string(p.Kind), Section: p.Section, Title: p.Title, DOI: p.DOI}
		if abstracts {
			pv.Abstract = p.Abstract
		}
		for _, a := range p.Authors {
			pv.Authors = append(pv.Authors, a.Name)
		}
		for _, a := range p.Affiliations {
			pv.Affiliations = append(pv.Affiliations, a.Name)
		}
		if p.Pages != nil {
			pv.Pages = fmt.Sprint(p.Pages.First, "-", p.Pages.Last)
		}
		out = append(out, pv)
	}
	pr := v.Proceedings
	pr.Sections = nil
	return pr, out
}

func comparePDFToText(t *testing.T, pdfPath, textPath string, abstracts bool) *schema.Volume {
	t.Helper()
	tv, _ := Read(context.Background(), textPath, readFile(t, textPath), Options{})
	pv, doc := Read(context.Background(), pdfPath, readFile(t, pdfPath), Options{})
	if pv.Source.Format != "pdf" {
		t.Errorf("format %q, want pdf", pv.Source.Format)
	}
	for _, d := range pv.Diagnostics {
		t.Errorf("unexpected diagnostic: %s (%s)", d.Message, d.Code)
	}
	tp, tpapers := viewOf(tv, abstracts)
	pp, ppapers := viewOf(pv, abstracts)
	if !reflect.DeepEqual(tp, pp) {
		t.Errorf("proceedings:\n pdf  %+v\n text %+v", pp, tp)
	}
	if len(tpapers) != len(ppapers) {
		t.Fatalf("%d records from the pdf, %d from the text", len(ppapers), len(tpapers))
	}
	for i := range tpapers {
		if !reflect.DeepEqual(tpapers[i], ppapers[i]) {
			t.Errorf("record %d:\n pdf  %+v\n text %+v", i, ppapers[i], tpapers[i])
		}
	}
	if doc.Page == nil {
		t.Fatal("document has no page map")
	}
	return pv
}

func TestPDFMatchesText(t *testing.T) {
	for _, f := range pdfFixtures {
		t.Run(filepath.Base(f), func(t *testing.T) {
			v := comparePDFToText(t, f, "../fixtures/vee21.txt", true)
			if n := len(v.Papers); n != 17 {
				t.Errorf("%d records, want 15 papers and 2 front-matter items", n)
			}
			// Spans carry the page: the first paper is on page 1, the
			// last one on a later page.
			if p := v.Papers[2].Span.Page; p != 1 {
				t.Errorf("first paper on page %d, want 1", p)
			}
			if p := v.Papers[len(v.Papers)-1].Span.Page; p < 3 {
				t.Errorf("last paper on page %d, want a later page", p)
			}
		})
	}
	t.Run("unicode-letter.pdf", func(t *testing.T) {
		comparePDFToText(t, "../fixtures/pdf/unicode-letter.pdf", "../fixtures/pdf/unicode.txt", true)
	})
}

func TestPDFCorpusTOC(t *testing.T) {
	for _, name := range []string{"vee21-toc-helvetica.pdf", "vee21-toc-dejavu.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(corpusPDF, name)
			readFile(t, path)
			v := comparePDFToText(t, path, "../fixtures/vee21.txt", true)
			n := 0
			for _, p := range v.Papers {
				if p.Kind == schema.KindPaper {
					n++
				}
			}
			if n != 15 || len(v.Papers) != 17 {
				t.Errorf("%d papers of %d records, want 15 of 17", n, len(v.Papers))
			}
		})
	}
}

// TestPDFHyphenated reads a PDF with words hyphenated at line ends: the
// structure matches the text, and a hyphen is dropped only where the
// joined word occurs elsewhere.
func TestPDFHyphenated(t *testing.T) {
	v := comparePDFToText(t, "../fixtures/pdf/vee21-a5-courier-hyphenated.pdf", "../fixtures/vee21.txt", false)
	all := ""
	for _, p := range v.Papers {
		all += p.Abstract + "\n"
	}
	for _, want := range []string{"virtualization", "virtio-mem", "state-of-the-art"} {
		if !strings.Contains(all, want) {
			t.Errorf("abstracts lack %q", want)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	words := map[string]bool{"hypervisor": true, "virtio": true, "mem": true, "cross": true, "compiler": true}
	for _, c := range []struct{ a, b, want string }{
		{"the hyper-", "visor runs", "the hypervisor runs"},
		{"a virtio-", "mem device", "a virtio-mem device"},
		// Pieces that are no words of the document are one word, as
		// pdftotext joins them; words on both sides keep the hyphen.
		{"a critical limi-", "tation due", "a critical limitation due"},
		{"unattes-", "ted word", "unattested word"},
		{"a cross-", "compiler", "a cross-compiler"},
		{"the SIMD-", "Based way", "the SIMD-Based way"},
		{"ends here", "next", "ends here next"},
		{"range 1-", "14", "range 1- 14"},
	} {
		if got := joinWrapped(c.a, c.b, words); got != c.want {
			t.Errorf("joinWrapped(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

// TestPDFUnicodeAgainstPdftotext compares the words procx reads with the
// words pdftotext reads, ligatures expanded, on PDFs with Unicode fonts.
func TestPDFUnicodeAgainstPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	for _, c := range []struct {
		path string
		want []string
	}{
		{filepath.Join(corpusPDF, "vee21-toc-dejavu.pdf"), []string{"“lift-and-shift”", "Réveillère", "Lluís", "Google’s"}},
		{"../fixtures/pdf/unicode-letter.pdf", []string{"“lift-and-shift”", "Łukasz", "Dvořák", "Réveillère", "Jiří", "Ðorđević", "Efficient", "Workflows", "Official"}},
		{"../fixtures/pdf/vee21-a5-unicode.pdf", []string{"“lift-and-shift”", "Réveillère", "efficient", "fine-grained"}},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			data := readFile(t, c.path)
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", c.path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			lines, diags := pdftext.Lines(context.Background(), c.path, data, PDFLimits{}.WithDefaults())
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			var ours strings.Builder
			for _, l := range lines {
				ours.WriteString(l.Text + "\n")
			}
			got := strings.Fields(ours.String())
			want := strings.Fields(pdftext.ExpandLigatures(string(out)))
			if !reflect.DeepEqual(got, want) {
				for i := 0; i < min(len(got), len(want)); i++ {
					if got[i] != want[i] {
						t.Fatalf("word %d: procx %q, pdftotext %q (of %d, %d words)", i, got[i], want[i], len(got), len(want))
					}
				}
				t.Fatalf("procx read %d words, pdftotext %d", len(got), len(want))
			}
			for _, w := range c.want {
				if !strings.Contains(ours.String(), w) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
}

// TestPDFGolden compares the decoded text of each fixture, with the page
// of every line, to testdata/pdf/NAME.golden; -update rewrites them.
func TestPDFGolden(t *testing.T) {
	paths, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	if len(paths) == 0 {
		t.Fatal("no pdf fixtures")
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		t.Run(name, func(t *testing.T) {
			_, doc := Read(context.Background(), path, readFile(t, path), Options{})
			var b strings.Builder
			for i := 1; i <= doc.LineCount(); i++ {
				fmt.Fprintf(&b, "p%d\t%s\n", doc.Page(doc.LineStart(i)), doc.LineText(i))
			}
			golden := filepath.Join("testdata", "pdf", name+".golden")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", golden)
				return
			}
			want := string(readFile(t, golden))
			if got := b.String(); got != want {
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					g, w := "", ""
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s:%d:\n got  %q\n want %q\n(run go test -update to accept)", golden, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestPDFFirstPages reads journal first pages: no table of contents, so
// one paper record with the title and authors as printed, and the lines
// of page 1 in no field summed up in one info diagnostic, never garbage
// papers or one diagnostic per line.
func TestPDFFirstPages(t *testing.T) {
	for _, c := range []struct {
		name, title string
		authors     []string
	}{
		{"cermine-web-example1.pdf", "Stressful life events are not associated with the development of dementia",
			[]string{"Anna Sundström", "Michael Rönnlund", "Rolf Adolfsson", "Lars-Göran Nilsson"}},
		{"cermine-web-example2.pdf", "Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi",
			[]string{"Josephine Nana Afrakoma Agyeman-Duah", "Antje Theurer", "Charles Munthali", "Noor Alide", "Florian Neuhann"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(corpusPDF, c.name)
			v, _ := Read(context.Background(), path, readFile(t, path), Options{})
			if len(v.Papers) != 1 {
				t.Fatalf("got %d records, want one: %v", len(v.Papers), v.Diagnostics)
			}
			p := v.Papers[0]
			if p.Kind != schema.KindPaper || p.Title != c.title {
				t.Errorf("kind %s title %q, want paper %q", p.Kind, p.Title, c.title)
			}
			var names []string
			for _, a := range p.Authors {
				names = append(names, a.Name)
			}
			if !slices.Equal(names, c.authors) {
				t.Errorf("authors %q, want %q", names, c.authors)
			}
			if p.Abstract == "" || p.PageCount < 2 {
				t.Errorf("abstract %q, page count %d", p.Abstract, p.PageCount)
			}
			n := 0
			for _, d := range v.Diagnostics {
				switch d.Code {
				case schema.PaperUnreadText:
					n++
				case schema.UnparsedText, schema.MissingField, schema.PaperNoFrontMatter:
					t.Errorf("diagnostic %s: %s", d.Code, d.Message)
				}
			}
			if n != 1 {
				t.Errorf("%d paper-unread-text diagnostics, want one: %v", n, v.Diagnostics)
			}
		})
	}
}

// brokenPDFs are damaged variants of a fixture.
func brokenPDFs(t testing.TB) map[string][]byte {
	return pdfgen.Damaged(readFile(t, "../fixtures/pdf/vee21-a4-helvetica-tj.pdf"))
}

func TestPDFMalformed(t *testing.T) {
	for name, data := range brokenPDFs(t) {
		t.Run(name, func(t *testing.T) {
			v, _ := Read(context.Background(), "broken.pdf", data, Options{})
			var errs []string
			for _, d := range v.Diagnostics {
				if d.Severity == schema.Error && (d.Code == schema.UnknownFormat || d.Code == schema.Limit) {
					errs = append(errs, d.Message)
					// A truncated file is said so without its name,
					// which the diagnostic's position gives.
					if !strings.Contains(d.Message, "is truncated or damaged") && !strings.Contains(d.Message, `"broken.pdf"`) {
						t.Errorf("diagnostic does not name the file: %s", d.Message)
					}
				}
			}
			if len(errs) == 0 && name != "cyclic pages" {
				t.Errorf("no error diagnostic; diagnostics: %v", v.Diagnostics)
			}
			t.Logf("%d records; %q", len(v.Papers), errs)
		})
	}
}

func TestPDFLimits(t *testing.T) {
	t.Run("stream", func(t *testing.T) {
		v, _ := Read(context.Background(), "bomb.pdf", pdfgen.Bomb(64<<20), Options{PDF: PDFLimits{MaxStream: 1 << 20}})
		if !hasCode(v, "limit") {
			t.Errorf("no limit diagnostic: %v", v.Diagnostics)
		}
	})
	t.Run("pages", func(t *testing.T) {
		data := readFile(t, "../fixtures/pdf/vee21-a5-unicode.pdf")
		v, doc := Read(context.Background(), "long.pdf", data, Options{PDF: PDFLimits{MaxPages: 2}})
		if !hasCode(v, "limit") {
			t.Errorf("no limit diagnostic: %v", v.Diagnostics)
		}
		if p := doc.Page(len(doc.Text) - 1); p != 2 {
			t.Errorf("last line on page %d, want 2", p)
		}
	})
}

func hasCode(v *schema.Volume, code schema.Code) bool {
	for _, d := range v.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}

func TestPDFSniff(t *testing.T) {
	doc := Decode("x.pdf", readFile(t, "../fixtures/pdf/vee21-letter-times.pdf"))
	if f := Sniff(doc); f == nil || f.Name() != "pdf" {
		t.Errorf("sniffed %v, want pdf", f)
	}
	if len(doc.Diagnostics) != 0 {
		t.Errorf("decoding a pdf raised %v", doc.Diagnostics)
	}
	if f := Sniff(Decode("x.txt", readFile(t, "../fixtures/vee21.txt"))); f == nil || f.Name() != "toc-text" {
		t.Errorf("text sniffed as %v", f)
	}
	quoting := []byte("Files start with %PDF-1.7 as their header.\n" + string(readFile(t, "../fixtures/vee21.txt")))
	if f := Sniff(Decode("q.txt", quoting)); f == nil || f.Name() != "toc-text" {
		t.Errorf("text quoting a pdf header sniffed as %v", f)
	}
}

// TestPDFGenerated reads PDFs generated on the fly in page sizes and fonts
// the committed fixtures do not cover.
func TestPDFGenerated(t *testing.T) {
	text := string(readFile(t, "../fixtures/pdf/unicode.txt"))
	for _, o := range []pdfgen.Options{
		{Width: 300, Height: 400, Margin: 20, Font: "Unicode", FontSize: 7},
		{Width: 842, Height: 595, Margin: 50, Font: "Helvetica", FontSize: 12, TJ: true},
	} {
		v, _ := Read(context.Background(), "gen.pdf", pdfgen.Render(text, o), Options{})
		tv, _ := Read(context.Background(), "unicode.txt", []byte(text), Options{})
		_, a := viewOf(v, true)
		_, b := viewOf(tv, true)
		if o.Font != "Unicode" {
			// WinAnsi has no Ł, ř or đ: compare the structure only.
			if len(a) != len(b) {
				t.Errorf("%+v: %d records, want %d", o, len(a), len(b))
			}
			continue
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%+v:\n pdf  %+v\n text %+v", o, a, b)
		}
	}
}

// FuzzPDF is seeded with small PDFs typeset from pieces of the reference
// in the fixtures' fonts and text operators, and damaged variants of one:
// the 20-55 KB fixtures themselves make the fuzzer spend its minute
// minimizing (see package fuzzseed).
func FuzzPDF(f *testing.F) {
	ref := readFile(f, "../fixtures/vee21.txt")
	uni := readFile(f, "../fixtures/pdf/unicode.txt")
	pieces := fuzzseed.Pieces(ref, 1500)
	opts := []pdfgen.Options{
		{Font: "Helvetica", FontSize: 9, TJ: true, Compress: true},
		{Width: 612, Height: 792, Margin: 72, Font: "Times-Roman", FontSize: 10},
		{Width: 419.53, Height: 595.28, Margin: 30, Font: "Unicode", FontSize: 8, Ligatures: true, Compress: true},
		{Width: 419.53, Height: 595.28, Margin: 28, Font: "Courier", FontSize: 7, Hyphenate: true},
	}
	for i, o := range opts {
		f.Add(pdfgen.Render(string(pieces[i%len(pieces)]), o))
	}
	f.Add(pdfgen.Render(string(fuzzseed.Pieces(uni, 1500)[0]), pdfgen.Options{Font: "Unicode", FontSize: 10, Ligatures: true, TJ: true}))
	for _, data := range pdfgen.Damaged(pdfgen.Render(string(pieces[0]), opts[0])) {
		f.Add(data)
	}
	f.Add(pdfgen.WithContent([]byte("BT /F1 9 Tf (x) Tj ET"), ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, doc := Read(context.Background(), "fuzz.pdf", data, Options{PDF: PDFLimits{MaxPages: 20, MaxStream: 1 << 20}})
		if v == nil || doc == nil {
			t.Fatal("nil result")
		}
		for _, d := range v.Diagnostics {
			if d.Off > len(doc.Text) || d.End > len(doc.Text) {
				t.Fatalf("diagnostic outside the text: %+v", d)
			}
		}
	})
}

func BenchmarkPDFText(b *testing.B) {
	path := "../fixtures/pdf/vee21-a5-unicode.pdf"
	data := readFile(b, path)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lines, _ := pdftext.Lines(context.Background(), path, data, PDFLimits{}.WithDefaults())
		reflow(lines)
	}
}

// BenchmarkPdftotext runs pdftotext on the same file, for the ratio.
func BenchmarkPdftotext(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	path := "../fixtures/pdf/vee21-a5-unicode.pdf"
	b.SetBytes(int64(len(readFile(b, path))))
	for b.Loop() {
		if err := exec.Command("pdftotext", path, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTOCTextAdjacentAffiliations is a regression test for a panic the PDF
// fuzzer found in the text segmenter: two affiliation lines in a row.
func TestTOCTextAdjacentAffiliations(t *testing.T) {
	text := "Papers\nA Title\nAnn Author\n(Uni A, France)\n(Uni B, Spain)\nAbstract text.\n" +
		"@InProceedings{X21p1,\nauthor = {Ann Author},\ntitle = {A Title},\npages = {1--2},\n}\n"
	v, _ := Read(context.Background(), "adj.txt", []byte(text), Options{})
	if len(v.Papers) == 0 {
		t.Errorf("no records")
	}
}

// TestPDFDiagnosticPage checks that a diagnostic about text on a later
// page carries that page.
func TestPDFDiagnosticPage(t *testing.T) {
	text := string(readFile(t, "../fixtures/vee21.txt"))
	bad := strings.Replace(text, "pages = {165--171},", "pages = {165--171}}}},", 1)
	if bad == text {
		t.Fatal("fixture changed: no pages 165--171")
	}
	data := pdfgen.Render(bad, pdfgen.Options{Font: "Helvetica", FontSize: 9})
	v, doc := Read(context.Background(), "bad.pdf", data, Options{})
	doc.Resolve(v.Diagnostics)
	found := false
	for _, d := range v.Diagnostics {
		t.Logf("%s page %d", d, d.Page)
		if d.Page > 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic with a page after 1")
	}
}

// longPDF is a generated volume of 2,200 papers typeset to about 730
// pages, for the text-stage benchmarks against pdftotext.
var longPDF = sync.OnceValue(func() []byte {
	text, _ := gen.Volume("long.pdf", 0, gen.Options{Papers: 2200, Seed: 1})
	return pdfgen.Render(text, pdfgen.Options{Font: "Helvetica", FontSize: 9, Compress: true})
})

// BenchmarkPDFTextLong is the PDF text stage (content streams, ToUnicode,
// reflow) on a ~730-page PDF; BenchmarkPdftotextLong is pdftotext on the
// same file, process start included, for the ratio.
func BenchmarkPDFTextLong(b *testing.B) {
	data := longPDF()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lines, _ := pdftext.Lines(context.Background(), "long.pdf", data, PDFLimits{}.WithDefaults())
		reflow(lines)
	}
}

func BenchmarkPdftotextLong(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	path := filepath.Join(b.TempDir(), "long.pdf")
	if err := os.WriteFile(path, longPDF(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(longPDF())))
	for b.Loop() {
		if err := exec.Command("pdftotext", path, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPDFPagesInParallel: the pages read on every core give the lines and
// diagnostics, in order, that reading them one after the other gives: on
// a generated volume of about 70 pages (with a stream limit that some of
// its pages pass, so that page errors interleave), the fixtures and the
// corpus.
func TestPDFPagesInParallel(t *testing.T) {
	text, _ := gen.Volume("mid.pdf", 0, gen.Options{Papers: 200, Seed: 4})
	inputs := map[string][]byte{"mid.pdf": pdfgen.Render(text, pdfgen.Options{Font: "Times-Roman", FontSize: 10})}
	for _, p := range pdfFixtures {
		inputs[p] = readFile(t, p)
	}
	if paths, _ := filepath.Glob(filepath.Join(corpusPDF, "*.pdf")); len(paths) > 0 {
		for _, p := range paths {
			inputs[p] = readFile(t, p)
		}
	}
	limited := 0
	for name, data := range inputs {
		for _, lim := range []PDFLimits{{}, {MaxStream: 5300}} {
			lim = lim.WithDefaults()
			prev := runtime.GOMAXPROCS(1)
			serial, serialDiags := pdftext.Lines(context.Background(), name, data, lim)
			runtime.GOMAXPROCS(4)
			lines, diags := pdftext.Lines(context.Background(), name, data, lim)
			runtime.GOMAXPROCS(prev)
			if len(lines) == 0 {
				t.Fatalf("%s: no lines", name)
			}
			if !reflect.DeepEqual(lines, serial) {
				t.Errorf("%s (stream limit %d): %d lines on four cores, %d on one, or they differ", name, lim.MaxStream, len(lines), len(serial))
			}
			if !reflect.DeepEqual(diags, serialDiags) {
				t.Errorf("%s (stream limit %d): diagnostics on four cores %v, on one %v", name, lim.MaxStream, diags, serialDiags)
			}
			if name == "mid.pdf" && lim.MaxStream == 5300 {
				limited = len(diags)
			}
		}
	}
	if limited < 10 || limited > 60 {
		t.Errorf("the stream limit stopped %d pages of mid.pdf, want some but not most of its 76", limited)
	}
}

// TestReadersStopWhenCancelled: once ctx is done the PDF reader reads no
// more pages and the BibTeX reader makes no more records.
func TestReadersStopWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	inputs := map[string][]byte{
		"vee21.pdf": readFile(t, "../fixtures/pdf/vee21-a5-unicode.pdf"),
		"big.bib":   []byte(gen.BibTeX(1500, 3)),
	}
	for name, data := range inputs {
		if v, _ := Read(context.Background(), name, data, Options{}); len(v.Papers) == 0 {
			t.Fatalf("%s: no papers when read to the end", name)
		}
		if v, _ := Read(ctx, name, data, Options{}); len(v.Papers) != 0 {
			t.Errorf("%s: %d papers read after ctx was done", name, len(v.Papers))
		}
	}
	if lines, _ := pdftext.Lines(ctx, "vee21.pdf", inputs["vee21.pdf"], PDFLimits{}.WithDefaults()); len(lines) != 0 {
		t.Errorf("%d lines read from a pdf after ctx was done", len(lines))
	}
}

// TestPDFTruncated: a PDF cut short is one unknown-format error saying so,
// about the file (no page: none was read), not "missing %%eof (page 1)"
// with the file named twice.
func TestPDFTruncated(t *testing.T) {
	v, doc := Read(context.Background(), "broken.pdf", brokenPDFs(t)["truncated"], Options{})
	want := "pdf: the file is truncated or damaged: it does not end with the %%EOF marker"
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Message != want {
		t.Fatalf("diagnostics %v; want %q", v.Diagnostics, want)
	}
	if p := doc.File.Page(v.Diagnostics[0].Off); p != 0 {
		t.Errorf("page %d; want 0 (no page read)", p)
	}
}
