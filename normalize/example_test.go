package normalize_test

import (
	"fmt"

	"github.com/procx/procx/normalize"
)

func ExampleName() {
	a := normalize.Name("Noël de Palma")
	fmt.Printf("%q %q %q\n", a.Given, a.Family, a.Particle)
	// Output: "Noël" "de Palma" "de"
}

func ExampleAffiliation() {
	a := normalize.Affiliation("University of Côte d'Azur, France")
	fmt.Println(a.Institution, "|", a.Country, a.CountryCode)
	// Output: University of Côte d'Azur | France FR
}
