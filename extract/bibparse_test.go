package extract

import (
	"strings"
	"testing"
)

// TestBibFieldNames: field names are ASCII identifiers, as the JSON Schema
// requires of bibtex.fields; anything else is a syntax error that costs the
// entry, and the next entry is still read.
func TestBibFieldNames(t *testing.T) {
	src := "@inproceedings{a,\n  \u0090ublisher = {ACM},\n}\n@inproceedings{b,\n  2title = {x},\n}\n@inproceedings{c,\n  Title = {Kept},\n  note-2:x.y+z = {ok},\n}\n"
	entries, diags := ParseBibTeX([]byte(src), 0, nil, BibLimits{})
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
	entries, diags := ParseBibTeX([]byte(src), 0, nil, BibLimits{})
	if len(entries) != 1 || entries[0].Type != "in_proc-2" || len(diags) != 2 {
		t.Fatalf("entries %+v, diagnostics %+v", entries, diags)
	}
}
