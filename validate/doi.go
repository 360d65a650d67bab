package validate

import (
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

func runDOIFormat(p *checkPass) {
	for i, r := range p.Volume.Papers {
		raw, where := r.DOI, "/doi"
		if r.BibTeX != nil {
			if v, ok := r.BibTeX.Fields["doi"]; ok {
				raw, where = v, "/bibtex/fields/doi"
			}
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if !schema.ValidDOI(doiKey(raw)) {
			p.Report(ptr(i, where), nil, "doi %q of %q is not a doi (want 10.NNNN/suffix)", text.Clip(raw, 80), text.Clip(r.Title, 60))
		}
		// The record's own doi, when it is not the field just checked
		// (edited by hand in a JSON volume), is checked too.
		if where != "/doi" && r.DOI != "" && doiKey(r.DOI) != doiKey(raw) && !schema.ValidDOI(doiKey(r.DOI)) {
			p.Report(ptr(i, "/doi"), nil, "doi %q of %q is not a doi (want 10.NNNN/suffix)", text.Clip(r.DOI, 80), text.Clip(r.Title, 60))
		}
	}
}

// doiPrefix is a DOI up to the last "." of its suffix, or its registrant
// when the suffix has no ".".
func doiPrefix(doi string) string {
	k := doiKey(doi)
	reg, suffix, ok := strings.Cut(k, "/")
	if !ok {
		return ""
	}
	// k is reg + "/" + suffix: the prefix is a slice of it.
	if i := strings.LastIndexByte(suffix, '.'); i > 0 {
		return k[:len(reg)+1+i+1]
	}
	return k[:len(reg)+1]
}

func runDOIPrefix(p *checkPass) {
	for _, g := range p.groups {
		count := map[string]int{}
		n := 0
		for _, i := range g {
			if d := p.Volume.Papers[i].DOI; d != "" && schema.ValidDOI(doiKey(d)) {
				count[doiPrefix(d)]++
				n++
			}
		}
		best, bestN := "", 0
		for pre, c := range count {
			if c > bestN || c == bestN && pre < best {
				best, bestN = pre, c
			}
		}
		// A shared prefix needs at least three DOIs and a two-thirds
		// majority.
		if bestN < 3 || bestN*3 < n*2 {
			continue
		}
		for _, i := range g {
			r := p.Volume.Papers[i]
			if r.DOI == "" || !schema.ValidDOI(doiKey(r.DOI)) || doiPrefix(r.DOI) == best {
				continue
			}
			p.Report(ptr(i, "/doi"), nil, "doi %q of %q is outside the volume's doi prefix %q (%d of %d dois)", r.DOI, text.Clip(r.Title, 60), best, bestN, n)
		}
	}
}
