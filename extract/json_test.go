package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
)

func TestJSONGolden(t *testing.T) {
	goldenFixtures(t, "fixtures/json/*.json")
	goldenFixtures(t, "fixtures/json/*.jsonl")
}

// TestJSONBadValue: a value of the wrong type is a schema diagnostic at
// the value's line and column, and the record is kept.
func TestJSONBadValue(t *testing.T) {
	name := "fixtures/json/edited.json"
	data, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	v := procx.Process(context.Background(), name, data, procx.Options{})
	if v.Source.Format != "json" || len(v.Papers) != 5 {
		t.Fatalf("format %q, %d papers; want json, 5", v.Source.Format, len(v.Papers))
	}
	lines := strings.Split(string(data), "\n")
	var seen int
	for _, d := range v.Diagnostics {
		if d.Code != "schema" {
			t.Errorf("unexpected %s", d)
			continue
		}
		line := lines[d.Line-1]
		col := []rune(line)[d.Column-1:]
		switch {
		case strings.Contains(d.Message, "/papers/3/pages/first"):
			seen++
			if !strings.HasPrefix(string(col), `"one"`) {
				t.Errorf("%s points at %q", d, string(col))
			}
		case strings.Contains(d.Message, `"colour"`):
			seen++
			if !strings.Contains(line, `"colour"`) {
				t.Errorf("%s points at %q", d, line)
			}
		default:
			t.Errorf("unexpected %s", d)
		}
	}
	if seen != 2 {
		t.Errorf("got %d of the 2 schema diagnostics", seen)
	}
	if v.Papers[3].Title == "" || v.Papers[3].Pages != nil {
		t.Errorf("record with the bad value: title %q pages %+v", v.Papers[3].Title, v.Papers[3].Pages)
	}
}

// TestJSONPositions: a pointer into a re-read volume resolves to the bytes
// of its value.
func TestJSONPositions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/json/edited.json"))
	if err != nil {
		t.Fatal(err)
	}
	v, doc := extract.Read(context.Background(), "edited.json", data, extract.Options{})
	checkVolume(t, doc, v)
	r, ok := v.Locate("/papers/2/pages")
	if !ok {
		t.Fatal("no position for /papers/2/pages")
	}
	var p schema.Pages
	if err := json.Unmarshal(doc.Text[r.Off:r.End], &p); err != nil || p.First != 5 || p.Last != 9 {
		t.Errorf("/papers/2/pages covers %q", doc.Text[r.Off:r.End])
	}
	r, _ = v.Locate("/proceedings/acronym")
	if got := string(doc.Text[r.Off:r.End]); got != `"TRAPS 2031"` {
		t.Errorf("/proceedings/acronym covers %q", got)
	}
}

