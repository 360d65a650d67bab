package pdfcheck

import (
	"cmp"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Threshold is the least similarity (the Dice coefficient of the folded
// titles' letter trigrams) at which a PDF's printed title matches a
// record's title (on the PMLR volume of the corpus, a PDF and its record
// score 0.91 or more, with a word added; a PDF and any other record 0.57
// at most); Margin is how much closer the best record must be than
// the next for the match to be made rather than reported as a tie.
const (
	Threshold = 0.75
	Margin    = 0.02
)

// How says how a PDF was matched to a record.
type How int

// The ways of matching, in the order they are tried.
const (
	ByField How = iota + 1 // a pdf or file field names it
	ByName                 // its file name is the record's key or DOI suffix
	ByTitle                // it prints the record's title
)

var howNames = [...]string{"", "field", "name", "title"}

// String returns "field", "name" or "title".
func (h How) String() string {
	if h > 0 && int(h) < len(howNames) {
		return howNames[h]
	}
	return "how(" + strconv.Itoa(int(h)) + ")"
}

// Match is a PDF matched to a record of a volume.
type Match struct {
	Record int // index in the volume's papers
	PDF    int // index in the set's PDFs
	How    How
}

// Match pairs v's records with the set's PDFs, each PDF with at most one
// record and each record with at most one PDF: first by a pdf or file
// field naming the PDF, then by file name (the record's BibTeX key or key,
// or its DOI's suffix, exactly, before ".pdf"), then by printed title (the
// unique best record at or above Threshold). The matches are in record
// order; notes holds, by record, what a pdf or file field named that is
// not in the directory.
func (s *Set) Match(v *schema.Volume) (ms []Match, notes map[int]string) {
	recOf := make([]int, len(s.PDFs))
	pdfOf := make([]int, len(v.Papers))
	for i := range recOf {
		recOf[i] = -1
	}
	for j := range pdfOf {
		pdfOf[j] = -1
	}
	add := func(i, j int, how How) {
		recOf[i], pdfOf[j] = j, i
		ms = append(ms, Match{Record: j, PDF: i, How: how})
	}
	for j, r := range v.Papers {
		if r.BibTeX == nil {
			continue
		}
		for _, f := range []string{"pdf", "file"} {
			val, ok := r.BibTeX.Fields[f]
			if !ok || pdfOf[j] >= 0 {
				continue
			}
			names := fieldFiles(val)
			for _, n := range names {
				if i, ok := s.byName[n]; ok && recOf[i] < 0 && pdfOf[j] < 0 {
					add(i, j, ByField)
				}
			}
			if pdfOf[j] < 0 && len(names) > 0 {
				if notes == nil {
					notes = map[int]string{}
				}
				notes[j] = fmt.Sprintf("its %s field names %q, which is not in %s", f, names[0], s.Dir)
				if i, ok := s.byName[names[0]]; ok {
					notes[j] = fmt.Sprintf("its %s field names %q, which %q names too", f, names[0], text.Clip(v.Papers[recOf[i]].Title, 60))
				}
			}
		}
	}
	stems := make(map[string]int, len(s.PDFs))
	for i, p := range s.PDFs {
		if recOf[i] < 0 {
			stems[strings.TrimSuffix(p.Name, path.Ext(p.Name))] = i
		}
	}
	for j, r := range v.Papers {
		if pdfOf[j] >= 0 {
			continue
		}
		for _, n := range fileStems(r) {
			if i, ok := stems[n]; ok && recOf[i] < 0 {
				add(i, j, ByName)
				break
			}
		}
	}
	s.matchTitles(v, recOf, pdfOf, add)
	slices.SortFunc(ms, func(a, b Match) int { return cmp.Compare(a.Record, b.Record) })
	return ms, notes
}

// fieldFiles returns the file names a pdf or file field names: JabRef
// writes "description:path:type" and separates files with ";", others a
// path or a URL.
func fieldFiles(val string) []string {
	var out []string
	for _, f := range strings.Split(val, ";") {
		for _, part := range strings.Split(f, ":") {
			part = strings.TrimSpace(strings.ReplaceAll(part, `\`, "/"))
			if strings.EqualFold(path.Ext(part), ".pdf") {
				out = append(out, path.Base(part))
			}
		}
	}
	return out
}

// fileStems are the names, without ".pdf", a record's PDF may have.
func fileStems(r schema.Record) []string {
	var out []string
	if r.BibTeX != nil && r.BibTeX.Key != "" {
		out = append(out, r.BibTeX.Key)
	}
	if r.Key != "" {
		out = append(out, r.Key, path.Base(r.Key))
	}
	if _, suffix, ok := strings.Cut(r.DOI, "/"); ok && suffix != "" {
		out = append(out, suffix, path.Base(suffix), strings.ReplaceAll(suffix, "/", "_"))
	}
	return out
}

type pair struct {
	pdf, rec int
	sim      float64
}

// matchTitles matches the PDFs and records left by their titles, the
// closest pairs first; a pair with a rival as close (another record for
// the PDF, or another PDF for the record) is a tie, noted and not made.
func (s *Set) matchTitles(v *schema.Volume, recOf, pdfOf []int, add func(i, j int, how How)) {
	recGrams := make([][]uint32, len(v.Papers))
	for j, r := range v.Papers {
		if pdfOf[j] < 0 && r.Title != "" {
			recGrams[j] = trigrams(text.Fold(r.Title))
		}
	}
	var pairs []pair
	for i, p := range s.PDFs {
		if recOf[i] >= 0 || p.grams == nil {
			continue
		}
		for j, g := range recGrams {
			if g == nil {
				continue
			}
			if sim := similarity(p.grams, g); sim >= Threshold {
				pairs = append(pairs, pair{i, j, sim})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.sim, a.sim) })
	blocked := map[int]bool{} // PDFs in a tie
	for k, pr := range pairs {
		if recOf[pr.pdf] >= 0 || pdfOf[pr.rec] >= 0 || blocked[pr.pdf] {
			continue
		}
		var rivals []pair
		for _, q := range pairs[k+1:] {
			if q.sim < pr.sim-Margin {
				break
			}
			if q.pdf == pr.pdf && pdfOf[q.rec] < 0 || q.rec == pr.rec && recOf[q.pdf] < 0 && !blocked[q.pdf] {
				rivals = append(rivals, q)
			}
		}
		if len(rivals) == 0 {
			add(pr.pdf, pr.rec, ByTitle)
			continue
		}
		// A tie: the PDFs in it are matched to nothing.
		blocked[pr.pdf] = true
		title := func(j int) string { return text.Clip(v.Papers[j].Title, 60) }
		for _, q := range rivals {
			if q.pdf == pr.pdf {
				s.setWhy(pr.pdf, fmt.Sprintf("its title is as close to %q as to %q (a tie); name its record in a pdf field", title(pr.rec), title(q.rec)))
				continue
			}
			blocked[q.pdf] = true
			s.setWhy(pr.pdf, fmt.Sprintf("it and %s print titles as close to %q (a tie); name its record in a pdf field", s.PDFs[q.pdf].Name, title(pr.rec)))
			s.setWhy(q.pdf, fmt.Sprintf("it and %s print titles as close to %q (a tie); name its record in a pdf field", s.PDFs[pr.pdf].Name, title(pr.rec)))
		}
	}
}

func (s *Set) setWhy(i int, why string) {
	s.mu.Lock()
	s.why[i] = why
	s.mu.Unlock()
}

// Check matches v's records with the PDFs and compares each pair; it
// returns the diagnostics about v's records, with JSON Pointers into v and
// the PDF as the related location. PDFs left unmatched are reported by
// Leftovers, once all volumes are checked.
func (s *Set) Check(v *schema.Volume) []schema.Diagnostic {
	ms, notes := s.Match(v)
	var ds []schema.Diagnostic
	has := make([]bool, len(v.Papers))
	for _, m := range ms {
		has[m.Record] = true
		s.mu.Lock()
		s.matched[m.PDF] = true
		s.mu.Unlock()
		ds = append(ds, s.compare(v, m)...)
	}
	for j, r := range v.Papers {
		if has[j] || r.Kind != schema.KindPaper {
			continue
		}
		why := cmp.Or(notes[j], "no pdf in "+s.Dir+" is named for it or prints its title")
		d := schema.PDFMissing.AtPointer("", ptr(j, ""), "paper %q has no pdf: %s", text.Clip(r.Title, 60), why)
		d.Related = []schema.Related{{Path: dirName(s.Dir), Message: "the directory of pdfs searched", Off: -1}}
		ds = append(ds, d)
	}
	return ds
}

// Leftovers returns a diagnostic for each PDF that no record of the
// volumes checked so far matched (pdf-unmatched, at the PDF's path), and
// the diagnostic of each PDF that could not be read.
func (s *Set) Leftovers() []schema.Diagnostic {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ds []schema.Diagnostic
	for i, p := range s.PDFs {
		switch {
		case p.Failed != nil:
			ds = append(ds, *p.Failed)
		case !s.matched[i]:
			why := cmp.Or(s.why[i], p.note, "no record names it, has its name as key or doi, or has a title close to the one it prints")
			d := schema.PDFUnmatched.AtPointer(p.Path, "", "pdf %q matches no record: %s", p.Name, why)
			msg := "the pdf"
			if p.Title != "" {
				msg = fmt.Sprintf("the pdf prints the title %q", text.Clip(p.Title, 80))
			}
			d.Related = []schema.Related{{Path: p.Path, Page: 1, Message: msg, Off: -1}}
			ds = append(ds, d)
		}
	}
	return ds
}

func ptr(j int, suffix string) string { return "/papers/" + strconv.Itoa(j) + suffix }

// compare reports how record m.Record and its PDF differ.
func (s *Set) compare(v *schema.Volume, m Match) []schema.Diagnostic {
	p, r := s.PDFs[m.PDF], v.Papers[m.Record]
	if p.Failed != nil {
		return nil // Leftovers reports it
	}
	page1 := func(format string, args ...any) []schema.Related {
		return []schema.Related{{Path: p.Path, Page: 1, Message: fmt.Sprintf(format, args...), Off: -1}}
	}
	var ds []schema.Diagnostic
	if p.key != "" && r.Title != "" && text.Fold(bareTitle(r.Title)) != text.Fold(bareTitle(p.Title)) {
		d := schema.PDFTitleMismatch.AtPointer("", ptr(m.Record, "/title"), "title %q of the record, %q in its pdf %s%s",
			text.Clip(r.Title, 100), text.Clip(p.Title, 100), p.Name, wordDiff(r.Title, p.Title))
		d.Related = page1("the title the pdf prints")
		ds = append(ds, d)
	}
	if pg := r.Pages; pg != nil && !pg.Roman && pg.First > 0 && pg.Last >= pg.First && p.Pages > 0 {
		if n := pg.Last - pg.First + 1; n != p.Pages {
			d := schema.PDFPagesMismatch.AtPointer("", ptr(m.Record, "/pages"), "pages %d-%d of %q count %d %s, its pdf %s has %d",
				pg.First, pg.Last, text.Clip(r.Title, 60), n, plural(n, "page"), p.Name, p.Pages)
			d.Related = []schema.Related{{Path: p.Path, Page: p.Pages, Message: "the pdf's last page", Off: -1}}
			ds = append(ds, d)
		}
	}
	for _, am := range compareAuthors(r.Authors, p.Authors, p.unsure, p.words) {
		at := ptr(m.Record, "/authors")
		if am.index >= 0 {
			at = ptr(m.Record, "/authors/"+strconv.Itoa(am.index))
		}
		d := schema.PDFAuthorMismatch.AtPointer("", at, "%s, in %q and its pdf %s", am.msg, text.Clip(r.Title, 60), p.Name)
		d.Related = page1("the byline the pdf prints: %s", text.Clip(names(p.Authors), 120))
		ds = append(ds, d)
	}
	return ds
}

func plural(n int, one string) string {
	if n == 1 {
		return one
	}
	return one + "s"
}

func names(as []schema.Author) string {
	ns := make([]string, len(as))
	for i, a := range as {
		ns[i] = a.Name
	}
	return strings.Join(ns, ", ")
}

// wordDiff says which words of the folded titles one has and the other
// lacks, as " (the pdf adds "stable")", or "" when the words are the same
// (the titles differ in how words are split).
func wordDiff(rec, pdf string) string {
	a, b := text.FoldWords(rec), text.FoldWords(pdf)
	if len(a) > 200 || len(b) > 200 {
		return ""
	}
	// The longest common subsequence, by dynamic programming.
	l := make([][]int, len(a)+1)
	for i := range l {
		l[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var lacks, adds []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i++
			j++
		case j < len(b) && (i == len(a) || l[i][j+1] >= l[i+1][j]):
			adds = append(adds, b[j])
			j++
		default:
			lacks = append(lacks, a[i])
			i++
		}
	}
	var parts []string
	if len(adds) > 0 {
		parts = append(parts, fmt.Sprintf("the pdf adds %q", strings.Join(adds, " ")))
	}
	if len(lacks) > 0 {
		parts = append(parts, fmt.Sprintf("the pdf lacks %q", strings.Join(lacks, " ")))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

// dirName writes a directory's path with a final separator.
func dirName(dir string) string {
	dir = filepath.Clean(dir)
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir
	}
	return dir + string(filepath.Separator)
}

// bareTitle removes from a title a final note in parentheses or brackets
// that says what kind of paper it is, "(Extended Abstract)", "[Invited
// Talk]": the PDF prints it, the metadata usually not.
func bareTitle(t string) string {
	t = strings.TrimSpace(t)
	if t == "" {
		return t
	}
	open := map[byte]byte{')': '(', ']': '['}[t[len(t)-1]]
	i := strings.LastIndexByte(t, open)
	if open == 0 || i <= 0 {
		return t
	}
	ws := text.FoldWords(t[i+1 : len(t)-1])
	if len(ws) == 0 {
		return t
	}
	for _, w := range ws {
		if !genreWords[w] {
			return t
		}
	}
	return strings.TrimSpace(t[:i])
}

// genreWords make up the notes bareTitle removes.
var genreWords = map[string]bool{
	"extended": true, "abstract": true, "short": true, "full": true, "long": true, "paper": true,
	"invited": true, "talk": true, "keynote": true, "poster": true, "demo": true, "demonstration": true,
	"position": true, "student": true, "work": true, "in": true, "progress": true, "tutorial": true,
	"version": true, "abridged": true, "preprint": true, "note": true, "technical": true, "communication": true,
}
