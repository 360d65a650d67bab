package extract

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

// covered returns the lines covered by blocks and diagnostics.
func covered(doc *Document, blocks []block, diags []schema.Diagnostic) map[int]bool {
	c := map[int]bool{}
	for _, b := range blocks {
		for _, l := range b.Lines {
			c[l.Num] = true
		}
	}
	for _, d := range diags {
		if d.Off >= 0 {
			end := d.End
			if end <= d.Off {
				end = d.Off + 1
			}
			for l := doc.Line(d.Off); l <= doc.Line(end-1); l++ {
				c[l] = true
			}
		}
	}
	return c
}

// tocFixtures yields the name and contents of each table-of-contents
// text fixture: the mutations and vee21.txt.
func tocFixtures(t testing.TB) iter.Seq2[string, []byte] {
	files, _ := filepath.Glob("../fixtures/mutations/*.txt")
	files = append(files, "../fixtures/vee21.txt")
	return func(yield func(string, []byte) bool) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !yield(f, data) {
				return
			}
		}
	}
}

// TestNothingLost: every non-blank line of every text fixture lies in a
// block or in a diagnostic.
func TestNothingLost(t *testing.T) {
	for f, data := range tocFixtures(t) {
		doc := Decode(f, data)
		blocks, diags := segmentTOC(doc, Options{})
		c := covered(doc, blocks, diags)
		for n := 1; n <= doc.LineCount(); n++ {
			if strings.TrimSpace(doc.LineText(n)) != "" && !c[n] {
				t.Errorf("%s:%d: line in no block or diagnostic: %q", f, n, doc.LineText(n))
			}
		}
		for _, d := range diags {
			if d.Code == "unparsed-text" {
				t.Errorf("%s: unexpected %s at offset %d", f, d.Message, d.Off)
			}
		}
	}
}

// TestStrayLines: text that fits nowhere becomes unparsed-text at its line,
// and the papers around it are still read.
func TestStrayLines(t *testing.T) {
	data, err := os.ReadFile("../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "Publisher's Version\nHow to Design",
		"Publisher's Version\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\nThis line is noise as well.\nHow to Design", 1)
	text = strings.Replace(text, "proc time: 5.06", "proc time: 5.06\nCopyright notice that belongs nowhere.", 1)
	doc := Decode("stray.txt", []byte(text))
	blocks, diags := segmentTOC(doc, Options{})
	var lines []int
	for _, d := range diags {
		if d.Code != "unparsed-text" {
			t.Errorf("unexpected %s: %s", d.Code, d.Message)
		}
		lines = append(lines, doc.Line(d.Off), doc.Line(d.End-1))
	}
	// Two consecutive stray lines are one diagnostic spanning both.
	if len(lines) != 4 || lines[0] != 30 || lines[1] != 31 || lines[2] != 294 || lines[3] != 294 {
		t.Errorf("unparsed-text at lines %v, want [30 31 294 294]", lines)
	}
	if !strings.HasPrefix(diags[0].Message, `2 lines of text outside any paper, from "Lorem ipsum`) {
		t.Errorf("message %q", diags[0].Message)
	}
	papers := 0
	for _, b := range blocks {
		if b.Kind == BlockPaper {
			papers++
			if b.Title[0].Text == "How to Design a Library OS for Practical Containers?" && !b.TitleConfirmed {
				t.Errorf("title after noise not confirmed by bibtex")
			}
		}
	}
	if papers != strings.Count(text, "@InProceedings{") {
		t.Errorf("%d papers, want %d", papers, strings.Count(text, "@InProceedings{"))
	}
}

