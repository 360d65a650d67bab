package frontmatter

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/procx/procx/extract/internal/pdftext"
	"github.com/procx/procx/internal/pdfgen"
)

// sheet builds a page of positioned text.
type sheet struct{ ts []pdfgen.Text }

func (s *sheet) at(x, y, size float64, bold bool, t string) float64 {
	s.ts = append(s.ts, pdfgen.Text{X: x, Y: y, Size: size, Bold: bold, S: t})
	return x + pdfgen.Width(t, size)
}

func (s *sheet) centered(cx, y, size float64, bold bool, t string) {
	s.at(cx-pdfgen.Width(t, size)/2, y, size, bold, t)
}

// sup sets a superscript mark after x: smaller and raised.
func (s *sheet) sup(x, y, size float64, t string) float64 {
	s.ts = append(s.ts, pdfgen.Text{X: x, Y: y, Size: 0.7 * size, Rise: 0.4 * size, S: t})
	return x + pdfgen.Width(t, 0.7*size)
}

// para sets a paragraph in a column, first line indented by indent, and
// returns the baseline below it.
func (s *sheet) para(x, y, width, size, indent float64, text string) float64 {
	lines := pdfgen.Wrap(text, width-indent, size)
	for i, l := range lines {
		xi := x
		if i == 0 {
			xi += indent
		}
		s.at(xi, y, size, false, l)
		y -= 1.2 * size
	}
	return y
}

// centeredNames sets names with their marks on one centered line,
// separated by ", ".
func (s *sheet) centeredNames(cx, y, size float64, names []string, marks []string) {
	w := 0.0
	for i, n := range names {
		w += pdfgen.Width(n, size) + pdfgen.Width(marks[i], 0.7*size)
		if i < len(names)-1 {
			w += pdfgen.Width(", ", size)
		}
	}
	x := cx - w/2
	for i, n := range names {
		x = s.at(x, y, size, false, n)
		if marks[i] != "" {
			x = s.sup(x, y, size, marks[i])
		}
		if i < len(names)-1 {
			x = s.at(x, y, size, false, ", ")
		}
	}
}

const (
	abs1 = "We study the problem of reading the front matter of scientific papers from their portable document files, where the text comes as glyphs placed on a page rather than as a structured document, and layouts vary between templates."
	abs2 = "Our method groups glyphs into lines and blocks by baseline, size and gap, and reads title, authors, affiliations and abstract in order; it reaches high accuracy on a corpus of varied layouts."
	body = "Scientific publishing depends on metadata that agrees with the published papers, and proceedings chairs spend much time checking titles and author lists by hand against the camera-ready files they receive from the authors of each paper."
)

type want struct {
	title    string
	authors  []string
	affils   [][]int // per author, indexes into affiliations
	affil0   string  // a word of the first author's first affiliation
	emails   []string
	abstract string
	keywords []string
	doi      string
	arxiv    string
	venue    string
}

// layoutOneColumn: centered title on two lines, names on one line with
// numeric marks, marked affiliations, a braced email list, an "Abstract"
// heading, two paragraphs, keywords, a numbered section.
func layoutOneColumn() ([]byte, want) {
	var s sheet
	s.at(72, 800, 8, false, "Journal of Layout Studies 12 (2024) 1-14")
	s.centered(297, 740, 17, true, "Reading the Front Matter of Papers from")
	s.centered(297, 719, 17, true, "Positioned Text in Varied Layouts")
	s.centeredNames(297, 690, 11, []string{"Anna Berg", "José María Núñez", "Li Wei", "Pieter van der Berg"}, []string{"1", "2,1", "2", "1*"})
	x := s.sup(150, 672, 10, "1")
	s.at(x+1, 672, 10, false, "Department of Computer Science, University of Utrecht, Utrecht, Netherlands")
	x = s.sup(150, 659, 10, "2")
	s.at(x+1, 659, 10, false, "Institute of Informatics, Universidad de Sevilla, Sevilla, Spain")
	s.centered(297, 644, 9, false, "{anna.berg, jm.nunez, li.wei, p.vanderberg}@example.org")
	s.centered(297, 615, 12, true, "Abstract")
	y := s.para(100, 598, 395, 10, 0, abs1)
	y = s.para(100, y, 395, 10, 15, abs2)
	s.at(100, y-4, 10, true, "Keywords:")
	s.at(150, y-4, 10, false, "layout analysis, metadata, PDF")
	s.at(72, y-40, 12, true, "1 Introduction")
	s.para(72, y-58, 451, 10.5, 0, body)
	x = s.sup(72, 60, 8, "*")
	s.at(x+1, 60, 8, false, "Corresponding author.")
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Reading the Front Matter of Papers from Positioned Text in Varied Layouts",
		authors:  []string{"Anna Berg", "José María Núñez", "Li Wei", "Pieter van der Berg"},
		affils:   [][]int{{0}, {1, 0}, {1}, {0}},
		emails:   []string{"anna.berg@example.org", "jm.nunez@example.org", "li.wei@example.org", "p.vanderberg@example.org"},
		abstract: abs1 + "\n\n" + abs2,
		keywords: []string{"layout analysis", "metadata", "PDF"},
		venue:    "Journal of Layout Studies 12 (2024) 1-14",
	}
}

