package extract

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/extract/internal/tocline"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// TOCText reads a conference table-of-contents page rendered as text: a
// header (conference line, date, place), section headings, and per paper a
// title, author lines, a parenthesised affiliation line, abstract
// paragraphs, an @InProceedings BibTeX block and link labels such as
// "Publisher's Version"; a "proc time:" footer.
type TOCText struct{}

// Name returns "toc-text".
func (TOCText) Name() string { return "toc-text" }

// Sniff looks for BibTeX blocks that start lines, between prose lines.
func (TOCText) Sniff(doc *Document) int {
	n := min(len(doc.Text), 1<<16)
	if n > 0 && (doc.Text[0] == '{' || doc.Text[0] == '[') {
		return 0
	}
	score := sniffTOC(doc.Text[:n])
	if score == 0 && n < len(doc.Text) {
		// A long author list or abstract can push the first
		// affiliation and entry past the head: look further (but not
		// through all of a large file of another format).
		score = sniffTOC(doc.Text[:min(len(doc.Text), 16<<20)])
	}
	return score
}

func sniffTOC(head []byte) int {
	// The first line that starts a BibTeX entry, by its first 40 bytes.
	first, _ := bibtex.NextEntryStart(head, 0, 40)
	if first < 0 {
		if tocline.ReAffiliation.Match(head) {
			return 20
		}
		return 0
	}
	// Prose before the first entry: a table of contents, not a .bib file.
	if prose := bytes.TrimSpace(head[:first]); len(prose) > 0 && prose[0] != '%' {
		return 80
	}
	return 10
}

var (
	reDate         = regexp.MustCompile(`^(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(\d{1,2})(?:\s*[-–]\s*\d{1,2})?,?\s+(\d{4}),?$`)
	reAcronym      = regexp.MustCompile(`\(([^()]*?\b\d{4})\)[,.]?$`)
	reFooter       = regexp.MustCompile(`^(proc time:\s*[0-9.]+\s*s?|Powered by.*)$`)
	reLinkLabel    = regexp.MustCompile(`^(Publisher['’]s Version|Author['’]s Version|Preprint|Archive submitted.*|Artifacts? (Available|Functional|Reusable|Evaluated.*)|Results (Reproduced|Replicated)|Video|Info|Supplementary Material|Slides|Paper)$`)
	reFrontHeading = regexp.MustCompile(`(?i)^(front ?-?matter|preface|welcome.*|messages?.*|organi[sz]ation)$`)
)

// blockKind says what a block of the page is.
type blockKind int

// The block kinds.
const (
	BlockHeader blockKind = iota
	BlockSection
	BlockFrontmatter
	BlockPaper
	BlockFooter
)

var blockKindNames = [...]string{"header", "section", "frontmatter", "paper", "footer"}

// String returns the kind's name.
func (k blockKind) String() string {
	if int(k) < len(blockKindNames) {
		return blockKindNames[k]
	}
	return "block(" + strconv.Itoa(int(k)) + ")"
}

// block is a segment of a table-of-contents page with its lines split into
// parts. Only the parts of its kind are set.
type block struct {
	Kind  blockKind
	Lines []Line // every line of the block, in order

	Title, Authors, Affiliation, Body []Line
	BibTeX                            []Line // the entry's lines
	Trailer                           []Line // link labels
	Section                           string // the section the block is in
	// TitleConfirmed is set when the BibTeX title confirmed the title
	// lines.
	TitleConfirmed bool
}

// Range returns the block's byte range.
func (b *block) Range() schema.Range {
	off, end := source.Span(b.Lines)
	return schema.Range{Off: off, End: end}
}

// Read segments and parses a table-of-contents text.
func (t TOCText) Read(_ context.Context, doc *Document, opt Options) *schema.Volume {
	blocks, diags := segmentTOC(doc, opt)
	v := parseTOC(doc, blocks, opt)
	v.Diagnostics = append(diags, v.Diagnostics...)
	return v
}

