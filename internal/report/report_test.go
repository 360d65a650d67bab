package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

const corpus = "../../../shared/corpus"

// fixtureInput reads the input of a check fixture (a txtar archive).
func fixtureInput(t testing.TB, name string) (string, []byte) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("../../fixtures/checks", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "input") {
			return name + "/" + f.Name, f.Data
		}
	}
	t.Fatalf("%s has no input", name)
	return "", nil
}

func process(path string, data []byte) Input {
	v, f := procx.ProcessFile(context.Background(), path, data, procx.Options{})
	return Input{v, f}
}

func render(t testing.TB, ins ...Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, ins...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The DOM helpers.

func parse(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+c+" ")
}

// all returns the elements below n for which ok holds, in document order.
func all(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tagClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && (class == "" || hasClass(n, class)) }
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// checkDOM checks a report's DOM against the volumes it was made of:
// a page map for each volume with pages, one row per record with its
// title, one item per finding, each page finding of the map drawn with its
// code, and nothing that would load from anywhere.
func checkDOM(t *testing.T, doc *html.Node, vols ...*schema.Volume) {
	t.Helper()
	sections := all(doc, tagClass("section", "volume"))
	if len(sections) != len(vols) {
		t.Fatalf("%d volume sections for %d volumes", len(sections), len(vols))
	}
	for k, v := range vols {
		sec := sections[k]
		rows := all(sec, tagClass("tr", "record"))
		if len(rows) != len(v.Papers) {
			t.Errorf("%s: %d rows for %d records", v.Source.Path, len(rows), len(v.Papers))
		}
		for i, r := range rows {
			if i < len(v.Papers) {
				title := all(r, tagClass("th", "title"))
				if len(title) != 1 || !strings.HasPrefix(textOf(title[0]), titleOf(&v.Papers[i])) {
					t.Errorf("%s: row %d does not show %q", v.Source.Path, i+1, v.Papers[i].Title)
				}
			}
		}
		if n := len(all(sec, tagClass("li", "diag"))); n != len(v.Diagnostics) {
			t.Errorf("%s: %d findings shown for %d", v.Source.Path, n, len(v.Diagnostics))
		}
		drawn := map[string]int{}
		for _, g := range all(sec, func(n *html.Node) bool { return n.Data == "g" && hasClass(n, "mark") }) {
			drawn[attr(g, "data-code")]++
			if !strings.Contains(textOf(g), attr(g, "data-code")) {
				t.Errorf("%s: mark %s is not labelled with its code", v.Source.Path, attr(g, "data-code"))
			}
		}
		want := map[string]int{}
		pages := false
		for _, d := range v.Diagnostics {
			if pageCodes[d.Code] {
				want[string(d.Code)]++
			}
		}
		for _, r := range v.Papers {
			pages = pages || r.Pages != nil && r.Pages.Article == ""
		}
		svgs := all(sec, tagClass("svg", "pagemap"))
		if pages != (len(svgs) == 1) {
			t.Errorf("%s: %d page maps; records with pages: %v", v.Source.Path, len(svgs), pages)
		}
		if pages {
			bars := all(svgs[0], tagClass("rect", "bar"))
			n := 0
			for _, r := range v.Papers {
				if r.Pages != nil && r.Pages.Article == "" {
					n++
				}
			}
			if len(bars) != n {
				t.Errorf("%s: %d bars for %d records with pages", v.Source.Path, len(bars), n)
			}
			for code, n := range want {
				if drawn[code] != n {
					t.Errorf("%s: %d %s drawn of %d found", v.Source.Path, drawn[code], code, n)
				}
			}
		}
	}
	checkSelfContained(t, doc)
}

