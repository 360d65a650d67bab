package procx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/difftest"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

var updateEncoding = flag.Bool("update-encoding", false, "rewrite fixtures/encoding from fixtures/vee21.txt")

// encodingFixture is the reference re-encoded one way, with the diagnostic
// codes reading it must raise (and no others).
type encodingFixture struct {
	name     string
	make     func(ref []byte) []byte
	encoding string   // source.encoding
	codes    []string // diagnostic codes expected, sorted, de-duplicated
	same     bool     // records equal the reference's
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// doubleEncode returns UTF-8 text decoded once too often: every byte of
// ref read as a Windows-1252 character (Latin-1 for the five bytes
// Windows-1252 leaves undefined), written again as UTF-8.
func doubleEncode(ref []byte) []byte {
	var b bytes.Buffer
	dec := charmap.Windows1252.NewDecoder()
	for _, c := range ref {
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			continue
		}
		r := must(dec.Bytes([]byte{c}))
		if string(r) == "\uFFFD" {
			b.WriteRune(rune(c))
			continue
		}
		b.Write(r)
	}
	return b.Bytes()
}

var encodingFixtures = []encodingFixture{
	{name: "vee21.utf8-bom.txt", encoding: "utf-8-bom", same: true,
		make: func(ref []byte) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, ref...) }},
	{name: "vee21.cp1252.txt", encoding: "windows-1252", same: true, codes: []string{"encoding"},
		make: func(ref []byte) []byte { return must(charmap.Windows1252.NewEncoder().Bytes(ref)) }},
	{name: "vee21.utf16le-bom.txt", encoding: "utf-16le", same: true,
		make: func(ref []byte) []byte {
			return must(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(ref))
		}},
	{name: "vee21.utf16be-bom.txt", encoding: "utf-16be", same: true,
		make: func(ref []byte) []byte {
			return must(unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(ref))
		}},
	{name: "vee21.utf16le.txt", encoding: "utf-16le", same: true, codes: []string{"encoding"},
		make: func(ref []byte) []byte {
			return must(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes(ref))
		}},
	{name: "vee21.utf16be.txt", encoding: "utf-16be", same: true, codes: []string{"encoding"},
		make: func(ref []byte) []byte {
			return must(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes(ref))
		}},
	{name: "vee21.nfd.txt", encoding: "utf-8", same: true, codes: []string{"not-nfc"},
		make: func(ref []byte) []byte { return norm.NFD.Bytes(ref) }},
	{name: "vee21.mojibake.txt", encoding: "utf-8", same: true, codes: []string{"mojibake"},
		make: doubleEncode},
	// Double-encoded, then saved as Windows-1252: the file is not valid
	// UTF-8 and decodes back to the double-encoded text.
	{name: "vee21.mojibake-cp1252.txt", encoding: "windows-1252", same: false, codes: []string{"encoding", "mojibake"},
		make: func(ref []byte) []byte {
			return must(charmap.Windows1252.NewEncoder().Bytes(bytes.ReplaceAll(doubleEncode(ref), []byte("\u009d"), []byte("?"))))
		}},
	// UTF-8 with one name in Windows-1252: decoded as Windows-1252, the
	// UTF-8 parts come back as mojibake, which is repaired exactly.
	{name: "vee21.mixed.txt", encoding: "windows-1252", same: true, codes: []string{"encoding", "mojibake"},
		make: func(ref []byte) []byte {
			i := bytes.Index(ref, []byte("Laurent Réveillère"))
			cp := must(charmap.Windows1252.NewEncoder().Bytes([]byte("Laurent Réveillère")))
			return slices.Concat(ref[:i], cp, ref[i+len("Laurent Réveillère"):])
		}},
}

