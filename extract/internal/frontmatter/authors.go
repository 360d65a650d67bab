package frontmatter

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/internal/text"
)

// notName are words that do not occur in a person's name but do in
// affiliations and headings.
var notName = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`university universität université universidad università universiteit institute institut
		instituto department dept dept. departamento laboratory laboratories lab labs school college center centre research
		faculty inc inc. ltd ltd. corp corporation group hospital foundation academy science sciences engineering
		technology editors editor email e-mail correspondence received accepted abstract introduction keywords
		of for the in on at by with from to via we our this is are and/or usa china germany france japan italy
		chair division program programme unit section company gmbh llc ag campus avenue street road st. box
		national state federal polytechnic politecnico ecole école systems control computer data learning
		dynamics robotics networks network model models analysis approach using based method methods
		article info information history highlights contents available online www received revised
		ai csail services google microsoft facebook meta amazon ibm nvidia apple deepmind openai adobe intel
		baidu alibaba tencent huawei samsung`) {
		notName[w] = true
	}
}

var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true,
	"del": true, "della": true, "des": true, "du": true, "la": true, "le": true, "ter": true, "ten": true, "dos": true,
	"das": true, "y": true, "bin": true, "al": true, "el": true, "zu": true, "af": true}

var reParenName = regexp.MustCompile(`\s*(?:,|;|\band\b|&)?\s*([^,;()]+?)\s*\(([^()]+)\)`)

// parenNames reads a line of names each followed by its affiliation in
// parentheses; nil when the line does not read so.
func parenNames(t string) (names, affs []string) {
	if !strings.Contains(t, "(") {
		return nil, nil
	}
	ms := reParenName.FindAllStringSubmatchIndex(t, -1)
	end := 0
	for _, m := range ms {
		if strings.TrimSpace(t[end:m[0]]) != "" {
			return nil, nil
		}
		n := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t[m[2]:m[3]]), "and "))
		if nm, _ := cleanName(n); !isName(nm) {
			return nil, nil
		}
		names, affs = append(names, n), append(affs, strings.TrimSpace(stripMarks(t[m[4]:m[5]])))
		end = m[1]
	}
	if strings.Trim(t[end:], " ,;.") != "" || len(names) == 0 {
		return nil, nil
	}
	return names, affs
}

// reHistory is a line of the author block that is no author's: the
// editors, the article's dates.
var reHistory = regexp.MustCompile(`(?i)^\s*(editors?|received|accepted|published|revised|available online|submitted|communicated by|handling editor|recommended by)\b`)

// reEmailLabel is a label before the emails of an author block.
var reEmailLabel = regexp.MustCompile(`(?i)\b(e-?mails?|contact|correspondence|corresponding authors?)\b`)

// reGrade is an IEEE membership grade after a name.
var reGrade = regexp.MustCompile(`,?\s*\b(Student |Senior |Life |Graduate Student )?(Member|Fellow),?\s*IEEE\b`)

// splitNames splits a line of names at commas, semicolons, "and" and "&",
// outside marks. A piece that is only marks goes with the name before.
func splitNames(t string) []string {
	t = reGrade.ReplaceAllString(t, "")
	var out []string
	var b strings.Builder
	in := false
	flush := func() {
		p := strings.TrimSpace(b.String())
		b.Reset()
		if p == "" {
			return
		}
		// A mark set after the comma ("Sundström,¹ Rönnlund") is the
		// previous name's.
		for strings.HasPrefix(p, string(markOpen)) && len(out) > 0 {
			j := strings.IndexByte(p, markClose)
			if j < 0 || stripMarks(p) == "" {
				break
			}
			out[len(out)-1] += p[:j+1]
			p = strings.TrimSpace(p[j+1:])
		}
		if stripMarks(p) == "" || isTrailingMarks(p) {
			if len(out) > 0 {
				out[len(out)-1] += string(markOpen) + strings.Trim(p, "\x01\x02") + string(markClose)
			}
			return
		}
		out = append(out, p)
	}
	words := func(s string) {
		// " and " and " & " split too
		for {
			i := indexAnd(s)
			if i.start < 0 {
				b.WriteString(s)
				return
			}
			b.WriteString(s[:i.start])
			flush()
			s = s[i.end:]
		}
	}
	var run strings.Builder
	for _, r := range t {
		switch {
		case r == markOpen:
			words(run.String())
			run.Reset()
			in = true
			b.WriteRune(r)
		case r == markClose:
			in = false
			b.WriteRune(r)
		case in:
			b.WriteRune(r)
		case r == ',' || r == ';' || r == '·' || r == '•':
			words(run.String())
			run.Reset()
			flush()
		default:
			run.WriteRune(r)
		}
	}
	words(run.String())
	flush()
	return out
}