// segmentTOC splits a table-of-contents text into blocks. Lines that fit no
// block are returned as "unparsed-text" diagnostics.
func segmentTOC(doc *Document, opt Options) ([]block, []schema.Diagnostic) {
	s := &segmenter{doc: doc, lines: doc.Lines(), section: ""}
	s.dropLongLines(opt.MaxLineLength)
	s.run()
	s.flushUnparsed()
	return s.blocks, s.diags
}

// dropLongLines reports lines longer than max bytes and leaves them out.
func (s *segmenter) dropLongLines(max int) {
	if max <= 0 {
		max = 1 << 20
	}
	// Lines are copied down only from the first long one on: most texts
	// have none, and copying every line onto itself was not free.
	first := slices.IndexFunc(s.lines, func(l Line) bool { return len(l.Text) > max })
	if first < 0 {
		return
	}
	kept := s.lines[:first]
	for _, l := range s.lines[first:] {
		if len(l.Text) > max {
			s.diags = append(s.diags, schema.Limit.At(l.Off, l.End,
				"line %d is %d bytes long, over the limit of %d (--max-line-length); it was not read", l.Num, len(l.Text), max))
			continue
		}
		kept = append(kept, l)
	}
	s.lines = kept
}

type segmenter struct {
	doc     *Document
	lines   []Line
	blocks  []block
	diags   []schema.Diagnostic
	section string
	front   bool // inside a front-matter section
	// stray holds consecutive unparsed lines not yet reported.
	stray    []Line
	strayWhy string
}

// unparsed collects a line that fits no block; consecutive lines become
// one diagnostic spanning them all.
func (s *segmenter) unparsed(l Line, why string) {
	if n := len(s.stray); n > 0 && (s.stray[n-1].Num != l.Num-1 || s.strayWhy != why) {
		s.flushUnparsed()
	}
	s.stray = append(s.stray, l)
	s.strayWhy = why
}

func (s *segmenter) flushUnparsed() {
	if len(s.stray) == 0 {
		return
	}
	first, last := s.stray[0], s.stray[len(s.stray)-1]
	msg := fmt.Sprintf("%s: %q", s.strayWhy, text.Clip(first.Text, 80))
	if len(s.stray) > 1 {
		msg = fmt.Sprintf("%d lines of %s, from %q to %q", len(s.stray), s.strayWhy, text.Clip(first.Text, 60), text.Clip(last.Text, 60))
	}
	s.diags = append(s.diags, schema.UnparsedText.At(first.Off, last.End, "%s", msg))
	s.stray = s.stray[:0]
}

func (s *segmenter) run() {
	i := s.header()
	// Anchors: BibTeX blocks with their trailing link labels.
	type anchor struct{ start, end, trailEnd int } // line indices, end exclusive
	var anchors []anchor
	for j := i; j < len(s.lines); j++ {
		if !isEntryStart(s.lines[j].Text) {
			continue
		}
		end := s.entryEnd(j)
		k := end
		for k < len(s.lines) && tocline.IsLinkLabel(s.lines[k].Text) {
			k++
		}
		anchors = append(anchors, anchor{j, end, k})
		j = k - 1
	}
	// Most blocks are papers, one per anchor: room for them and a few
	// headings saves growing the list paper by paper.
	s.blocks = slices.Grow(s.blocks, len(anchors)+8)
	prev := i
	for _, a := range anchors {
		s.region(s.lines[prev:a.start], s.lines[a.start:a.end], s.lines[a.end:a.trailEnd])
		prev = a.trailEnd
	}
	// The tail: papers without BibTeX, headings, the footer.
	var rest, foot []Line
	for _, l := range s.lines[prev:] {
		if tocline.MatchFooter(l.Text) {
			foot = append(foot, l)
		} else {
			rest = append(rest, l)
		}
	}
	if len(rest) > 0 {
		s.region(rest, nil, nil)
	}
	if len(foot) > 0 {
		s.blocks = append(s.blocks, block{Kind: BlockFooter, Lines: foot})
	}
}

