package validate

import (
	"fmt"
	"slices"
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
		var others map[uint64][]int32 // the records first with a value whose hash another value had first
		repeats(es, hash, func(i, j int32) {
			p.flush()
			e := &es[i]
			t, prevT := p.text(e), p.text(&es[j])
			if v := value(&t); v != value(&prevT) {
				h := hash(e)
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
					others[h] = append(others[h], i)
					return
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
				return
			}
			p.Report(cur, related, format, text.Clip(shown, 80), text.Clip(t.Title, 60), text.Clip(prevT.Title, 60))
		})
	}
}

// repeats calls f, in input order, with the place in es of each record
// whose hash (0: none) an earlier record had, and the place of the first
// record with it, or of a record whose hash shares its top 33 bits (f
// confirms the values). A few dozen records are compared in a list; more
// are sorted by hash, in one array of 8 bytes a record, rather than put in
// a map, which takes four to five times as much.
func repeats(es []Entry, hash func(*Entry) uint64, f func(i, first int32)) {
	if len(es) <= smallGroup {
		var seen [smallGroup]struct {
			h uint64
			i int32
		}
		n := 0
	next:
		for i := range es {
			h := hash(&es[i])
			if h == 0 {
				continue
			}
			for _, s := range seen[:n] {
				if s.h == h {
					f(int32(i), s.i)
					continue next
				}
			}
			seen[n].h, seen[n].i = h, int32(i)
			n++
		}
		return
	}
	// Each record as one number: the top 33 bits of its hash over its
	// place (below 2^31), sorted. Records whose hashes share those bits
	// are compared as the same (their values are confirmed, see
	// duplicates): a few more texts read, for a sort of plain numbers.
	const placeBits = 31
	keys := make([]uint64, 0, len(es))
	for i := range es {
		if h := hash(&es[i]); h != 0 {
			keys = append(keys, h&^(1<<placeBits-1)|uint64(i))
		}
	}
	slices.Sort(keys)
	// The repeats, each over its first record, in the array.
	n := 0
	for lo := 0; lo < len(keys); {
		class := keys[lo] >> placeBits
		hi := lo + 1
		for hi < len(keys) && keys[hi]>>placeBits == class {
			hi++
		}
		first := keys[lo] & (1<<placeBits - 1)
		for k := lo + 1; k < hi; k++ {
			keys[n] = (keys[k]&(1<<placeBits-1))<<32 | first
			n++
		}
		lo = hi
	}
	keys = keys[:n]
	slices.Sort(keys)
	for _, k := range keys {
		f(int32(k>>32), int32(k&(1<<32-1)))
	}
}

// smallGroup is the size up to which repeats compares in a list.
const smallGroup = 32

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