// TestJSONRoundTrip: procx's output, read back as json and jsonl, gives the
// same papers.
func TestJSONRoundTrip(t *testing.T) {
	for _, in := range []string{"fixtures/vee21.txt", "fixtures/opentoc/traps.html", "fixtures/bibtex/volume.bib"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, in))
		if err != nil {
			t.Fatal(err)
		}
		v := procx.Process(context.Background(), in, data, procx.Options{})
		out, _ := json.MarshalIndent(v, "", "  ")
		back := procx.Process(context.Background(), "out.json", out, procx.Options{})
		if back.Source.Format != "json" {
			t.Fatalf("%s: output sniffed as %q", in, back.Source.Format)
		}
		var lines bytes.Buffer
		for i, p := range v.Papers {
			b, _ := json.Marshal(struct {
				Source      schema.Source      `json:"source"`
				Proceedings schema.Proceedings `json:"proceedings"`
				Index       int                `json:"index"`
				schema.Record
			}{v.Source, v.Proceedings, i, p})
			lines.Write(append(b, '\n'))
		}
		backL := procx.Process(context.Background(), "out.jsonl", lines.Bytes(), procx.Options{})
		if backL.Source.Format != "jsonl" {
			t.Fatalf("%s: jsonl output sniffed as %q", in, backL.Source.Format)
		}
		for _, got := range []*schema.Volume{back, backL} {
			if len(got.Papers) != len(v.Papers) {
				t.Fatalf("%s via %s: %d papers, want %d", in, got.Source.Format, len(got.Papers), len(v.Papers))
			}
			for i := range v.Papers {
				a, b := v.Papers[i], got.Papers[i]
				a.Span, b.Span = schema.Span{}, schema.Span{}
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if !bytes.Equal(ja, jb) {
					t.Errorf("%s via %s: paper %d differs:\n%s\n%s", in, got.Source.Format, i, ja, jb)
				}
			}
			if !jsonEqual(v.Proceedings, got.Proceedings) {
				t.Errorf("%s via %s: proceedings differ", in, got.Source.Format)
			}
			for _, d := range got.Diagnostics {
				if d.Code == "schema" {
					t.Errorf("%s via %s: %s", in, got.Source.Format, d)
				}
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestJSONSyntaxError(t *testing.T) {
	v := procx.Process(context.Background(), "bad.json", []byte("{\n  \"papers\": [1,]\n}\n"), procx.Options{})
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != "schema" || v.Diagnostics[0].Line != 2 {
		t.Fatalf("diagnostics %v", v.Diagnostics)
	}
}

func FuzzJSON(f *testing.F) {
	for _, glob := range []string{"fixtures/json/*.json", "fixtures/json/*.jsonl"} {
		files, _ := filepath.Glob(filepath.Join(repoRoot, glob))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"papers":[{"pages":{"first":"1","last":[]},"authors":{"x":1}}],"proceedings":7}`))
	f.Add([]byte("{\"kind\":\"paper\",\"title\":1}\n{\"kind\":\"diagnostics\"}\n[1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := extract.Decode("fuzz.json", data)
		for _, fm := range []extract.Format{extract.JSON{}, extract.JSONL{}} {
			v := fm.Read(context.Background(), doc, extract.Options{})
			checkVolume(t, doc, v)
		}
	})
}

func BenchmarkJSON(b *testing.B) {
	benchmarkFormat(b, extract.JSON{}, "fixtures/json/edited.json")
}

// TestJSONDuplicateKeys: a repeated member name is a "schema" error at the
// later value, related to the earlier one; the last value is kept, as
// encoding/json does.
func TestJSONDuplicateKeys(t *testing.T) {
	src := `{"source": {"path": "x", "format": "toc-text"},
"proceedings": {"title": "First", "title": "Second"},
"papers": [{"kind": "paper", "title": "A", "authors": [], "bibtex": {"type": "inproceedings", "key": "k", "fields": {"pages": "1--2", "pages": "3--4"}}}]}
`
	for _, format := range []string{"json", "jsonl"} {
		data := src
		if format == "jsonl" {
			data = `{"source": {"path": "x", "format": "toc-text"}, "proceedings": {"title": "P"}, "index": 0, "kind": "paper", "title": "A", "title": "B", "authors": []}` + "\n"
		}
		v, _ := extract.Read(context.Background(), "dup."+format, []byte(data), extract.Options{Format: format})
		var msgs []string
		for _, d := range v.Diagnostics {
			if d.Code == "schema" && strings.Contains(d.Message, "duplicate property") {
				msgs = append(msgs, d.Message)
				if len(d.Related) != 1 || d.Related[0].Off >= d.Off {
					t.Errorf("%s: related %+v does not point before %d", format, d.Related, d.Off)
				}
			}
		}
		want := `/proceedings: duplicate property "title"; the last value is used|/papers/0/bibtex/fields: duplicate property "pages"; the last value is used`
		if format == "jsonl" {
			want = `/papers/0: duplicate property "title"; the last value is used`
		}
		if strings.Join(msgs, "|") != want {
			t.Errorf("%s: diagnostics %q, want %q", format, msgs, want)
		}
		if format == "json" && (v.Proceedings.Title != "Second" || v.Papers[0].BibTeX.Fields["pages"] != "3--4") {
			t.Errorf("the last value is not kept: %q %+v", v.Proceedings.Title, v.Papers[0].BibTeX)
		}
	}
}

// TestJSONNotAVolume: JSON that is not procx's is one unknown-format
// diagnostic, not a schema error for each member it has or lacks.
func TestJSONNotAVolume(t *testing.T) {
	many := map[string]int{}
	for i := range 37 {
		many["k"+strings.Repeat("x", i)] = i
	}
	manyJSON, _ := json.Marshal(many)
	for _, tc := range []struct{ name, in, want string }{
		{"empty.json", "{}\n", "not a procx volume: an empty json object"},
		{"map.json", string(manyJSON), `not a procx volume: a json object without "source", "proceedings" or "papers" (it has 37 members: "k", "kx", "kxx", ...)`},
	} {
		v := procx.Process(context.Background(), tc.name, []byte(tc.in), procx.Options{})
		if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != schema.UnknownFormat || v.Diagnostics[0].Message != tc.want {
			t.Errorf("%s: got %v; want one unknown-format %q", tc.name, v.Diagnostics, tc.want)
		}
		if len(v.Papers) != 0 {
			t.Errorf("%s: %d papers; want none", tc.name, len(v.Papers))
		}
	}
}

// TestJSONRequiredMembers: a volume without a member the schema requires
// is reported, though the decoded volume is given a zero value for it.
func TestJSONRequiredMembers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/json/edited.json"))
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "proceedings", "diagnostics", "papers"} {
		without := map[string]json.RawMessage{}
		for m, v := range top {
			if m != k {
				without[m] = v
			}
		}
		in, _ := json.Marshal(without)
		v := procx.Process(context.Background(), "v.json", in, procx.Options{})
		want := "the volume: " + k + " is required"
		found := 0
		for _, d := range v.Diagnostics {
			if d.Code == schema.Schema && d.Message == want {
				found++
				if d.Line != 1 || d.Column != 1 {
					t.Errorf("%s at %d:%d; want 1:1", d.Message, d.Line, d.Column)
				}
			}
		}
		if found != 1 {
			t.Errorf("without %s: %d of %q in %v", k, found, want, v.Diagnostics)
		}
	}
}

// editedReference processes the reference volume's JSON after edit has
// changed it, as a person editing the file would.
func editedReference(t *testing.T, edit func(papers []map[string]any)) *schema.Volume {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/vee21.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	var papers []map[string]any
	for _, p := range top["papers"].([]any) {
		papers = append(papers, p.(map[string]any))
	}
	edit(papers)
	in, err := json.MarshalIndent(top, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return procx.Process(context.Background(), "v.json", in, procx.Options{})
}

// TestJSONEditedDOIFormat: a malformed doi typed over a record's doi is a
// doi-format finding at the value, not a schema error.
func TestJSONEditedDOIFormat(t *testing.T) {
	v := editedReference(t, func(papers []map[string]any) { papers[6]["doi"] = "not a doi" })
	var got []string
	for _, d := range v.Diagnostics {
		if d.Severity == schema.Error {
			got = append(got, string(d.Code)+" "+d.Pointer+" "+d.Message)
		}
	}
	want := []string{`doi-format /papers/6/doi doi "not a doi" of "Automatically Exploiting the Memory Hierarchy of GPUs throug…" is not a doi (want 10.NNNN/suffix)`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestJSONEditedPagesText: a pages text edited so that it reads as other
// pages than first and last is a pages-format finding at the text.
func TestJSONEditedPagesText(t *testing.T) {
	v := editedReference(t, func(papers []map[string]any) {
		papers[5]["pages"].(map[string]any)["text"] = "1--2"
	})
	var got []string
	for _, d := range v.Diagnostics {
		if d.Code == schema.PagesFormat {
			got = append(got, d.Pointer+" "+d.Message)
		}
	}
	want := `/papers/5/pages/text pages text "1--2" of "(No)Compromis: Paging Virtualization Is Not a Fatality" reads 1 to 2, but first is 43 and last is 56`
	if len(got) != 1 || got[0] != want {
		t.Errorf("pages-format: %q; want %q", got, want)
	}
}