// isFieldLine recognises "name =" at the start of a BibTeX field line.
func isFieldLine(t string) bool {
	i := 0
	for i < len(t) && (tocline.IsLetterASCII(t[i]) || i > 0 && (t[i] >= '0' && t[i] <= '9' || strings.IndexByte("_.:+-", t[i]) >= 0)) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	return i < len(t) && t[i] == '='
}

// isEntryStart recognises the first line of a BibTeX entry ("@InProceedings{").
func isEntryStart(t string) bool {
	return strings.HasPrefix(t, "@") && bibtex.IsEntryStart(t)
}

// entryEnd returns the index after the last line of the BibTeX entry that
// starts at line j: where its braces balance, or, for an entry that never
// closes, before the first line that cannot belong to it.
func (s *segmenter) entryEnd(j int) int {
	depth := 0
	for k := j; k < len(s.lines); k++ {
		t := s.lines[k].Text
		if k > j {
			if isEntryStart(t) || tocline.IsLinkLabel(t) {
				return k
			}
			// At field level every line starts a field or closes the
			// entry; anything else is the prose of the next paper.
			if depth == 1 && !isFieldLine(t) && !strings.HasPrefix(t, "}") && !strings.HasPrefix(t, ")") {
				return k
			}
		}
		depth += braceDelta(t)
		if depth <= 0 && k > j {
			return k + 1
		}
		if depth <= 0 && k == j && strings.ContainsAny(t, "})") && strings.Count(t, "{")+strings.Count(t, "(") > 0 {
			return k + 1 // a one-line entry
		}
	}
	return len(s.lines)
}

// braceDelta counts unescaped opening minus closing braces. Most lines
// escape nothing; their braces are counted with strings.Count, which
// looks at many bytes at a time, and only a line with a backslash is
// walked byte by byte.
func braceDelta(t string) int {
	if strings.IndexByte(t, '\\') < 0 {
		return strings.Count(t, "{") - strings.Count(t, "}")
	}
	return braceDeltaEscaped(t)
}

// braceDeltaEscaped is braceDelta of a line that has a backslash, which
// escapes the byte after it.
func braceDeltaEscaped(t string) int {
	d := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '{':
			d++
		case '}':
			d--
		}
	}
	return d
}

// header recognises the page header and returns the index of the first
// line after it.
func (s *segmenter) header() int {
	ls := s.lines
	i := 0
	var hdr []Line
	if i < len(ls) && tocline.MatchFooter(ls[i].Text) { // "Powered by"
		hdr = append(hdr, ls[i])
		i++
	}
	// The conference name runs until the line with "(ACRONYM YEAR)" or a
	// date line; at most four lines.
	j := i
	for ; j < len(ls) && j < i+4; j++ {
		t := ls[j].Text
		if tocline.MatchDate(t) || isEntryStart(t) || tocline.MatchHeading(t) || tocline.MatchAffiliation(t) {
			break
		}
		if tocline.MatchAcronym(t) {
			j++
			break
		}
	}
	if j < len(ls) && tocline.MatchDate(ls[j].Text) {
		hdr = append(hdr, ls[i:j+1]...)
		j++
		// The place: one line that is neither a heading nor a title
		// followed by authors.
		if j < len(ls) && !tocline.MatchHeading(ls[j].Text) && !isEntryStart(ls[j].Text) &&
			source.RuneLen(ls[j].Text) <= 80 && !source.EndsSentence(ls[j].Text) &&
			!(j+2 < len(ls) && tocline.MatchAffiliation(ls[j+2].Text)) {
			hdr = append(hdr, ls[j])
			j++
		}
		i = j
	} else if j > i && j < len(ls) && j-1 >= i && tocline.MatchAcronym(ls[j-1].Text) {
		hdr = append(hdr, ls[i:j]...)
		i = j
	}
	if len(hdr) > 0 {
		s.blocks = append(s.blocks, block{Kind: BlockHeader, Lines: hdr})
	}
	return i
}

