package text

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Data-Driven Con-trol", "datadrivencontrol"},
		{"data driven control", "datadrivencontrol"},
		{"Gauss’ Principle", "gaussprinciple"},
		{"Noël de Palma", "noeldepalma"},
		{"Conﬁdence ℓ1", "confidencel1"},
		{"Mårtensson", "martensson"},
		{"L1-GP: L1 Adaptive", "l1gpl1adaptive"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := FoldWords("Universal Simulation of Stable Dynamical-Systems"); !slices.Equal(got, []string{"universal", "simulation", "of", "stable", "dynamical", "systems"}) {
		t.Errorf("FoldWords = %q", got)
	}
}
