package export

import (
	"testing"

	"github.com/procx/procx/schema"
)

// TestBibTeXNameBraces: a family name BibTeX would split into von and
// last parts is braced (after its particle, which stays a von part); one
// BibTeX reads as procx does is written plainly.
func TestBibTeXNameBraces(t *testing.T) {
	for _, c := range []struct {
		a    schema.Author
		want string
	}{
		{schema.Author{Given: "Sabine", Family: "Schulte im Walde"}, "{Schulte im Walde}, Sabine"},
		{schema.Author{Given: "Umair", Family: "ul Hassan"}, "{ul Hassan}, Umair"},
		{schema.Author{Given: "Jorge", Family: "Carrillo-de-Albornoz"}, "{Carrillo-de-Albornoz}, Jorge"},
		{schema.Author{Given: "Jose", Family: "de Gea Fernandez", Particle: "de"}, "de {Gea Fernandez}, Jose"},
		{schema.Author{Given: "Špela", Family: "Arhar Holdt"}, "{Arhar Holdt}, Špela"},
		{schema.Author{Given: "Noël", Family: "de Palma", Particle: "de"}, "de Palma, Noël"},
		{schema.Author{Given: "Lucila", Family: "Sanchez-Ortega"}, "Sanchez-Ortega, Lucila"},
		{schema.Author{Given: "Ada", Family: "Lovelace"}, "Lovelace, Ada"},
	} {
		c.a.Name = c.a.Given + " " + c.a.Family
		if got := (&BibTeX{}).name(c.a); got != c.want {
			t.Errorf("name(%+v) = %q, want %q", c.a, got, c.want)
		}
	}
}
