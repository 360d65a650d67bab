package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/schema"
)

// The page map is an SVG strip per page sequence of a volume (its arabic
// pages, its roman front matter, each container of a file that holds
// several): one bar per record over its page range, stacked in lanes where
// ranges overlap, and the page findings drawn over them: an overlap as a
// cross-hatched band over the shared pages, a gap as a dotted box over the
// missing ones, a reversed range as a striped, dashed bar, an unreadable
// range as a "?" where the record stands in input order. Each is labelled
// with its code and carries the diagnostic's message as its tooltip, so
// that colour is never the only signal.

// Geometry, in the units of the SVG's viewBox (it scales to the page).
const (
	mapWidth   = 1000
	mapLeft    = 10
	mapRight   = 10
	headHeight = 18 // the strip's caption
	labelRow   = 14 // one row of finding labels
	labelRows  = 2
	laneHeight = 18
	laneGap    = 3
	axisHeight = 22
	stripGap   = 12
	maxLanes   = 8
	charWidth  = 6.2 // of a label at font-size 11, for placing labels
)

// pageCodes are the findings the map draws.
var pageCodes = map[schema.Code]bool{
	schema.PagesOverlap: true, schema.PagesGap: true, schema.PagesReversed: true, schema.PagesFormat: true,
}

type pageMap struct {
	Height int
	Strips []*strip
	// Desc says in words what the map shows, for screen readers.
	Desc string
	// Undrawn counts records with pages the map cannot place on a strip
	// (article-numbered ranges).
	Undrawn int
}

type strip struct {
	Name  string
	Y     int // top of the strip
	TextY int // the caption's baseline
	AxisY int // the axis line
	// TickEnd and TickText are the ends of the ticks and their labels'
	// baseline.
	TickEnd, TickText int
	lo, hi            int // first and last page drawn
	roman             bool
	lanes             int
	Ticks             []tick
	Bars              []*bar
	Marks             []*mark
	// label rows: the right end of the last label placed in each.
	labelEnd [labelRows]float64
}

type tick struct {
	X     float64
	Label string
}

type bar struct {
	X, Y, W, H float64
	Class      string
	Title      string // tooltip
	Href       string
	Num        string // the record's number, when the bar is wide enough
	NumX, NumY float64
	rec        int
	lo, hi     int
}

type mark struct {
	X, Y, W, H     float64
	Class          string
	Code           string
	Title          string
	LabelX, LabelY float64
	// Glyph is drawn inside the mark ("?" for an unreadable range).
	Glyph          string
	GlyphX, GlyphY float64
}

// item is one record's place on the map.
type item struct {
	rec      int
	lo, hi   int
	reversed bool
}

func (s *strip) x(p int) float64 {
	span := float64(s.hi - s.lo + 1)
	return mapLeft + float64(p-s.lo)/span*float64(mapWidth-mapLeft-mapRight)
}

func (s *strip) lanesTop() float64 { return float64(s.Y + headHeight + labelRows*labelRow) }

func (s *strip) lanesBottom() float64 {
	return s.lanesTop() + float64(s.lanes*(laneHeight+laneGap))
}

