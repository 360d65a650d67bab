package jsonw

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/fuzzseed"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

// stdlib is what encoding/json's Encoder writes of v with
// SetEscapeHTML(false), without the newline: the definition this package
// meets byte for byte.
func stdlib(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestTypesKnown fails when a schema type gains, loses or renames a JSON
// field: this package writes each field by hand and must learn of it.
func TestTypesKnown(t *testing.T) {
	known := map[reflect.Type]string{
		reflect.TypeFor[schema.Record]():      `kind section,omitempty container,omitempty key,omitempty title authors affiliations,omitempty abstract,omitempty keywords,omitempty pages,omitempty doi,omitempty url,omitempty arxiv,omitempty venue,omitempty emails,omitempty year,omitempty page_count,omitempty withdrawn,omitempty informal,omitempty bibtex,omitempty span -`,
		reflect.TypeFor[schema.Author]():      `name given,omitempty family,omitempty particle,omitempty suffix,omitempty id,omitempty email,omitempty note,omitempty`,
		reflect.TypeFor[schema.Affiliation](): `name institution,omitempty country,omitempty country_code,omitempty authors,omitempty`,
		reflect.TypeFor[schema.Pages]():       `first last text,omitempty article,omitempty roman,omitempty`,
		reflect.TypeFor[schema.BibTeX]():      `type key fields`,
		reflect.TypeFor[schema.Span]():        `line end_line page,omitempty`,
		reflect.TypeFor[schema.Source]():      `path format encoding,omitempty`,
		reflect.TypeFor[schema.Proceedings](): `title,omitempty acronym,omitempty date,omitempty location,omitempty publisher,omitempty editors,omitempty sections,omitempty`,
		reflect.TypeFor[schema.Container]():   `name title,omitempty acronym,omitempty date,omitempty location,omitempty publisher,omitempty editors,omitempty span,omitempty`,
		reflect.TypeFor[schema.Section]():     `name chairs,omitempty span`,
		reflect.TypeFor[schema.Diagnostic]():  `code severity message path line,omitempty column,omitempty end_line,omitempty end_column,omitempty page,omitempty pointer,omitempty related,omitempty fixes,omitempty - - - -`,
		reflect.TypeFor[schema.Fix]():         `message edits`,
		reflect.TypeFor[schema.Edit]():        `line column end_line end_column new_text - -`,
		reflect.TypeFor[schema.Related]():     `path,omitempty line,omitempty column,omitempty page,omitempty pointer,omitempty message -`,
	}
	for typ, want := range known {
		var tags []string
		for f := range typ.Fields() {
			tags = append(tags, f.Tag.Get("json"))
		}
		if got := strings.Join(tags, " "); got != want {
			t.Errorf("schema.%s has the JSON fields\n  %s\nwhere internal/jsonw writes\n  %s\nupdate internal/jsonw (and this test)", typ.Name(), got, want)
		}
	}
}

// volumes are real and generated volumes, and one of hostile strings.
func volumes(t testing.TB) map[string]*schema.Volume {
	ref, err := os.ReadFile("../../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	generated, _ := gen.Volume("gen.txt", 7, gen.Options{Papers: 80, DefectRate: 0.3, Seed: 7})
	out := map[string]*schema.Volume{
		"reference": procx.Process(context.Background(), "vee21.txt", ref, procx.Options{}),
		"generated": procx.Process(context.Background(), "gen.txt", []byte(generated), procx.Options{}),
		"empty":     procx.Process(context.Background(), "empty.txt", nil, procx.Options{}),
		"hostile":   hostile(),
	}
	// The corpus, read in place when it is there.
	files, _ := filepath.Glob("../../../shared/corpus/*/*")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			out[f] = procx.Process(context.Background(), f, data, procx.Options{})
		}
	}
	return out
}

// hostileStrings are what JSON encoders disagree on most.
var hostileStrings = []string{
	"", "a", "\"", "\\", "<b>&amp;</b>", "\u2028\u2029", "x\u2028y", "\x00\x01\x07\x08\x09\x0a\x0b\x0c\x0d\x1b\x1f\x7f",
	"\xff", "\xc3", "a\xc3(", "\xed\xa0\x80", "\xf4\x90\x80\x80", "é日本🎉", "12345678\"12345678\\1234567\n",
	"ABCDEFGH" + "é" + "IJKLMNOP\x01", strings.Repeat("long text ", 40), "\ufeff\u00a0\u200b",
}

