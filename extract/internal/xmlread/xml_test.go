package xmlread

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/procx/procx/extract/internal/dtd"
)

// TestDBLPEntitiesMatchDTD holds the compiled entity table to dblp.dtd
// when the corpus holds it (go generate ./extract rewrites the table).
func TestDBLPEntitiesMatchDTD(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "corpus", "dblp-xml", "dblp.dtd"))
	if err != nil {
		t.Skipf("dblp.dtd not present: %v", err)
	}
	es, err := dtd.Entities(src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, e := range es {
		want[e.Name] = e.Value
	}
	if !maps.Equal(want, dblpEntities) {
		t.Errorf("dblpEntities differs from dblp.dtd's %d entities (go generate ./extract): table has %v", len(want), slices.Sorted(maps.Keys(dblpEntities)))
	}
	if dblpEntities["uuml"] != "ü" || dblpEntities["reg"] != "®" || dblpEntities["Aring"] != "Å" {
		t.Errorf("uuml %q reg %q Aring %q", dblpEntities["uuml"], dblpEntities["reg"], dblpEntities["Aring"])
	}
}

func TestXMLRoot(t *testing.T) {
	for in, want := range map[string]string{
		"<dblp>": "dblp",
		"\n<?xml version='1.0'?>\n<!-- c > d -->\n<collection id='x'>":                                         "collection",
		`<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE dblp SYSTEM "dblp.dtd" [<!ENTITY a ">">]><dblp>`: "dblp",
		"<!DOCTYPE html><html>":          "html",
		"<inproceedings key=\"k\">":      "inproceedings",
		"@inproceedings{k, title={<a>}}": "",
		"{\"papers\": []}":               "",
		"<?xml version='1.0'":            "",
		"<!-- unclosed":                  "",
		"":                               "",
	} {
		if got := xmlRoot([]byte(in)); got != want {
			t.Errorf("xmlRoot(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestXMLDeclEncoding(t *testing.T) {
	for in, want := range map[string]string{
		`<?xml version="1.0" encoding="ISO-8859-1"?>`: "iso-8859-1",
		"<?xml version='1.0' encoding = 'UTF-8' ?>":   "utf-8",
		`<?xml version="1.0"?>`:                       "",
		`<dblp encoding="x">`:                         "",
		`<?xml encoding="x`:                           "",
	} {
		if got := xmlDeclEncoding([]byte(in)); got != want {
			t.Errorf("xmlDeclEncoding(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntityName(t *testing.T) {
	for in, want := range map[string]int{
		"uuml; x": 4, "#252;": 4, "#x3C1;": 5, "; x": -1, " x;": -1, "amp": -1, "a-b.c_d:e;": 9, "é;": 2,
	} {
		if got := entityName([]byte(in)); got != want {
			t.Errorf("entityName(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestDBLPNameAndTitle(t *testing.T) {
	for in, want := range map[string][2]string{
		"Markus Schmitt 0002":  {"Markus Schmitt", "0002"},
		" Markus  Schmitt\n":   {"Markus Schmitt", ""},
		"Route 66 12345":       {"Route 66 12345", ""},
		"0001":                 {"0001", ""},
		"Jean-Pierre Roy 0012": {"Jean-Pierre Roy", "0012"},
	} {
		if n, id := dblpName(in); n != want[0] || id != want[1] {
			t.Errorf("dblpName(%q) = %q, %q; want %q, %q", in, n, id, want[0], want[1])
		}
	}
	for in, want := range map[string]string{
		"A Title.":              "A Title",
		"A Question?":           "A Question?",
		"Wait...":               "Wait...",
		"But Now . . .":         "But Now . . .",
		" Spaced\n  Title. ":    "Spaced Title",
		".":                     "",
		"Version 2.0 Released.": "Version 2.0 Released",
	} {
		if got := dblpTitle(in); got != want {
			t.Errorf("dblpTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseXMLPages(t *testing.T) {
	for in, want := range map[string][2]int{"1-298": {1, 298}, "i-xviii, 1-298": {1, 298}, "I-XXIV, 1-323": {1, 323}, "12": {12, 12}} {
		p, err := parseXMLPages(in)
		if err != nil || p.First != want[0] || p.Last != want[1] || p.Text != in {
			t.Errorf("parseXMLPages(%q) = %+v, %v", in, p, err)
		}
	}
	for _, in := range []string{"1-5, 7-9", "i-x, ii-v", "71-", "1-2, i-x", "a, b"} {
		if p, err := parseXMLPages(in); err == nil {
			t.Errorf("parseXMLPages(%q) = %+v, want an error", in, p)
		}
	}
}

func TestDoiFromLink(t *testing.T) {
	for in, want := range map[string]string{
		"https://doi.org/10.1145/3453933.3454010":       "10.1145/3453933.3454010",
		"http://dx.doi.org/10.1007/978-3-642-27663-7_5": "10.1007/978-3-642-27663-7_5",
		"HTTPS://DOI.ORG/10.1000/ABC":                   "10.1000/ABC",
		"https://doi.org/10.1000/a%2Fb":                 "10.1000/a/b",
		"https://doi.org/10.1000.5/sub":                 "",
		"https://arxiv.org/abs/2104.00001":              "",
		"doi:10.1234/x":                                 "10.1234/x",
	} {
		got, ok := doiFromLink(in)
		if got != want || ok != (want != "") {
			t.Errorf("doiFromLink(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestACLDate(t *testing.T) {
	for _, c := range []struct{ year, month, want string }{
		{"2021", "November", "2021-11"}, {"2021", "nov", "2021-11"}, {"2021", "11", "2021-11"}, {"2021", "7", "2021-07"},
		{"2021", "July 5-10", "2021-07"}, {"2021", "", "2021"}, {"2021", "Summer", "2021"}, {"21", "May", ""}, {"", "May", ""},
	} {
		if got := aclDate(c.year, c.month); got != c.want {
			t.Errorf("aclDate(%q, %q) = %q, want %q", c.year, c.month, got, c.want)
		}
	}
}
