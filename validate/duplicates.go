package validate

import (
	"fmt"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

func runDuplicateDOI(p *checkPass) {
	duplicates(p, "/doi", func(e *Entry) uint64 { return e.DOI }, func(t *Text) string { return doiKey(t.DOI) },
		"doi %q of %q is also the doi of %q")
}

func runDuplicateKey(p *checkPass) {
	duplicates(p, "/bibtex", func(e *Entry) uint64 { return e.Key }, func(t *Text) string { return lowerKey(t.Key) },
		"bibtex key %q of %q is also the key of %q")
}

func runDuplicateTitle(p *checkPass) {
	duplicates(p, "/title", func(e *Entry) uint64 { return e.Title }, func(t *Text) string { return fold(t.Title) }, "")
}

// sameTitleMessage words a duplicate title: where the first paper with it
// is (its pages, else its key, else its place in the volume), and how the
// first wrote it when that differs.
func sameTitleMessage(t, prevT *Text, prev *Entry) string {
	where := fmt.Sprintf("paper %d of the volume", prev.Index+1)
	switch {
	case prev.Flags&entryPages != 0:
		where = "the paper on pages " + pagesOf(prev, prevT)
	case prevT.Key != "":
		where = fmt.Sprintf("the paper with key %q", text.Clip(prevT.Key, 60))
	}
	msg := fmt.Sprintf("title %q is also the title of %s", text.Clip(t.Title, 80), where)
	if prevT.Title != t.Title {
		msg += fmt.Sprintf(", written %q", text.Clip(prevT.Title, 80))
	}
	return msg
}

// duplicates reports every record whose value an earlier record of the
// same container already had. Values are compared by their hashes in the
// entries (0: no value), and a match is confirmed on the values, which
// value makes of the records' texts (format words the finding; "": a
// title's, sameTitleMessage): two values with one hash (a
// collision) are two values.
func duplicates(p *checkPass, field string, hash func(*Entry) uint64, value func(*Text) string, format string) {
	for _, es := range p.cmp.groups {
		first := firstSeen{hint: len(es)}
		var others map[uint64][]int32 // the records first with a value whose hash another value had first
		for i := range es {
			e := &es[i]
			h := hash(e)
			if h == 0 {
				continue
			}
			j, seen := first.lookup(h, int32(i))
			if !seen {
				continue
			}
			t, prevT := p.text(e), p.text(&es[j])
			if v := value(&t); v != value(&prevT) {
				j = -1
				for _, k := range others[h] {
					if kt := p.text(&es[k]); value(&kt) == v {
						j, prevT = k, kt
						break
					}
				}
				if j < 0 {
					if others == nil {
						others = map[uint64][]int32{}
					}
					others[h] = append(others[h], int32(i))
					continue
				}
			}
			prev := &es[j]
			shown := t.Title
			switch field {
			case "/doi":
				shown = t.DOI
			case "/bibtex":
				shown = t.Key
			}
			cur, at := ptr(int(e.Index), field), ptr(int(prev.Index), field)
			related := []schema.Related{RelatedAt(at, "first used by %q", text.Clip(prevT.Title, 60))}
			if field == "/title" {
				p.Report(cur, related, "%s", sameTitleMessage(&t, &prevT, prev))
				continue
			}
			p.Report(cur, related, format, text.Clip(shown, 80), text.Clip(t.Title, 60), text.Clip(prevT.Title, 60))
		}
	}
}

// firstSeen maps hashes to the first record (its place in a container)
// that had them. Most volumes have a few dozen records, which a list
// answers faster than a map (no hashing, no allocation up to its array);
// larger ones get a map, made for hint records.
type firstSeen struct {
	n     int
	small [32]struct {
		k uint64
		i int32
	}
	m    map[uint64]int32
	hint int
}

// lookup returns the record that first had k, or records i as the first.
func (f *firstSeen) lookup(k uint64, i int32) (first int32, seen bool) {
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
	f.m = make(map[uint64]int32, max(2*len(f.small), f.hint))
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
