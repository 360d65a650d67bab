package extract_test

import (
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

// TestXMLSniff: the XML fixtures sniff as their formats, and the XML
// formats take nothing from the others.
func TestXMLSniff(t *testing.T) {
	want := map[string]string{
		"fixtures/vee21.txt":                  "toc-text",
		"fixtures/opentoc/traps.html":         "opentoc-html",
		"fixtures/opentoc/traps.txt":          "opentoc-text",
		"fixtures/bibtex/volume.bib":          "bibtex",
		"fixtures/json/edited.json":           "json",
		"fixtures/json/traps.jsonl":           "jsonl",
		"fixtures/dblp/volume.xml":            "dblp-xml",
		"fixtures/dblp/latin1.xml":            "dblp-xml",
		"fixtures/dblp/truncated.xml":         "dblp-xml",
		"fixtures/acl/collection.xml":         "acl-xml",
		"fixtures/acl/broken.xml":             "acl-xml",
		"fixtures/mutations/bom.txt":          "toc-text",
		"fixtures/encoding/vee21.utf16le.txt": "toc-text",
	}
	for name, format := range want {
		data, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		if f := extract.Sniff(extract.Decode(name, data)); f == nil || f.Name() != format {
			t.Errorf("%s sniffs as %v, want %s", name, f, format)
		}
	}
	// Every fixture of another format stays with it.
	files, _ := filepath.Glob(filepath.Join(repoRoot, "fixtures", "*", "*"))
	for _, file := range files {
		if strings.HasSuffix(file, ".xml") || strings.HasSuffix(file, ".golden") || strings.HasSuffix(file, ".txtar") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		if f := extract.Sniff(extract.Decode(file, data)); f != nil && strings.HasSuffix(f.Name(), "-xml") {
			t.Errorf("%s sniffs as %s", file, f.Name())
		}
	}
	for in, want := range map[string]string{
		"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html><body><dblp><collection><volume>": "opentoc-html", // HTML, weakly
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title></channel></rss>":                                     "",
		"@inproceedings{k,\n  title = {Reading <dblp> and <collection><volume> Files},\n  author = {A B},\n}\n":                        "bibtex",
		"{\"papers\": [{\"title\": \"<dblp>\"}]}":                                      "json",
		"<dblp>\n<inproceedings key=\"k\"><title>T</title></inproceedings>\n</dblp>\n": "dblp-xml",
		"<inproceedings mdate=\"2020-01-01\" key=\"conf/x/A20\">\n<title>T</title>":    "dblp-xml",
		"<inproceedings><title>no key</title></inproceedings>":                         "",
		"<collection id=\"x\"><volume id=\"1\"><meta></meta></volume></collection>":    "acl-xml",
		"<volume id=\"1\"><meta><booktitle>B</booktitle></meta></volume>":              "acl-xml",
		"<collection><item/></collection>":                                             "acl-xml", // weakly: nothing else reads it
	} {
		f := extract.Sniff(extract.Decode("x", []byte(in)))
		got := ""
		if f != nil {
			got = f.Name()
		}
		if got != want {
			t.Errorf("%q sniffs as %q, want %q", in, got, want)
		}
	}
}

// xmlSeeds are the fixtures of an XML format and a few hand-made inputs.
func xmlSeeds(f *testing.F, glob string, extra ...string) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, glob))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// fuzzXML holds a reader to its properties on any input: no panic,
// positions inside the input, and through the whole pipeline a volume
// that satisfies the schema (no schema diagnostic) and encodes to JSON.
func fuzzXML(t *testing.T, format string, data []byte) {
	v, doc := extract.Read(context.Background(), "fuzz.xml", data, extract.Options{Format: format})
	checkVolume(t, doc, v)
	full := procx.Process(context.Background(), "fuzz.xml", data, procx.Options{Extract: extract.Options{Format: format}})
	for _, d := range full.Diagnostics {
		if d.Code == schema.Schema || d.Code == schema.InternalError {
			t.Fatalf("%s", d)
		}
	}
	if _, err := json.Marshal(full); err != nil {
		t.Fatal(err)
	}
}

func FuzzDBLP(f *testing.F) {
	xmlSeeds(f, "fixtures/dblp/*.xml",
		`<dblp><inproceedings key="a"><title>T<i>x</i>.</title><author>A B 0001</author><crossref>p</crossref></inproceedings><proceedings key="p"><title>P</title><booktitle>B</booktitle><year>2020</year></proceedings></dblp>`,
		`<!DOCTYPE dblp [<!ENTITY x "&#252;">]><dblp><article key=" k "><title>&x;&y;&#0;</title><journal> J </journal></article></dblp>`,
		"<dblp><book key=\"b\"><editor>E</editor><title>\n</title></book><www key=\"w\"/></dblp>")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzXML(t, "dblp-xml", data) })
}

func FuzzACL(f *testing.F) {
	xmlSeeds(f, "fixtures/acl/*.xml",
		`<collection id="c"><volume id="v"><meta><booktitle>B</booktitle><year>2020</year><month>13</month></meta><paper id="1"><title><tex-math>x</tex-math></title><author id=" a b "><first/><last/></author><url> x y </url><doi>10.1/x</doi></paper></volume></collection>`,
		`<collection><paper><title>T</title></paper><event><meta><title>E</title></meta></event></collection>`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzXML(t, "acl-xml", data) })
}

// TestXMLDeepNesting: a document nested deeper than any dump is read in
// bounded memory and reported.
func TestXMLDeepNesting(t *testing.T) {
	deep := "<dblp><inproceedings key=\"a\"><title>" + strings.Repeat("<i>", 100000) + "</title></inproceedings>" +
		"<inproceedings key=\"b\"><title>After</title><author>A B</author></inproceedings></dblp>"
	v, _ := readDBLP(t, "deep.xml", []byte(deep))
	if len(v.Papers) != 1 || v.Papers[0].Title != "After" || codes(v)[schema.XMLSyntax] == 0 {
		t.Errorf("papers %+v, diagnostics %v", v.Papers, v.Diagnostics)
	}
}

// TestXMLStopsOnCancel: a done context stops the reader.
func TestXMLStopsOnCancel(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures/dblp/volume.xml"))
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat(strings.TrimSuffix(strings.SplitN(string(data), "<dblp>\n", 2)[1], "</dblp>\n"), 200)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := extract.Decode("big.xml", []byte("<dblp>\n"+big+"</dblp>\n"))
	if v := (extract.DBLPXML{}).Read(ctx, doc, extract.Options{}); len(v.Papers) != 0 {
		t.Errorf("%d papers read after cancel", len(v.Papers))
	}
}