// region reads the lines between two BibTeX entries: headings, front
// matter, and the papers whose prose precedes entry (which may be nil).
func (s *segmenter) region(ls, entry, trailer []Line) {
	// Every affiliation line starts the tail of one paper; the last one
	// belongs to the entry.
	var affs []int
	for k, l := range ls {
		if isAffiliationLine(l.Text) && k > 0 && !source.EndsSentence(ls[k-1].Text) {
			affs = append(affs, k)
		}
	}
	var bibTitle string
	if entry != nil {
		bibTitle = entryTitle(entry)
	}
	if len(affs) == 0 {
		if entry == nil {
			s.preamble(ls, -1)
			return
		}
		s.paperWithoutAffiliation(ls, entry, trailer, bibTitle)
		return
	}
	// Title start of each paper, from the last backwards.
	starts := make([]int, len(affs))
	confirmed := make([]bool, len(affs))
	for n := range affs {
		a := affs[n]
		lo := 0
		if n > 0 {
			lo = affs[n-1] + 1
		}
		// Two affiliation lines in a row leave no author lines.
		au := max(a-1, lo)
		for au > lo && continuesAuthors(ls[au-1].Text) {
			au--
		}
		title := ""
		if n == len(affs)-1 {
			title = bibTitle
		}
		k, ok := titleLines(ls[lo:au], title)
		starts[n], confirmed[n] = au-k, ok
	}
	s.preamble(ls[:starts[0]], starts[0])
	for n := range affs {
		end := len(ls)
		if n+1 < len(affs) {
			end = starts[n+1]
		}
		b := block{Kind: BlockPaper, Section: s.section, TitleConfirmed: confirmed[n]}
		a := affs[n]
		au := max(a-1, starts[n])
		for au > 0 && au > starts[n] && continuesAuthors(ls[au-1].Text) {
			au--
		}
		b.Title = ls[starts[n]:au]
		b.Authors = ls[au:a]
		b.Affiliation = ls[a : a+1]
		b.Body = ls[a+1 : end]
		b.Lines = ls[starts[n]:end]
		if n == len(affs)-1 && entry != nil {
			b.BibTeX = entry
			b.Trailer = trailer
			b.Lines = source.LinesThrough(ls, starts[n], entry, trailer)
		}
		s.blocks = append(s.blocks, b)
	}
}

// paperWithoutAffiliation reads a region whose paper has no affiliation
// line: the BibTeX title finds the title, the author lines follow it.
func (s *segmenter) paperWithoutAffiliation(ls, entry, trailer []Line, bibTitle string) {
	start, k := -1, 0
	if bibTitle != "" {
		for i := range ls {
			if n, ok := titleLines(ls[i:min(i+3, len(ls))], bibTitle); ok && n > 0 {
				// titleLines matches at the end of the slice; find the
				// window that starts at i.
				for w := 1; w <= 3 && i+w <= len(ls); w++ {
					if sameTitleLines(ls[i:i+w], bibTitle) {
						start, k = i, w
						break
					}
				}
				if start >= 0 {
					break
				}
			}
		}
	}
	confirmed := start >= 0
	if !confirmed {
		// The first line that is not a heading is the title.
		start, k = 0, 1
		for start < len(ls) && tocline.MatchHeading(ls[start].Text) {
			start++
		}
		if start >= len(ls) {
			s.preamble(ls, -1)
			start = len(ls)
			k = 0
		}
	}
	s.preamble(ls[:start], start)
	b := block{Kind: BlockPaper, Section: s.section, TitleConfirmed: confirmed, BibTeX: entry, Trailer: trailer}
	rest := ls[start+k:]
	b.Title = ls[start : start+k]
	// Authors: the first line, then continuation lines.
	n := 0
	if len(rest) > 0 && !looksLikeProse(rest[0].Text) {
		n = 1
		for n < len(rest) && continuesAuthors(rest[n-1].Text) {
			n++
		}
	}
	b.Authors = rest[:n]
	b.Body = rest[n:]
	b.Lines = source.LinesThrough(ls, start, entry, trailer)
	s.blocks = append(s.blocks, b)
}

