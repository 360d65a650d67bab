package text

import (
	"strings"
	"testing"
)

// benchAbstract is a paragraph of clean ASCII prose, the bulk of the text
// Volume reads.
var benchAbstract = strings.TrimSpace(strings.Repeat("Our evaluation on standard benchmarks shows speedups of up to 2.5x over the state of the art. ", 8))

// benchNames are author names as the readers give them: most ASCII or
// accented Latin, already clean.
var benchNames = []string{"Noël Núñez", "Ana O'Keeffe", "Carlos Vilanova", "Anna-Lena Kowalczyk", "Vasily A. di Stefano", "Oğuz Ishiguro", "Lluís Dvořák", "Mei Zhang"}

func BenchmarkCleanAbstract(b *testing.B) {
	b.SetBytes(int64(len(benchAbstract)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(benchAbstract)
	}
}

func BenchmarkParseName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range benchNames {
			ParseName(n)
		}
	}
}

// benchBibNames are names in the forms plainName declines, which parseName
// reads: BibTeX's "von Last, First" and "von Last, Jr, First", LaTeX
// accents, braces and ties.
var benchBibNames = []string{`Sch\"{o}lkopf, Bernhard`, "van der Waals, Jr, Johannes", "K. Warmuth, Manfred", "{Barnes and Noble, Inc.}", "de Palma, Noël", "John Smith, Jr.", "Guy~Van den Broeck", `Dvo{\v r}{\'a}k, Llu{\'\i}s`}

func BenchmarkParseNameBibTeX(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range benchBibNames {
			ParseName(n)
		}
	}
}

// benchMojibake is accented prose decoded once too often, with a word
// that lost a byte ("Ã" and U+FFFD) and one cut short ("â€").
var benchMojibake = mojibake(strings.Repeat("Noël Núñez, Lluís Dvořák and Oğuz “Réveillère’s” café — ", 4)) + "Ã\uFFFD and â€ end"

func BenchmarkRepairMojibake(b *testing.B) {
	b.SetBytes(int64(len(benchMojibake)))
	b.ReportAllocs()
	for b.Loop() {
		RepairMojibake(benchMojibake)
	}
}