func hostile() *schema.Volume {
	h := func(i int) string { return hostileStrings[i%len(hostileStrings)] }
	v := &schema.Volume{
		Source: schema.Source{Path: h(3), Format: h(4), Encoding: h(5)},
		Proceedings: schema.Proceedings{Title: h(6), Location: h(8), Publisher: h(11), Editors: []schema.Author{{Name: h(12), ID: h(13)}},
			Sections: []schema.Section{{Name: h(9), Chairs: []schema.Author{{Name: h(10)}}}, {Name: ""}}},
		Containers: []schema.Container{{Name: h(1)}, {Name: h(2), Title: h(3), Acronym: h(4), Date: h(5), Location: h(6), Publisher: h(7),
			Editors: []schema.Author{{Name: h(8), ID: h(9)}}, Span: &schema.Span{Line: 3, EndLine: -4, Page: 1}}, {Editors: []schema.Author{}}},
	}
	for i := range hostileStrings {
		r := schema.Record{
			Kind: schema.Kind(h(i)), Title: h(i + 1), Section: h(i + 2), Container: h(i + 3), Key: h(i + 7), Abstract: h(i + 4),
			Withdrawn: i%2 == 0, Informal: i%3 == 0,
			DOI: h(i + 5), URL: h(i + 6), Year: i*1000 - 3000, PageCount: i - 2, Span: schema.Span{Line: -i, EndLine: 1 << 40, Page: i % 3},
		}
		if i%3 != 0 {
			r.Authors = []schema.Author{{Name: h(i), Given: h(i + 1)}, {Family: h(i + 2), Particle: h(i + 3), Suffix: h(i + 4), ID: h(i + 5)}}
		}
		if i%4 == 1 {
			r.Authors = []schema.Author{}
			r.Affiliations = []schema.Affiliation{{Name: h(i)}, {Institution: h(i + 1), Country: h(i + 2), CountryCode: h(i + 3)}}
		}
		if i%2 == 0 {
			r.Pages = &schema.Pages{First: -i, Last: i << 33, Text: h(i), Article: h(i + 1), Roman: i%4 == 0}
		}
		switch i % 3 {
		case 1:
			r.BibTeX = &schema.BibTeX{Type: h(i), Key: h(i + 1)} // nil fields
		case 2:
			r.BibTeX = &schema.BibTeX{Type: h(i), Key: h(i + 1), Fields: map[string]string{h(i): h(i + 2), h(i + 3): h(i + 4), "b": "", "a": h(i + 5)}}
		}
		v.Papers = append(v.Papers, r)
		v.Diagnostics = append(v.Diagnostics, schema.Diagnostic{
			Code: schema.Code(h(i)), Severity: schema.Severity(i%5 - 1), Message: h(i + 1), Path: h(i + 2), Line: i, Column: i % 2, EndLine: i % 3,
			EndColumn: -i, Page: i % 4, Pointer: h(i + 3),
		})
		if i%2 == 1 {
			v.Diagnostics[i].Related = []schema.Related{{Message: h(i)}, {Line: i, Column: i, Pointer: h(i + 1), Message: h(i + 2)}}
		}
		if i%3 == 1 {
			v.Diagnostics[i].Fixes = []schema.Fix{{Message: h(i)}, {Message: h(i + 1), Edits: []schema.Edit{}},
				{Message: h(i + 2), Edits: []schema.Edit{{Line: i, Column: -i, EndLine: i % 3, EndColumn: math.MaxInt, NewText: h(i + 3)}, {}}}}
		}
	}
	// The extremes of int, and empty where nil is elsewhere.
	v.Papers = append(v.Papers, schema.Record{Year: math.MinInt, Authors: []schema.Author{},
		Pages:  &schema.Pages{First: math.MaxInt, Last: math.MinInt},
		BibTeX: &schema.BibTeX{Fields: map[string]string{}},
		Span:   schema.Span{Line: math.MaxInt, EndLine: math.MinInt, Page: math.MaxInt}})
	// Maps sorted by insertion and by slices.SortFunc, with keys that
	// share first bytes, the empty key and keys beyond ASCII.
	for _, n := range []int{5, 24, 25, 80} {
		fields := map[string]string{}
		for i := range n {
			fields[h(i)+strconv.Itoa(i%7)] = h(i + 1)
		}
		v.Papers = append(v.Papers, schema.Record{BibTeX: &schema.BibTeX{Fields: fields}})
	}
	v.Diagnostics = append(v.Diagnostics, schema.Diagnostic{Line: math.MinInt, Column: math.MaxInt, EndLine: math.MaxInt,
		EndColumn: math.MinInt, Page: math.MinInt, Related: []schema.Related{{Line: math.MinInt, Column: math.MaxInt}}})
	return v
}

