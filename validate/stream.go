package validate

import (
	"slices"
	"sync"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// CrossRecordCodes are the codes of the checks that compare the records of
// a container with each other (doi prefix, duplicates, the page sequence); every other
// check reads one record and the volume's metadata. A reader that streams
// a volume runs the others record by record (Options.Disable with these
// codes) and these once over the entries of each container (Compare).
var CrossRecordCodes = []schema.Code{
	schema.DOIPrefix, schema.DuplicateDOI, schema.DuplicateKey, schema.DuplicateTitle,
	schema.PagesOverlap, schema.PagesGap,
}

// Compare runs the checks of CrossRecordCodes over the entries of one
// container (those of its records, in input order), as Volume runs them
// over a volume's records, and hands what they find to emit, a few
// thousand at a time, each check's in the order Volume finds them (emit
// is called by one goroutine at a time). Their pointers name records by
// the entries' Index; path is the input's. texts gives the records' text
// for the findings; lost are the sorted input offsets of the syntax
// errors that cost the input an entry (see LostEntry), which silence the
// gaps they may explain. A container of parallelMin records or more, up
// to compareAlone, is checked on every core; a larger one on one core,
// with one check's memory at a time.
func Compare(path string, es []Entry, texts Texts, lost []int, opt Options, emit func([]schema.Diagnostic)) {
	cmp := &comparing{groups: [][]Entry{es}, texts: texts, lost: lost}
	v := &schema.Volume{Source: schema.Source{Path: path}}
	var run []volumeCheck
	for _, c := range checks {
		if slices.Contains(CrossRecordCodes, c.code) && !slices.Contains(opt.Disable, c.code) {
			run = append(run, c)
		}
	}
	var mu sync.Mutex
	locked := func(ds []schema.Diagnostic) {
		if len(ds) > 0 {
			mu.Lock()
			defer mu.Unlock()
			emit(ds)
		}
	}
	chunks := [][2]int{{0, len(run)}}
	if len(es) >= parallelMin && len(es) <= compareAlone {
		chunks = par.Split(len(run), 1)
	}
	par.Run(chunks, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			locked(runCheck(&checkPass{Volume: v, cmp: cmp, emit: locked}, run[i], opt))
		}
	})
}

// compareAlone is the number of entries over which Compare runs the
// checks one after the other.
const compareAlone = 1 << 19
