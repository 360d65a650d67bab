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
	gapsOn := !p.disabled(schema.PagesGap)
	lost := lostEntries(p.Volume)
	for _, g := range p.groups {
		// A volume numbers its papers in sequences: by article, and
		// roman front matter apart from arabic pages.
		type seqKey struct {
			article string
			roman   bool
		}
		seqs := map[seqKey][]int{}
		var keys []seqKey
		for _, i := range g {
			r := &p.Volume.Papers[i]
			if r.Pages == nil || r.Pages.First > r.Pages.Last {
				continue
			}
			key := seqKey{r.Pages.Article, r.Pages.Roman}
			if _, ok := seqs[key]; !ok {
				keys = append(keys, key)
			}
			seqs[key] = append(seqs[key], i)
		}
		for _, key := range keys {
			seq := seqs[key]
			slices.SortStableFunc(seq, func(a, b int) int {
				return cmp.Compare(p.Volume.Papers[a].Pages.First, p.Volume.Papers[b].Pages.First)
			})
			for k := 1; k < len(seq); k++ {
				prev, cur := &p.Volume.Papers[seq[k-1]], &p.Volume.Papers[seq[k]]
				switch {
				case cur.Pages.First <= prev.Pages.Last:
					p.Report(ptr(seq[k], "/pages"),
						[]schema.Related{RelatedAt(ptr(seq[k-1], "/pages"), "%q has pages %s", text.Clip(prev.Title, 60), pagesText(prev.Pages))},
						"pages %s of %q overlap %q (%s)", pagesText(cur.Pages), text.Clip(cur.Title, 60), text.Clip(prev.Title, 60), pagesText(prev.Pages))
				case gapsOn && cur.Pages.First > prev.Pages.Last+1 && !unplaced(p.Volume, g, seq[k-1], seq[k]) && !lostBetween(p.Volume, lost, seq[k-1], seq[k]):
					missing := strconv.Itoa(prev.Pages.Last + 1)
					if cur.Pages.First-1 > prev.Pages.Last+1 {
						missing += "-" + strconv.Itoa(cur.Pages.First-1)
					}
					p.ReportAs(schema.PagesGap, ptr(seq[k], "/pages"),
						[]schema.Related{RelatedAt(ptr(seq[k-1], "/pages"), "%q ends on page %d", text.Clip(prev.Title, 60), prev.Pages.Last)},
						"pages %s missing between %q (%s) and %q (%s)", missing, text.Clip(prev.Title, 60), pagesText(prev.Pages), text.Clip(cur.Title, 60), pagesText(cur.Pages))
				}
			}
		}
	}
}

// lostEntries returns the sorted input offsets of the syntax errors that
// cost the input an entry (bibtex-syntax, xml-syntax errors).
func lostEntries(v *schema.Volume) []int {
	var offs []int
	for _, d := range v.Diagnostics {
		if (d.Code == schema.BibTeXSyntax || d.Code == schema.XMLSyntax) && d.Severity == schema.Error && d.Off >= 0 {
			offs = append(offs, d.Off)
		}
	}
	slices.Sort(offs)
	return offs
}

// lostBetween reports whether an entry lost to a syntax error lies
// between records a and b in the input: the missing pages may be its
// own, so the gap follows from the syntax error and is not reported.
func lostBetween(v *schema.Volume, lost []int, a, b int) bool {
	if len(lost) == 0 {
		return false
	}
	ra, okA := v.Papers[a].Pos.Lookup("/pages")
	rb, okB := v.Papers[b].Pos.Lookup("/pages")
	if !okA || !okB {
		return false
	}
	lo, hi := min(ra.Off, rb.Off), max(ra.Off, rb.Off)
	i, _ := slices.BinarySearch(lost, lo+1)
	return i < len(lost) && lost[i] < hi
}

// unplaced reports whether a paper between records a and b in input order
// has no usable page range: the missing pages may be its own, so a gap
// between a and b is not reported.
func unplaced(v *schema.Volume, g []int, a, b int) bool {
	lo, hi := min(a, b), max(a, b)
	for _, i := range g {
		r := v.Papers[i]
		if i > lo && i < hi && r.Kind == schema.KindPaper && (r.Pages == nil || r.Pages.First > r.Pages.Last) {
			return true
		}
	}
	return false
}
