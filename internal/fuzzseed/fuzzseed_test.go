package fuzzseed

import (
	"bytes"
	"os"
	"testing"
)

func TestPieces(t *testing.T) {
	ref, err := os.ReadFile("../../fixtures/vee21.txt")
	if err != nil {
		t.Fatal(err)
	}
	ps := Pieces(ref, 3000)
	if !bytes.Equal(bytes.Join(ps, nil), ref) {
		t.Fatal("pieces do not add up to the text")
	}
	for i, p := range ps {
		t.Logf("piece %d: %d bytes", i, len(p))
		if len(p) > 2*3000+2000 {
			t.Errorf("piece %d has %d bytes", i, len(p))
		}
	}
	if len(ps) < 5 {
		t.Errorf("%d pieces", len(ps))
	}
}
