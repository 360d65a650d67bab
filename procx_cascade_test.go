package procx_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/schema"
)

// referenceWith processes fixtures/vee21.txt with old replaced by new
// once, and returns the codes of its diagnostics, "LINE CODE" each.
func referenceWith(t *testing.T, old, new string, opt procx.Options) []string {
	t.Helper()
	data, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	if old != "" {
		if !strings.Contains(src, old) {
			t.Fatalf("%q not in the reference", old)
		}
		src = strings.Replace(src, old, new, 1)
	}
	v := procx.Process(context.Background(), "vee21.txt", []byte(src), opt)
	var got []string
	for _, d := range v.Diagnostics {
		if d.Code != schema.BibTeXUnescaped { // the reference's own
			got = append(got, d.Code.String())
		}
	}
	return got
}

// TestReversedRangeNoKeyPage: a reversed page range is pages-reversed
// only; the key naming its (true) first page is no key-page-mismatch.
func TestReversedRangeNoKeyPage(t *testing.T) {
	got := referenceWith(t, "pages = {15--28}", "pages = {28--15}", procx.Options{})
	if strings.Join(got, " ") != "pages-reversed" {
		t.Errorf("diagnostics %v; want pages-reversed alone", got)
	}
}

// TestMaxAuthorsNoMismatch: authors cut by --max-authors are reported by
// the limit alone, not as authors missing from the prose; a real
// difference among the kept authors still is.
func TestMaxAuthorsNoMismatch(t *testing.T) {
	opt := procx.Options{}
	opt.Extract.MaxAuthors = 2
	got := referenceWith(t, "", "", opt)
	for _, c := range got {
		if c != "limit" {
			t.Errorf("diagnostics %v; want only limit", got)
			break
		}
	}
	got = referenceWith(t, "Hajime Tazaki, Akira Moroo,", "Hajime Tazaki, Akira Morro,", opt)
	if n := strings.Count(strings.Join(got, " "), "author-mismatch"); n != 1 {
		t.Errorf("diagnostics %v; want one author-mismatch", got)
	}
}

// TestBinaryInputOneDiagnostic: an image is one unknown-format error;
// what decoding its bytes as text found (not UTF-8, mojibake) is not
// reported, as nothing of it is read.
func TestBinaryInputOneDiagnostic(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")
	v := procx.Process(context.Background(), "a.png", png, procx.Options{})
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != schema.UnknownFormat {
		t.Errorf("diagnostics %v; want one unknown-format", v.Diagnostics)
	}
}

// TestMaxPDFPagesNoMissingField: the paper that --max-pdf-pages cuts off
// mid-record is not reported for lacking what is on the pages not read.
func TestMaxPDFPagesNoMissingField(t *testing.T) {
	data, err := os.ReadFile("fixtures/pdf/vee21-a4-helvetica-tj.pdf")
	if err != nil {
		t.Fatal(err)
	}
	opt := procx.Options{}
	opt.Extract.PDF.MaxPages = 2
	v := procx.Process(context.Background(), "v.pdf", data, opt)
	var codes []string
	for _, d := range v.Diagnostics {
		codes = append(codes, d.Code.String())
	}
	if strings.Join(codes, " ") != "limit" {
		t.Errorf("diagnostics %v; want the limit alone", v.Diagnostics)
	}
}

// TestPDFLimitsNoCascade: with --max-pdf-stream or --max-pdf-pages cutting
// the text of a table-of-contents PDF, every finding besides the limit's
// own is one the PDF raises when read in full: what the cut left out (a
// record's authors, its BibTeX, the papers between) is the limit's
// consequence, not a new finding. A cut that explains findings says how
// many, so they are not lost silently.
func TestPDFLimitsNoCascade(t *testing.T) {
	files, _ := filepath.Glob("fixtures/pdf/vee21-*.pdf")
	if len(files) == 0 {
		t.Fatal("no fixtures/pdf/vee21-*.pdf")
	}
	explained := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		full := map[string]bool{}
		for _, d := range procx.Process(context.Background(), f, data, procx.Options{}).Diagnostics {
			full[d.Code.String()+" "+d.Message] = true
		}
		for _, lim := range []struct {
			name          string
			stream, pages int
		}{{"stream 1k", 1 << 10, 0}, {"stream 2k", 2 << 10, 0}, {"stream 4k", 4 << 10, 0}, {"pages 2", 0, 2}, {"pages 5", 0, 5}} {
			opt := procx.Options{}
			opt.Extract.PDF.MaxStream, opt.Extract.PDF.MaxPages = int64(lim.stream), lim.pages
			v := procx.Process(context.Background(), f, data, opt)
			limits := 0
			for _, d := range v.Diagnostics {
				if d.Code == schema.Limit {
					limits++
					if d.Page == 0 || d.Line == 0 {
						t.Errorf("%s, %s: limit diagnostic without its page and line: %s", f, lim.name, d)
					}
					if strings.Contains(d.Message, "not reported") {
						explained++
					}
					continue
				}
				if !full[d.Code.String()+" "+d.Message] && d.Code != schema.UnparsedText {
					t.Errorf("%s, %s: %s, which the PDF read in full does not raise", f, lim.name, d)
				}
			}
			if limits == 0 {
				t.Errorf("%s, %s: no limit diagnostic", f, lim.name)
			}
		}
	}
	if explained == 0 {
		t.Error("no limit diagnostic says it explains findings")
	}
}

// TestSkippedRecordNoGap: the pages of a dblp record skipped for having
// no title are not reported missing between its neighbours (the skip is
// the finding); an undefined entity, which costs no record, leaves a
// real gap reported.
func TestSkippedRecordNoGap(t *testing.T) {
	rec := func(key, title, pages string) string {
		return `<inproceedings key="conf/x/` + key + `"><author>A B</author>` + title +
			`<pages>` + pages + `</pages><year>2021</year><booktitle>X</booktitle></inproceedings>` + "\n"
	}
	dump := func(middle string) []byte {
		return []byte("<?xml version=\"1.0\"?>\n<dblp>\n" + rec("a", "<title>First.</title>", "1-10") + middle +
			rec("c", "<title>Third.</title>", "21-30") + "</dblp>\n")
	}
	for _, c := range []struct {
		name, middle string
		gap          bool
	}{
		{"no title", rec("b", "", "11-20"), false},
		{"undefined entity, pages of its own", rec("b", "<title>Second &foo;.</title>", "12-19"), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := procx.Process(context.Background(), "x.xml", dump(c.middle), procx.Options{})
			var codes []string
			gap := false
			for _, d := range v.Diagnostics {
				codes = append(codes, d.Code.String())
				gap = gap || d.Code == schema.PagesGap
			}
			if gap != c.gap {
				t.Errorf("pages-gap reported: %v, want %v (%v)", gap, c.gap, codes)
			}
		})
	}
}
