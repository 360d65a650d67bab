package schema

import (
	"fmt"
	"testing"
)

func ExampleParsePages() {
	p, _ := ParsePages("4:1--4:56")
	fmt.Println(p.Article, p.First, p.Last)
	_, err := ParsePages("one--14")
	fmt.Println(err)
	// Output:
	// 4 1 56
	// page range "one--14": "one" is not a page number
}

func TestParsePages(t *testing.T) {
	ok := map[string]Pages{
		"1--14":     {First: 1, Last: 14},
		"1-14":      {First: 1, Last: 14},
		"1–14":      {First: 1, Last: 14},
		"1—14":      {First: 1, Last: 14},
		"1219":      {First: 1219, Last: 1219},
		" 15 -- 28": {First: 15, Last: 28},
		"4:1--4:56": {First: 1, Last: 56, Article: "4"},
		"6e:1-6e:2": {First: 1, Last: 2, Article: "6e"},
		"xi--xii":   {First: 11, Last: 12, Roman: true},
		"XIV":       {First: 14, Last: 14, Roman: true},
		"14--1":     {First: 14, Last: 1}, // readable; pages-reversed reports it
	}
	for in, want := range ok {
		got, err := ParsePages(in)
		if err != nil {
			t.Errorf("ParsePages(%q): %v", in, err)
			continue
		}
		got.Text = ""
		if got != want {
			t.Errorf("ParsePages(%q) = %+v, want %+v", in, got, want)
		}
	}
	for _, in := range []string{"one--14", "14--", "--3", "", "1--x", "4:1--5:3", "xi--12", "0--3", "1234567890123456789012345", "iix"} {
		if p, err := ParsePages(in); err == nil {
			t.Errorf("ParsePages(%q) = %+v, want an error", in, p)
		}
	}
}

func TestValidDOI(t *testing.T) {
	for _, s := range []string{"10.1145/3453933.3454010", "10.1000.10/abc", "10.48550/arXiv.2101.00001"} {
		if !ValidDOI(s) {
			t.Errorf("ValidDOI(%q) = false", s)
		}
	}
	for _, s := range []string{"3453933.3454011", "10.1145", "10.12/x", "10.1145/a b", "doi:10.1145/x", "10.abcd/x"} {
		if ValidDOI(s) {
			t.Errorf("ValidDOI(%q) = true", s)
		}
	}
}
