package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// twoReadings reports whether the volume's records carry a prose reading
// besides their BibTeX: a BibTeX file has only the one.
func twoReadings(v *schema.Volume) bool { return v.Source.Format != "bibtex" }

func runAuthorMismatch(p *checkPass) {
	if !twoReadings(p.Volume) {
		return
	}
	capped := cappedAuthors(p.Volume)
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil || len(r.Authors) == 0 {
			continue
		}
		field, ok := r.BibTeX.Fields["author"]
		if !ok {
			continue
		}
		prose := make([]string, len(r.Authors))
		for j, a := range r.Authors {
			prose[j] = a.Name
		}
		if field == strings.Join(prose, " and ") {
			continue // the common case, without parsing names
		}
		bib := bibNames(field)
		if capped[ptr(i, "/authors")] && len(bib) > len(prose) {
			// --max-authors cut the prose list (a limit diagnostic
			// says so): the authors it dropped are not missing.
			bib = bib[:len(prose)]
		}
		ms := compareAuthors(prose, bib)
		if len(ms) > maxAuthorMismatches {
			// One list is cut (--max-authors) or unrelated: a few
			// differences say so, thousands would bury the rest.
			n := len(ms) - maxAuthorMismatches
			ms = append(ms[:maxAuthorMismatches], mismatch{-1, fmt.Sprintf("%d more author differences (prose %d, bibtex %d authors)", n, len(prose), len(bib))})
		}
		for _, m := range ms {
			at := ptr(i, "/authors")
			if m.index >= 0 {
				at = ptr(i, "/authors/"+strconv.Itoa(m.index))
			}
			p.Report(at, []schema.Related{RelatedAt(ptr(i, "/bibtex/fields/author"), "the bibtex author field")},
				"%s in %q", m.msg, text.Clip(r.Title, 60))
		}
	}
}

// cappedAuthors returns the pointers of the author lists a limit cut
// (--max-authors), from the limit diagnostics the reader raised.
func cappedAuthors(v *schema.Volume) map[string]bool {
	var out map[string]bool
	for _, d := range v.Diagnostics {
		if d.Code == schema.Limit && strings.HasSuffix(d.Pointer, "/authors") {
			if out == nil {
				out = map[string]bool{}
			}
			out[d.Pointer] = true
		}
	}
	return out
}

// maxAuthorMismatches is the most author differences reported per record.
const maxAuthorMismatches = 20

type mismatch struct {
	index int // prose author index, or -1
	msg   string
}

// compareAuthors explains how two author lists differ.
func compareAuthors(prose, bib []string) []mismatch {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	key := func(s string) string { return fold(stripAccents(s)) }
	if slices.EqualFunc(prose, bib, func(a, b string) bool { return norm(a) == norm(b) }) {
		return nil
	}
	var out []mismatch
	pk := mapSlice(prose, key)
	bk := mapSlice(bib, key)
	if slices.Equal(pk, bk) {
		for i := range prose {
			if norm(prose[i]) != norm(bib[i]) {
				out = append(out, spelled(i, prose[i], bib[i]))
			}
		}
		return out
	}
	sp, sb := slices.Clone(pk), slices.Clone(bk)
	slices.Sort(sp)
	slices.Sort(sb)
	if slices.Equal(sp, sb) {
		for i := range pk {
			if pk[i] != bk[i] {
				return []mismatch{{i, fmt.Sprintf("authors reordered: author %d is %q in the prose, %q in the bibtex", i+1, prose[i], bib[i])}}
			}
		}
	}
	// Missing and extra authors; one of each at the same place is one
	// author spelled differently.
	var missing, extra []int
	for j, k := range bk {
		if !slices.Contains(pk, k) {
			missing = append(missing, j)
		}
	}
	for i, k := range pk {
		if !slices.Contains(bk, k) {
			extra = append(extra, i)
		}
	}
	if len(missing) == 1 && len(extra) == 1 && len(prose) == len(bib) {
		return []mismatch{spelled(extra[0], prose[extra[0]], bib[missing[0]])}
	}
	for _, j := range missing {
		out = append(out, mismatch{-1, fmt.Sprintf("author %d %q of the bibtex is missing from the prose", j+1, bib[j])})
	}
	for _, i := range extra {
		out = append(out, mismatch{i, fmt.Sprintf("author %d %q in the prose is not in the bibtex", i+1, prose[i])})
	}
	if len(out) == 0 {
		out = append(out, mismatch{-1, fmt.Sprintf("prose lists %d authors, the bibtex %d", len(prose), len(bib))})
	}
	return out
}

func spelled(i int, prose, bib string) mismatch {
	how := "spelled differently"
	switch {
	case stripAccents(prose) == stripAccents(bib):
		how = "accents differ"
	case strings.EqualFold(prose, bib):
		how = "case differs"
	}
	return mismatch{i, fmt.Sprintf("author %d %q in the prose, %q in the bibtex: %s", i+1, prose, bib, how)}
}