// layoutTwoColumn: a conference style with the title across the page,
// three authors side by side each with affiliation lines and email, and
// the abstract as an inline "Abstract—" paragraph in the left column
// beside body text in the right one.
func layoutTwoColumn() ([]byte, want) {
	var s sheet
	s.centered(297, 770, 22, false, "Column-Aware Extraction of Paper Metadata")
	cols := []struct{ name, a1, a2, email string }{
		{"Maria Rossi", "Dept. of Engineering", "Politecnico di Torino", "maria.rossi@polito.it"},
		{"Kenji Tanaka", "Graduate School of Informatics", "Kyoto University", "tanaka@i.kyoto-u.ac.jp"},
		{"Sarah O'Neil", "School of Computing", "Dublin City University", "sarah.oneil@dcu.ie"},
	}
	for i, c := range cols {
		cx := 120 + float64(i)*178
		s.centered(cx, 730, 11, false, c.name)
		s.centered(cx, 717, 9, false, c.a1)
		s.centered(cx, 706, 9, false, c.a2)
		s.centered(cx, 695, 9, false, c.email)
	}
	// Left column 50–290, right column 305–545.
	lines := pdfgen.Wrap("Abstract—"+abs1+" "+abs2, 240, 9)
	y := 660.0
	for i, l := range lines {
		if i == 0 {
			x := s.at(50, y, 9, true, "Abstract—")
			s.at(x, y, 9, false, strings.TrimPrefix(l, "Abstract—"))
		} else {
			s.at(50, y, 9, false, l)
		}
		y -= 10.8
	}
	s.at(50, y-4, 9, true, "Index Terms—metadata extraction; document layout")
	s.centered(170, y-26, 10, false, "I. INTRODUCTION")
	s.para(50, y-42, 240, 10, 10, body)
	s.para(305, 660, 240, 10, 0, body+" "+body)
	s.at(50, 40, 8, false, "DOI: 10.1109/LAYOUT.2024.1234567")
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{Width: 595, Height: 842}), want{
		title:    "Column-Aware Extraction of Paper Metadata",
		authors:  []string{"Maria Rossi", "Kenji Tanaka", "Sarah O'Neil"},
		affils:   [][]int{{0}, {1}, {2}},
		affil0:   "Politecnico",
		emails:   []string{"maria.rossi@polito.it", "tanaka@i.kyoto-u.ac.jp", "sarah.oneil@dcu.ie"},
		abstract: abs1 + " " + abs2,
		keywords: []string{"metadata extraction", "document layout"},
		doi:      "10.1109/LAYOUT.2024.1234567",
	}
}

// layoutStacked: names one per line in bold with the email at the right
// margin, an affiliation under each (two authors share one), then an
// indented abstract under a centered heading, and an arXiv stamp.
func layoutStacked() ([]byte, want) {
	var s sheet
	s.at(72, 810, 8, false, "arXiv:2403.01234v2 [cs.DL] 12 Mar 2024")
	s.centered(297, 760, 14, true, "Stacked Author Blocks Considered Harmless")
	s.at(72, 725, 11, true, "Olga Petrova")
	s.at(420, 725, 9, false, "OPETROVA@MSU.RU")
	s.at(72, 712, 10, false, "Faculty of Mechanics and Mathematics, Moscow State University")
	s.at(72, 697, 11, true, "Tom H. Becker")
	s.at(420, 697, 9, false, "TBECKER@TUM.DE")
	s.at(72, 684, 11, true, "Ulrike Schmidt")
	s.at(420, 684, 9, false, "USCHMIDT@TUM.DE")
	s.at(72, 671, 10, false, "Technical University of Munich")
	s.at(72, 658, 10, false, "Munich, Germany")
	s.at(72, 630, 10, true, "Editors: A. Editor, B. Editor")
	s.centered(297, 600, 12, true, "Abstract")
	y := s.para(92, 584, 411, 10, 0, abs1+" "+abs2)
	s.at(92, y-2, 10, true, "Keywords:")
	s.at(145, y-2, 10, false, "author blocks; layouts")
	s.at(72, y-40, 12, true, "1. Introduction")
	s.para(72, y-58, 451, 10.5, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Stacked Author Blocks Considered Harmless",
		authors:  []string{"Olga Petrova", "Tom H. Becker", "Ulrike Schmidt"},
		affils:   [][]int{{0}, {1}, {1}},
		emails:   []string{"opetrova@msu.ru", "tbecker@tum.de", "uschmidt@tum.de"},
		abstract: abs1 + " " + abs2,
		keywords: []string{"author blocks", "layouts"},
		arxiv:    "2403.01234v2",
	}
}