// TestMatchesEncodingJSON holds every appender to encoding/json on every
// record, head and diagnostic of the volumes.
func TestMatchesEncodingJSON(t *testing.T) {
	n, vols := 0, volumes(t)
	t.Logf("%d volumes", len(vols))
	for name, v := range vols {
		n += matchVolume(t, name, v)
	}
	t.Logf("%d values compared", n)
	if n < 200 {
		t.Errorf("only %d values compared", n)
	}
}

// matchVolume holds Record, Authors, Diagnostics and Head to encoding/json
// on v and returns how many values it compared.
func matchVolume(t testing.TB, name string, v *schema.Volume) int {
	t.Helper()
	n := 0
	check := func(what string, got, want []byte) {
		t.Helper()
		n++
		if !bytes.Equal(got, want) {
			t.Errorf("%s %s:\n got %s\nwant %s", name, what, got, want)
		}
	}
	for i := range v.Papers {
		check("record", Record([]byte("prefix"), &v.Papers[i])[len("prefix"):], stdlib(t, &v.Papers[i]))
		check("authors", Authors(nil, v.Papers[i].Authors), stdlib(t, v.Papers[i].Authors))
	}
	check("diagnostics", Diagnostics(nil, v.Diagnostics), stdlib(t, v.Diagnostics))
	check("nil diagnostics", Diagnostics(nil, nil), stdlib(t, []schema.Diagnostic(nil)))
	check("containers", Containers(nil, v.Containers), stdlib(t, v.Containers))
	head := append(Head([]byte{'{'}, v.Source, &v.Proceedings), '}')
	check("head", head, stdlib(t, struct {
		Source      schema.Source      `json:"source"`
		Proceedings schema.Proceedings `json:"proceedings"`
	}{v.Source, v.Proceedings}))
	check("empty proceedings", append(Head([]byte{'{'}, v.Source, &schema.Proceedings{}), '}'), stdlib(t, struct {
		Source      schema.Source      `json:"source"`
		Proceedings schema.Proceedings `json:"proceedings"`
	}{v.Source, schema.Proceedings{}}))
	return n
}

// FuzzPipeline runs the pipeline on any input, seeded from the fixtures of
// every format, and holds every appender to encoding/json on the volume it
// makes: records as the extractors and normalizers really fill them.
func FuzzPipeline(f *testing.F) {
	fuzzseed.AddFixtures(f, "../../fixtures")
	f.Fuzz(func(t *testing.T, data []byte) {
		matchVolume(t, "fuzz", procx.Process(context.Background(), "fuzz.txt", data, procx.Options{}))
	})
}

