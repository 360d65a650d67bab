// Package difftest shows where two texts differ, for golden-file tests.
package difftest

import (
	"strconv"
	"strings"
)

// Lines returns the first ten lines where want and got differ, each as
// "line N:" followed by the wanted ("- ") and the got ("+ ") line.
func Lines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