// layoutLongList: twelve authors over three centered lines with marks,
// three marked affiliations, an equal-contribution footnote, and no
// abstract heading: the abstract is the prose before the first section.
func layoutLongList() ([]byte, want) {
	var s sheet
	names := []string{"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
		"Frances Allen", "John Backus", "Niklaus Wirth", "Margaret Hamilton", "Ken Thompson", "Radia Perlman"}
	marks := []string{"1*", "1*", "2", "3", "2", "1", "3", "2", "1,3", "2", "1", "3"}
	s.centered(297, 770, 16, true, "A Large Collaboration on Layout Analysis")
	s.centeredNames(297, 740, 10.5, names[:4], marks[:4])
	s.centeredNames(297, 726, 10.5, names[4:8], marks[4:8])
	s.centeredNames(297, 712, 10.5, names[8:], marks[8:])
	for i, a := range []string{"Department of Computer Science and Technology, University of Cambridge, Cambridge, United Kingdom",
		"Department of Electrical Engineering and Computer Science, Stanford University, Stanford, CA, USA",
		"Department of Information Technology and Electrical Engineering, ETH Zurich, Zurich, Switzerland"} {
		y := 694 - float64(i)*12
		x := s.sup(90, y, 10, []string{"1", "2", "3"}[i])
		s.at(x+1, y, 10, false, a)
	}
	y := s.para(72, 640, 451, 10, 0, abs1+" "+abs2)
	s.at(72, y-20, 12, true, "1 Introduction")
	s.para(72, y-38, 451, 10, 0, body)
	x := s.sup(72, 70, 8, "*")
	s.at(x+1, 70, 8, false, "These authors contributed equally.")
	s.at(72, 50, 8, false, "https://doi.org/10.1145/3555555.3666666")
	wantAff := [][]int{{0}, {0}, {1}, {2}, {1}, {0}, {2}, {1}, {0, 2}, {1}, {0}, {2}}
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "A Large Collaboration on Layout Analysis",
		authors:  names,
		affils:   wantAff,
		abstract: abs1 + " " + abs2,
		doi:      "10.1145/3555555.3666666",
	}
}

// layoutACM: two authors side by side (name, institution, city and
// country, email), an "ABSTRACT" heading over the left column and body
// text in the right column from the same height, "and" between names
// nowhere, a CCS line.
func layoutACM() ([]byte, want) {
	var s sheet
	s.centered(306, 740, 18, true, "Small Multiples of Metadata")
	for i, c := range []struct{ name, inst, place, email string }{
		{"Chloé Dubois", "Université de Lyon", "Lyon, France", "chloe.dubois@univ-lyon.fr"},
		{"Rahul Gupta", "Indian Institute of Science", "Bangalore, India", "rahul@iisc.ac.in"},
	} {
		cx := 200 + float64(i)*212
		s.centered(cx, 705, 12, false, c.name)
		s.centered(cx, 691, 10, false, c.inst)
		s.centered(cx, 679, 10, false, c.place)
		s.centered(cx, 667, 10, false, c.email)
	}
	s.at(54, 630, 10, true, "ABSTRACT")
	y := s.para(54, 615, 241, 9, 0, abs1)
	y = s.para(54, y, 241, 9, 9, abs2)
	s.at(54, y-10, 10, true, "CCS CONCEPTS")
	s.at(54, y-24, 9, false, "• Information systems → Document representation.")
	s.at(317, 630, 10, true, "1 INTRODUCTION")
	s.para(317, 615, 241, 9, 0, body+" "+body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{Width: 612, Height: 792}), want{
		title:    "Small Multiples of Metadata",
		authors:  []string{"Chloé Dubois", "Rahul Gupta"},
		affils:   [][]int{{0}, {1}},
		emails:   []string{"chloe.dubois@univ-lyon.fr", "rahul@iisc.ac.in"},
		abstract: abs1 + "\n\n" + abs2,
	}
}

