package source

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// utf16PatternRef is utf16Pattern without its NUL precheck.
func utf16PatternRef(data []byte) string {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*9 && even*10 < pairs:
		return "utf-16le"
	case even*10 >= pairs*9 && odd*10 < pairs:
		return "utf-16be"
	}
	return ""
}

func TestUTF16PatternMatchesRef(t *testing.T) {
	seeds := [][]byte{nil, []byte("a\x00b\x00c\x00"), []byte("\x00a\x00b\x00c"), []byte("\x00\x00\x00\x00"),
		utf16Bytes("Noël Réveillère", false, false), utf16Bytes("Noël", true, false), []byte("plain ascii text")}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"\x00", "\x00\x00", "a", "é", "\n"}
	for _, s := range seeds {
		for range 200 {
			data := append([]byte(nil), s...)
			for range r.IntN(6) {
				at := 0
				if len(data) > 0 {
					at = r.IntN(len(data))
				}
				data = append(data[:at:at], append([]byte(pieces[r.IntN(len(pieces))]), data[at:]...)...)
			}
			if got, want := utf16Pattern(data), utf16PatternRef(data); got != want {
				t.Fatalf("utf16Pattern(%.80q) = %q, want %q", data, got, want)
			}
		}
	}
	if strings.Contains(utf16Pattern(utf16Bytes("Noël Réveillère", false, false)), "le") == false {
		t.Fatal("utf16Pattern does not find UTF-16LE text")
	}
}

// TestStandsForContinuationMatchesRef: every rune up to U+FFFF and a few
// above, and the invalid -1, against the test it was before its ASCII
// shortcut.
func TestStandsForContinuationMatchesRef(t *testing.T) {
	ref := func(r rune) bool { return r >= 0x80 && r <= 0xBF || strings.ContainsRune(cp1252High, r) }
	for r := rune(-1); r <= 0x10000; r++ {
		if got, want := standsForContinuation(r), ref(r); got != want {
			t.Fatalf("standsForContinuation(%U) = %v, want %v", r, got, want)
		}
	}
}
