package normalize_test

import (
	"fmt"

	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// A record as a reader leaves it: a name not yet split, an affiliation not
// yet parsed, a title with LaTeX left in it. Volume splits, parses and
// decodes, and reports what it changed or could not read.
func ExampleVolume() {
	v := &schema.Volume{
		Source: schema.Source{Path: "hand.txt"},
		Papers: []schema.Record{{
			Kind:         schema.KindPaper,
			Title:        `Sch\"{o}lkopf Meets  Kernels`,
			Authors:      []schema.Author{{Name: "Noël de Palma"}, {Name: "LIU, Ao"}},
			Affiliations: []schema.Affiliation{{Name: "University of Côte d'Azur, France"}},
		}},
	}
	normalize.Volume(v)
	p := v.Papers[0]
	fmt.Println(p.Title)
	for _, a := range p.Authors {
		fmt.Printf("%q %q %q\n", a.Given, a.Family, a.Particle)
	}
	fmt.Println(p.Affiliations[0].Institution, "|", p.Affiliations[0].CountryCode)
	for _, d := range v.Diagnostics {
		fmt.Println(d.Pointer, d.Code, d.Message)
	}
	// Output:
	// Schölkopf Meets Kernels
	// "Noël" "de Palma" "de"
	// "Ao" "LIU" ""
	// University of Côte d'Azur | FR
	// /papers/0/authors/1/name name-case family name "LIU" is all capitals in "Ao LIU"; kept as written
}
