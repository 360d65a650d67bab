// Package pdfcheck checks a volume's records against the camera-ready PDFs
// of its papers (procx's --pdfs DIR): each PDF of a directory is read once,
// matched to at most one record of a volume (by a pdf or file field naming
// it, else by its file name, else by the title it prints), and the two are
// compared: title, authors, number of pages. Records with no PDF and PDFs
// with no record are reported too.
//
// The PDFs are read by the caller's function (the pipeline's, so that they
// carry normalized names and the pipeline's limits), on several goroutines.
package pdfcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// ReadFunc reads one PDF into a volume and its text, as procx.ProcessFile
// does. It must not panic; Load recovers if it does.
type ReadFunc func(path string, data []byte) (*schema.Volume, *schema.File)

// PDF is what one PDF of the directory holds for the checks.
type PDF struct {
	Path    string // the directory joined with Name
	Name    string // the file name
	Title   string
	Authors []schema.Author
	Pages   int // the PDF's page count as the reader found it; 0 unknown
	// Failed is the diagnostic of a PDF that could not be read (damaged,
	// encrypted, over a limit), at the PDF's path; the PDF takes part in
	// matching by name only.
	Failed *schema.Diagnostic
	// note says why the PDF takes part in matching by name only.
	note string
	// unsure says why the byline is not compared ("" when it is).
	unsure string
	// words are the folded words of page 1, each also without the digits
	// it ends in (affiliation marks set on the line: "Srinivasa1").
	words map[string]bool
	key   string   // the folded title
	grams []uint32 // the folded title's trigrams, sorted, distinct
}

// Set is the PDFs of a directory, read once for all the volumes checked
// against it.
type Set struct {
	Dir    string
	PDFs   []*PDF
	byName map[string]int

	mu      sync.Mutex
	matched []bool   // by PDF: matched to a record of some volume
	why     []string // by PDF: why a title match was not made
}

// Load reads every file of dir whose name ends in ".pdf" (in any case; the
// directory only, not below it) with read, on up to jobs goroutines (0:
// GOMAXPROCS). A PDF that cannot be read, or whose reading panics, costs
// that PDF only: its Failed diagnostic says why. The error is for a
// directory that cannot be listed.
func Load(dir string, read ReadFunc, jobs int) (*Set, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--pdfs: %w", err)
	}
	s := &Set{Dir: dir, byName: map[string]int{}}
	for _, e := range ents {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
			continue
		}
		s.byName[e.Name()] = len(s.PDFs)
		s.PDFs = append(s.PDFs, &PDF{Name: e.Name(), Path: filepath.Join(dir, e.Name())})
	}
	s.matched, s.why = make([]bool, len(s.PDFs)), make([]string, len(s.PDFs))
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, len(s.PDFs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(s.PDFs) {
					return
				}
				s.PDFs[i].load(read)
			}
		}()
	}
	wg.Wait()
	return s, nil
}

// fatal are the codes of a reading that gave nothing to compare.
var fatal = []schema.Code{schema.UnknownFormat, schema.UnreadableInput, schema.EmptyInput, schema.InternalError}

