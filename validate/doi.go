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
	for _, es := range p.cmp.groups {
		doiPrefixGroup(p, es)
	}
}

// doiPrefixGroup reports the valid DOIs of a container outside the
// prefix most of them share. Prefixes are counted by their hashes; the
// text of the most common (the first in byte order of those as common)
// is read from a record that has it.
func doiPrefixGroup(p *checkPass, es []Entry) {
	type tally struct {
		n     int
		first int32 // a record with the prefix
	}
	var count map[uint64]*tally
	n := 0
	for i := range es {
		if e := &es[i]; e.Flags&entryValidDOI != 0 {
			if count == nil {
				count = map[uint64]*tally{}
			}
			t := count[e.Prefix]
			if t == nil {
				t = &tally{first: int32(i)}
				count[e.Prefix] = t
			}
			t.n++
			n++
		}
	}
	bestN := 0
	for _, t := range count {
		bestN = max(bestN, t.n)
	}
	// A shared prefix needs at least three DOIs and a two-thirds
	// majority.
	if bestN < 3 || bestN*3 < n*2 {
		return
	}
	var best uint64
	bestText := ""
	for pre, t := range count {
		if t.n < bestN {
			continue
		}
		if pt := doiPrefix(p.text(&es[t.first]).DOI); bestText == "" || pt < bestText {
			best, bestText = pre, pt
		}
	}
	for i := range es {
		e := &es[i]
		if e.Flags&entryValidDOI == 0 || e.Prefix == best {
			continue
		}
		p.flush()
		t := p.text(e)
		p.Report(ptr(int(e.Index), "/doi"), nil, "doi %q of %q is outside the volume's doi prefix %q (%d of %d dois)", t.DOI, text.Clip(t.Title, 60), bestText, bestN, n)
	}
}
