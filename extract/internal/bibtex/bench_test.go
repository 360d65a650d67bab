package bibtex

import (
	"testing"

	"github.com/procx/procx/internal/gen"
)

func BenchmarkParse(b *testing.B) {
	src := gen.BibTeX(300, 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Append(nil, src, 0, nil, Limits{}, nil)
	}
}
