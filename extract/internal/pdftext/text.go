package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// errStreamLimit is returned when a stream inflates past the limit.
var errStreamLimit = errors.New("stream limit")

// readStream returns the decoded data of a stream (or of an array of
// streams, concatenated), reading at most limit bytes: past it, it returns
// what it read and errStreamLimit, so a compressed bomb is never inflated
// in full.
func readStream(v pdf.Value, limit int64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	var parts []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		parts = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len() && i < 4096; i++ {
			parts = append(parts, v.Index(i))
		}
	default:
		return nil, nil
	}
	var buf bytes.Buffer
	for _, p := range parts {
		if p.Kind() != pdf.Stream {
			continue
		}
		rc := p.Reader()
		left := limit - int64(buf.Len())
		n, rerr := io.Copy(&buf, io.LimitReader(rc, left+1))
		rc.Close()
		if n > left {
			buf.Truncate(int(limit))
			return buf.Bytes(), errStreamLimit
		}
		if rerr != nil && !errors.Is(rerr, io.ErrUnexpectedEOF) {
			err = rerr
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes(), err
}

// mat is an affine matrix [a b c d e f].
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func matOf(args []psObj) (mat, bool) {
	if len(args) < 6 {
		return mat{}, false
	}
	var m mat
	for i := range m {
		a := args[len(args)-6+i]
		if a.kind != psNumber {
			return mat{}, false
		}
		m[i] = a.num
	}
	return m, true
}

// placed is one glyph placed on the page, in user space.
type placed struct {
	text      string
	x, y, adv float64
	size      float64
	font      *pdfFont
}

type textState struct {
	ctm            mat
	tc, tw, th, tl float64
	rise, size     float64
	font           *pdfFont
}

// pageWalker interprets a page's content stream and collects its glyphs.
type pageWalker struct {
	limit  int64
	fonts  map[string]*pdfFont // by resource name, for this page
	shared map[string]*pdfFont // by font dictionary, for the document
	glyphs []placed
	errs   []string
	bytes  int64 // content read so far
	buf    []glyph
}

func (w *pageWalker) font(res pdf.Value, name string) *pdfFont {
	if f, ok := w.fonts[name]; ok {
		return f
	}
	fv := res.Key("Font").Key(name)
	if fv.Kind() != pdf.Dict {
		w.fonts[name] = nil
		return nil
	}
	// A font used on many pages is read once: its dictionary, with
	// the references it holds, is the key.
	key := fv.String()
	if f, ok := w.shared[key]; ok {
		w.fonts[name] = f
		return f
	}
	f, err := loadFont(fv, w.limit)
	if len(w.shared) < 1024 {
		w.shared[key] = f
	}
	if err != nil {
		w.errs = append(w.errs, fmt.Sprintf("font %q: %v", name, err))
		if f == nil {
			return nil
		}
	}
	w.fonts[name] = f
	return f
}

// walk interprets one content stream with its resources and adds the
// glyphs it shows to w.glyphs; ctm is the matrix the stream starts with
// and depth counts form XObjects.
func (w *pageWalker) walk(content pdf.Value, res pdf.Value, ctm mat, depth int) {
	data := w.readContent(content)
	c := contentState{res: res, depth: depth, g: textState{ctm: ctm, th: 1}}
	lexPS(data, func(op string, args []psObj) bool {
		// Operators by family; those that draw no text are skipped.
		switch op {
		case "q", "Q", "cm":
			c.graphicsState(op, args)
		case "BT", "Tm", "Td", "TD", "T*":
			c.textPosition(op, args)
		case "TL", "Tc", "Tw", "Tz", "Ts", "Tf":
			w.setTextState(&c, op, args)
		case "Tj", "'", "\"", "TJ":
			w.showText(&c, op, args)
		case "Do":
			w.drawForm(&c, args)
		}
		// Stop once the page's content read passes the limit.
		return w.bytes <= w.limit
	})
}

// readContent reads the data of a content stream, up to what is left of
// the limit on the content read for the page, and records why it stopped
// short, if it did.
func (w *pageWalker) readContent(content pdf.Value) []byte {
	data, err := readStream(content, w.limit-w.bytes)
	w.bytes += int64(len(data))
	if err != nil {
		if errors.Is(err, errStreamLimit) {
			w.errs = append(w.errs, fmt.Sprintf("content stream inflates past the %d-byte limit (--max-pdf-stream); read the first %d bytes", w.limit, w.limit))
		} else {
			w.errs = append(w.errs, "content stream: "+err.Error())
		}
	}
	return data
}

// contentState is the state of walk interpreting one content stream. The
// walker is passed beside it rather than held in it: what the state points
// to goes to the heap (the states saved by q, with their fonts), and the
// walker would go with it.
type contentState struct {
	res   pdf.Value // the stream's resources
	depth int       // form XObjects around the stream
	g     textState
	stack []textState // the states saved by q
	// tm and tlm are the text matrix and the text line matrix.
	tm, tlm mat
}

// graphicsState interprets q and Q, which save (at most 256 deep) and
// restore the graphics state, and cm, which concatenates a matrix to the
// current transformation matrix.
func (c *contentState) graphicsState(op string, args []psObj) {
	switch op {
	case "q":
		if len(c.stack) < 256 {
			c.stack = append(c.stack, c.g)
		}
	case "Q":
		if n := len(c.stack); n > 0 {
			c.g = c.stack[n-1]
			c.stack = c.stack[:n-1]
		}
	case "cm":
		if m, ok := matOf(args); ok {
			c.g.ctm = m.mul(c.g.ctm)
		}
	}
}

// textPosition interprets BT, which starts a text object at the identity,
// and the text positioning operators Tm, Td, TD and T*, which set the
// text and text line matrices; TD also sets the leading.
func (c *contentState) textPosition(op string, args []psObj) {
	switch op {
	case "BT":
		c.tm, c.tlm = identity, identity
	case "Tm":
		if m, ok := matOf(args); ok {
			c.tm, c.tlm = m, m
		}
	case "Td", "TD":
		if len(args) >= 2 {
			tx, ty := numArg(args, len(args)-2), numArg(args, len(args)-1)
			if op == "TD" {
				c.g.tl = -ty
			}
			c.tlm = mat{1, 0, 0, 1, tx, ty}.mul(c.tlm)
			c.tm = c.tlm
		}
	case "T*":
		c.nextLine()
	}
}

// nextLine moves the text and text line matrices to the start of the next
// line, the leading below the start of this one.
func (c *contentState) nextLine() {
	c.tlm = mat{1, 0, 0, 1, 0, -c.g.tl}.mul(c.tlm)
	c.tm = c.tlm
}

// setTextState interprets the text state operators TL, Tc, Tw, Tz, Ts
// and Tf: leading, character and word spacing, horizontal scaling, rise,
// and font and size.
func (w *pageWalker) setTextState(c *contentState, op string, args []psObj) {
	switch op {
	case "TL":
		c.g.tl = numArg(args, len(args)-1)
	case "Tc":
		c.g.tc = numArg(args, len(args)-1)
	case "Tw":
		c.g.tw = numArg(args, len(args)-1)
	case "Tz":
		c.g.th = numArg(args, len(args)-1) / 100
	case "Ts":
		c.g.rise = numArg(args, len(args)-1)
	case "Tf":
		if len(args) >= 2 && args[len(args)-2].kind == psName {
			c.g.font = w.font(c.res, args[len(args)-2].str)
			c.g.size = numArg(args, len(args)-1)
		}
	}
}

// showText interprets the text showing operators: Tj shows a string, '
// moves to the next line first and " also sets the word and character
// spacing; TJ shows an array of strings and adjustments, which move the
// text matrix back by thousandths of the type size.
func (w *pageWalker) showText(c *contentState, op string, args []psObj) {
	switch op {
	case "TJ":
		if len(args) > 0 && args[len(args)-1].kind == psArray {
			for _, a := range args[len(args)-1].arr {
				switch a.kind {
				case psString:
					w.show(c, a.str)
				case psNumber:
					tx := -a.num / 1000 * c.g.size * c.g.th
					c.tm = mat{1, 0, 0, 1, tx, 0}.mul(c.tm)
				}
			}
		}
		return
	case "'", "\"":
		c.nextLine()
		if op == "\"" && len(args) >= 3 {
			c.g.tw, c.g.tc = numArg(args, len(args)-3), numArg(args, len(args)-2)
		}
	}
	if len(args) > 0 && args[len(args)-1].kind == psString {
		w.show(c, args[len(args)-1].str)
	}
}

// show places the glyphs of a string in the current font, if there is
// one, and moves the text matrix past each. The loop works on local
// copies of the text state and matrix, and writes the matrix back at the
// end: read through c, they would be loaded again after each glyph it
// stores.
func (w *pageWalker) show(c *contentState, raw string) {
	if c.g.font == nil {
		return
	}
	g, tm := c.g, c.tm
	w.buf = g.font.decode(raw, w.buf[:0])
	for _, gl := range w.buf {
		trm := tm.mul(g.ctm)
		tx := (gl.width/1000*g.size + g.tc) * g.th
		if gl.space {
			tx += g.tw * g.th
		}
		sx := math.Hypot(trm[0], trm[1])
		sy := math.Hypot(trm[2], trm[3])
		// Rotated or mirrored text (a table set sideways) is left out:
		// lines are read left to right along the page.
		if gl.text != "" && trm[0] > 0 && math.Abs(trm[1]) <= 0.05*trm[0] {
			w.glyphs = append(w.glyphs, placed{
				text: gl.text,
				x:    trm[4] + g.rise*trm[2], y: trm[5] + g.rise*trm[3],
				adv: tx * sx, size: g.size * sy, font: g.font,
			})
		}
		tm = mat{1, 0, 0, 1, tx, 0}.mul(tm)
	}
	c.tm = tm
}

// drawForm interprets Do: a form XObject's content stream is walked with
// the form's resources (or the stream's, if it has none) and matrix, at
// most 8 forms deep. Other XObjects, images, hold no text.
func (w *pageWalker) drawForm(c *contentState, args []psObj) {
	if c.depth >= 8 || len(args) == 0 || args[len(args)-1].kind != psName {
		return
	}
	xo := c.res.Key("XObject").Key(args[len(args)-1].str)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	xres := xo.Key("Resources")
	if xres.Kind() != pdf.Dict {
		xres = c.res
	}
	m := identity
	if fm := xo.Key("Matrix"); fm.Len() == 6 {
		for i := range m {
			m[i] = fm.Index(i).Float64()
		}
	}
	// Fonts are looked up by name: a form's own font names may clash with
	// the page's, so give it its own cache.
	saved := w.fonts
	w.fonts = make(map[string]*pdfFont)
	w.walk(xo, xres, m.mul(c.g.ctm), c.depth+1)
	w.fonts = saved
}

// numArg returns operand i if it is a number, else 0.
func numArg(args []psObj, i int) float64 {
	if i < len(args) && args[i].kind == psNumber {
		return args[i].num
	}
	return 0
}

// Line is one line of a page as drawn.
type Line struct {
	Text      string
	X0, X1, Y float64
	Size      float64
	FirstWord float64 // width of the first word
	Page      int
	PageWidth float64 // the media box's width, 0 when unknown
	// Runs are the line's stretches of glyphs in one font, size and
	// baseline, in drawing order, on the pages Limits.RunPages asks for
	// (nil on others): a superscript marker is a run set smaller than
	// its neighbours and raised above their baseline.
	Runs []Run
}

// Run is a stretch of a line's glyphs set in one font and size on one
// baseline, with no gap wider than an em. Its text is Line.Text[Start:End] (spaces between words
// included).
type Run struct {
	Start, End int
	Font       string // the font's /BaseFont, subset prefix removed
	Size       float64
	Y          float64 // the baseline
	X0, X1     float64
}

// pageLines groups glyphs, in the order they were drawn, into lines: a
// glyph starts a new line when its baseline moves by more than half the
// type size or it jumps back left; a gap wider than 0.15 em is a space.
// With runs set, each line also gets its runs.
func pageLines(gs []placed, page int, runs bool) []Line {
	var out []Line
	var b strings.Builder
	var cur Line
	var rs []Run
	var rfont *pdfFont
	open, spaced, gotWord := false, false, false
	flush := func() {
		if !open {
			return
		}
		cur.Text = strings.TrimSpace(b.String())
		if !gotWord {
			cur.FirstWord = cur.X1 - cur.X0
		}
		if cur.Text != "" {
			if runs {
				for i := range rs {
					rs[i].End = min(rs[i].End, len(cur.Text))
					rs[i].Start = min(rs[i].Start, rs[i].End)
				}
				cur.Runs = rs
				rs = nil
			}
			out = append(out, cur)
		}
		b.Reset()
		open = false
	}
	for _, g := range gs {
		size := max(g.size, 1)
		if open {
			sz := max(cur.Size, size)
			if math.Abs(g.y-cur.Y) > 0.5*sz || g.x < cur.X1-1.5*sz {
				flush()
			}
		}
		blank := strings.TrimSpace(g.text) == ""
		if !open {
			if blank {
				continue
			}
			cur = Line{X0: g.x, X1: g.x, Y: g.y, Size: size, Page: page}
			open, spaced, gotWord = true, false, false
		}
		if !spaced && !blank && g.x-cur.X1 > 0.15*size {
			b.WriteByte(' ')
			spaced = true
		}
		if blank || spaced {
			if !gotWord && b.Len() > 0 {
				cur.FirstWord = cur.X1 - cur.X0
				gotWord = true
			}
		}
		if blank {
			if !spaced {
				b.WriteByte(' ')
				spaced = true
			}
			continue
		}
		if runs {
			n := len(rs)
			if n == 0 || g.font != rfont || math.Abs(g.size-rs[n-1].Size) > 0.05*size || math.Abs(g.y-rs[n-1].Y) > 0.1*size || g.x-rs[n-1].X1 > size {
				rs = append(rs, Run{Start: b.Len(), Font: fontName(g.font), Size: g.size, Y: g.y, X0: g.x})
				rfont = g.font
				n++
			}
			b.WriteString(ExpandLigatures(g.text))
			rs[n-1].End = b.Len()
			rs[n-1].X1 = g.x + g.adv
		} else {
			b.WriteString(ExpandLigatures(g.text))
		}
		spaced = false
		cur.X1 = max(cur.X1, g.x+g.adv)
		cur.Size = max(cur.Size, size)
	}
	flush()
	return out
}

func fontName(f *pdfFont) string {
	if f == nil {
		return ""
	}
	return f.name
}

// ExpandLigatures spells out the Latin ligature characters.
func ExpandLigatures(s string) string {
	if !strings.ContainsFunc(s, isLigature) {
		return s
	}
	return ligatures.Replace(s)
}

func isLigature(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }

var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")
