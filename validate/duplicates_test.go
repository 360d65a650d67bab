package validate

import (
	"testing"

	"github.com/procx/procx/schema"
)

// TestDuplicateTitleSaysWhere: a duplicate title names the first paper by
// its pages, else its key, else its place, and quotes the first's
// spelling only when it differs.
func TestDuplicateTitleSaysWhere(t *testing.T) {
	paper := func(title string, pages *schema.Pages, key string) schema.Record {
		r := schema.Record{Kind: schema.KindPaper, Title: title, Pages: pages}
		if key != "" {
			r.BibTeX = &schema.BibTeX{Type: "inproceedings", Key: key, Fields: map[string]string{}}
		}
		return r
	}
	for _, tc := range []struct {
		first schema.Record
		want  string
	}{
		{paper("Swift Shadow Paging", &schema.Pages{First: 29, Last: 42}, "k29"), `title "Swift shadow paging" is also the title of the paper on pages 29-42, written "Swift Shadow Paging"`},
		{paper("Swift shadow paging", nil, "VEE21p29"), `title "Swift shadow paging" is also the title of the paper with key "VEE21p29"`},
		{paper("Swift shadow paging", nil, ""), `title "Swift shadow paging" is also the title of paper 1 of the volume`},
	} {
		v := &schema.Volume{Source: schema.Source{Format: "toc-text"}, Papers: []schema.Record{tc.first, paper("Swift shadow paging", nil, "")}}
		Volume(v, Options{})
		var got []string
		for _, d := range v.Diagnostics {
			if d.Code == schema.DuplicateTitle {
				got = append(got, d.Message)
			}
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("duplicate-title %q; want %q", got, tc.want)
		}
	}
}
