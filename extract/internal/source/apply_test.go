package source

import (
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

// TestApply: edits are written back in the input's encoding, mojibake the
// decoder repaired stays as written unless an edit covers it, and what
// cannot be written exactly is refused with the reason.
func TestApply(t *testing.T) {
	for _, c := range []struct {
		name, raw string
		edits     []schema.Edit
		want, err string
	}{
		{"utf-8", "a & b\r\n", []schema.Edit{{Off: 2, End: 2, NewText: `\`}}, "a \\& b\r\n", ""},
		{"bom", "\xEF\xBB\xBFa\u200bb\n", []schema.Edit{{Off: 1, End: 4}}, "\xEF\xBB\xBFab\n", ""},
		{"windows-1252", "Caf\xe9 &\n", []schema.Edit{{Off: 6, End: 6, NewText: `\`}}, "Caf\xe9 \\&\n", ""},
		{"windows-1252 cannot hold", "Caf\xe9 &\n", []schema.Edit{{Off: 6, End: 6, NewText: "ł"}}, "", `'ł' cannot be written in windows-1252`},
		{"utf-16le", "\xFF\xFEa\x00&\x00", []schema.Edit{{Off: 1, End: 1, NewText: `\`}}, "\xFF\xFEa\x00\\\x00&\x00", ""},
		{"utf-16 unpaired surrogate", "\xFF\xFE\x00\xD8a\x00&\x00", []schema.Edit{{Off: 4, End: 4, NewText: `\`}}, "", "does not decode and re-encode to the same bytes"},
		{"mojibake kept", "RÃ©mi & Co\n", []schema.Edit{{Off: 6, End: 6, NewText: `\`}}, "RÃ©mi \\& Co\n", ""},
		{"mojibake repaired", "RÃ©mi & Co\n", []schema.Edit{{Off: 0, End: 5, NewText: "Rémi"}}, "Rémi & Co\n", ""},
		{"mojibake cut", "RÃ©mi & Co\n", []schema.Edit{{Off: 2, End: 6, NewText: "x"}}, "", "covers part of the mojibake"},
		{"pdf", "%PDF-1.4\n", nil, "", "not text procx can write back"},
		{"overlap", "abc\n", []schema.Edit{{Off: 0, End: 2}, {Off: 1, End: 3}}, "", "overlap"},
	} {
		doc := Decode("x", []byte(c.raw))
		got, err := doc.Apply(c.edits)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one saying %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

// FuzzApply: any input either decodes and re-encodes to its own bytes
// (Apply with no edits gives them back) or is refused; it never panics.
// Seeded from the encoding fixtures.
func FuzzApply(f *testing.F) {
	for _, s := range []string{"a & b\r\n", "\xEF\xBB\xBFa\n", "Caf\xe9\n", "\xFF\xFEa\x00", "\xFE\xFF\x00a", "RÃ©mi\n", "a\x00b\x00", "\xFF\xFE\x00\xD8"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Decode("x", data)
		got, err := doc.Apply(nil)
		if err == nil && string(got) != string(data) {
			t.Fatalf("Apply(nil) of %q gives %q", data, got)
		}
	})
}