// TestStringSequences holds String to encoding/json on every two-byte
// string and on lead bytes followed by continuation bytes at the edges of
// their ranges (where the valid sequences String steps over without
// decoding end), each at every offset around the eight-byte scan and with
// text after it.
func TestStringSequences(t *testing.T) {
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	check := func(s string) {
		enc.Reset()
		if err := e.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := String(nil, s), bytes.TrimSuffix(enc.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %s, want %s", s, got, want)
		}
	}
	for i := range 1 << 16 {
		check(string([]byte{byte(i >> 8), byte(i)}))
	}
	edges := []byte{0x00, 0x22, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa7, 0xa8, 0xa9, 0xaa, 0xbf, 0xc0, 0xff}
	for lead := 0xc0; lead <= 0xff; lead++ {
		for _, b1 := range edges {
			for _, b2 := range edges {
				for _, b3 := range []byte{0x80, 0xbf, 'x'} {
					seq := []byte{byte(lead), b1, b2, b3}
					for pre := range 10 {
						check(strings.Repeat("a", pre) + string(seq))
						check(strings.Repeat("a", pre) + string(seq[:3]))
						check(strings.Repeat("a", pre) + string(seq) + "tail text")
					}
				}
			}
		}
	}
}

// FuzzString holds String to encoding/json on any string.
func FuzzString(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	if data, err := os.ReadFile("../../fixtures/vee21.txt"); err == nil {
		for _, line := range strings.SplitAfter(string(data), "\n")[:200] {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := String(nil, s), stdlib(t, s); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %s, want %s", s, got, want)
		}
	})
}

// FuzzRecord builds a record from fuzzed strings and numbers and holds
// Record, Head and Diagnostic to encoding/json on it.
func FuzzRecord(f *testing.F) {
	f.Add("Title", "Name", "key", "value", "10.1145/1", 3, 7, true)
	f.Add("\xff\u2028", "\"\\", "", "\x00", "<&>", -1, 0, false)
	f.Fuzz(func(t *testing.T, a, b, c, d, e string, n, m int, flag bool) {
		r := schema.Record{Kind: schema.Kind(a), Title: b, Abstract: c, DOI: e, Year: n, Section: d,
			Authors: []schema.Author{{Name: a, Given: b, Family: c}, {Name: d, Suffix: e}},
			Span:    schema.Span{Line: n, EndLine: m, Page: n - m}}
		if flag {
			r.Pages = &schema.Pages{First: n, Last: m, Text: c, Roman: n%2 == 0}
			r.BibTeX = &schema.BibTeX{Type: a, Key: b, Fields: map[string]string{c: d, d: e, e: a}}
			r.Affiliations = []schema.Affiliation{{Name: a, Country: b}}
		}
		if got, want := Record(nil, &r), stdlib(t, &r); !bytes.Equal(got, want) {
			t.Fatalf("Record:\n got %s\nwant %s", got, want)
		}
		diag := schema.Diagnostic{Code: schema.Code(a), Severity: schema.Severity(n % 4), Message: b, Path: c, Line: n, Column: m, Pointer: d,
			Related: []schema.Related{{Message: e, Line: m}}}
		if got, want := Diagnostic(nil, &diag), stdlib(t, &diag); !bytes.Equal(got, want) {
			t.Fatalf("Diagnostic:\n got %s\nwant %s", got, want)
		}
		src, p := schema.Source{Path: a, Format: b, Encoding: c}, schema.Proceedings{Acronym: d, Date: e}
		if flag {
			p.Sections = []schema.Section{{Name: a, Span: schema.Span{Line: n}}}
		}
		got := append(Head([]byte{'{'}, src, &p), '}')
		want := stdlib(t, struct {
			Source      schema.Source      `json:"source"`
			Proceedings schema.Proceedings `json:"proceedings"`
		}{src, p})
		if !bytes.Equal(got, want) {
			t.Fatalf("Head:\n got %s\nwant %s", got, want)
		}
	})
}

// BenchmarkRecord compares Record with encoding/json on the records of a
// generated volume, in the same run.
func BenchmarkRecord(b *testing.B) {
	text, _ := gen.Volume("gen.txt", 1, gen.Options{Papers: 200, DefectRate: 0.02, Seed: 1})
	v := procx.Process(context.Background(), "gen.txt", []byte(text), procx.Options{})
	size := 0
	for i := range v.Papers {
		size += len(stdlib(b, &v.Papers[i]))
	}
	b.Run("jsonw", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			for i := range v.Papers {
				buf = Record(buf[:0], &v.Papers[i])
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i := range v.Papers {
				json.Marshal(&v.Papers[i])
			}
		}
	})
}
