package bibtex

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestBibFieldNames: field names are ASCII identifiers, as the JSON Schema
// requires of bibtex.fields; anything else is a syntax error that costs the
// entry, and the next entry is still read.
func TestBibFieldNames(t *testing.T) {
	src := "@inproceedings{a,\n  \u0090ublisher = {ACM},\n}\n@inproceedings{b,\n  2title = {x},\n}\n@inproceedings{c,\n  Title = {Kept},\n  note-2:x.y+z = {ok},\n}\n"
	entries, diags := Parse([]byte(src), 0, nil, Limits{})
	if len(entries) != 1 || entries[0].Key != "c" || entries[0].Fields[0].Name != "title" || entries[0].Fields[1].Name != "note-2:x.y+z" {
		t.Fatalf("entries = %+v", entries)
	}
	if len(diags) != 2 {
		t.Fatalf("diagnostics = %+v", diags)
	}
	for i, want := range []string{"\u0090ublisher", "2title"} {
		d := diags[i]
		if d.Code != "bibtex-syntax" || !strings.Contains(d.Message, "expected a field name") || !strings.HasPrefix(src[d.Off:], want) {
			t.Errorf("diagnostic %d = %+v at %q", i, d, src[d.Off:min(d.Off+12, len(src))])
		}
	}
}

func TestBibEntryTypes(t *testing.T) {
	src := "@in.proc{a,\n  title = {x},\n}\n@1abc{b,\n  title = {x},\n}\n@In_Proc-2{c,\n  title = {x},\n}\n"
	entries, diags := Parse([]byte(src), 0, nil, Limits{})
	if len(entries) != 1 || entries[0].Type != "in_proc-2" || len(diags) != 2 {
		t.Fatalf("entries %+v, diagnostics %+v", entries, diags)
	}
}

// checkParseBibTeX compares Parse with the reference parser on src:
// the same entries, diagnostics and macros.
func checkParseBibTeX(t *testing.T, src []byte) {
	t.Helper()
	gotM, wantM := map[string]string{}, map[string]string{}
	got, gotD := Parse(src, 7, gotM, Limits{MaxDepth: 5})
	want, wantD := refParseBibTeX(src, 7, wantM, Limits{MaxDepth: 5})
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotD, wantD) || !reflect.DeepEqual(gotM, wantM) {
		t.Fatalf("Parse(%q) =\n%+v %+v %v\nreference\n%+v %+v %v", src, got, gotD, gotM, want, wantD, wantM)
	}
	// Without a macro map, as the table-of-contents reader calls it: @string macros still
	// serve the entries after them.
	got, gotD = Parse(src, 7, nil, Limits{})
	want, wantD = refParseBibTeX(src, 7, nil, Limits{})
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotD, wantD) {
		t.Fatalf("Parse(%q, nil macros) =\n%+v %+v\nreference\n%+v %+v", src, got, gotD, want, wantD)
	}
}

var bibCases = []string{
	"@InProceedings{k,\n  author = {A and B},\n  TITLE = \"T {x}\",\n  Year = 2021,\n  month = JUL # {~1},\n}\n",
	"@string{ACM = {ACM Press}}\n@Book(b, publisher = acm # \" \" # Acm, note = undefined)\n",
	"@preamble{\"x\"}@comment{y}@comment z\n@misc{m}\n@misc{n,}\n@ARTICLE{a, title={{{{{{deep}}}}}}}\n",
	"@a{k, t = {unclosed\n@b{j, u = \"q}\n@c{l, v = 1 2}\n@d{m, w = {x} # }\n@", "@{", "@x", "@x{", "@x{k", "@x{k,", "@x{k, a", "@x{k, a=", "@x{k, a={\\}}",
}

func TestParseBibTeXMatchesRef(t *testing.T) {
	for _, c := range bibCases {
		checkParseBibTeX(t, []byte(c))
	}
	alphabet := []string{"@", "misc", "InProc", "string", "{", "}", "(", ")", "\"", "=", ",", "#", " ", "\n", "k", "Title", "jan", "12", "\\", "x", "-", "é", "\n@"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 100000 {
		var b []byte
		for range r.IntN(30) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		checkParseBibTeX(t, b)
	}
}

func FuzzParseBibTeXRef(f *testing.F) {
	for _, c := range bibCases {
		f.Add([]byte(c))
	}
	f.Fuzz(checkParseBibTeX)
}

// TestBibUnclosedBrace: a value whose brace is not closed on its line
// runs on over the next fields until a later '}' closes it; the error
// points at the brace, not at a missing comma where the value ends.
func TestBibUnclosedBrace(t *testing.T) {
	src := "@inproceedings{a,\n  author = {A. Person},\n  title = {Unclosed {brace title},\n  booktitle = {Proc. X},\n  year = {2021},\n}\n@inproceedings{b,\n  title = {Kept},\n}\n"
	entries, diags := Parse([]byte(src), 0, nil, Limits{})
	if len(entries) != 1 || entries[0].Key != "b" {
		t.Fatalf("entries = %+v", entries)
	}
	want := `unbalanced braces: "{" opened here in field "title" of entry "a" is not closed, so the value runs on over the fields after it`
	if len(diags) != 1 || diags[0].Message != want || diags[0].Off != strings.Index(src, "{Unclosed") {
		t.Fatalf("diagnostics = %+v; want %q at %d", diags, want, strings.Index(src, "{Unclosed"))
	}
	// A value that only lacks its comma is still reported so.
	_, diags = Parse([]byte("@inproceedings{a,\n  title = {T}\n  year = {2021},\n}\n"), 0, nil, Limits{})
	if len(diags) != 1 || diags[0].Message != `missing comma after field "title" in entry "a"` {
		t.Fatalf("diagnostics = %+v", diags)
	}
}
