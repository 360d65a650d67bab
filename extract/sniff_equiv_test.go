package extract

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The per-file scans that were rewritten (sniffers, decoding) are held
// here to what they replaced.

// hasOpenTOCMarkerRef is what OpenTOCHTML.Sniff asked before
// hasOpenTOCMarker.
func hasOpenTOCMarkerRef(head []byte) bool {
	return bytes.Contains(head, []byte("DLtitleLink")) || bytes.Contains(head, []byte(`id="DLtoc"`))
}

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

// perFileSeeds are the fixtures and a few hand-made inputs.
func perFileSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		nil, []byte("DL"), []byte("DLtitleLink"), []byte(`id="DLtoc"`), []byte(`xid="DLtoc"`),
		[]byte(`id="DLtitleLink`), []byte(`DLDLtitleLink`), []byte(`id="DLid="DLtoc"`), []byte(`d="DLtoc"`),
		[]byte("a\x00b\x00c\x00"), []byte("\x00a\x00b\x00c"), []byte("\x00\x00\x00\x00"),
		utf16Bytes("Noël Réveillère", false, false), utf16Bytes("Noël", true, false),
	}
	for _, glob := range []string{"fixtures/*/*", "fixtures/*.txt", "extract/testdata/*/*"} {
		files, _ := filepath.Glob(filepath.Join("..", glob))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				seeds = append(seeds, data)
			}
		}
	}
	return seeds
}

// mutate returns data with a few random bytes or markers written over it.
func mutate(r *rand.Rand, data []byte) []byte {
	out := append([]byte(nil), data...)
	pieces := []string{"DL", "DLtitleLink", `id="DLtoc"`, "\x00", "\x00\x00", "D", "L", "id=\""}
	for range r.IntN(4) {
		p := pieces[r.IntN(len(pieces))]
		at := 0
		if len(out) > 0 {
			at = r.IntN(len(out))
		}
		out = append(out[:at:at], append([]byte(p), out[at:]...)...)
	}
	return out
}

func checkPerFileScans(t *testing.T, data []byte) {
	t.Helper()
	if got, want := hasOpenTOCMarker(data), hasOpenTOCMarkerRef(data); got != want {
		t.Fatalf("hasOpenTOCMarker(%.80q) = %v, want %v", data, got, want)
	}
	if got, want := utf16Pattern(data), utf16PatternRef(data); got != want {
		t.Fatalf("utf16Pattern(%.80q) = %q, want %q", data, got, want)
	}
}

func TestPerFileScansMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, s := range perFileSeeds(t) {
		checkPerFileScans(t, s)
		for range 50 {
			checkPerFileScans(t, mutate(r, s[:min(len(s), 200+r.IntN(300))]))
		}
	}
}

func FuzzPerFileScans(f *testing.F) {
	for _, s := range perFileSeeds(f) {
		f.Add(s[:min(len(s), 8192)])
	}
	f.Fuzz(checkPerFileScans)
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
