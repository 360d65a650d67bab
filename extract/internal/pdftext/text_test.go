package pdftext

import (
	"reflect"
	"strings"
	"testing"
)

func TestToUnicodeCMap(t *testing.T) {
	m := parseToUnicode([]byte(`/CIDInit /ProcSet findresource begin
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange <0000> <FFFF> <0000> <0300> <0302> [<0041> <00660069> <D83DDE00>] endbfrange
2 beginbfchar <F001> <FB01> <0005> /space endbfchar`))
	for _, c := range []struct {
		code uint32
		want string
	}{
		{0x0141, "Ł"}, {0x0159, "ř"}, {0x201C, "“"}, {0x00E9, "é"}, {0x0041, "A"},
		{0xF001, "ﬁ"}, {0x0301, "fi"}, {0x0302, "😀"}, {0x0005, " "},
	} {
		if got, ok := m.lookup(c.code, 2); !ok || got != c.want {
			t.Errorf("lookup(%#04x) = %q, %v; want %q", c.code, got, ok, c.want)
		}
	}
	if n := m.codeLen("\x01\x41", 1); n != 2 {
		t.Errorf("codeLen = %d, want 2", n)
	}
}

func TestLexPS(t *testing.T) {
	var ops []string
	var strs []string
	lexPS([]byte(`BT (a\(b\)\\c\101\n) Tj <48 65 6c6c 6F> Tj [(x) -250 (y)] TJ BI /W 1 ID `+"\x00\xff"+` EI q 1 0 0 1 2.5 -.5 cm /F1 9 Tf % comment
ET`), func(op string, args []psObj) bool {
		ops = append(ops, op)
		for _, a := range args {
			if a.kind == psString {
				strs = append(strs, a.str)
			}
		}
		return true
	})
	if got := strings.Join(ops, " "); got != "BT Tj Tj TJ BI ID q cm Tf ET" {
		t.Errorf("ops = %q", got)
	}
	if want := []string{"a(b)\\cA\n", "Hello"}; !reflect.DeepEqual(strs, want) {
		t.Errorf("strings = %q, want %q", strs, want)
	}
}

func TestExpandLigatures(t *testing.T) {
	if got := ExpandLigatures("eﬃcient ﬁle ﬂow oﬀ baﬄe"); got != "efficient file flow off baffle" {
		t.Errorf("got %q", got)
	}
}
