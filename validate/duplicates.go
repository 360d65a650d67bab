package validate

import (
	"fmt"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

func runDuplicateDOI(p *checkPass) {
	duplicates(p, "/doi", func(r *schema.Record) string { return doiKey(r.DOI) }, "doi %q of %q is also the doi of %q")
}

func runDuplicateKey(p *checkPass) {
	duplicates(p, "/bibtex", func(r *schema.Record) string {
		if r.BibTeX == nil {
			return ""
		}
		return strings.ToLower(r.BibTeX.Key)
	}, "bibtex key %q of %q is also the key of %q")
}

func runDuplicateTitle(p *checkPass) {
	duplicates(p, "/title", func(r *schema.Record) string {
		if r.Kind != schema.KindPaper {
			return ""
		}
		return fold(r.Title)
	}, "")
}

// sameTitleMessage words a duplicate title: where the first paper with it
// is (its pages, else its key, else its place in the volume), and how the
// first wrote it when that differs.
func sameTitleMessage(r, prev *schema.Record, j int) string {
	where := fmt.Sprintf("paper %d of the volume", j+1)
	switch {
	case prev.Pages != nil:
		where = "the paper on pages " + pagesText(prev.Pages)
	case prev.BibTeX != nil && prev.BibTeX.Key != "":
		where = fmt.Sprintf("the paper with key %q", text.Clip(prev.BibTeX.Key, 60))
	}
	msg := fmt.Sprintf("title %q is also the title of %s", text.Clip(r.Title, 80), where)
	if prev.Title != r.Title {
		msg += fmt.Sprintf(", written %q", text.Clip(prev.Title, 80))
	}
	return msg
}

// duplicates reports every record whose key (empty keys are skipped) an
// earlier record of the same container already had.
func duplicates(p *checkPass, field string, key func(*schema.Record) string, format string) {
	for _, g := range p.groups {
		var first firstSeen
		for _, i := range g {
			r := &p.Volume.Papers[i]
			k := key(r)
			if k == "" {
				continue
			}
			j, seen := first.lookup(k, i)
			if !seen {
				continue
			}
			shown := k
			switch field {
			case "/doi":
				shown = r.DOI
			case "/bibtex":
				shown = r.BibTeX.Key
			case "/title":
				shown = r.Title
			}
			prev := &p.Volume.Papers[j]
			if field == "/title" {
				p.Report(ptr(i, field), []schema.Related{RelatedAt(ptr(j, field), "first used by %q", text.Clip(prev.Title, 60))},
					"%s", sameTitleMessage(r, prev, j))
				continue
			}
			p.Report(ptr(i, field), []schema.Related{RelatedAt(ptr(j, field), "first used by %q", text.Clip(prev.Title, 60))},
				format, text.Clip(shown, 80), text.Clip(r.Title, 60), text.Clip(prev.Title, 60))
		}
	}
}

// firstSeen maps keys to the first record that had them. Most volumes
// have a few dozen records, which a list answers faster than a map (no
// hashing, no allocation up to its array); larger ones get a map.
type firstSeen struct {
	n     int
	small [32]struct {
		k string
		i int
	}
	m map[string]int
}

// lookup returns the record that first had k, or records i as the first.
func (f *firstSeen) lookup(k string, i int) (first int, seen bool) {
	if f.m != nil {
		if j, ok := f.m[k]; ok {
			return j, true
		}
		f.m[k] = i
		return i, false
	}
	for _, e := range f.small[:f.n] {
		if e.k == k {
			return e.i, true
		}
	}
	if f.n < len(f.small) {
		f.small[f.n].k, f.small[f.n].i = k, i
		f.n++
		return i, false
	}
	f.m = make(map[string]int, 2*len(f.small))
	for _, e := range f.small {
		f.m[e.k] = e.i
	}
	f.m[k] = i
	return i, false
}

// doiKey is the form in which DOIs are compared.
func doiKey(doi string) string {
	if plainDOI(doi) {
		return doi
	}
	return canonicalDOI(doi)
}

// canonicalDOI is doiKey without the shortcut for DOIs that need nothing.
func canonicalDOI(doi string) string {
	d := strings.ToLower(strings.TrimSpace(doi))
	d = strings.ReplaceAll(d, `\_`, "_")
	for _, pre := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		d = strings.TrimPrefix(d, pre)
	}
	return d
}

// plainDOI reports whether doiKey leaves doi as it is: it starts with a
// digit (no resolver or "doi:" prefix, no space) and has no upper-case
// letter, backslash or trailing white space.
func plainDOI(doi string) bool {
	if doi == "" || doi[0] < '0' || doi[0] > '9' {
		return false
	}
	for i := 0; i < len(doi); i++ {
		if c := doi[i]; 'A' <= c && c <= 'Z' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return strings.TrimSpace(doi) == doi
}