// looksLikeProse is true for a line that reads as a sentence rather than a
// list of names.
func looksLikeProse(t string) bool {
	return source.RuneLen(t) > 200 || (source.EndsSentence(t) && strings.Count(t, " ") > 12)
}

// isAffiliationLine recognises "(Institution, Country; ...)": in
// parentheses, shorter than 600 characters, and no sentence inside. A
// line shorter than 600 bytes is not counted.
func isAffiliationLine(t string) bool {
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && (len(t) < 600 || source.RuneLen(t) < 600) && !strings.Contains(t, ". ")
}

// continuesAuthors reports whether an author line continues on the next
// line: it ends with a comma or with "and".
func continuesAuthors(t string) bool {
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, " and") || t == "and" || strings.HasSuffix(t, " &")
}

// titleLines decides how many of the last lines of ls (at most three) form
// the title. With a BibTeX title it picks the lines that match it and
// reports true; otherwise it takes one line, or two when the last one
// visibly continues the one before.
func titleLines(ls []Line, bibTitle string) (int, bool) {
	if len(ls) == 0 {
		return 0, false
	}
	if bibTitle != "" {
		for k := 1; k <= 3 && k <= len(ls); k++ {
			if sameTitleLines(ls[len(ls)-k:], bibTitle) {
				return k, true
			}
		}
		// No exact match: the prose title differs from the BibTeX one.
		// Take the lines that share most words with it, counting words
		// the BibTeX title lacks against them; ties go to fewer lines.
		best, bestScore := 0, 0
		for k := 1; k <= 3 && k <= len(ls); k++ {
			if k > 1 && tocline.MatchHeading(ls[len(ls)-k].Text) {
				break
			}
			if sc := titleOverlap(source.JoinLines(ls[len(ls)-k:]), bibTitle); sc > bestScore {
				best, bestScore = k, sc
			}
		}
		if best > 0 {
			return best, false
		}
	}
	if len(ls) >= 2 {
		prev, last := ls[len(ls)-2].Text, ls[len(ls)-1].Text
		if !tocline.MatchHeading(prev) && !source.EndsSentence(prev) && source.RuneLen(prev) <= 200 &&
			(startsLower(last) || strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "–")) {
			return 2, false
		}
	}
	return 1, false
}

// titleOverlap scores how well a candidate prose title matches a BibTeX
// title: words of the candidate found in the BibTeX title count for it,
// words not found count against it.
func titleOverlap(cand, bib string) int {
	have := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(stripLaTeXLite(bib))) {
		have[foldTitle(w)]++
	}
	score := 0
	for _, w := range strings.Fields(strings.ToLower(cand)) {
		f := foldTitle(w)
		if f == "" {
			continue
		}
		if have[f] > 0 {
			have[f]--
			score++
		} else {
			score--
		}
	}
	return score
}

func startsLower(s string) bool {
	for _, r := range s {
		return r >= 'a' && r <= 'z'
	}
	return false
}

// sameTitle compares a prose title with a BibTeX title, ignoring case,
// punctuation, braces and white space: it reports whether foldTitle(prose)
// is foldTitle(bib) and not empty, comparing the two as they are folded
// instead of building both (the segmenter compares up to three candidate
// titles per paper).
func sameTitle(prose, bib string) bool {
	i, j := 0, 0
	for n := 0; ; n++ {
		var p, b rune
		p, i = nextFolded(prose, i)
		b, j = nextFolded(bib, j)
		if p != b {
			return false
		}
		if p < 0 {
			return n > 0
		}
	}
}

