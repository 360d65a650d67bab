// Package gen writes synthetic proceedings archives in the reference
// table-of-contents format (and whole-volume BibTeX), with defects planted
// at a known rate and a manifest of what was planted where. Tests use it to
// check that procx reports every planted defect and nothing else;
// benchmarks use it for archives of any size.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size an archive.
type Options struct {
	Volumes    int     // files
	Papers     int     // papers per volume
	DefectRate float64 // probability that a paper carries one planted defect
	Seed       uint64
}

// Defect is one planted defect: the diagnostic code procx must report, on
// this line of this file.
type Defect struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Code string `json:"code"`
}

// The defects the generator plants; each raises exactly one diagnostic.
var defectCodes = []string{
	"pages-overlap", "pages-gap", "duplicate-doi", "author-mismatch", "title-mismatch",
	"year-mismatch", "doi-format", "bibtex-unescaped", "unparsed-text", "key-page-mismatch",
	"affiliation-unparsed",
}

// Codes returns the codes the generator plants.
func Codes() []string { return append([]string(nil), defectCodes...) }

var (
	givens = []string{"Noël", "Laurent", "Łukasz", "Zoë", "José", "Søren", "Ana", "HeuiChan", "Mei", "Wei", "Jürgen",
		"François", "Ines", "Oğuz", "Tomáš", "Priya", "Kenji", "Yuki", "Anna-Lena", "Jean-Pierre", "Siddharth",
		"Chloé", "Björn", "Agnieszka", "Răzvan", "Dmitry", "Fatima", "Carlos", "Hajime", "Vasily A.", "Lluís", "Emma"}
	families = []string{"Réveillère", "de Palma", "Kowalczyk", "Müller", "Núñez", "van der Berg", "O'Keeffe", "Zhang",
		"Nakamura", "Dvořák", "Çelik", "Schröder", "García", "Nguyen", "Ishiguro", "Vilanova", "di Stefano",
		"von Neumann", "Papadimitriou", "Lindqvist", "Kotselidis", "Wang", "Sartakov", "Le Roux", "Brontë", "Ødegaard"}
	insts = []string{"TU Munich, Germany", "University of Tokyo, Japan", "ETH Zurich, Switzerland", "Inria, France",
		"University of Manchester, UK", "Peking University, China", "KAIST, South Korea", "IIT Kanpur, India",
		"Universidade de São Paulo, Brazil", "University of Otago, New Zealand", "Charles University, Czech Republic",
		"Université Côte d'Azur, France", "Carnegie Mellon University, USA", "National Taiwan University, Taiwan"}
	words = []string{"Efficient", "Virtual", "Memory", "Machines", "Scalable", "Isolation", "for", "Trusted",
		"Execution", "Dynamic", "Binary", "Translation", "Adaptive", "Live", "Migration", "Heterogeneous",
		"Runtimes", "Garbage", "Collection", "Just-in-Time", "Compilation", "Containers", "Unikernels", "in",
		"the", "Cloud", "Hypervisors", "Paging", "Nested", "Secure", "Enclaves", "Fast", "Snapshots", "GPU"}
	sentences = []string{
		"We present a new approach to the problem that improves throughput considerably.",
		"Our evaluation on standard benchmarks shows speedups of up to 2.5x over the state of the art.",
		"The design keeps the trusted computing base small while supporting unmodified applications.",
		"Existing systems either sacrifice compatibility or incur a high overhead on every memory access.",
		"We implement the technique in a production hypervisor and report on our experience.",
		"This paper studies the trade-offs between isolation, performance and ease of deployment.",
		"A prototype demonstrates that the approach is practical for real workloads in the cloud.",
	}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// writer collects lines and knows the number of the next one.
type writer struct{ lines []string }

func (w *writer) add(s ...string) {
	for _, l := range s {
		w.lines = append(w.lines, strings.Split(l, "\n")...)
	}
}
func (w *writer) next() int { return len(w.lines) + 1 }

// Archive writes opt.Volumes files named v00000.txt... into dir and returns
// the planted defects.
func Archive(dir string, opt Options) ([]Defect, error) {
	var all []Defect
	for i := range opt.Volumes {
		name := filepath.Join(dir, fmt.Sprintf("v%05d.txt", i))
		text, ds := Volume(name, i, opt)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return nil, err
		}
		all = append(all, ds...)
	}
	return all, nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Volume returns the text of volume i and its planted defects.
func Volume(path string, i int, opt Options) (string, []Defect) {
	r := rand.New(rand.NewPCG(opt.Seed, uint64(i)))
	year := 2000 + r.IntN(26)
	acr := fmt.Sprintf("SYN%02d", year%100)
	w := &writer{}
	w.add("Powered by",
		fmt.Sprintf("%dth ACM SIGPLAN International Conference on Synthetic Systems %d (%s %d),", 10+i%40, i, acr, year),
		fmt.Sprintf("%s %d, %d,", pick(r, months), 1+r.IntN(28), year),
		"Virtual, USA",
		"Papers")
	var defects []Defect
	plant := func(line int, code string) { defects = append(defects, Defect{path, line, code}) }
	page := 1
	prefix := fmt.Sprintf("10.1145/%07d.", 3000000+i)
	var dois []string
	for p := 0; p < opt.Papers; p++ {
		defect := ""
		if r.Float64() < opt.DefectRate {
			defect = pick(r, defectCodes)
			// Duplicates and page defects need a paper before them.
			if p == 0 && (defect == "duplicate-doi" || defect == "pages-overlap" || defect == "pages-gap") {
				defect = ""
			}
		}
		switch defect {
		case "pages-overlap":
			page -= 2
		case "pages-gap":
			page += 2
		}
		first, last := page, page+5+r.IntN(10)
		page = last + 1
		key := fmt.Sprintf("%sp%d", acr, first)
		if defect == "key-page-mismatch" {
			key = fmt.Sprintf("%sp%d", acr, first+1)
		}
		doi := fmt.Sprintf("%s%07d", prefix, 1000+p)
		switch defect {
		case "duplicate-doi":
			doi = pick(r, dois)
		case "doi-format":
			doi = fmt.Sprintf("%07d.%07d", 3000000+i, 1000+p)
		}
		dois = append(dois, doi)
		nw := 3 + r.IntN(7)
		tw := make([]string, nw)
		for k := range tw {
			tw[k] = pick(r, words)
		}
		title := strings.Join(tw, " ")
		na := 1 + r.IntN(6)
		authors := make([]string, na)
		for k := range authors {
			authors[k] = pick(r, givens) + " " + pick(r, families)
		}
		prose := append([]string(nil), authors...)
		if defect == "author-mismatch" {
			// Drop the accents of one author in the prose only.
			k := r.IntN(na)
			repl := strings.NewReplacer("é", "e", "è", "e", "ë", "e", "ü", "u", "ö", "o", "ø", "o", "Ø", "O", "ł", "l", "Ł", "L",
				"ñ", "n", "ú", "u", "ç", "c", "Ç", "C", "ř", "r", "á", "a", "ğ", "g", "ă", "a", "í", "i", "ó", "o")
			prose[k] = repl.Replace(prose[k])
			if prose[k] == authors[k] {
				prose[k] = strings.Replace(prose[k], " ", " X. ", 1) // spelled differently instead
			}
		}
		// Title line.
		proseTitle := title
		if defect == "title-mismatch" {
			proseTitle = "Revisiting " + title
		}
		titleLine := w.next()
		if len(proseTitle) > 50 && r.IntN(3) == 0 {
			cut := strings.LastIndex(proseTitle[:len(proseTitle)/2+5], " ")
			if cut > 0 && !strings.HasSuffix(proseTitle[:cut], " for") {
				w.add(proseTitle[:cut], proseTitle[cut+1:])
			} else {
				w.add(proseTitle)
			}
		} else {
			w.add(proseTitle)
		}
		// Author lines: one line, or wrapped one per line.
		authorLine := w.next()
		if na > 2 && r.IntN(2) == 0 {
			for k, a := range prose {
				switch {
				case k == na-1:
					w.add(a)
				case k == na-2:
					w.add(a + ", and")
				default:
					w.add(a + ",")
				}
			}
		} else if na == 1 {
			w.add(prose[0])
		} else {
			w.add(strings.Join(prose[:na-1], ", ") + " and " + prose[na-1])
		}
		_ = authorLine
		var affs []string
		for range 1 + r.IntN(3) {
			affs = append(affs, pick(r, insts))
		}
		affLine := w.next()
		if defect == "affiliation-unparsed" {
			affs[0] = "Institute of Synthetic Studies, Atlantis"
		}
		w.add("(" + strings.Join(affs, "; ") + ")")
		// Abstract: one paragraph per line, or hard-wrapped at 80.
		var paras []string
		for range 1 + r.IntN(3) {
			var ss []string
			for range 2 + r.IntN(4) {
				ss = append(ss, pick(r, sentences))
			}
			paras = append(paras, strings.Join(ss, " "))
		}
		wrap := r.IntN(2) == 0
		for _, para := range paras {
			if wrap {
				w.add(hardWrap(para, 80)...)
			} else {
				w.add(para)
			}
		}
		bibYear := year
		if defect == "year-mismatch" {
			bibYear = year - 1
		}
		w.add(fmt.Sprintf("@InProceedings{%s,", key),
			"author = {"+strings.Join(authors, " and ")+"},",
			"title = {"+title+"},",
			`booktitle = {Proc.\ `+acr+"},",
			"publisher = {ACM},",
			fmt.Sprintf("pages = {%d--%d},", first, last),
			"doi = {"+doi+"},",
			fmt.Sprintf("year = {%d},", bibYear))
		noteLine := w.next()
		if defect == "bibtex-unescaped" {
			w.add("note = {see VM_Exits},")
		}
		w.add("}", "Publisher's Version")
		noise := w.next()
		if defect == "unparsed-text" {
			w.add("This line of noise belongs to no paper at all.")
		}
		bibStart := noteLine - 8 // the @InProceedings line
		switch defect {
		case "pages-overlap", "pages-gap":
			plant(bibStart+5, defect)
		case "duplicate-doi", "doi-format":
			plant(bibStart+6, defect)
		case "year-mismatch":
			plant(bibStart+7, defect)
		case "key-page-mismatch":
			plant(bibStart, defect)
		case "author-mismatch":
			plant(authorLineOf(w, authorLine, prose, authors), defect)
		case "title-mismatch":
			plant(titleLine, defect)
		case "bibtex-unescaped":
			plant(noteLine, defect)
		case "unparsed-text":
			plant(noise, defect)
		case "affiliation-unparsed":
			plant(affLine, defect)
		}
	}
	w.add("proc time: 1.00")
	return strings.Join(w.lines, "\n") + "\n", defects
}

// authorLineOf returns the line of the first prose author that differs
// from the BibTeX.
func authorLineOf(w *writer, first int, prose, bib []string) int {
	for k := range prose {
		if prose[k] != bib[k] {
			for l := first; l <= len(w.lines); l++ {
				if strings.Contains(w.lines[l-1], prose[k]) {
					return l
				}
			}
		}
	}
	return first
}

func hardWrap(s string, width int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			out = append(out, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(out, line)
}

// BibTeX returns a whole-volume BibTeX file: one @proceedings and n
// @inproceedings entries with crossref, "Last, First" names with LaTeX
// accents, contiguous pages and DOIs under one prefix.
func BibTeX(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 99))
	latex := strings.NewReplacer("é", `{\'e}`, "è", `{\`+"`"+`e}`, "ë", `{\"e}`, "ü", `{\"u}`, "ö", `{\"o}`, "ø", `{\o}`,
		"Ø", `{\O}`, "ł", `{\l}`, "Ł", `{\L}`, "ñ", `{\~n}`, "ú", `{\'u}`, "ç", `{\c{c}}`, "Ç", `{\c{C}}`, "ř", `{\v{r}}`,
		"á", `{\'a}`, "ğ", `{\u{g}}`, "ă", `{\u{a}}`, "í", `{\'\i}`, "ó", `{\'o}`, "Ø", `{\O}`, "Ð", `{\DH}`, "ë", `{\"e}`)
	var b strings.Builder
	b.WriteString("% A synthetic proceedings volume written by procx's generator.\n\n")
	b.WriteString("@proceedings{syn2024,\n  title = {Proceedings of the Synthetic Systems Conference},\n  shortname = {SYN},\n  year = {2024},\n  publisher = {ACM},\n}\n\n")
	page := 1
	for i := range n {
		na := 1 + r.IntN(6)
		names := make([]string, na)
		for k := range names {
			names[k] = latex.Replace(pick(r, families) + ", " + pick(r, givens))
		}
		nw := 3 + r.IntN(7)
		tw := make([]string, nw)
		for k := range tw {
			tw[k] = pick(r, words)
		}
		first, last := page, page+5+r.IntN(10)
		page = last + 1
		fmt.Fprintf(&b, "@inproceedings{syn24p%d,\n  author = {%s},\n  title = {%s},\n  booktitle = {Proceedings of the Synthetic Systems Conference},\n  crossref = {syn2024},\n  pages = {%d--%d},\n  doi = {10.1145/3999999.%07d},\n  year = {2024},\n  abstract = {%s},\n}\n\n",
			first, strings.Join(names, " and "), strings.Join(tw, " "), first, last, 1000+i,
			pick(r, sentences)+" "+pick(r, sentences))
	}
	return b.String()
}