// load reads p and keeps what the checks need.
func (p *PDF) load(read ReadFunc) {
	defer func() {
		if r := recover(); r != nil {
			d := schema.InternalError.AtPointer(p.Path, "", "procx failed on this pdf: %v", r)
			p.Failed = &d
		}
	}()
	data, err := os.ReadFile(p.Path)
	if err != nil {
		d := schema.UnreadableInput.AtPointer(p.Path, "", "%v", err)
		p.Failed = &d
		return
	}
	v, f := read(p.Path, data)
	for _, d := range v.Diagnostics {
		if slices.Contains(fatal, d.Code) || d.Code == schema.Limit && len(v.Papers) == 0 {
			d.Path = p.Path
			p.Failed = &d
			return
		}
	}
	var rec *schema.Record
	n := 0
	for i := range v.Papers {
		if v.Papers[i].Kind == schema.KindPaper {
			if rec == nil {
				rec = &v.Papers[i]
			}
			n++
		}
	}
	if n > 1 {
		// A table of contents, or front matter: matched by name only.
		p.note = fmt.Sprintf("it reads as a table of contents of %d papers, not as one paper", n)
		return
	}
	if rec == nil {
		// No front matter on its first page (the reader's
		// paper-no-front-matter says why): matched by name only, with
		// nothing to compare.
		p.note = "its first page reads as no paper's front matter (no title in larger type, or no authors)"
		return
	}
	p.Title, p.Authors, p.Pages = rec.Title, rec.Authors, rec.PageCount
	if slices.ContainsFunc(v.Diagnostics, func(d schema.Diagnostic) bool { return d.Code == schema.Limit }) {
		p.Pages = 0 // a limit cut the reading: the count is not the PDF's
	}
	p.key = text.Fold(p.Title)
	p.grams = trigrams(p.key)
	p.unsure = unsureByline(p.Authors, v.Diagnostics)
	if f != nil {
		p.words = pageWords(f)
	}
}

// pageWords returns the folded words of f's first page.
func pageWords(f *schema.File) map[string]bool {
	end := len(f.Text)
	if f.Page != nil {
		end = sort.Search(len(f.Text), func(off int) bool { return f.Page(off) > 1 })
	}
	out := map[string]bool{}
	for _, w := range text.FoldWords(string(f.Text[:end])) {
		out[w] = true
		out[strings.TrimRight(w, "0123456789")] = true
	}
	return out
}

// unsureByline applies the rule by which a PDF's byline is compared with a
// record's authors, and says why not when it is not: the reader found at
// least one name, no limit cut the reading, and every name reads as a
// person's (no email, no digits, no word of an institution or heading, at
// most six words). (The record's side of the rule, a family name in
// common, is checked against each record.)
func unsureByline(as []schema.Author, ds []schema.Diagnostic) string {
	if len(as) == 0 {
		return "the pdf's reader found no authors"
	}
	for _, d := range ds {
		if d.Code == schema.Limit {
			return "a limit cut the pdf's reading"
		}
	}
	for _, a := range as {
		if why := notAName(a.Name); why != "" {
			return fmt.Sprintf("author %q of the pdf %s", a.Name, why)
		}
	}
	return ""
}

// notAName says why s does not read as a person's name, or "".
func notAName(s string) string {
	switch {
	case strings.ContainsAny(s, "@:"):
		return "holds an email or a heading"
	case strings.ContainsFunc(s, func(r rune) bool { return '0' <= r && r <= '9' }):
		return "holds digits"
	case len(strings.Fields(s)) > 6:
		return "has more than six words"
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if institutionWords[strings.Trim(w, ",.;()")] {
			return fmt.Sprintf("holds %q", w)
		}
	}
	return ""
}

// institutionWords are words of affiliations and headings that no name
// holds.
var institutionWords = map[string]bool{
	"university": true, "universität": true, "université": true, "universidad": true,
	"department": true, "dept": true, "institute": true, "school": true, "college": true,
	"laboratory": true, "laboratories": true, "lab": true, "labs": true, "research": true,
	"center": true, "centre": true, "faculty": true, "engineering": true, "inc": true,
	"corporation": true, "abstract": true, "editors": true, "editor": true, "email": true,
}

// trigrams returns the distinct three-byte windows of s (a folded title),
// sorted; a title shorter than three bytes is its own one gram.
func trigrams(s string) []uint32 {
	if s == "" {
		return nil
	}
	if len(s) < 3 {
		return []uint32{hashGram(s)}
	}
	out := make([]uint32, 0, len(s)-2)
	for i := 0; i+3 <= len(s); i++ {
		out = append(out, hashGram(s[i:i+3]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func hashGram(g string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(g); i++ {
		h = (h ^ uint32(g[i])) * 16777619
	}
	return h
}

// similarity is the Dice coefficient of two sorted gram sets: 1 for the
// same title, 0 for titles with no three letters in common.
func similarity(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