func TestParagraphs(t *testing.T) {
	mk := func(ss ...string) []Line {
		var ls []Line
		for _, s := range ss {
			ls = append(ls, Line{Text: s, Blank: strings.HasPrefix(s, "\n")})
			ls[len(ls)-1].Text = strings.TrimPrefix(s, "\n")
		}
		return ls
	}
	cases := []struct {
		in   []Line
		want []string
	}{
		// one paragraph per line
		{mk("First paragraph ends here.", "Second one, unwrapped and long enough to exceed nothing."), []string{"First paragraph ends here.", "Second one, unwrapped and long enough to exceed nothing."}},
		// hard-wrapped: a full-width line ending with a period continues
		{mk("aaaa bbbb cccc dddd.", "eeee ff.", "Next para", "\nAfter blank"), []string{"aaaa bbbb cccc dddd. eeee ff.", "Next para", "After blank"}},
		// a sentence broken without punctuation is joined
		{mk("estimate the", "WSS of a VM."), []string{"estimate the WSS of a VM."}},
		// a word hyphenated at the line end keeps its hyphen, no space
		{mk("state-of-", "the-art tools"), []string{"state-of-the-art tools"}},
	}
	for _, c := range cases {
		got := source.Paragraphs(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("paragraphs(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	cases := map[string][]string{
		"David Hildenbrand and Martin Schulz":                      {"David Hildenbrand", "Martin Schulz"},
		"Hajime Tazaki, Akira Moroo, Yohei Kuga, and Ryo Nakamura": {"Hajime Tazaki", "Akira Moroo", "Yohei Kuga", "Ryo Nakamura"},
		"A B, C D, E F":                      {"A B", "C D", "E F"},
		"John Smith, Jr., and Jane Doe":      {"John Smith, Jr.", "Jane Doe"},
		"Ann Lee & Bo Chen":                  {"Ann Lee", "Bo Chen"},
		"Daniel Hagimont, and Gilles Muller": {"Daniel Hagimont", "Gilles Muller"},
	}
	for in, want := range cases {
		if got := splitAuthors(in); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("SplitAuthors(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTOCTextSniffLongAuthorList: an author list longer than the sniffer's
// 64 KiB head still leaves the file in the reference format.
func TestTOCTextSniffLongAuthorList(t *testing.T) {
	b, err := os.ReadFile("../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range 5000 {
		names = append(names, fmt.Sprintf("Author%d Person", i))
	}
	text := strings.Replace(string(b), "David Hildenbrand and\nMartin Schulz", strings.Join(names, ",\n"), 1)
	doc := Decode("long.txt", []byte(text))
	if f := Sniff(doc); f == nil || f.Name() != "toc-text" {
		t.Fatalf("sniffed as %v", f)
	}
	v, _ := Read(context.Background(), "long.txt", []byte(text), Options{MaxAuthors: 10000})
	if n := len(v.Papers[2].Authors); n != 5000 {
		t.Errorf("%d authors, want 5000", n)
	}
}

// TestTOCTextLongAuthorLineLinear: finding the position of each of 50,000
// names on one line is linear (it once copied the rest of the line for
// each name).
func TestTOCTextLongAuthorLineLinear(t *testing.T) {
	var names []string
	for i := range 50000 {
		names = append(names, fmt.Sprintf("A%d Person", i))
	}
	text := "Papers\nMany Hands\n" + strings.Join(names, ", ") + "\n(Uni, France)\nAn abstract.\n"
	start := time.Now()
	v, _ := Read(context.Background(), "many.txt", []byte(text), Options{MaxAuthors: 100000})
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("read took %s", el)
	}
	if len(v.Papers) != 1 || len(v.Papers[0].Authors) != 50000 {
		t.Fatalf("%d papers", len(v.Papers))
	}
	r, ok := v.Papers[0].Pos.Lookup("/authors/49999")
	if !ok || text[r.Off:r.End] != "A49999 Person" {
		t.Errorf("last author at %+v", r)
	}
}

// TestStrayLineNotHeading: a stray note before a paper's title is
// unparsed text, not a session heading that would take the next papers;
// a line in title case still is a heading.
func TestStrayLineNotHeading(t *testing.T) {
	data, err := os.ReadFile("../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ line, section, unparsed string }{
		{"TODO: check this entry", "Papers", `text outside any paper: "TODO: check this entry"`},
		{"Session 2: Memory and the Cloud", "Session 2: Memory and the Cloud", ""},
	} {
		text := strings.Replace(string(data), "Publisher's Version\nHow to Design",
			"Publisher's Version\n"+tc.line+"\nHow to Design", 1)
		doc := Decode("stray.txt", []byte(text))
		blocks, diags := segmentTOC(doc, Options{})
		var got []string
		for _, d := range diags {
			got = append(got, d.Message)
		}
		if want := []string{tc.unparsed}; tc.unparsed == "" && len(got) != 0 || tc.unparsed != "" && (len(got) != 1 || got[0] != want[0]) {
			t.Errorf("%q: diagnostics %q; want %q", tc.line, got, tc.unparsed)
		}
		for _, b := range blocks {
			if b.Kind == BlockPaper && b.Title[0].Text == "How to Design a Library OS for Practical Containers?" && b.Section != tc.section {
				t.Errorf("%q: paper in section %q; want %q", tc.line, b.Section, tc.section)
			}
		}
	}
}