// buildMap lays out the page map of v; nil when no record has a page range
// to draw and no page finding to show.
func buildMap(v *schema.Volume, ids func(rec int) string) *pageMap {
	m := &pageMap{}
	type key struct {
		container string
		roman     bool
	}
	byKey := map[key]*strip{}
	var order []key
	items := map[int]*item{}
	stripOf := map[int]*strip{}
	for i := range v.Papers {
		r := &v.Papers[i]
		if r.Pages == nil {
			continue
		}
		if r.Pages.Article != "" {
			m.Undrawn++
			continue
		}
		k := key{r.Container, r.Pages.Roman}
		s := byKey[k]
		if s == nil {
			name := "Pages"
			if k.roman {
				name = "Front matter pages (roman)"
			}
			if k.container != "" {
				name += " of " + k.container
			}
			s = &strip{Name: name, roman: k.roman, lo: -1}
			byKey[k] = s
			order = append(order, k)
		}
		it := &item{rec: i, lo: min(r.Pages.First, r.Pages.Last), hi: max(r.Pages.First, r.Pages.Last), reversed: r.Pages.First > r.Pages.Last}
		items[i] = it
		stripOf[i] = s
		if s.lo < 0 || it.lo < s.lo {
			s.lo = it.lo
		}
		s.hi = max(s.hi, it.hi)
	}
	var formats []schema.Diagnostic
	for _, d := range v.Diagnostics {
		if d.Code == schema.PagesFormat {
			formats = append(formats, d)
		}
	}
	if len(order) == 0 && len(formats) == 0 {
		return nil
	}
	if len(order) == 0 {
		// Only unreadable ranges: a strip to put them on.
		s := &strip{Name: "Pages", lo: 1, hi: 1}
		byKey[key{}] = s
		order = append(order, key{})
	}
	y := 0
	for _, k := range order {
		s := byKey[k]
		s.Y = y
		m.Strips = append(m.Strips, s)
		// Lanes: each bar in the first lane free at its first page.
		var its []*item
		for i, st := range stripOf {
			if st == s {
				its = append(its, items[i])
			}
		}
		slices.SortFunc(its, func(a, b *item) int { return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.rec, b.rec)) })
		var ends []int
		lane := map[int]int{}
		for _, it := range its {
			l := slices.IndexFunc(ends, func(end int) bool { return end < it.lo })
			if l < 0 {
				if len(ends) < maxLanes {
					ends = append(ends, 0)
				}
				l = len(ends) - 1
			}
			ends[l] = max(ends[l], it.hi)
			lane[it.rec] = l
		}
		s.lanes = max(len(ends), 1)
		for _, it := range its {
			r := &v.Papers[it.rec]
			b := &bar{rec: it.rec, lo: it.lo, hi: it.hi, Href: "#" + ids(it.rec)}
			b.X = s.x(it.lo)
			b.W = s.x(it.hi+1) - b.X
			b.Y = s.lanesTop() + float64(lane[it.rec]*(laneHeight+laneGap))
			b.H = laneHeight
			b.Class = "bar " + [2]string{"odd", "even"}[it.rec%2]
			if r.Kind == schema.KindFrontmatter {
				b.Class += " fm"
			}
			if it.reversed {
				b.Class += " reversed"
			}
			b.Title = fmt.Sprintf("%d. %s — pages %s", it.rec+1, titleOf(r), pagesText(r.Pages))
			if b.W >= 9*float64(len(strconv.Itoa(it.rec+1)))+4 {
				b.Num = strconv.Itoa(it.rec + 1)
				b.NumX, b.NumY = b.X+b.W/2, b.Y+laneHeight/2+4
			}
			s.Bars = append(s.Bars, b)
		}
		s.AxisY = int(s.lanesBottom()) + 2
		s.TickEnd, s.TickText = s.AxisY+4, s.AxisY+15
		s.TextY = s.Y + 13
		s.Ticks = ticks(s)
		y = s.AxisY + axisHeight + stripGap
	}
	m.Height = y - stripGap
	m.marks(v, items, stripOf, byKey[order[0]], formats)
	m.Desc = m.describe(v, items)
	return m
}

// marks draws the page findings of v.
func (m *pageMap) marks(v *schema.Volume, items map[int]*item, stripOf map[int]*strip, first *strip, formats []schema.Diagnostic) {
	for _, d := range v.Diagnostics {
		if !pageCodes[d.Code] {
			continue
		}
		n, ok := paperOf(d.Pointer)
		if !ok || n >= len(v.Papers) {
			continue
		}
		var other = -1
		if len(d.Related) > 0 {
			if o, ok := paperOf(d.Related[0].Pointer); ok && o < len(v.Papers) {
				other = o
			}
		}
		it, s := items[n], stripOf[n]
		mk := &mark{Code: string(d.Code), Title: d.Message}
		switch d.Code {
		case schema.PagesOverlap:
			ot := items[other]
			if it == nil || ot == nil || stripOf[other] != s {
				continue
			}
			lo, hi := max(it.lo, ot.lo), min(it.hi, ot.hi)
			if lo > hi {
				continue
			}
			mk.Class = "mark overlap"
			mk.X, mk.W = s.x(lo), s.x(hi+1)-s.x(lo)
			mk.Y, mk.H = s.lanesTop()-2, s.lanesBottom()-s.lanesTop()+2
		case schema.PagesGap:
			ot := items[other]
			if it == nil || ot == nil || stripOf[other] != s || ot.hi+1 > it.lo-1 {
				continue
			}
			mk.Class = "mark gap"
			mk.X, mk.W = s.x(ot.hi+1), s.x(it.lo)-s.x(ot.hi+1)
			mk.Y, mk.H = s.lanesTop(), laneHeight
		case schema.PagesReversed:
			if it == nil {
				continue
			}
			mk.Class = "mark reversed"
			mk.X, mk.W = s.x(it.lo), s.x(it.hi+1)-s.x(it.lo)
			mk.Y, mk.H = s.lanesTop()-2, s.lanesBottom()-s.lanesTop()+2
		case schema.PagesFormat:
			// Where the record stands in input order: after the last
			// record before it that the first strip draws.
			s = first
			x := float64(mapLeft)
			for p := n - 1; p >= 0; p-- {
				if pt := items[p]; pt != nil && stripOf[p] == s {
					x = s.x(pt.hi + 1)
					break
				}
			}
			mk.Class = "mark format"
			mk.X, mk.W = x-5, 10
			mk.Y, mk.H = s.lanesTop(), laneHeight
			mk.Glyph, mk.GlyphX, mk.GlyphY = "?", x, mk.Y+laneHeight/2+4
		}
		m.label(s, mk)
		s.Marks = append(s.Marks, mk)
	}
}

