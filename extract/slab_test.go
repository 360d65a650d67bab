package extract

import (
	"reflect"
	"testing"

	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
)

func TestSlabTake(t *testing.T) {
	s := slab[int]{chunk: 5}
	if got := s.take(0); got == nil || len(got) != 0 {
		t.Fatalf("take(0) = %#v, want empty and not nil", got)
	}
	var lists [][]int
	for _, n := range []int{2, 3, 1, 7, 0, 4} {
		l := s.take(n)
		if len(l) != 0 || cap(l) != n {
			t.Fatalf("take(%d): len %d cap %d", n, len(l), cap(l))
		}
		for i := range n {
			l = append(l, n*10+i)
		}
		lists = append(lists, l)
	}
	// Appending past a list's capacity must leave the next list alone.
	for i := range lists {
		lists[i] = append(lists[i], -1)
	}
	for i, l := range lists {
		n := len(l) - 1
		for j := range n {
			if l[j] != n*10+j {
				t.Fatalf("list %d = %v: overwritten", i, l)
			}
		}
	}
}

// checkRecordAlloc holds ParseTOC, whose records share arrays, to
// parseTOC allocating each part on its own, and checks that appending to
// one record's lists changes no other record.
func checkRecordAlloc(t *testing.T, name string, data []byte) {
	t.Helper()
	doc := Decode(name, data)
	blocks, _ := SegmentTOC(doc, Options{})
	want := parseTOC(doc, blocks, Options{}, nil)
	got := ParseTOC(doc, blocks, Options{})
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: ParseTOC with a record allocator differs from one without", name)
	}
	for i := range got.Papers {
		r := &got.Papers[i]
		r.Authors = append(r.Authors, schema.Author{Name: "appended"})
		r.Affiliations = append(r.Affiliations, schema.Affiliation{Name: "appended"})
		r.Pos.Set("/appended", schema.Range{})
		if r.Pages != nil {
			r.Pages.Text = "appended"
		}
		if r.BibTeX != nil {
			r.BibTeX.Key = "appended"
		}
		for j := range got.Papers {
			if j == i {
				continue
			}
			o, w := got.Papers[j], want.Papers[j]
			if j < i { // already appended to
				o.Authors, o.Affiliations, o.Pos = o.Authors[:len(o.Authors)-1], o.Affiliations[:len(o.Affiliations)-1], o.Pos[:len(o.Pos)-1]
				if len(o.Affiliations) == 0 && w.Affiliations == nil {
					o.Affiliations = nil
				}
				if o.Pages != nil {
					o.Pages = w.Pages
				}
				if o.BibTeX != nil {
					o.BibTeX = w.BibTeX
				}
			}
			if !reflect.DeepEqual(o, w) {
				t.Fatalf("%s: appending to record %d changed record %d", name, i, j)
			}
		}
	}
}

func TestRecordAllocMatchesOwnAllocations(t *testing.T) {
	for name, data := range tocFixtures(t) {
		checkRecordAlloc(t, name, data)
	}
	for i := range 20 {
		text, _ := gen.Volume("gen.txt", i, gen.Options{Papers: 1 + i*15, DefectRate: 0.2, Seed: uint64(i + 1)})
		checkRecordAlloc(t, "gen.txt", []byte(text))
	}
}