// sameTitleLines is sameTitle(joinLines(ls), bib) without joining the
// lines. joinLines puts a space between two lines, or nothing after a
// line that ends with a hyphen; folding drops both spaces and hyphens,
// and neither lets a character span two lines, so the folded join is the
// lines' folded texts one after another.
func sameTitleLines(ls []Line, bib string) bool {
	if spellsLines(bib, ls) {
		// The usual case, the BibTeX title written as the lines are:
		// the same folded, and a UTF-8 character never spans the
		// spaces between them. It is the same title if it has a
		// character folding keeps.
		c, _ := nextFolded(bib, 0)
		return c >= 0
	}
	li, i, j := 0, 0, 0
	for n := 0; ; n++ {
		var p, b rune
		// The next folded character of the lines: of the current
		// line, or of the next that has one.
		for p = -1; li < len(ls); li, i = li+1, 0 {
			if p, i = nextFolded(ls[li].Text, i); p >= 0 {
				break
			}
		}
		b, j = nextFolded(bib, j)
		if p != b {
			return false
		}
		if p < 0 {
			return n > 0
		}
	}
}

// spellsLines reports whether s is the texts of ls with one space between
// each two.
func spellsLines(s string, ls []Line) bool {
	for i, l := range ls {
		if i > 0 {
			if s == "" || s[0] != ' ' {
				return false
			}
			s = s[1:]
		}
		var ok bool
		if s, ok = strings.CutPrefix(s, l.Text); !ok {
			return false
		}
	}
	return s == ""
}

// nextFolded returns the next character of s from byte i on that
// foldTitle keeps, as foldTitle writes it, and the byte after it; -1 at
// the end of s.
func nextFolded(s string, i int) (rune, int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if f := asciiFold[c]; f != 0 {
				return rune(f), i
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if f, keep := foldRune(r); keep {
			return f, i
		}
	}
	return -1, i
}

// asciiFold is foldRune of the ASCII characters, 0 for those it drops
// (NUL among them), looked up rather than tested case by case: titles
// are compared character by character for every paper.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		if f, keep := foldRune(rune(c)); keep {
			t[c] = byte(f)
		}
	}
	return t
}()

// foldRune is what foldTitle does with one character: letters and digits
// are kept in lower case, ASCII punctuation and typographic quotes and
// dashes are dropped.
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		return r, true
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A', true
	case r > 0x7f && r != '’' && r != '“' && r != '”' && r != '–' && r != '—':
		return unicode.ToLower(r), true
	}
	return 0, false
}

// foldTitle keeps the letters and digits of s, in lower case.
func foldTitle(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if f, keep := foldRune(r); keep {
			b = utf8.AppendRune(b, f)
		}
	}
	return string(b)
}

// entryTitle pulls the title out of an entry's lines without a full
// parse; it is only used to confirm where the prose title lies.
func entryTitle(entry []Line) string {
	for i, l := range entry {
		t := l.Text
		if !hasTitlePrefix(t) {
			continue
		}
		if eq := strings.IndexByte(t, '='); eq >= 0 && strings.TrimSpace(t[5:eq]) == "" {
			v := strings.TrimSpace(t[eq+1:])
			// A title that wraps inside the entry.
			for j := i + 1; j < len(entry) && braceDelta(v) > 0; j++ {
				v += " " + entry[j].Text
			}
			return stripLaTeXLite(v)
		}
	}
	return ""
}

// hasTitlePrefix reports whether t starts with "title" in any case, as
// strings.HasPrefix(strings.ToLower(t), "title") did without lowering
// every line of every entry. The one non-ASCII character that lowers to
// one of these letters, 'İ' to 'i', is two bytes long, so that such a line
// was not taken either: the five bytes before '=' were not all "title".
func hasTitlePrefix(t string) bool {
	return len(t) >= 5 && strings.EqualFold(t[:5], "title")
}

