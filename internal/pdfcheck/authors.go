package pdfcheck

import (
	"fmt"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// maxAuthorDiffs is the most author differences reported per paper.
const maxAuthorDiffs = 5

type authorDiff struct {
	index int // the record's author, or -1 for the list
	msg   string
}

// person is a name as compared: folded family name and given-name words.
type person struct {
	name   string
	family string
	given  []string
}

func personOf(a schema.Author) person {
	name := cmpName(a)
	if a.Family == "" { // not split yet
		a = text.Name(a.Name)
	}
	// The family name holds its particle ("de Palma").
	return person{name: name, family: text.Fold(a.Family), given: text.FoldWords(a.Given)}
}

func cmpName(a schema.Author) string {
	if a.Name != "" {
		return a.Name
	}
	return strings.TrimSpace(a.Given + " " + a.Family)
}

// same reports whether two printings name one person: the same family
// name and given names that agree word by word as far as the shorter
// goes, where an initial agrees with any name it begins ("A." with
// "Alexandre M.", "George" with "George J."), and a missing given name
// with any.
func same(a, b person) bool {
	if a.family != b.family {
		return false
	}
	for k := range min(len(a.given), len(b.given)) {
		x, y := a.given[k], b.given[k]
		if len(x) > len(y) {
			x, y = y, x
		}
		if x != y && !(len(x) == 1 && strings.HasPrefix(y, x)) {
			return false
		}
	}
	return true
}

// compareAuthors explains how a PDF's byline differs from the record's
// authors, when the byline is sure (unsure is "") and shares a family name
// with the record's authors; else it says nothing.
//
// An author of the record that the byline lacks but whose family name page
// 1 prints (words, the page's folded words; nil: unknown) is not reported
// missing: the byline was read short (names over two lines).
func compareAuthors(rec, pdf []schema.Author, unsure string, words map[string]bool) []authorDiff {
	if unsure != "" || len(rec) == 0 || len(pdf) == 0 {
		return nil
	}
	rs, ps := make([]person, len(rec)), make([]person, len(pdf))
	for k, a := range rec {
		rs[k] = personOf(a)
	}
	for k, a := range pdf {
		ps[k] = personOf(a)
	}
	shared := false
	for _, r := range rs {
		for _, p := range ps {
			shared = shared || r.family != "" && r.family == p.family
		}
	}
	if !shared {
		return nil // the byline is not this record's or was misread
	}
	if len(rs) == len(ps) {
		all := true
		for k := range rs {
			all = all && same(rs[k], ps[k])
		}
		if all {
			return nil
		}
	}
	// Pair each record author with the first unpaired PDF author who is
	// the same person.
	pairOf := make([]int, len(rs))
	used := make([]bool, len(ps))
	var missing []int
	for k, r := range rs {
		pairOf[k] = -1
		for m, p := range ps {
			if !used[m] && same(r, p) {
				pairOf[k], used[m] = m, true
				break
			}
		}
		if pairOf[k] < 0 {
			missing = append(missing, k)
		}
	}
	var extra []int
	for m := range ps {
		if !used[m] {
			extra = append(extra, m)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		for k := range rs {
			if pairOf[k] != k {
				return []authorDiff{{k, fmt.Sprintf("authors reordered: author %d is %q in the record, %q in the pdf", k+1, rs[k].name, ps[k].name)}}
			}
		}
		return nil
	}
	var out []authorDiff
	// A missing and an extra author with one family name, or at one
	// place, are one author spelled differently.
	for mi := 0; mi < len(missing); mi++ {
		k := missing[mi]
		for ei, m := range extra {
			if rs[k].family == ps[m].family || k == m && len(rs) == len(ps) {
				out = append(out, authorDiff{k, fmt.Sprintf("author %d %q in the record, %q in the pdf: spelled differently", k+1, rs[k].name, ps[m].name)})
				missing = append(missing[:mi], missing[mi+1:]...)
				extra = append(extra[:ei], extra[ei+1:]...)
				mi--
				break
			}
		}
	}
	for _, k := range missing {
		if printed(rec[k], words) {
			continue
		}
		out = append(out, authorDiff{k, fmt.Sprintf("author %d %q of the record is not in the pdf", k+1, rs[k].name)})
	}
	for _, m := range extra {
		out = append(out, authorDiff{-1, fmt.Sprintf("the pdf adds author %q (author %d of its %d)", ps[m].name, m+1, len(ps))})
	}
	if len(out) > maxAuthorDiffs {
		n := len(out) - maxAuthorDiffs
		out = append(out[:maxAuthorDiffs], authorDiff{-1, fmt.Sprintf("%d more author differences (the record lists %d, the pdf %d)", n, len(rs), len(ps))})
	}
	return out
}

// printed reports whether every word of a's family name is among a page's
// words.
func printed(a schema.Author, words map[string]bool) bool {
	if a.Family == "" {
		a = text.Name(a.Name)
	}
	fw := text.FoldWords(a.Family)
	for _, w := range fw {
		if !words[w] {
			return false
		}
	}
	return len(fw) > 0
}
