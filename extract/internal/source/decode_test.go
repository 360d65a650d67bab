package source

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/procx/procx/internal/text"
)

func utf16Bytes(s string, big, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	const text = "Noël de Palma and Laurent Réveillère\nµKontainer “lift”\n"
	for _, tc := range []struct {
		name     string
		in       []byte
		want     string
		encoding string
		diags    []string // messages, in order
	}{
		{"utf-8", []byte(text), text, "utf-8", nil},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, "utf-8-bom", nil},
		{"utf-16le bom", utf16Bytes(text, false, true), text, "utf-16le", nil},
		{"utf-16be bom", utf16Bytes(text, true, true), text, "utf-16be", nil},
		{"utf-16le", utf16Bytes(text, false, false), text, "utf-16le",
			[]string{"input has no byte order mark but its NUL bytes follow the utf-16le pattern; decoded as utf-16le"}},
		{"utf-16be", utf16Bytes(text, true, false), text, "utf-16be",
			[]string{"input has no byte order mark but its NUL bytes follow the utf-16be pattern; decoded as utf-16be"}},
		{"windows-1252", []byte("No\xebl \x93q\x94 \x80 \x9d"), "Noël “q” € \u009d", "windows-1252",
			[]string{"input is not valid UTF-8 (byte 0xEB at offset 2); decoded as windows-1252"}},
		{"mojibake", []byte("Laurent RÃ©veillÃ¨re\nitâ€™s"), "Laurent Réveillère\nit’s", "utf-8",
			[]string{`mojibake "RÃ©veillÃ¨re" repaired as "Réveillère"`, `mojibake "itâ€™s" repaired as "it’s"`}},
		{"utf-8 mixed with windows-1252", []byte("Réveill\xe8re"), "Réveillère", "windows-1252",
			[]string{"input is not valid UTF-8 (byte 0xE8 at offset 8); decoded as windows-1252", `mojibake "RÃ©veillère" repaired as "Réveillère"`}},
		{"lossy mojibake", []byte("shiftâ€? now"), "shiftâ€? now", "utf-8",
			[]string{`"shiftâ€?" looks like mojibake but cannot be repaired exactly; left as written`}},
		{"empty", nil, "", "utf-8", nil},
		{"one byte", []byte{0xFF}, "ÿ", "windows-1252", []string{"input is not valid UTF-8 (byte 0xFF at offset 0); decoded as windows-1252"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Decode("in.txt", tc.in)
			if string(doc.Text) != tc.want {
				t.Errorf("text = %q, want %q", doc.Text, tc.want)
			}
			if doc.Encoding != tc.encoding {
				t.Errorf("encoding = %q, want %q", doc.Encoding, tc.encoding)
			}
			var msgs []string
			for _, d := range doc.Diagnostics {
				msgs = append(msgs, d.Message)
				if d.Path != "in.txt" {
					t.Errorf("diagnostic path = %q", d.Path)
				}
				if d.Off < 0 || d.Off > len(doc.Text) || d.End > len(doc.Text) {
					t.Errorf("diagnostic %q at %d-%d outside the text", d.Message, d.Off, d.End)
				}
				if d.Code == "mojibake" && d.End > d.Off {
					if got := string(doc.Text[d.Off:d.End]); !strings.Contains(d.Message, got) {
						t.Errorf("mojibake diagnostic %q points at %q", d.Message, got)
					}
				}
			}
			if strings.Join(msgs, "\n") != strings.Join(tc.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tc.diags, "\n"))
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("Noël"))
	f.Add([]byte("RÃ©veillÃ¨re â€™"))
	f.Add(utf16Bytes("Noël", false, false))
	f.Add([]byte{0xFE, 0xFF, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Decode("f", data)
		if !utf8.Valid(doc.Text) {
			t.Fatalf("decoded text is not valid UTF-8: %q", doc.Text)
		}
		for _, d := range doc.Diagnostics {
			if d.Off < 0 || d.Off > len(doc.Text) || d.End > len(doc.Text) {
				t.Fatalf("diagnostic %q at %d-%d outside %d bytes", d.Message, d.Off, d.End, len(doc.Text))
			}
		}
	})
}

// checkMojibakePrecheck: text that mayBeMojibake turns away has nothing
// for text.RepairMojibake to find.
func checkMojibakePrecheck(t *testing.T, b []byte) {
	t.Helper()
	if mayBeMojibake(b) {
		return
	}
	if out, found := text.RepairMojibake(string(b)); len(found) > 0 || out != string(b) {
		t.Fatalf("mayBeMojibake(%q) = false, but RepairMojibake finds %+v", b, found)
	}
}

func TestMayBeMojibake(t *testing.T) {
	// Every lead character (and its neighbours) followed by every
	// character of Latin-1, Latin Extended, IPA and spacing modifiers and
	// General Punctuation to Letterlike Symbols (where Windows-1252 puts
	// the rest of 0x80..0x9F), and by the bytes of broken UTF-8.
	var followers []string
	for r := rune(0); r < 0x300; r++ {
		followers = append(followers, string(r))
	}
	for r := rune(0x2000); r < 0x2200; r++ {
		followers = append(followers, string(r))
	}
	followers = append(followers, "\uFFFD", "\xff", "\x80", "\xe2\x80", "")
	for lead := rune(0xC0); lead <= 0xF6; lead++ {
		for _, f := range followers {
			for _, after := range []string{"", "\u00a9", "\u00a9\u0080", "\u00a9\u0080\u2122", "\u00a9x", "?"} {
				checkMojibakePrecheck(t, []byte("a"+string(lead)+f+after))
			}
		}
	}
	for _, s := range []string{"Noël Müller", "RÃ©veillÃ¨re", "â€™", "Ã?", "Ã\uFFFD", "ÃƒÂ©", "café au lait"} {
		checkMojibakePrecheck(t, []byte(s))
	}
	if mayBeMojibake([]byte("Noël Müller, José Ñúñez, Tomáš Šimánek")) {
		t.Error("names with accents are taken for possible mojibake")
	}
}

func FuzzMojibakePrecheck(f *testing.F) {
	f.Add([]byte("Noël"))
	f.Add([]byte("RÃ©veillÃ¨re â€™"))
	f.Add([]byte("Ã?"))
	f.Add([]byte("Tomáš ðŸ˜€ â€"))
	f.Fuzz(checkMojibakePrecheck)
}

// TestTextString: the string of a document follows its Text when a reader
// replaces it, and is the repaired text after a mojibake repair.
func TestTextString(t *testing.T) {
	doc := Decode("a.txt", []byte("RÃ©veillÃ¨re and Noël"))
	if got := doc.TextString(); got != string(doc.Text) || got != "Réveillère and Noël" {
		t.Fatalf("TextString = %q, Text %q", got, doc.Text)
	}
	doc.Text = []byte("other")
	if got := doc.TextString(); got != "other" {
		t.Fatalf("after replacing Text: %q", got)
	}
	doc.Text = doc.Text[:3]
	if got := doc.TextString(); got != "oth" {
		t.Fatalf("after shortening Text: %q", got)
	}
	doc.Text = nil
	if got := doc.TextString(); got != "" {
		t.Fatalf("after clearing Text: %q", got)
	}
}