// layoutLNCS: Springer LNCS: names on two centered lines with marks and
// ORCID ids set as superscripts, ", and" before the last name, centered
// affiliations with marks, a braced email line, an inline "Abstract."
// paragraph indented on both sides, keywords separated by middle dots.
func layoutLNCS() ([]byte, want) {
	var s sheet
	s.centered(297, 760, 14, true, "Proof-Carrying Metadata for Digital Libraries")
	y := 730.0
	x := s.at(160, y, 10, false, "Hana Novák")
	x = s.sup(x, y, 10, "1")
	x = s.sup(x, y, 10, "[0000-0002-1825-0097]")
	x = s.at(x, y, 10, false, ", Omar Haddad")
	x = s.sup(x, y, 10, "2")
	s.at(x, y, 10, false, ",")
	y -= 13
	x = s.at(200, y, 10, false, "and Eva Lindqvist")
	s.sup(x, y, 10, "1,2")
	x = s.sup(170, 705, 9, "1")
	s.at(x+1, 705, 9, false, "Charles University, Prague, Czech Republic")
	x = s.sup(190, 694, 9, "2")
	s.at(x+1, 694, 9, false, "KTH Royal Institute of Technology, Stockholm, Sweden")
	s.centered(297, 683, 8, false, "{novak,lindqvist}@example.cz")
	lines := pdfgen.Wrap("Abstract. "+abs1+" "+abs2, 330, 9)
	y = 655
	for i, l := range lines {
		if i == 0 {
			x := s.at(132, y, 9, true, "Abstract.")
			s.at(x+3, y, 9, false, strings.TrimPrefix(l, "Abstract. "))
		} else {
			s.at(132, y, 9, false, l)
		}
		y -= 11
	}
	x = s.at(132, y-6, 9, true, "Keywords:")
	s.at(x+3, y-6, 9, false, "Metadata · Verification · Digital libraries")
	s.at(132, y-40, 12, true, "1 Introduction")
	s.para(132, y-58, 330, 10, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Proof-Carrying Metadata for Digital Libraries",
		authors:  []string{"Hana Novák", "Omar Haddad", "Eva Lindqvist"},
		affils:   [][]int{{0}, {1}, {0, 1}},
		abstract: abs1 + " " + abs2,
		keywords: []string{"Metadata", "Verification", "Digital libraries"},
	}
}

// layoutIEEE: a journal style with grades after the names ("Member,
// IEEE"), affiliations in a first-page footnote without marks, and the
// abstract as an inline bold "Abstract—" across the page.
func layoutIEEE() ([]byte, want) {
	var s sheet
	s.centered(306, 740, 24, false, "Robust Layout Analysis Under Noise")
	s.centered(306, 705, 11, false, "Wei Zhang, Student Member, IEEE, Laura Pérez, Senior Member, IEEE, and Mark Stone, Fellow, IEEE")
	lines := pdfgen.Wrap("Abstract—"+abs1+" "+abs2, 500, 9)
	y := 670.0
	for i, l := range lines {
		if i == 0 {
			x := s.at(56, y, 9, true, "Abstract—")
			s.at(x, y, 9, true, strings.TrimPrefix(l, "Abstract—"))
		} else {
			s.at(56, y, 9, true, l)
		}
		y -= 10.5
	}
	s.at(56, y-4, 9, true, "Index Terms—robustness, layout analysis.")
	s.centered(180, y-30, 10, false, "I. INTRODUCTION")
	s.para(56, y-46, 240, 10, 10, body)
	s.para(316, y-30, 240, 10, 0, body)
	s.para(56, 90, 240, 8, 8, "W. Zhang and L. Pérez are with the Department of Electrical Engineering, Tsinghua University, Beijing, China.")
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{Width: 612, Height: 792}), want{
		title:    "Robust Layout Analysis Under Noise",
		authors:  []string{"Wei Zhang", "Laura Pérez", "Mark Stone"},
		affils:   [][]int{nil, nil, nil},
		abstract: abs1 + " " + abs2,
		keywords: []string{"robustness", "layout analysis"},
	}
}