type span struct{ start, end int }

func indexAnd(s string) (sp span) {
	best := span{-1, -1}
	for _, sep := range []string{" and ", " & ", " AND ", " und ", " et "} {
		if i := strings.Index(" "+s+" ", sep); i >= 0 {
			st := max(i-1, 0)
			en := min(i-1+len(sep), len(s))
			if best.start < 0 || st < best.start {
				best = span{st, en}
			}
		}
	}
	return best
}

func isTrailingMarks(p string) bool {
	p = strings.TrimSpace(stripMarks(p))
	return p != "" && isMarkText(p) && letters(p) == 0
}

// cleanName removes marks and trailing mark symbols and digits from a
// name and returns it with the marks.
func cleanName(p string) (string, []string) {
	marks := marksOf(p)
	n := stripMarks(p)
	// Marks set in the body type: "Shen1∗", "Jan Peters*".
	for {
		r, size := utf8.DecodeLastRuneInString(n)
		if size == 0 {
			break
		}
		if unicode.IsDigit(r) || strings.ContainsRune("*∗†‡§¶#⋆", r) {
			j := len(n) - size
			for j > 0 {
				r2, s2 := utf8.DecodeLastRuneInString(n[:j])
				if !unicode.IsDigit(r2) || !unicode.IsDigit(r) {
					break
				}
				j -= s2
			}
			marks = append([]string{normMark(n[j:])}, marks...)
			n = strings.TrimSpace(n[:j])
			continue
		}
		if r == ',' || r == ' ' {
			n = n[:len(n)-size]
			continue
		}
		break
	}
	n = strings.TrimSpace(strings.TrimPrefix(n, "by "))
	if !strings.Contains(n, " ") {
		n = splitCamel(n)
	}
	return strings.Join(strings.Fields(n), " "), marks
}

// splitCamel splits a name printed without its space, which a PDF whose
// font widths overstate the glyphs' advances gives ("CharlesMunthali"):
// at a capital after a lowercase letter, when both sides have three
// letters or more (not "McCauley", "DeWitt", "LeCun").
func splitCamel(n string) string {
	rs := []rune(n)
	for i := 3; i+3 <= len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) && unicode.IsUpper(rs[0]) {
			return string(rs[:i]) + " " + string(rs[i:])
		}
	}
	return n
}

// isName reports whether s reads as one person's name.
func isName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	caps := 0
	for _, w := range ws {
		lw := strings.ToLower(w)
		if notName[lw] || notName[strings.TrimRight(lw, ".,")] {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case particles[lw]:
		case unicode.IsUpper(r):
			caps++
		default:
			return false
		}
		if strings.ContainsFunc(w, func(r rune) bool {
			return unicode.IsDigit(r) || strings.ContainsRune("@/()[]:{}=+<>", r)
		}) {
			return false
		}
	}
	return caps >= 2 || caps >= 1 && len(ws) >= 2 && unicode.IsUpper([]rune(ws[len(ws)-1])[0])
}

// isNameList reports whether a line reads as a list of names.
func isNameList(t string) bool {
	ps := splitNames(t)
	if len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		n, _ := cleanName(p)
		if !isName(n) {
			return false
		}
	}
	return true
}

