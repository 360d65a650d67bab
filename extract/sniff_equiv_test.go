package extract

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/tocline"
)

// The per-file scans that were rewritten (sniffers, decoding) are held
// here to what they replaced.

// hasOpenTOCMarkerRef is what OpenTOCHTML.Sniff asked before
// hasOpenTOCMarker.
func hasOpenTOCMarkerRef(head []byte) bool {
	return bytes.Contains(head, []byte("DLtitleLink")) || bytes.Contains(head, []byte(`id="DLtoc"`))
}

// sniffTOCRef is sniffTOC as it was, walking every line to the first
// entry start.
func sniffTOCRef(head []byte) int {
	first := -1
	for off := 0; off < len(head); {
		end := bytes.IndexByte(head[off:], '\n')
		if end < 0 {
			end = len(head) - off
		}
		line := bytes.TrimLeft(head[off:off+end], " \t")
		if len(line) > 0 && line[0] == '@' && bibtex.IsEntryStart(line[:min(len(line), 40)]) {
			first = off
			break
		}
		off += end + 1
	}
	if first < 0 {
		if tocline.ReAffiliation.Match(head) {
			return 20
		}
		return 0
	}
	if prose := strings.TrimSpace(string(head[:first])); prose != "" && !strings.HasPrefix(prose, "%") {
		return 80
	}
	return 10
}

// countEntryStartsRef is countEntryStarts as it was, walking every line.
func countEntryStartsRef(text []byte, limit int) int {
	n := 0
	for off := 0; off < len(text) && n < limit; {
		line := text[off:]
		end := bytes.IndexByte(line, '\n')
		if end >= 0 {
			line = line[:end]
		}
		if bibtex.IsEntryStart(line) {
			n++
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return n
}

// perFileSeeds are the fixtures and a few hand-made inputs.
func perFileSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		nil, []byte("@a{"), []byte(" @a{\n@b("), []byte("x\n\t@" + strings.Repeat("a", 37) + " {"), []byte("% c\n@a{"),
		[]byte("10.1/x}"), []byte("10.1/x{"), []byte("10.1/x\u00a0"), []byte("10.1/x\\_y"), []byte("10.1/x\v"), []byte("DL"), []byte("DLtitleLink"), []byte(`id="DLtoc"`), []byte(`xid="DLtoc"`),
		[]byte(`id="DLtitleLink`), []byte(`DLDLtitleLink`), []byte(`id="DLid="DLtoc"`), []byte(`d="DLtoc"`),
		[]byte("a\x00b\x00c\x00"), []byte("\x00a\x00b\x00c"), []byte("\x00\x00\x00\x00"),
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
	pieces := []string{"DL", "DLtitleLink", `id="DLtoc"`, "\x00", "\x00\x00", "D", "L", "id=\"",
		"@", "\n@a{", " \t@InProceedings{", "@InProceedings", "\n", "\r\n", "(", ")", "%", "10.", "{", "}", "\\_", " ", "\u00a0", "@" + strings.Repeat("a", 38) + "{"}
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
	if got, want := sniffTOC(data), sniffTOCRef(data); got != want {
		t.Fatalf("sniffTOC(%.80q) = %d, want %d", data, got, want)
	}
	for _, limit := range []int{1, 3, 1 << 30} {
		if got, want := bibtex.CountEntryStarts(data, limit), countEntryStartsRef(data, limit); got != want {
			t.Fatalf("bibtex.CountEntryStarts(%.80q, %d) = %d, want %d", data, limit, got, want)
		}
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