// label places a mark's code in the first label row where it does not
// run into the label before it (or in the least full row).
func (m *pageMap) label(s *strip, mk *mark) {
	w := charWidth * float64(len(mk.Code))
	x := min(max(mk.X+mk.W/2-w/2, mapLeft), mapWidth-mapRight-w)
	row := 0
	for r := range labelRows {
		if s.labelEnd[r] <= x {
			row = r
			break
		}
		if s.labelEnd[r] < s.labelEnd[row] {
			row = r
		}
	}
	s.labelEnd[row] = x + w + 6
	mk.LabelX = x
	mk.LabelY = float64(s.Y+headHeight) + float64(row+1)*labelRow - 3
}

// ticks marks the strip's axis every 1, 2, 5, 10, 20, 25, 50... pages, at
// most a dozen times.
func ticks(s *strip) []tick {
	span := s.hi - s.lo + 1
	step := 1
	for _, st := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 100000, 1000000} {
		step = st
		if span/st <= 12 {
			break
		}
	}
	var out []tick
	label := func(p int) string {
		if s.roman {
			return roman(p)
		}
		return strconv.Itoa(p)
	}
	out = append(out, tick{s.x(s.lo), label(s.lo)})
	for p := (s.lo/step + 1) * step; p <= s.hi; p += step {
		if s.x(p)-out[len(out)-1].X < 30 {
			continue
		}
		out = append(out, tick{s.x(p), label(p)})
	}
	return out
}

// describe says what the map shows, for screen readers.
func (m *pageMap) describe(v *schema.Volume, items map[int]*item) string {
	var parts []string
	for _, s := range m.Strips {
		parts = append(parts, fmt.Sprintf("%s: %d records from page %s to %s", s.Name, len(s.Bars), pageLabel(s.lo, s.roman), pageLabel(s.hi, s.roman)))
	}
	counts := map[string]int{}
	for _, s := range m.Strips {
		for _, mk := range s.Marks {
			counts[mk.Code]++
		}
	}
	for _, c := range []schema.Code{schema.PagesOverlap, schema.PagesGap, schema.PagesReversed, schema.PagesFormat} {
		if n := counts[string(c)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d marked %s", n, c))
		}
	}
	if m.Undrawn > 0 {
		parts = append(parts, fmt.Sprintf("%d article-numbered records not drawn", m.Undrawn))
	}
	return strings.Join(parts, "; ")
}

func pageLabel(p int, isRoman bool) string {
	if isRoman {
		return roman(p)
	}
	return strconv.Itoa(p)
}

// paperOf returns the record index of a pointer into a volume's papers.
func paperOf(ptr string) (int, bool) {
	rest, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok {
		return 0, false
	}
	idx, _, _ := strings.Cut(rest, "/")
	n, err := strconv.Atoi(idx)
	return n, err == nil && n >= 0
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// pagesText writes a range as the report shows it: "43–56".
func pagesText(p *schema.Pages) string {
	if p == nil {
		return ""
	}
	num := func(n int) string {
		s := pageLabel(n, p.Roman)
		if p.Article != "" {
			s = p.Article + ":" + s
		}
		return s
	}
	if p.First == p.Last {
		return num(p.First)
	}
	return num(p.First) + "–" + num(p.Last)
}

func titleOf(r *schema.Record) string {
	if r.Title != "" {
		return r.Title
	}
	return "(untitled)"
}
