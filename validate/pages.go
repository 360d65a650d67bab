package validate

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

func runPagesFormat(p *checkPass) {
	for i, r := range p.Volume.Papers {
		pagesTextAgrees(p, i, r.Pages, r.Title)
		if r.BibTeX == nil {
			continue
		}
		pages, ok := r.BibTeX.Fields["pages"]
		if !ok {
			continue
		}
		if _, err := schema.ParsePages(pages); err != nil {
			p.Report(ptr(i, "/bibtex/fields/pages"), nil, "%v in %q", err, text.Clip(r.Title, 60))
		}
	}
}

// pagesTextAgrees reports a record's pages whose text, as written, reads
// as another first or last page than theirs: a JSON volume edited by hand
// ("text": "1--2" left beside "first": 15).
func pagesTextAgrees(p *checkPass, i int, pg *schema.Pages, title string) {
	if pg == nil || pg.Text == "" {
		return
	}
	read, err := schema.ParsePages(pg.Text)
	if err != nil {
		// A reader keeps a text it read its own way ("i-xviii, 1-298"
		// of a dblp book, first 1 and last 298): nothing to compare.
		return
	}
	if read.First != pg.First || read.Last != pg.Last {
		p.Report(ptr(i, "/pages/text"), nil, "pages text %q of %q reads %d to %d, but first is %d and last is %d",
			text.Clip(pg.Text, 40), text.Clip(title, 60), read.First, read.Last, pg.First, pg.Last)
	}
}

func runPagesReversed(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.Pages != nil && r.Pages.First > r.Pages.Last {
			p.Report(ptr(i, "/pages"), nil, "page range %s of %q ends before it starts", pagesText(r.Pages), text.Clip(r.Title, 60))
		}
	}
}

// runPageSequence reports overlaps and, through the pages-gap check, gaps.
// The two share one sort; the gap check has no Run of its own.
func runPageSequence(p *checkPass) {
	for _, es := range p.cmp.groups {
		pageSequence(p, es, !p.disabled(schema.PagesGap))
	}
}

// pageSequence reports the overlaps and gaps of one container's pages. A
// volume numbers its papers in sequences: by article, and roman front
// matter apart from arabic pages. The records' places in es of each
// sequence are sorted by first page (input order among equal ones) and
// compared in turn.
func pageSequence(p *checkPass, es []Entry, gapsOn bool) {
	type seqKey struct {
		article uint64
		roman   bool
	}
	var keys []seqKey
	var counts []int
	var index map[seqKey]int // past a few sequences (article numbers: one a paper)
	seqOf := func(e *Entry) int {
		k := seqKey{e.Article, e.Flags&entryRoman != 0}
		if index != nil {
			if s, ok := index[k]; ok {
				return s
			}
		} else {
			for s := range keys { // a volume has one sequence or a few
				if keys[s] == k {
					return s
				}
			}
		}
		keys, counts = append(keys, k), append(counts, 0)
		if len(keys) == 8 {
			index = make(map[seqKey]int)
			for s, k := range keys {
				index[k] = s
			}
		} else if index != nil {
			index[k] = len(keys) - 1
		}
		return len(keys) - 1
	}
	total := 0
	for i := range es {
		if es[i].hasPages() {
			counts[seqOf(&es[i])]++
			total++
		}
	}
	// The sequences, one after the other, in one array.
	order, at := make([]int32, total), make([]int, len(keys))
	for s := 1; s < len(keys); s++ {
		at[s] = at[s-1] + counts[s-1]
	}
	for i := range es {
		if es[i].hasPages() {
			s := seqOf(&es[i])
			order[at[s]] = int32(i)
			at[s]++
		}
	}
	sq := sequencer{p: p, es: es, gapsOn: gapsOn}
	lo := 0
	for s := range keys {
		seq := order[lo : lo+counts[s]]
		lo += counts[s]
		slices.SortStableFunc(seq, func(a, b int32) int { return cmp.Compare(es[a].First, es[b].First) })
		sq.run(seq, keys[s].article != 0)
	}
}

// sequencer compares the records of a page sequence in turn.
type sequencer struct {
	p      *checkPass
	es     []Entry
	gapsOn bool
	unpl   []int32 // the papers with no usable page range before each place in es, once a gap asks
	cached int32   // the place in es of the text last read, plus one (0: none)
	last   Text
}

