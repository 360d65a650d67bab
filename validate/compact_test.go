package validate

import (
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
