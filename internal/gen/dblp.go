package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// latin1Names are the dblp.dtd entities of the letters the generator's
// names use; other letters beyond ASCII are written as character
// references, as dblp writes them.
var latin1Names = map[rune]string{
	'é': "eacute", 'è': "egrave", 'ë': "euml", 'ü': "uuml", 'ö': "ouml", 'ø': "oslash", 'Ø': "Oslash",
	'ñ': "ntilde", 'ú': "uacute", 'ç': "ccedil", 'Ç': "Ccedil", 'á': "aacute", 'í': "iacute", 'ó': "oacute",
	'Ð': "ETH", 'ß': "szlig", 'å': "aring", 'ä': "auml",
}

// dblpEscape writes s as dblp writes text: ASCII, with the markup
// characters escaped and every other letter as an entity.
func dblpEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x80:
			b.WriteRune(r)
		case latin1Names[r] != "":
			b.WriteString("&" + latin1Names[r] + ";")
		default:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		}
	}
	return b.String()
}

// DBLP returns an excerpt of the dblp XML dump as dblp writes it
// (ISO-8859-1 declared, every letter beyond ASCII an entity): n paper
// records, <inproceedings> of proceedings of about 40 papers each (every
// one with its <proceedings> record after its papers, as in the dump) and
// some <article>s, with homonym numbers, <i> and <sub> markup in titles,
// the period dblp ends titles with, contiguous pages and DOI links.
func DBLP(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE dblp SYSTEM \"dblp.dtd\">\n<dblp>\n")
	conf, page, inConf := 0, 1, 0
	closeConf := func() {
		year := 2000 + conf%25
		fmt.Fprintf(&b, "<proceedings mdate=\"2024-01-01\" key=\"conf/syn%d/%d\">\n<editor>%s</editor>\n<editor>%s</editor>\n"+
			"<title>Proceedings of the %d. Synthetic Systems Conference, SYN%d %d, Kyoto, Japan</title>\n"+
			"<booktitle>SYN%d</booktitle>\n<publisher>ACM</publisher>\n<year>%d</year>\n<isbn>978-1-4503-%04d-%d</isbn>\n"+
			"<ee>https://doi.org/10.1145/3999%03d</ee>\n<url>db/conf/syn%d/syn%d.html</url>\n</proceedings>\n",
			conf, year, dblpEscape(pick(r, givens)+" "+pick(r, families)), dblpEscape(pick(r, givens)+" "+pick(r, families)),
			conf+1, conf, year, conf, year, conf, conf%10, conf, conf, year)
		conf++
		page, inConf = 1, 0
	}
	for i := range n {
		na := 1 + r.IntN(5)
		var authors strings.Builder
		for range na {
			name := pick(r, givens) + " " + pick(r, families)
			if r.IntN(20) == 0 {
				name += fmt.Sprintf(" %04d", 1+r.IntN(12))
			}
			fmt.Fprintf(&authors, "<author>%s</author>\n", dblpEscape(name))
		}
		nw := 3 + r.IntN(8)
		tw := make([]string, nw)
		for k := range tw {
			tw[k] = pick(r, words)
		}
		switch r.IntN(10) {
		case 0:
			tw[0] = "<i>" + tw[0] + "</i>"
		case 1:
			tw[nw-1] = "H<sub>2</sub>" + tw[nw-1]
		}
		title := strings.Join(tw, " ") + "."
		if r.IntN(8) == 0 {
			year := 2000 + r.IntN(25)
			fmt.Fprintf(&b, "<article mdate=\"2024-01-01\" key=\"journals/jsyn/A%d\">\n%s<title>%s</title>\n<pages>%d-%d</pages>\n<year>%d</year>\n"+
				"<volume>%d</volume>\n<journal>J. Synth. Syst.</journal>\n<number>%d</number>\n<ee>https://doi.org/10.1016/j.jsyn.%d.%06d</ee>\n<url>db/journals/jsyn/jsyn%d.html#A%d</url>\n</article>\n",
				i, authors.String(), title, 1+r.IntN(200), 201+r.IntN(20), year, year-1990, 1+r.IntN(4), year, i, year-1990, i)
			continue
		}
		year := 2000 + conf%25
		first, last := page, page+5+r.IntN(10)
		page = last + 1
		fmt.Fprintf(&b, "<inproceedings mdate=\"2024-01-01\" key=\"conf/syn%d/P%d\">\n%s<title>%s</title>\n<pages>%d-%d</pages>\n<year>%d</year>\n"+
			"<booktitle>SYN%d</booktitle>\n<ee>https://doi.org/10.1145/3999%03d.%07d</ee>\n<crossref>conf/syn%d/%d</crossref>\n<url>db/conf/syn%d/syn%d.html#P%d</url>\n</inproceedings>\n",
			conf, i, authors.String(), title, first, last, year, conf, conf, i, conf, year, conf, year, i)
		if inConf++; inConf == 40 {
			closeConf()
		}
	}
	if inConf > 0 {
		closeConf()
	}
	b.WriteString("</dblp>\n")
	return b.String()
}