// emails returns the addresses in t, "{a,b}@host" expanded, lowercased
// when printed in capitals (small caps).
func emails(t string) []string {
	var out []string
	for _, m := range reEmail.FindAllStringSubmatch(stripMarks(t), -1) {
		host := strings.Join(strings.Fields(m[2]), "")
		locals := []string{m[1]}
		if strings.HasPrefix(m[1], "{") {
			locals = strings.FieldsFunc(strings.Trim(m[1], "{}"), func(r rune) bool { return r == ',' || r == '|' || r == ' ' })
		}
		for _, l := range locals {
			e := strings.TrimSpace(l) + "@" + strings.TrimRight(host, ".")
			if strings.ToUpper(e) == e {
				e = strings.ToLower(e)
			}
			out = append(out, e)
		}
	}
	return out
}

// authors reads the author block: the segments between the title (index
// ti) and the abstract (index abs), and the footnotes marks point to.
func (f *Front) authors(segs []seg, ti, abs int) {
	if ti < 0 {
		return
	}
	var block []int
	for i := ti + 1; i < abs && i < len(segs); i++ {
		if !segs[i].used {
			block = append(block, i)
		}
	}
	type group struct {
		authors    []int // indexes into f.Authors
		affil      int   // the group's unmarked affiliation, -1 for none
		y, x, size float64
	}
	marked := map[string]int{} // mark → affiliation
	var groups []*group
	var cur *group
	lastAffil := -1 // the affiliation a continuation line adds to
	lastWasName := false
	var pending []string // emails not yet given to an author
	// Stacks: segments one below another, overlapping in x; emails on
	// the baseline of a name go with it.
	stacks := stackSegments(segs, block)
	for _, st := range stacks {
		cur = nil
		lastAffil = -1
		lastWasName = false
		for _, i := range st {
			s := &segs[i]
			p := s.plain()
			if reHistory.MatchString(p) {
				continue // editors, dates: not the authors'; left to the summary
			}
			if es := emails(s.text); len(es) > 0 && letters(reEmailLabel.ReplaceAllString(reEmail.ReplaceAllString(p, ""), "")) < 3 {
				f.Emails = append(f.Emails, es...)
				s.used = true
				// to the authors of the line, else of the group, without one
				var cands []int
				for k := range f.Authors {
					if f.Authors[k].Line == s.line && f.Authors[k].Email == "" {
						cands = append(cands, k)
					}
				}
				if len(cands) == 0 && cur != nil {
					for _, k := range cur.authors {
						if f.Authors[k].Email == "" {
							cands = append(cands, k)
						}
					}
				}
				// "* jo@x.org": the address of the author with the mark.
				if ms := marksOf(s.text); len(ms) > 0 {
					var marked []int
					for k := range f.Authors {
						if f.Authors[k].Email == "" && slices.Contains(f.Authors[k].Marks, ms[0]) {
							marked = append(marked, k)
						}
					}
					if len(marked) > 0 {
						cands = marked
					}
				}
				switch {
				case len(cands) == len(es) || len(es) == 1 && len(cands) > 0:
					for j, e := range es {
						f.Authors[cands[j]].Email = e
					}
				case len(cands) > len(es):
					for _, e := range es {
						if k := bestEmailMatch(f.Authors, cands, e); k >= 0 {
							f.Authors[k].Email = e
						} else {
							pending = append(pending, e)
						}
					}
				default:
					pending = append(pending, es...)
				}
				continue
			}
			if names, affs := parenNames(s.text); names != nil {
				// "Ana Lima (USP), Li Na (PKU)": each name with its own.
				cur = &group{affil: -1, y: s.y, x: s.x0, size: s.size}
				groups = append(groups, cur)
				for k, n := range names {
					nm, marks := cleanName(n)
					a := Author{Name: nm, Marks: marks, Line: s.line}
					if es := emails(affs[k]); len(es) > 0 {
						a.Email = es[0] // "Nikos M. (nikos@x.org)"
						f.Emails = append(f.Emails, es...)
					} else {
						j := slices.Index(f.Affiliations, affs[k])
						if j < 0 {
							j = len(f.Affiliations)
							f.Affiliations = append(f.Affiliations, affs[k])
						}
						a.Affils = []int{j}
					}
					cur.authors = append(cur.authors, len(f.Authors))
					f.Authors = append(f.Authors, a)
				}
				f.AuthorLines = append(f.AuthorLines, s.line)
				s.used = true
				lastWasName = true
				lastAffil = -1
				continue
			}
			if isNameList(s.text) {
				if cur == nil || !lastWasName {
					cur = &group{affil: -1, y: s.y, x: s.x0, size: s.size}
					groups = append(groups, cur)
				}
				for _, p := range splitNames(s.text) {
					n, marks := cleanName(p)
					cur.authors = append(cur.authors, len(f.Authors))
					f.Authors = append(f.Authors, Author{Name: n, Marks: marks, Line: s.line})
				}
				f.AuthorLines = append(f.AuthorLines, s.line)
				s.used = true
				lastWasName = true
				lastAffil = -1
				continue
			}
			lastWasName = false
			if letters(p) < 2 {
				continue
			}
			// An affiliation line: split at marks that open a piece. An
			// unmarked line before any name is a subtitle or a date, not
			// an affiliation.
			pieces := splitAffil(s.text)
			if len(f.Authors) == 0 && len(pieces) > 0 && pieces[0].mark == "" {
				continue
			}
			for _, pc := range pieces {
				if pc.mark != "" {
					f.Affiliations = append(f.Affiliations, pc.text)
					lastAffil = len(f.Affiliations) - 1
					for _, m := range splitMark(pc.mark) {
						marked[m] = lastAffil
					}
					continue
				}
				if lastAffil >= 0 {
					f.Affiliations[lastAffil] += ", " + pc.text
					continue
				}
				f.Affiliations = append(f.Affiliations, pc.text)
				lastAffil = len(f.Affiliations) - 1
				if cur != nil && cur.affil < 0 {
					cur.affil = lastAffil
				}
			}
			s.used = true
		}
	}
	// Emails left over, as many as the authors without one: in order.
	var without []int
	for k := range f.Authors {
		if f.Authors[k].Email == "" {
			without = append(without, k)
		}
	}
	if len(pending) > 0 && len(pending) == len(without) {
		for j, k := range without {
			f.Authors[k].Email = pending[j]
		}
	}
	// Footnotes: lines below the abstract that open with a mark an author
	// has.
	authorMarks := map[string]bool{}
	for _, a := range f.Authors {
		for _, m := range a.Marks {
			authorMarks[m] = true
		}
	}
	for i := max(abs, ti+1); i < len(segs); i++ {
		s := &segs[i]
		if s.used || !strings.HasPrefix(s.text, string(markOpen)) {
			continue
		}
		pcs := splitAffil(s.text)
		// A footnote runs on over the lines below it set alike.
		for j := i + 1; j < len(segs) && len(pcs) > 0; j++ {
			n := &segs[j]
			if n.used || strings.HasPrefix(n.text, string(markOpen)) || math.Abs(n.size-s.size) > 0.1*s.size ||
				segs[j-1].y-n.y > 1.6*s.size || n.y >= segs[j-1].y {
				break
			}
			pcs[len(pcs)-1].text = joinLines([]string{pcs[len(pcs)-1].text, n.plain()})
			n.used = true
		}
		for _, pc := range pcs {
			for _, m := range splitMark(pc.mark) {
				if !authorMarks[m] {
					continue
				}
				if _, ok := marked[m]; ok {
					continue
				}
				if es := emails(pc.text); len(es) > 0 {
					// "* Correspondence: jo@x.org": the address of the
					// author with the mark.
					f.Emails = append(f.Emails, es...)
					for k := range f.Authors {
						if f.Authors[k].Email == "" && slices.Contains(f.Authors[k].Marks, m) {
							f.Authors[k].Email = es[0]
							break
						}
					}
					s.used = true
					continue
				}
				if looksAffiliation(pc.text) {
					f.Affiliations = append(f.Affiliations, pc.text)
					marked[m] = len(f.Affiliations) - 1
				} else {
					if f.Notes == nil {
						f.Notes = map[string]string{}
					}
					f.Notes[m] = pc.text
				}
				s.used = true
			}
		}
	}
	for _, g := range groups {
		for _, k := range g.authors {
			a := &f.Authors[k]
			for _, m := range a.Marks {
				if j, ok := marked[m]; ok && !containsInt(a.Affils, j) {
					a.Affils = append(a.Affils, j)
				}
			}
			if len(a.Affils) == 0 && g.affil >= 0 {
				// The group's affiliation and any that follow it unmarked.
				a.Affils = append(a.Affils, g.affil)
			}
		}
	}
	// Authors listed with no affiliation after them share the next
	// group's (names stacked, then one affiliation for all).
	for gi := len(groups) - 2; gi >= 0; gi-- {
		g := groups[gi]
		if g.affil < 0 && groups[gi+1].affil >= 0 && len(marked) == 0 {
			g.affil = groups[gi+1].affil
			for _, k := range g.authors {
				if len(f.Authors[k].Affils) == 0 {
					f.Authors[k].Affils = []int{g.affil}
				}
			}
		}
	}
	// Authors in rows of columns (three side by side, then a second
	// row) are read row by row, left to right, though each column's
	// stack was read down first.
	order := slices.Clone(groups)
	sort.SliceStable(order, func(a, b int) bool {
		ga, gb := order[a], order[b]
		if math.Abs(ga.y-gb.y) < 0.5*max(ga.size, gb.size) {
			return ga.x < gb.x
		}
		return ga.y > gb.y
	})
	var sorted []Author
	for _, g := range order {
		for _, k := range g.authors {
			sorted = append(sorted, f.Authors[k])
		}
	}
	if len(sorted) == len(f.Authors) {
		f.Authors = sorted
	}
	// Affiliations numbered in the order the authors first have them,
	// those of no author after.
	remap := make([]int, len(f.Affiliations))
	for i := range remap {
		remap[i] = -1
	}
	var affs []string
	for _, a := range f.Authors {
		for _, j := range a.Affils {
			if remap[j] < 0 {
				remap[j] = len(affs)
				affs = append(affs, f.Affiliations[j])
			}
		}
	}
	for j, a := range f.Affiliations {
		if remap[j] < 0 {
			remap[j] = len(affs)
			affs = append(affs, a)
		}
	}
	for k := range f.Authors {
		for i, j := range f.Authors[k].Affils {
			f.Authors[k].Affils[i] = remap[j]
		}
	}
	f.Affiliations = affs
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func looksAffiliation(t string) bool {
	// "…, Accra, Ghana": a country after the last comma.
	if i := strings.LastIndexByte(t, ','); i >= 0 {
		if _, ok := text.Country(strings.TrimRight(strings.TrimSpace(t[i+1:]), ".")); ok {
			return true
		}
	}
	for _, w := range strings.Fields(strings.ToLower(t)) {
		w = strings.Trim(w, ".,;:()")
		switch w {
		case "university", "universität", "université", "universidad", "università", "institute", "institut", "department",
			"laboratory", "lab", "school", "college", "center", "centre", "faculty", "inc", "ltd", "corporation", "hospital",
			"research", "gmbh", "llc", "polytechnic", "politecnico", "academy", "google", "microsoft", "deepmind", "group",
			"ministry", "agency", "council", "secretariat", "directorate", "clinic", "observatory", "museum", "foundation":
			return true
		}
	}
	return false
}

type affilPiece struct{ mark, text string }

// splitAffil splits an affiliation line at the marks that open its
// pieces: "¹Univ A, ²Univ B" is two pieces.
func splitAffil(t string) []affilPiece {
	var out []affilPiece
	cur := affilPiece{}
	for {
		i := strings.IndexByte(t, markOpen)
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], markClose)
		if j < 0 {
			break
		}
		before := strings.TrimSpace(t[:i])
		if before != "" && cur.mark == "" && len(out) == 0 && cur.text == "" {
			cur.text = before
		} else if before != "" {
			cur.text = strings.TrimSpace(cur.text + " " + before)
		}
		// A mark at the end of a piece ("Univ A,¹") is not an opener;
		// one followed by text is.
		rest := strings.TrimSpace(t[i+j+1:])
		if rest == "" {
			t = ""
			break
		}
		if cur.text != "" || cur.mark != "" {
			cur.text = strings.TrimRight(strings.TrimSpace(cur.text), ",; ")
			out = append(out, cur)
		}
		cur = affilPiece{mark: t[i+1 : i+j]}
		t = t[i+j+1:]
	}
	cur.text = strings.TrimSpace(cur.text + " " + strings.TrimSpace(t))
	cur.text = strings.TrimRight(cur.text, ",; ")
	if cur.text != "" {
		out = append(out, cur)
	}
	// Plain-text marks: "1 Institute for ..." at the line start.
	if len(out) == 1 && out[0].mark == "" {
		if r, n := utf8.DecodeRuneInString(out[0].text); n > 0 && (unicode.IsDigit(r) || strings.ContainsRune("*∗†‡§¶", r)) {
			k := n
			for k < len(out[0].text) {
				r2, n2 := utf8.DecodeRuneInString(out[0].text[k:])
				if !unicode.IsDigit(r2) || !unicode.IsDigit(r) {
					break
				}
				k += n2
			}
			if k < len(out[0].text) && out[0].text[k] == ' ' && k <= 3 {
				out[0] = affilPiece{mark: out[0].text[:k], text: strings.TrimSpace(out[0].text[k:])}
			}
		}
	}
	return out
}

