package extract

import "github.com/procx/procx/schema"

// A table of contents of n papers made some ten allocations per paper:
// its positions, authors, affiliations, BibTeX struct and pages each had
// their own. A recordAlloc hands them out of a few arrays per volume
// instead. Every slice it returns has its capacity at its end, so that
// appending to one record's list never writes into the next record's;
// the records of a volume keep the arrays alive together, as they keep
// their text alive.

// slab hands out slices of a shared array, a new array of at least chunk
// elements when the last is used up.
type slab[T any] struct {
	free  []T // the unused end of the current array; len(free) == cap(free)
	chunk int
}

// take returns a slice of length 0 and capacity n. For n == 0 it is
// empty but not nil, as make([]T, 0, 0) is.
func (s *slab[T]) take(n int) []T {
	if n <= 0 {
		return []T{}
	}
	if n > len(s.free) {
		s.free = make([]T, max(n, s.chunk))
	}
	out := s.free[:0:n]
	s.free = s.free[n:]
	return out
}

// put returns a pointer to a copy of v in the slab.
func (s *slab[T]) put(v T) *T {
	l := s.take(1)[:1]
	l[0] = v
	return &l[0]
}

// recordAlloc allocates the parts of the records of one volume. A nil
// *recordAlloc allocates each part on its own, for readers that have not
// been given one.
type recordAlloc struct {
	pos     slab[schema.Position]
	authors slab[schema.Author]
	affs    slab[schema.Affiliation]
	bibs    slab[schema.BibTeX]
	pages   slab[schema.Pages]
}

// posPerPaper is the room for positions a paper record starts with: its
// title, authors, affiliations, abstract, BibTeX fields and span.
const posPerPaper = 24

// newRecordAlloc returns an allocator for a volume of about n records.
func newRecordAlloc(n int) *recordAlloc {
	n = min(max(n, 1), 256) // arrays for up to 256 records at a time
	return &recordAlloc{
		pos:     slab[schema.Position]{chunk: n * posPerPaper},
		authors: slab[schema.Author]{chunk: n * 4},
		affs:    slab[schema.Affiliation]{chunk: n * 2},
		bibs:    slab[schema.BibTeX]{chunk: n},
		pages:   slab[schema.Pages]{chunk: n},
	}
}

// positions returns an empty list of positions with room for n.
func (a *recordAlloc) positions(n int) schema.Positions {
	if a == nil {
		return make(schema.Positions, 0, n)
	}
	return a.pos.take(n)
}

// authorList returns an empty, non-nil author list with room for n.
func (a *recordAlloc) authorList(n int) []schema.Author {
	if a == nil {
		return make([]schema.Author, 0, n)
	}
	return a.authors.take(n)
}

// affiliationList returns an empty, non-nil affiliation list with room
// for n.
func (a *recordAlloc) affiliationList(n int) []schema.Affiliation {
	if a == nil {
		return make([]schema.Affiliation, 0, n)
	}
	return a.affs.take(n)
}

// bibTeX returns a pointer to a BibTeX struct holding b.
func (a *recordAlloc) bibTeX(b schema.BibTeX) *schema.BibTeX {
	if a == nil {
		p := new(schema.BibTeX) // not &b, which would put every b on the heap
		*p = b
		return p
	}
	return a.bibs.put(b)
}

// pagesOf returns a pointer to a Pages struct holding p.
func (a *recordAlloc) pagesOf(p schema.Pages) *schema.Pages {
	if a == nil {
		q := new(schema.Pages)
		*q = p
		return q
	}
	return a.pages.put(p)
}