// layoutElsevier: letters as marks (a, b) and a starred corresponding
// author, affiliations set smaller in italics under the names, an
// "A B S T R A C T" heading in a box on the right of an article-info
// column.
func layoutElsevier() ([]byte, want) {
	var s sheet
	s.at(50, 800, 8, false, "Information Processing and Management 61 (2024) 103456")
	s.centered(297, 740, 16, false, "Letters as Affiliation Marks in Journal Articles")
	y := 712.0
	x := s.at(50, y, 11, false, "Sofia Marino")
	x = s.sup(x, y, 11, "a,*")
	x = s.at(x, y, 11, false, ", Jonas Weber")
	x = s.sup(x, y, 11, "b")
	x = s.at(x, y, 11, false, ", Aiko Sato")
	s.sup(x, y, 11, "a")
	x = s.sup(50, 694, 8, "a")
	s.at(x+1, 694, 8, false, "Department of Information Engineering, University of Padova, Padova, Italy")
	x = s.sup(50, 684, 8, "b")
	s.at(x+1, 684, 8, false, "Leibniz University Hannover, Hannover, Germany")
	s.at(50, 650, 8, true, "ARTICLE INFO")
	s.at(50, 636, 7, false, "Keywords:")
	s.at(50, 627, 7, false, "Affiliations")
	s.at(50, 618, 7, false, "Superscripts")
	s.at(200, 650, 8, true, "ABSTRACT")
	y = s.para(200, 636, 345, 8.5, 0, abs1)
	s.para(200, y, 345, 8.5, 10, abs2)
	s.at(50, 520, 9, true, "1. Introduction")
	s.para(50, 505, 240, 9, 0, body)
	s.para(305, 505, 240, 9, 0, body)
	x = s.sup(50, 70, 7, "*")
	s.at(x+1, 70, 7, false, "Corresponding author.")
	s.at(50, 60, 7, false, "E-mail address: sofia.marino@unipd.it (S. Marino).")
	s.at(50, 45, 7, false, "https://doi.org/10.1016/j.ipm.2024.103456")
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Letters as Affiliation Marks in Journal Articles",
		authors:  []string{"Sofia Marino", "Jonas Weber", "Aiko Sato"},
		affils:   [][]int{{0}, {1}, {0}},
		abstract: abs1 + "\n\n" + abs2,
		keywords: []string{"Affiliations", "Superscripts"},
		doi:      "10.1016/j.ipm.2024.103456",
		venue:    "Information Processing and Management 61 (2024) 103456",
	}
}

// layoutIEEEConf: an IEEE conference page whose long abstract fills the
// left column under the authors and goes on at the top of the right
// column, where the index terms and the first section follow.
func layoutIEEEConf() ([]byte, want) {
	var s sheet
	s.centered(306, 740, 24, false, "Long Abstracts in Two Columns")
	s.centered(180, 705, 11, false, "Ravi Kumar")
	s.centered(180, 692, 10, false, "IIT Bombay, Mumbai, India")
	s.centered(430, 705, 11, false, "Julia Santos")
	s.centered(430, 692, 10, false, "Universidade de São Paulo, Brazil")
	long := strings.Repeat(abs1+" ", 3) + "The text runs on past the foot of the column and ends at the top of the next one, as long abstracts do."
	lines := pdfgen.Wrap("Abstract—"+long, 240, 9)
	y := 660.0
	i := 0
	for ; i < len(lines) && y > 560; i++ {
		if i == 0 {
			x := s.at(56, y, 9, true, "Abstract—")
			s.at(x, y, 9, false, strings.TrimPrefix(lines[0], "Abstract—"))
		} else {
			s.at(56, y, 9, false, lines[i])
		}
		y -= 10.8
	}
	y = 660
	for ; i < len(lines); i++ {
		s.at(316, y, 9, false, lines[i])
		y -= 10.8
	}
	s.at(316, y-4, 9, true, "Index Terms—columns, abstracts")
	s.centered(436, y-26, 10, false, "I. INTRODUCTION")
	s.para(316, y-42, 240, 10, 10, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{Width: 612, Height: 792}), want{
		title:    "Long Abstracts in Two Columns",
		authors:  []string{"Ravi Kumar", "Julia Santos"},
		affils:   [][]int{{0}, {1}},
		abstract: long,
		keywords: []string{"columns", "abstracts"},
	}
}