// bestEmailMatch returns the candidate author whose name shares the most
// letters, in order, with the email's local part; -1 for none.
func bestEmailMatch(as []Author, cands []int, e string) int {
	local := strings.ToLower(e[:strings.IndexByte(e, '@')])
	best, bestScore := -1, 2
	for _, k := range cands {
		if as[k].Email != "" {
			continue
		}
		score := 0
		for _, w := range strings.Fields(strings.ToLower(as[k].Name)) {
			w = strings.Trim(w, ".")
			if len(w) > 2 && strings.Contains(local, w) {
				score += len(w)
			}
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// stackSegments groups the segments of the author block into stacks, one
// below another and overlapping in x, ordered by their top and left.
// Emails set on a name's baseline join the name's stack.
func stackSegments(segs []seg, block []int) [][]int {
	type stack struct {
		idx    []int
		x0, x1 float64
		lastY  float64
		size   float64
	}
	var sts []*stack
	for _, i := range block {
		s := segs[i]
		var best *stack
		for _, st := range sts {
			if st.lastY-s.y <= 4*max(st.size, s.size) && overlap(st.x0, st.x1, s.x0, s.x1) > 0 {
				best = st
				break
			}
			// Names on one line set apart by wide spaces.
			last := segs[st.idx[len(st.idx)-1]]
			if math.Abs(last.y-s.y) < 0.3*s.size && s.x0 > last.x1 && s.x0-last.x1 < 4*s.size && isNameList(last.text) && isNameList(s.text) {
				best = st
				break
			}
		}
		if best == nil && hasEmail(s.text) {
			// An email at the right margin of its name's line.
			for _, st := range sts {
				if math.Abs(st.lastY-s.y) < 0.3*s.size && !hasEmail(segs[st.idx[len(st.idx)-1]].text) {
					best = st
					break
				}
			}
		}
		if best == nil {
			best = &stack{x0: s.x0, x1: s.x1, size: s.size}
			sts = append(sts, best)
		}
		best.idx = append(best.idx, i)
		if !(math.Abs(best.lastY-s.y) < 0.3*s.size && hasEmail(s.text)) {
			best.x0, best.x1 = min(best.x0, s.x0), max(best.x1, s.x1)
		}
		best.lastY = s.y
	}
	// Stacks that are emails alone (an email column beside names set
	// one per line) join the stack they sit beside.
	sort.SliceStable(sts, func(a, b int) bool {
		ya, yb := segs[sts[a].idx[0]].y, segs[sts[b].idx[0]].y
		if math.Abs(ya-yb) > 2*sts[a].size {
			return ya > yb
		}
		return sts[a].x0 < sts[b].x0
	})
	out := make([][]int, len(sts))
	for i, st := range sts {
		out[i] = st.idx
	}
	return out
}