// checkSelfContained fails on any reference that a browser would load:
// a src, a stylesheet or icon link, a CSS url() or @import that is not a
// fragment of the page, an object, embed or iframe. Links to follow (a
// DOI) are no load.
func checkSelfContained(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, n := range all(doc, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			switch {
			case a.Key == "src" || a.Key == "srcset" || a.Key == "poster" || a.Key == "data" || a.Key == "xlink:href" && n.Data != "a":
				t.Errorf("<%s %s=%q> loads", n.Data, a.Key, a.Val)
			case a.Key == "href" && n.Data != "a":
				t.Errorf("<%s href=%q> loads", n.Data, a.Val)
			case a.Key == "style":
				t.Errorf("<%s style=...>: inline style attributes break the policy", n.Data)
			}
		}
		switch n.Data {
		case "iframe", "object", "embed", "link", "img", "image", "use", "base":
			t.Errorf("<%s> in the report", n.Data)
		case "style":
			css := textOf(n)
			for _, u := range strings.Split(css, "url(")[1:] {
				if !strings.HasPrefix(u, "#") {
					t.Errorf("style loads url(%s", u[:min(len(u), 40)])
				}
			}
			if strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
				t.Errorf("style imports or loads fonts")
			}
		case "meta":
			if attr(n, "http-equiv") == "Content-Security-Policy" && !strings.HasPrefix(attr(n, "content"), "default-src 'none'") {
				t.Errorf("policy %q does not forbid loads", attr(n, "content"))
			}
		}
	}
}

// TestReportFixtures renders the report of every check fixture, the
// reference and the corpus, one by one and all in one file with an index.
func TestReportFixtures(t *testing.T) {
	var ins []Input
	files, _ := filepath.Glob("../../fixtures/checks/*.txtar")
	for _, f := range files {
		ins = append(ins, process(fixtureInput(t, strings.TrimSuffix(filepath.Base(f), ".txtar"))))
	}
	more, _ := filepath.Glob("../../fixtures/*/*.*")
	more = append(more, "../../fixtures/vee21.txt")
	filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasSuffix(p, ".md") {
			more = append(more, p)
		}
		return nil
	})
	for _, f := range more {
		if strings.HasSuffix(f, ".golden") || strings.HasSuffix(f, ".txtar") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, process(f, data))
	}
	var vols []*schema.Volume
	for _, in := range ins {
		vols = append(vols, in.Volume)
		doc := parse(t, render(t, in))
		checkDOM(t, doc, in.Volume)
		if n := len(all(doc, tagClass("table", "index"))); n != 0 {
			t.Errorf("%s: an index for one volume", in.Volume.Source.Path)
		}
	}
	doc := parse(t, render(t, ins...))
	checkDOM(t, doc, vols...)
	index := all(doc, tagClass("table", "index"))
	if len(index) != 1 || len(all(index[0], tagClass("tr", ""))) != len(ins)+1 {
		t.Errorf("the index of %d volumes is not one table with a row each", len(ins))
	}
}

// TestReportSize: a generated volume of 100 papers, with planted defects,
// makes a report under 1 MB.
func TestReportSize(t *testing.T) {
	for _, papers := range []int{100, 1000} {
		text, defects := gen.Volume("gen.txt", 0, gen.Options{Papers: papers, DefectRate: 0.1, Seed: 1})
		in := process("gen.txt", []byte(text))
		b := render(t, in)
		t.Logf("%d papers, %d planted defects, %d findings: report %d bytes (input %d)", papers, len(defects), len(in.Volume.Diagnostics), len(b), len(text))
		if papers == 100 && len(b) >= 1<<20 {
			t.Errorf("the report of %d papers is %d bytes, over 1 MB", papers, len(b))
		}
		checkDOM(t, parse(t, b), in.Volume)
	}
}

func TestExcerpt(t *testing.T) {
	for _, c := range []struct {
		line string
		col  int
		want string
	}{
		{"pages = {10--28},", 10, "pages = {10--28},\n         ^"},
		{"\tx", 2, "\tx\n\t^"},
		{"", 5, "\n^"},
		{strings.Repeat("a", 150) + "X", 151, strings.Repeat("a", 40) + "X\n" + strings.Repeat(" ", 40) + "^"},
	} {
		if got := excerpt(c.line, c.col); got != c.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", c.line, c.col, got, c.want)
		}
	}
}
