package procx

import (
	"reflect"
	"testing"

	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// FuzzSpillRoundTrip: a record's entry and text written to the spill
// files, and a finding written to a bucket's file, read back as they were, and reading arbitrary bytes as a text or
// an entry fails without panicking.
func FuzzSpillRoundTrip(f *testing.F) {
	f.Add("A Title", "10.1/x", "Key21", "3--14", "", 3, 14, true, 1, 40, []byte{0, 1})
	f.Add("", "", "", "", "4", -1, 0, false, 0, 0, []byte{})
	f.Fuzz(func(t *testing.T, title, doi, key, pages, article string, first, last int, roman bool, line, off int, junk []byte) {
		r := schema.Record{Kind: schema.KindPaper, Title: title, DOI: doi, BibTeX: &schema.BibTeX{Key: key},
			Pages: &schema.Pages{First: first, Last: last, Roman: roman, Text: pages, Article: article}}
		if first < 0 {
			r.Pages = nil
		}
		e := validate.NewEntry(&r, max(off, 0))
		e.Ref = int64(off)
		b, _ := e.AppendBinary(nil)
		var got validate.Entry
		if err := got.UnmarshalBinary(b); err != nil || got != e {
			t.Fatalf("entry read back %+v (%v), wrote %+v", got, err, e)
		}
		txt := validate.Text{Title: title, DOI: doi, Key: key, Pages: pages, Article: article, PagesOff: off}
		pos := []placed{{field: 2, off: off, end: off + 3, line: int32(line), col: 1, endLine: int32(line), endCol: 4}}
		b = appendText([]byte("before"), &txt, pos)
		bt := &bucketTexts{data: b}
		gotText, gotPos, err := decodeText(mustRaw(t, bt, 6), true, true)
		if err != nil || gotText != txt || !reflect.DeepEqual(gotPos, pos) {
			t.Fatalf("text read back %+v %+v (%v), wrote %+v %+v", gotText, gotPos, err, txt, pos)
		}
		d := schema.Diagnostic{Code: schema.PagesGap, Severity: schema.Warning, Message: title, Path: doi, Pointer: key, Line: line, Column: off,
			Off: off, End: -1, Related: []schema.Related{{Pointer: pages, Message: article, Line: first, Off: last}}}
		if first < 0 {
			d.Related = nil
		}
		enc := appendFinding(nil, &d)
		if gotD, err := decodeFinding(enc[4:]); err != nil || !reflect.DeepEqual(gotD, d) {
			t.Fatalf("finding read back %+v (%v), wrote %+v", gotD, err, d)
		}
		decodeFinding(junk)
		decodeText(junk, true, true)
		(&bucketTexts{data: junk}).Text(&validate.Entry{Ref: int64(off)})
		got.UnmarshalBinary(junk)
	})
}

func mustRaw(t *testing.T, bt *bucketTexts, ref int64) []byte {
	b, err := bt.raw(ref)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
