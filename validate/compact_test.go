package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

// TestDuplicatesConfirmValues: records whose hashes match, or share the
// top bits repeats sorts by, but whose values differ are no duplicates;
// a later record with the value of the second is the second's duplicate.
// The group is larger than smallGroup, so that repeats sorts.
func TestDuplicatesConfirmValues(t *testing.T) {
	titles := []string{"Alpha", "Beta", "Beta", "Gamma"}
	hashes := []uint64{1 << 40, 1<<40 | 7, 1<<40 | 7, 1 << 40} // Beta shares Alpha's top bits; Gamma has Alpha's hash
	var papers []schema.Record
	var es []Entry
	for i := range smallGroup + 10 {
		title, h := "Filler "+strings.Repeat("x", i+1), uint64(i+1)<<50
		if i < len(titles) {
			title, h = titles[i], hashes[i]
		}
		papers = append(papers, schema.Record{Kind: schema.KindPaper, Title: title})
		es = append(es, Entry{Title: h, Index: int32(i), Flags: entryPaper})
	}
	var got []string
	Compare("x", es, recordTexts(papers), nil, Options{}, func(ds []schema.Diagnostic) {
		for _, d := range ds {
			got = append(got, d.Pointer+" "+d.Related[0].Pointer)
		}
	})
	if want := "/papers/2/title /papers/1/title"; len(got) != 1 || got[0] != want {
		t.Errorf("duplicates %q, want [%s]", got, want)
	}
}

// TestPageSequencesByArticle: papers numbered by article are one
// sequence an article, past the few the sequences are first looked up
// in a list: only the two papers of article 3 overlap.
func TestPageSequencesByArticle(t *testing.T) {
	var papers []schema.Record
	for a := range 12 {
		papers = append(papers, schema.Record{Kind: schema.KindPaper, Title: fmt.Sprint("Article ", a),
			Pages: &schema.Pages{First: 1, Last: 10, Article: fmt.Sprint(a)}})
	}
	papers = append(papers, schema.Record{Kind: schema.KindPaper, Title: "Second of 3", Pages: &schema.Pages{First: 5, Last: 12, Article: "3"}})
	v := &schema.Volume{Source: schema.Source{Format: "toc-text"}, Papers: papers}
	Volume(v, Options{})
	var got []string
	for _, d := range v.Diagnostics {
		if d.Code == schema.PagesOverlap || d.Code == schema.PagesGap {
			got = append(got, d.Pointer+" "+d.Message)
		}
	}
	if want := `/papers/12/pages pages 5-12 of "Second of 3" overlap "Article 3" (1-10)`; len(got) != 1 || got[0] != want {
		t.Errorf("page findings %q, want [%s]", got, want)
	}
}