// run compares the records of seq (places in es, sorted by first page).
// Records are in one sequence by the hash of their article numbers: when
// the texts of two show another article each (a collision), the
// sequence is sorted out again by the article numbers' texts.
func (sq *sequencer) run(seq []int32, articles bool) {
	p, es := sq.p, sq.es
	reported := len(p.found)
	for k := 1; k < len(seq); k++ {
		if !articles {
			p.flush() // nothing to take back: no sequence to sort out again
		}
		prev, cur := &es[seq[k-1]], &es[seq[k]]
		overlap := cur.First <= prev.Last
		if !overlap && !(sq.gapsOn && cur.First > prev.Last+1 && !sq.unplaced(seq[k-1], seq[k])) {
			continue
		}
		pt, ct := sq.text(seq[k-1]), sq.text(seq[k])
		if articles && pt.Article != ct.Article {
			p.found = p.found[:reported]
			sq.split(seq)
			return
		}
		// The messages are written by hand rather than by fmt: a dump
		// has tens of thousands.
		prevTitle, curTitle := strconv.Quote(text.Clip(pt.Title, 60)), strconv.Quote(text.Clip(ct.Title, 60))
		prevPages, curPages := pagesOf(prev, &pt), pagesOf(cur, &ct)
		if overlap {
			p.Report(ptr(int(cur.Index), "/pages"),
				[]schema.Related{RelatedAt(ptr(int(prev.Index), "/pages"), "%s", prevTitle+" has pages "+prevPages)},
				"%s", "pages "+curPages+" of "+curTitle+" overlap "+prevTitle+" ("+prevPages+")")
			continue
		}
		if lostBetween(p.cmp.lost, pt.PagesOff, ct.PagesOff) {
			continue
		}
		missing := strconv.FormatInt(prev.Last+1, 10)
		if cur.First-1 > prev.Last+1 {
			missing += "-" + strconv.FormatInt(cur.First-1, 10)
		}
		p.ReportAs(schema.PagesGap, ptr(int(cur.Index), "/pages"),
			[]schema.Related{RelatedAt(ptr(int(prev.Index), "/pages"), "%s", prevTitle+" ends on page "+strconv.FormatInt(prev.Last, 10))},
			"%s", "pages "+missing+" missing between "+prevTitle+" ("+prevPages+") and "+curTitle+" ("+curPages+")")
	}
}

// text is the text of the record at place i of es; the last one read is
// kept, as each record of a sequence is compared with the one before and
// the one after it.
func (sq *sequencer) text(i int32) Text {
	if sq.cached != i+1 {
		sq.cached, sq.last = i+1, sq.p.text(&sq.es[i])
	}
	return sq.last
}

// split runs the records of seq by the texts of their article numbers.
func (sq *sequencer) split(seq []int32) {
	by := map[string][]int32{}
	var articles []string
	for _, i := range seq {
		a := sq.p.text(&sq.es[i]).Article
		if _, ok := by[a]; !ok {
			articles = append(articles, a)
		}
		by[a] = append(by[a], i)
	}
	for _, a := range articles {
		sq.run(by[a], false)
	}
}

// unplaced reports whether a paper between places a and b of es has no
// usable page range: the missing pages may be its own, so a gap between
// a and b is not reported.
func (sq *sequencer) unplaced(a, b int32) bool {
	if sq.unpl == nil {
		sq.unpl = make([]int32, len(sq.es)+1)
		for i := range sq.es {
			sq.unpl[i+1] = sq.unpl[i]
			if e := &sq.es[i]; e.Flags&entryPaper != 0 && !e.hasPages() {
				sq.unpl[i+1]++
			}
		}
	}
	lo, hi := min(a, b), max(a, b)
	return sq.unpl[hi] > sq.unpl[lo+1]
}

// lostEntries returns the sorted input offsets of the syntax errors that
// cost the input an entry (bibtex-syntax, xml-syntax errors).
func lostEntries(v *schema.Volume) []int {
	var offs []int
	for _, d := range v.Diagnostics {
		if LostEntry(d) {
			offs = append(offs, d.Off)
		}
	}
	slices.Sort(offs)
	return offs
}

// LostEntry reports whether d cost the input an entry (a syntax error,
// a record with no title: see schema.Diagnostic.Skipped): the pages
// missing between the records around it may be the entry's, and no gap
// is reported there.
func LostEntry(d schema.Diagnostic) bool {
	return d.Skipped && d.Off >= 0
}

// lostBetween reports whether an entry lost to a syntax error lies
// between the pages at input offsets a and b (-1: unknown): the missing
// pages may be its own, so the gap follows from the syntax error and is
// not reported.
func lostBetween(lost []int, a, b int) bool {
	if len(lost) == 0 || a < 0 || b < 0 {
		return false
	}
	lo, hi := min(a, b), max(a, b)
	i, _ := slices.BinarySearch(lost, lo+1)
	return i < len(lost) && lost[i] < hi
}