// records is what must not depend on the encoding: the volume without its
// source and diagnostics.
func records(t *testing.T, v *schema.Volume) string {
	t.Helper()
	b, err := json.MarshalIndent(struct {
		P  schema.Proceedings `json:"proceedings"`
		Ps []schema.Record    `json:"papers"`
	}{v.Proceedings, v.Papers}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEncodingFixtures(t *testing.T) {
	ref := readFixture(t, "fixtures/vee21.txt")
	// The reference's one warning (an unescaped & in a BibTeX title) has
	// nothing to do with encodings.
	opt := procx.Options{Validate: validate.Options{Disable: []schema.Code{"bibtex-unescaped"}}}
	want := procx.Process(context.Background(), "fixtures/vee21.txt", ref, opt)
	if n := len(want.Papers); n != 17 {
		t.Fatalf("reference has %d records, want 17", n)
	}
	if len(want.Diagnostics) != 0 {
		t.Fatalf("reference has diagnostics: %v", want.Diagnostics)
	}
	for _, fx := range encodingFixtures {
		t.Run(fx.name, func(t *testing.T) {
			path := filepath.Join("fixtures", "encoding", fx.name)
			made := fx.make(ref)
			if *updateEncoding {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, made, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", path)
			}
			data := readFixture(t, path)
			if !bytes.Equal(data, made) {
				t.Fatalf("%s is out of date; run go test -run TestEncodingFixtures -update-encoding", path)
			}
			got := procx.Process(context.Background(), path, data, opt)
			if got.Source.Encoding != fx.encoding {
				t.Errorf("source.encoding = %q, want %q", got.Source.Encoding, fx.encoding)
			}
			var codes []string
			for _, d := range got.Diagnostics {
				codes = append(codes, string(d.Code))
				if d.Line == 0 {
					t.Errorf("diagnostic without a line: %v", d)
				}
			}
			slices.Sort(codes)
			codes = slices.Compact(codes)
			if !slices.Equal(codes, fx.codes) {
				t.Errorf("diagnostic codes = %v, want %v", codes, fx.codes)
				for _, d := range got.Diagnostics {
					t.Log(d)
				}
			}
			if g, w := records(t, got), records(t, want); (g == w) != fx.same {
				if fx.same {
					t.Errorf("records differ from the reference:\n%s", difftest.Lines(w, g))
				} else {
					t.Errorf("records equal the reference; want them to differ")
				}
			}
		})
	}
}

// TestMojibakeLossy checks that mojibake that lost a byte is reported at
// its line and left alone.
func TestMojibakeLossy(t *testing.T) {
	data := readFixture(t, "fixtures/encoding/vee21.mojibake-cp1252.txt")
	v := procx.Process(context.Background(), "x.txt", data, procx.Options{})
	var repaired, left int
	for _, d := range v.Diagnostics {
		if d.Code != "mojibake" {
			continue
		}
		if !strings.Contains(d.Message, "cannot be repaired") {
			repaired++
		} else {
			left++
			if !strings.Contains(d.Message, "â€?") || !strings.Contains(d.Message, "partly repaired as \"“lift") {
				t.Errorf("unexpected unrepaired mojibake: %v", d)
			}
		}
	}
	if repaired == 0 || left == 0 {
		t.Errorf("repaired %d, left %d; want both", repaired, left)
	}
	for _, p := range v.Papers {
		for _, a := range p.Authors {
			if strings.ContainsAny(a.Name, "Ãâ") {
				t.Errorf("author %q not repaired", a.Name)
			}
		}
	}
}

// TestMojibakePosition checks a repaired word's diagnostic points at it.
func TestMojibakePosition(t *testing.T) {
	data := readFixture(t, "fixtures/encoding/vee21.mojibake.txt")
	v, f := procx.ProcessFile(context.Background(), "x.txt", data, procx.Options{})
	found := false
	for _, d := range v.Diagnostics {
		if d.Code == "mojibake" && strings.Contains(d.Message, "RÃ©veillÃ¨re") {
			found = true
			line := strings.Split(string(f.Text), "\n")[d.Line-1]
			col := []rune(line)[d.Column-1:]
			if !strings.HasPrefix(string(col), "Réveillère") {
				t.Errorf("diagnostic at %d:%d points at %q", d.Line, d.Column, string(col))
			}
		}
	}
	if !found {
		t.Error("no mojibake diagnostic for Réveillère")
	}
}

// TestNameDiagnosticsPositioned checks that what normalize finds in a name
// is reported at the name's line and column through its JSON Pointer.
func TestNameDiagnosticsPositioned(t *testing.T) {
	ref := string(readFixture(t, "fixtures/vee21.txt"))
	line := "Hajime Tazaki, Akira Moroo, Yohei Kuga, and Ryo Nakamura"
	bad := "Hajime T\u0430zaki, Akira\u200b Moroo, Yohei Kuga, and Ryo Nakamura"
	if !strings.Contains(ref, line) {
		t.Fatal("reference changed")
	}
	lineNo := strings.Count(ref[:strings.Index(ref, line)], "\n") + 1
	v := procx.Process(context.Background(), "x.txt", []byte(strings.Replace(ref, line, bad, 1)), procx.Options{})
	want := map[string]int{"mixed-script": 1, "invisible-char": 16}
	for _, d := range v.Diagnostics {
		col, ok := want[string(d.Code)]
		if !ok {
			continue
		}
		delete(want, string(d.Code))
		if d.Line != lineNo || d.Column != col {
			t.Errorf("%s at %d:%d, want %d:%d: %v", d.Code, d.Line, d.Column, lineNo, col, d)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v in %v", want, v.Diagnostics)
	}
	if a := v.Papers[3].Authors[1]; a.Name != "Akira Moroo" || a.Family != "Moroo" {
		t.Errorf("author = %+v", a)
	}
}