// stripLaTeXLite removes braces, quotes and control sequences well enough
// to compare titles; normalize does the real decoding.
func stripLaTeXLite(v string) string {
	v = strings.TrimSuffix(strings.TrimSpace(v), ",")
	// The usual title, "{Words}", is its inside: no copy.
	if len(v) >= 2 && v[0] == '{' && v[len(v)-1] == '}' && !strings.ContainsAny(v[1:len(v)-1], "{}\"\\") {
		return v[1 : len(v)-1]
	}
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '{', '}', '"':
			continue
		case '\\':
			if i+1 < len(v) && !tocline.IsLetterASCII(v[i+1]) {
				i++
				b.WriteByte(v[i])
				continue
			}
			for i+1 < len(v) && tocline.IsLetterASCII(v[i+1]) {
				i++
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// preamble reads lines before a paper's title: section headings and
// front-matter items. titleAt >= 0 says a paper title follows directly, so
// a single short line before it may be an unmarked session heading.
func (s *segmenter) preamble(ls []Line, titleAt int) {
	var item []Line
	flush := func() {
		if len(item) == 0 {
			return
		}
		b := block{Kind: BlockFrontmatter, Section: s.section, Title: item[:1], Body: item[1:], Lines: item}
		s.blocks = append(s.blocks, b)
		item = nil
	}
	for k, l := range ls {
		t := l.Text
		switch {
		case tocline.MatchHeading(t) && source.RuneLen(t) <= 120:
			flush()
			s.heading(l)
		case s.front:
			// A new item starts with a short line after a body line
			// that ends a sentence.
			if len(item) >= 2 && source.EndsSentence(item[len(item)-1].Text) && isItemTitle(t) {
				flush()
			}
			item = append(item, l)
		case k == len(ls)-1 && titleAt >= 0 && isItemTitle(t) && looksLikeHeading(t):
			s.heading(l)
		default:
			s.unparsed(l, "text outside any paper")
		}
	}
	flush()
}

// isItemTitle is true for a short line that does not end a sentence.
func isItemTitle(t string) bool {
	return source.RuneLen(t) <= 100 && !source.EndsSentence(t) && !strings.HasSuffix(t, ",")
}

// looksLikeHeading is true for a line written as a session heading is:
// in title case or capitals ("Memory Management", "Session 3: Security in
// the Cloud"), where every word that starts with a lower-case letter is a
// short function word. A stray note ("TODO: check this entry") is not.
func looksLikeHeading(t string) bool {
	for _, w := range strings.Fields(t) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !headingSmallWords[strings.Trim(w, ",:;()")] {
			return false
		}
	}
	return true
}

// headingSmallWords are the words title case leaves in lower case.
var headingSmallWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "from": true,
	"in": true, "into": true, "of": true, "on": true, "or": true, "the": true, "to": true, "via": true,
	"vs": true, "vs.": true, "with": true, "without": true, "nor": true, "but": true, "per": true,
}

func (s *segmenter) heading(l Line) {
	name := l.Text
	s.section = name
	s.front = reFrontHeading.MatchString(name)
	s.blocks = append(s.blocks, block{Kind: BlockSection, Section: name, Lines: []Line{l}, Title: []Line{l}})
}

// parseHeaderDate turns "April 16, 2021," into "2021-04-16": the date
// reDate matches, if it is a day of the calendar, as time.Parse with the
// layout "Jan 2 2006" reads the month's first three letters, the day and
// the year, and "2006-01-02" writes them.
func parseHeaderDate(t string) string {
	month, day, year, ok := tocline.ParseDate(t)
	if !ok {
		return ""
	}
	m := strings.Index("JanFebMarAprMayJunJulAugSepOctNovDec", month[:3])/3 + 1
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	if d < 1 || d > daysIn(m, y) {
		return ""
	}
	b := make([]byte, 0, len("2006-01-02"))
	b = append(b, year...)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return string(b)
}

// daysIn is the number of days of month m (1-12) in year y of the
// proleptic Gregorian calendar.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