func mapSlice(ss []string, f func(string) string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func runTitleMismatch(p *checkPass) {
	if !twoReadings(p.Volume) {
		return
	}
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil || r.Title == "" {
			continue
		}
		bt, ok := r.BibTeX.Fields["title"]
		if !ok || bt == r.Title {
			continue
		}
		if fold(r.Title) != fold(bibValue(bt)) {
			p.Report(ptr(i, "/title"), []schema.Related{RelatedAt(ptr(i, "/bibtex/fields/title"), "the bibtex title")},
				"title %q in the prose, %q in the bibtex", text.Clip(r.Title, 80), text.Clip(bibValue(bt), 80))
		}
	}
}

// runDOIMismatch reports a record whose doi is not the DOI of its own
// BibTeX entry's doi field. A field that holds no valid DOI is doi-format's.
func runDOIMismatch(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil || !schema.ValidDOI(r.DOI) {
			continue // no doi, or one that doi-format reports
		}
		f, ok := r.BibTeX.Fields["doi"]
		if !ok {
			continue
		}
		d := text.CleanDOI(f)
		if !schema.ValidDOI(d) || strings.EqualFold(d, r.DOI) {
			continue
		}
		p.Report(ptr(i, "/doi"), []schema.Related{RelatedAt(ptr(i, "/bibtex/fields/doi"), "the bibtex doi field %q", f)},
			"doi %q of %q differs from its bibtex doi field %q", r.DOI, text.Clip(r.Title, 60), d)
	}
}

// runPagesMismatch reports a record whose page range is not the range of
// its own BibTeX entry's pages field. A field procx cannot read is
// pages-format's.
func runPagesMismatch(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil || r.Pages == nil {
			continue
		}
		f, ok := r.BibTeX.Fields["pages"]
		if !ok {
			continue
		}
		bib, err := schema.ParsePages(f)
		if err != nil {
			continue
		}
		got := *r.Pages
		if got.First == bib.First && got.Last == bib.Last && got.Article == bib.Article && got.Roman == bib.Roman {
			continue
		}
		p.Report(ptr(i, "/pages"), []schema.Related{RelatedAt(ptr(i, "/bibtex/fields/pages"), "the bibtex pages field %q", f)},
			"pages %s of %q differ from its bibtex pages field %q", pagesText(&got), text.Clip(r.Title, 60), f)
	}
}

func runYearMismatch(p *checkPass) {
	v := p.Volume
	year := 0
	if d := v.Proceedings.Date; len(d) >= 4 {
		year, _ = strconv.Atoi(d[:4])
	}
	for _, g := range p.groups {
		want := year
		if want == 0 {
			count := map[int]int{}
			for _, i := range g {
				if y := v.Papers[i].Year; y != 0 {
					count[y]++
				}
			}
			best := 0
			for y, c := range count {
				if c > best || c == best && y < want {
					want, best = y, c
				}
			}
		}
		for _, i := range g {
			if y := v.Papers[i].Year; y != 0 && want != 0 && y != want {
				p.Report(ptr(i, "/year"), nil, "year %d of %q differs from the volume's year %d", y, text.Clip(v.Papers[i].Title, 60), want)
			}
		}
	}
}

// keyPage returns the page number a key ends with, as in "VEE21p15": the
// digits at the end, after a "p". It is the regexp `p(\d+)$`, which the
// tests hold it to, without scanning the key from its start.
func keyPage(key string) (int, bool) {
	i := len(key)
	for i > 0 && '0' <= key[i-1] && key[i-1] <= '9' {
		i--
	}
	if i == len(key) || i == 0 || key[i-1] != 'p' {
		return 0, false
	}
	n, _ := strconv.Atoi(key[i:]) // too many digits: 0, as before
	return n, true
}

func runKeyPage(p *checkPass) {
	v := p.Volume
	for _, g := range p.groups {
		var cands []int
		agree := 0
		for _, i := range g {
			r := v.Papers[i]
			if r.BibTeX == nil || r.Pages == nil || r.Pages.Roman || r.Pages.First > r.Pages.Last {
				continue // a reversed range: pages-reversed reports it
			}
			n, ok := keyPage(r.BibTeX.Key)
			if !ok {
				continue
			}
			cands = append(cands, i)
			if n == r.Pages.First {
				agree++
			}
		}
		// The pattern holds when at least three keys, and most, follow it.
		if agree < 3 || agree*3 < len(cands)*2 {
			continue
		}
		for _, i := range cands {
			r := v.Papers[i]
			n, _ := keyPage(r.BibTeX.Key)
			if n != r.Pages.First {
				p.Report(ptr(i, "/bibtex"), []schema.Related{RelatedAt(ptr(i, "/pages"), "pages %s", pagesText(r.Pages))},
					"key %q names page %d but %q starts on page %d", r.BibTeX.Key, n, text.Clip(r.Title, 60), r.Pages.First)
			}
		}
	}
}