// layoutSpringerJournal: names separated by middle dots with marks, a
// received line, affiliations with marks and an "E-mail:" label, an
// inline bold "Abstract" without punctuation.
func layoutSpringerJournal() ([]byte, want) {
	var s sheet
	s.at(56, 800, 8, false, "Scientometrics (2024) 129:1021–1040")
	s.at(56, 760, 16, true, "Middle Dots Between Author Names")
	x := s.at(56, 735, 10.5, false, "Marta Kowalska")
	x = s.sup(x, 735, 10.5, "1")
	x = s.at(x, 735, 10.5, false, " · Peter Brown")
	s.sup(x, 735, 10.5, "2")
	s.at(56, 718, 8, false, "Received: 3 March 2024 / Accepted: 9 May 2024")
	x = s.sup(56, 700, 8, "1")
	s.at(x+1, 700, 8, false, "Faculty of Physics, University of Warsaw, Warsaw, Poland")
	s.at(62, 690, 8, false, "E-mail: m.kowalska@uw.edu.pl")
	x = s.sup(56, 678, 8, "2")
	s.at(x+1, 678, 8, false, "Amazon Web Services, Seattle, WA, USA")
	lines := pdfgen.Wrap("Abstract "+abs1+" "+abs2, 480, 9.5)
	y := 650.0
	for i, l := range lines {
		if i == 0 {
			x := s.at(56, y, 9.5, true, "Abstract")
			s.at(x+4, y, 9.5, false, strings.TrimPrefix(l, "Abstract "))
		} else {
			s.at(56, y, 9.5, false, l)
		}
		y -= 11.5
	}
	s.at(56, y-6, 9.5, true, "Keywords")
	s.at(105, y-6, 9.5, false, "Author lists · Separators")
	s.at(56, y-36, 11, true, "Introduction")
	s.para(56, y-52, 480, 10, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Middle Dots Between Author Names",
		authors:  []string{"Marta Kowalska", "Peter Brown"},
		affils:   [][]int{{0}, {1}},
		emails:   []string{"m.kowalska@uw.edu.pl", ""},
		abstract: abs1 + " " + abs2,
		keywords: []string{"Author lists", "Separators"},
		venue:    "Scientometrics (2024) 129:1021–1040",
	}
}

// layoutCenteredStack: each author centered on a line of their own with
// the affiliation and then the email under the name, one author after
// another down the page; an abstract set in italics-like smaller type.
func layoutCenteredStack() ([]byte, want) {
	var s sheet
	s.centered(297, 770, 15, true, "One Author After Another")
	y := 740.0
	for _, a := range [][3]string{
		{"Nadia El-Amrani", "Mohammed V University, Rabat, Morocco", "nadia.elamrani@um5.ac.ma"},
		{"Tomás Ferreira da Silva", "University of Porto, Porto, Portugal", "tfsilva@fe.up.pt"},
		{"Yuki Watanabe", "The University of Tokyo, Tokyo, Japan", "watanabe@g.ecc.u-tokyo.ac.jp"},
	} {
		s.centered(297, y, 11, false, a[0])
		s.centered(297, y-12, 9.5, false, a[1])
		s.centered(297, y-23, 9, false, a[2])
		y -= 42
	}
	s.centered(297, y-5, 11, true, "ABSTRACT")
	y = s.para(110, y-22, 375, 9, 0, abs1)
	s.para(110, y, 375, 9, 12, abs2)
	s.at(72, 500, 12, true, "1 INTRODUCTION")
	s.para(72, 484, 451, 10, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "One Author After Another",
		authors:  []string{"Nadia El-Amrani", "Tomás Ferreira da Silva", "Yuki Watanabe"},
		affils:   [][]int{{0}, {1}, {2}},
		emails:   []string{"nadia.elamrani@um5.ac.ma", "tfsilva@fe.up.pt", "watanabe@g.ecc.u-tokyo.ac.jp"},
		abstract: abs1 + "\n\n" + abs2,
	}
}

// layoutJournalLogo: the journal's name set larger than the title above
// it, an article-type line, names with marks and a corresponding-author
// mark, and the email in a footnote.
func layoutJournalLogo() ([]byte, want) {
	var s sheet
	s.at(56, 800, 22, true, "PLOS ONE")
	s.at(56, 770, 9, true, "RESEARCH ARTICLE")
	s.at(56, 745, 17, true, "Logos Larger Than Titles in Journal")
	s.at(56, 725, 17, true, "First Pages")
	x := s.at(56, 700, 10, true, "Ingrid Haugen")
	x = s.sup(x, 700, 10, "1*")
	x = s.at(x, 700, 10, true, ", Kwame Mensah")
	s.sup(x, 700, 10, "2")
	x = s.sup(56, 685, 8, "1")
	s.at(x+1, 685, 8, false, "Department of Biology, University of Bergen, Bergen, Norway")
	x = s.sup(56, 675, 8, "2")
	s.at(x+1, 675, 8, false, "Department of Chemistry, University of Ghana, Accra, Ghana")
	x = s.sup(56, 662, 8, "*")
	s.at(x+1, 662, 8, false, "ingrid.haugen@uib.no")
	s.at(56, 635, 12, true, "Abstract")
	y := s.para(56, 618, 480, 10, 0, abs1+" "+abs2)
	s.at(56, y-20, 12, true, "Introduction")
	s.para(56, y-36, 480, 10, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Logos Larger Than Titles in Journal First Pages",
		authors:  []string{"Ingrid Haugen", "Kwame Mensah"},
		affils:   [][]int{{0}, {1}},
		emails:   []string{"ingrid.haugen@uib.no", ""},
		abstract: abs1 + " " + abs2,
	}
}

