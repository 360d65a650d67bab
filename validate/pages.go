package validate

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/procx/procx/schema"
)

var (
	pagesOverlap = register(&Check{Code: "pages-overlap", Severity: schema.Error,
		Title: "two papers of a volume share pages",
		Doc: `Within a volume, sorted by first page, a paper starts on or before the last
page of the paper before it. The diagnostic sits on the later paper and points
at the earlier one. Front matter in roman numerals, and each article number of
article-style ranges ("4:1--4:56"), are sequences of their own.

Fix: correct the page range of one of the two papers.`,
		Run: runPageSequence})
	pagesGap = register(&Check{Code: "pages-gap", Severity: schema.Warning,
		Title: "pages missing between consecutive papers",
		Doc: `Within a volume, sorted by first page, pages are missing between one paper's
last page and the next paper's first page.

Fix: correct the ranges, or ignore when the volume really has blank pages.`})
	pagesReversed = register(&Check{Code: "pages-reversed", Severity: schema.Error,
		Title: "first page after last page",
		Doc: `A page range whose first page is after its last ("14--1").

Fix: swap or correct the two pages.`,
		Run: runPagesReversed})
	pagesFormat = register(&Check{Code: "pages-format", Severity: schema.Error,
		Title: "a page range that cannot be read",
		Doc: `A pages value that is not a page range procx can read. Accepted: "1--14",
"1-14", "1–14", "1—14", a single page "1219", article-style "4:1--4:56" and
"6e:1-6e:2", roman front matter "xi--xii".

Fix: write the range in one of those forms.`,
		Run: runPagesFormat})
)

func runPagesFormat(p *Pass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil {
			continue
		}
		text, ok := r.BibTeX.Fields["pages"]
		if !ok {
			continue
		}
		if _, err := schema.ParsePages(text); err != nil {
			p.Report(ptr(i, "/bibtex/fields/pages"), nil, "%v in %q", err, clip(r.Title, 60))
		}
	}
}

func runPagesReversed(p *Pass) {
	for i, r := range p.Volume.Papers {
		if r.Pages != nil && r.Pages.First > r.Pages.Last {
			p.Report(ptr(i, "/pages"), nil, "page range %s of %q ends before it starts", pagesText(r.Pages), clip(r.Title, 60))
		}
	}
}

// runPageSequence reports overlaps and, through the pages-gap check, gaps.
// The two share one sort; the gap check has no Run of its own.
func runPageSequence(p *Pass) {
	gapsOn := !p.disabled(pagesGap.Code)
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
						[]schema.Related{RelatedAt(ptr(seq[k-1], "/pages"), "%q has pages %s", clip(prev.Title, 60), pagesText(prev.Pages))},
						"pages %s of %q overlap %q (%s)", pagesText(cur.Pages), clip(cur.Title, 60), clip(prev.Title, 60), pagesText(prev.Pages))
				case gapsOn && cur.Pages.First > prev.Pages.Last+1 && !unplaced(p.Volume, g, seq[k-1], seq[k]):
					missing := strconv.Itoa(prev.Pages.Last + 1)
					if cur.Pages.First-1 > prev.Pages.Last+1 {
						missing += "-" + strconv.Itoa(cur.Pages.First-1)
					}
					p.ReportAs(pagesGap, ptr(seq[k], "/pages"),
						[]schema.Related{RelatedAt(ptr(seq[k-1], "/pages"), "%q ends on page %d", clip(prev.Title, 60), prev.Pages.Last)},
						"pages %s missing between %q (%s) and %q (%s)", missing, clip(prev.Title, 60), pagesText(prev.Pages), clip(cur.Title, 60), pagesText(cur.Pages))
				}
			}
		}
	}
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
