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