// layoutACMRows: ACM's authors in rows of three columns, the fourth
// centered on a second row under the middle column.
func layoutACMRows() ([]byte, want) {
	var s sheet
	s.centered(306, 740, 16, true, "Rows of Author Columns")
	people := []struct{ name, inst, place, email string }{
		{"Aino Virtanen", "Aalto University", "Espoo, Finland", "aino@aalto.fi"},
		{"Bilal Qureshi", "LUMS", "Lahore, Pakistan", "bilal@lums.edu.pk"},
		{"Camille Roux", "Inria", "Paris, France", "camille.roux@inria.fr"},
		{"Dmitri Volkov", "Skoltech", "Moscow, Russia", "d.volkov@skoltech.ru"},
	}
	for i, c := range people {
		cx, y := 126+float64(i%3)*180, 705.0
		if i == 3 {
			cx, y = 306, 645
		}
		s.centered(cx, y, 11, false, c.name)
		s.centered(cx, y-12, 9, false, c.inst)
		s.centered(cx, y-23, 9, false, c.place)
		s.centered(cx, y-34, 9, false, c.email)
	}
	s.at(54, 580, 10, true, "ABSTRACT")
	s.para(54, 565, 241, 9, 0, abs1+" "+abs2)
	s.at(317, 580, 10, true, "1 INTRODUCTION")
	s.para(317, 565, 241, 9, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{Width: 612, Height: 792}), want{
		title:    "Rows of Author Columns",
		authors:  []string{"Aino Virtanen", "Bilal Qureshi", "Camille Roux", "Dmitri Volkov"},
		affils:   [][]int{{0}, {1}, {2}, {3}},
		emails:   []string{"aino@aalto.fi", "bilal@lums.edu.pk", "camille.roux@inria.fr", "d.volkov@skoltech.ru"},
		abstract: abs1 + " " + abs2,
	}
}

// layoutAbstractPage2: a collaboration's author list fills most of the
// first page; the abstract starts at its foot and ends on page 2, under
// a running head, before the keywords.
func layoutAbstractPage2() ([]byte, want) {
	var s, s2 sheet
	s.centered(297, 780, 16, true, "A Collaboration Too Large for One Page")
	var names []string
	y := 750.0
	for row := range 26 {
		var ns, ms []string
		for c := range 4 {
			n := fmt.Sprintf("Author%c Member%c", 'A'+row, 'A'+c)
			names = append(names, n)
			ns, ms = append(ns, n), append(ms, "1")
		}
		s.centeredNames(297, y, 10, ns, ms)
		y -= 13
	}
	x := s.sup(150, y-4, 9, "1")
	s.at(x+1, y-4, 9, false, "The Large Collaboration, Geneva, Switzerland")
	s.centered(297, y-30, 12, true, "Abstract")
	long := strings.Repeat(abs1+" ", 12) + "It closes on the second page."
	lines := pdfgen.Wrap(long, 400, 10)
	y -= 46
	i := 0
	for ; i < len(lines) && y > 50; i++ {
		s.at(98, y, 10, false, lines[i])
		y -= 12
	}
	if i == len(lines) {
		panic("the abstract does not reach page 2")
	}
	s2.at(98, 810, 8, false, "A Collaboration Too Large for One Page")
	y = 780
	for ; i < len(lines); i++ {
		s2.at(98, y, 10, false, lines[i])
		y -= 12
	}
	s2.at(98, y-6, 10, true, "Keywords:")
	s2.at(150, y-6, 10, false, "collaborations, author lists")
	s2.at(72, y-40, 12, true, "1 Introduction")
	s2.para(72, y-56, 451, 10, 0, body)
	affs := make([][]int, len(names))
	for i := range affs {
		affs[i] = []int{0}
	}
	return pdfgen.Positioned([][]pdfgen.Text{s.ts, s2.ts}, pdfgen.Options{}), want{
		title:    "A Collaboration Too Large for One Page",
		authors:  names,
		affils:   affs,
		abstract: long,
		keywords: []string{"collaborations", "author lists"},
	}
}

// layoutParenAffils: a workshop page with each name followed by its
// affiliation in parentheses, two names sharing one.
func layoutParenAffils() ([]byte, want) {
	var s sheet
	s.centered(297, 760, 15, true, "Affiliations in Parentheses")
	s.centered(297, 735, 10, false, "Ana Lima (Universidade de São Paulo), Li Na (Peking University),")
	s.centered(297, 722, 10, false, "and Sven Olsen (Universidade de São Paulo)")
	s.centered(297, 695, 11, true, "Abstract")
	s.para(100, 680, 395, 10, 0, abs1+" "+abs2)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:    "Affiliations in Parentheses",
		authors:  []string{"Ana Lima", "Li Na", "Sven Olsen"},
		affils:   [][]int{{0}, {1}, {0}},
		abstract: abs1 + " " + abs2,
	}
}

// layoutManual: a manual's title page: a subtitle that starts with the
// word "Abstract", a version line, names one per line (one with an
// address in parentheses), no abstract, and the first section.
func layoutManual() ([]byte, want) {
	var s sheet
	s.at(72, 760, 24, true, "Libfoo")
	s.centered(297, 735, 14, false, "Abstract Syntax Trees for the Working Programmer")
	s.centered(297, 718, 11, false, "for version 2.4.1, 3 March 2024")
	s.at(72, 690, 11, true, "Marie Dubois")
	s.at(72, 676, 11, true, "Kofi Boateng")
	s.at(72, 662, 11, true, "Lena Fischer (bug-libfoo@example.org)")
	s.at(72, 630, 14, true, "1. Introduction")
	s.para(72, 612, 451, 10, 0, body)
	return pdfgen.Positioned([][]pdfgen.Text{s.ts}, pdfgen.Options{}), want{
		title:   "Libfoo",
		authors: []string{"Marie Dubois", "Kofi Boateng", "Lena Fischer"},
		affils:  [][]int{nil, nil, nil},
		emails:  []string{"", "", "bug-libfoo@example.org"},
	}
}

var layouts = map[string]func() ([]byte, want){
	"manual":                     layoutManual,
	"parenthesised-affiliations": layoutParenAffils,
	"abstract-page-2":            layoutAbstractPage2,
	"acm-rows":                   layoutACMRows,
	"journal-logo":               layoutJournalLogo,
	"centered-stack":             layoutCenteredStack,
	"springer-journal":           layoutSpringerJournal,
	"ieee-conference":            layoutIEEEConf,
	"one-column":                 layoutOneColumn, "two-column": layoutTwoColumn, "stacked": layoutStacked,
	"long-list": layoutLongList, "acm": layoutACM, "lncs": layoutLNCS, "ieee": layoutIEEE, "elsevier": layoutElsevier,
}

func analyzePDF(t testing.TB, data []byte) Front {
	ls, diags := pdftext.Lines(context.Background(), "gen.pdf", data, pdftext.Limits{RunPages: 2}.WithDefaults())
	if len(diags) > 0 {
		t.Fatalf("generated PDF: %v", diags)
	}
	return Analyze(ls)
}

// TestLayouts reads the front matter of generated pages in five layouts
// and checks every field against what was typeset.
func TestLayouts(t *testing.T) {
	for name, mk := range layouts {
		t.Run(name, func(t *testing.T) {
			data, w := mk()
			f := analyzePDF(t, data)
			if f.Title != w.title {
				t.Errorf("title %q, want %q", f.Title, w.title)
			}
			var names []string
			var affs [][]int
			for _, a := range f.Authors {
				names = append(names, a.Name)
				affs = append(affs, a.Affils)
			}
			if !reflect.DeepEqual(names, w.authors) {
				t.Errorf("authors %q, want %q", names, w.authors)
			}
			if !reflect.DeepEqual(affs, w.affils) {
				t.Errorf("affiliations by author %v, want %v (affiliations %q)", affs, w.affils, f.Affiliations)
			}
			if w.affil0 != "" && (len(f.Authors) == 0 || len(f.Authors[0].Affils) == 0 || !strings.Contains(f.Affiliations[f.Authors[0].Affils[0]], w.affil0)) {
				t.Errorf("first author's affiliation does not name %q: %q", w.affil0, f.Affiliations)
			}
			if w.emails != nil {
				var es []string
				for _, a := range f.Authors {
					es = append(es, a.Email)
				}
				if !reflect.DeepEqual(es, w.emails) {
					t.Errorf("emails by author %q, want %q", es, w.emails)
				}
			}
			if f.Abstract != w.abstract {
				t.Errorf("abstract\n%q\nwant\n%q", f.Abstract, w.abstract)
			}
			if !reflect.DeepEqual(f.Keywords, w.keywords) {
				t.Errorf("keywords %q, want %q", f.Keywords, w.keywords)
			}
			if f.DOI != w.doi || f.Arxiv != w.arxiv || f.Venue != w.venue {
				t.Errorf("doi %q arxiv %q venue %q, want %q %q %q", f.DOI, f.Arxiv, f.Venue, w.doi, w.arxiv, w.venue)
			}
		})
	}
}
