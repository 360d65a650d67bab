package extract

import (
	"bytes"
	"context"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/schema"
)

// A BibScan is what reading a BibTeX file in pieces (ReadBibTeXPiece)
// needs to know of the whole file, from one first pass over it
// (ScanBibTeX): where its record-aligned pieces are, the @string macros
// defined before each, its @proceedings, and how many containers its
// entries name.
type BibScan struct {
	Pieces    []BibPiece
	procs     map[string]*bibtex.Entry
	procOrder []*bibtex.Entry
	single    bool               // the entries name one container (or none)
	proc      schema.Proceedings // the volume's metadata, as Read sets them
}

// A BibPiece is a record-aligned piece of a BibTeX file.
type BibPiece struct {
	Off, End int // its bytes in the file
	Line     int // the lines of the file before Off
	macros   map[string]string
}

// ScanBibTeX makes the first pass over a whole BibTeX file read from r,
// for reading it in pieces of about size bytes. Each piece starts at the
// start of a line whose first byte outside blanks is an '@' at brace
// depth 0, as blankComments sees it. It returns false when the pieces
// would not read as the whole file reads: text that decoding changes or
// reports on, or a line over the line limit (whose diagnostic counts the
// lines of the file); and an error of r.
func ScanBibTeX(path string, r io.Reader, size int, opt Options) (*BibScan, bool, error) {
	s := &BibScan{procs: map[string]*bibtex.Entry{}}
	w := bibScanner{s: s, macros: map[string]string{}, seen: map[[4]string]int{}, path: path, opt: opt}
	// The pieces are parsed, in order, beside the search for the next.
	pieces := make(chan scanPiece, 2)
	read := make(chan bool, 1)
	go func() {
		ok := true
		for p := range pieces {
			ok = ok && w.piece(p.data, p.off, p.line)
		}
		read <- ok
	}()
	ok, err := cutBibTeX(r, size, opt.MaxLineLength, func(data []byte, off, line int) {
		pieces <- scanPiece{bytes.Clone(data), off, line}
	})
	close(pieces)
	if read := <-read; err != nil || !ok || !read {
		return nil, false, err
	}
	return w.finish(), true, nil
}

// scanPiece is a piece the first pass has cut, to parse.
type scanPiece struct {
	data      []byte
	off, line int
}

// cutBibTeX reads r and hands piece each record-aligned piece (see
// ScanBibTeX), with its offset and the lines before it. It returns false
// at a line over maxLine bytes (0 means 1 MiB), and an error of r.
func cutBibTeX(r io.Reader, size, maxLine int, piece func(data []byte, off, line int)) (bool, error) {
	if maxLine <= 0 {
		maxLine = 1 << 20
	}
	const block = 256 << 10
	buf := make([]byte, 0, size+2*block)
	base, i := 0, 0 // the file offset of buf[0]; the next byte to look at
	depth, lineStart, line, lastLine := 0, 0, 0, 0
	blank, comment, eof := true, false, false
	for !eof {
		if cap(buf)-len(buf) < block {
			buf = slices.Grow(buf, block)
		}
		n, err := io.ReadFull(r, buf[len(buf):len(buf)+block])
		buf = buf[:len(buf)+n]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			eof = true
		} else if err != nil {
			return false, err
		}
		limit := len(buf) - 1 // a backslash looks at the byte after it
		if eof {
			limit = len(buf)
		}
		for ; i < limit; i++ {
			c := buf[i]
			if c == '\n' {
				if base+i-lineStart > maxLine {
					return false, nil
				}
				line++
				lineStart, blank, comment = base+i+1, true, false
				continue
			}
			if comment {
				continue
			}
			wasBlank := blank
			if c != ' ' && c != '\t' {
				blank = false
			}
			switch c {
			case '%':
				comment = wasBlank && depth <= 0
			case '\\':
				if i+1 < len(buf) && buf[i+1] == '\n' {
					// blankComments reads the next line as not starting one.
					line++
					lineStart = base + i + 2
				}
				i++
			case '{':
				depth++
			case '}':
				depth--
			case '@':
				if depth < 0 {
					depth = 0
				}
				if depth == 0 && wasBlank && lineStart-base >= size {
					piece(buf[:lineStart-base], base, lastLine)
					cut := lineStart - base
					buf = buf[:copy(buf, buf[cut:])]
					i, limit = i-cut, limit-cut
					base, lastLine = lineStart, line
				}
			}
		}
	}
	if base+len(buf)-lineStart > maxLine {
		return false, nil
	}
	piece(buf, base, lastLine)
	return true, nil
}

// bibScanner is the first pass's reading of the pieces, in order.
type bibScanner struct {
	s        *BibScan
	macros   map[string]string
	seen     map[[4]string]int
	distinct []containerRep
	path     string
	opt      Options
}

// containerRep is an entry whose fields name its container, and how many
// entries name it with the same fields.
type containerRep struct {
	e     *bibtex.Entry
	count int
}

// piece reads one piece of the file: the macros it defines, its
// @proceedings, the containers its entries name.
func (w *bibScanner) piece(data []byte, off, line int) bool {
	s := w.s
	s.Pieces = append(s.Pieces, BibPiece{Off: off, End: off + len(data), Line: line, macros: w.macros})
	doc := Decode(w.path, data)
	if len(doc.Diagnostics) > 0 || len(doc.Text) != len(data) {
		return false
	}
	next := maps.Clone(w.macros)
	entries, _ := bibtex.Parse(blankComments(doc.Text), 0, next, w.opt.BibTeX)
	if !maps.Equal(next, w.macros) {
		w.macros = next
	}
	for i := range entries {
		e := &entries[i]
		if e.Type == "proceedings" {
			if _, dup := s.procs[strings.ToLower(e.Key)]; !dup {
				c := cloneEntry(e, nil)
				s.procs[strings.ToLower(e.Key)] = c
				s.procOrder = append(s.procOrder, c)
			}
			continue
		}
		var key [4]string
		for j, name := range containerFields {
			if f := e.Field(name); f != nil {
				key[j] = "=" + f.Value
			}
		}
		if n, ok := w.seen[key]; ok {
			w.distinct[n].count++
			continue
		}
		w.seen[key] = len(w.distinct)
		w.distinct = append(w.distinct, containerRep{cloneEntry(e, containerFields), 1})
	}
	return true
}

// finish names the containers once every @proceedings is known.
func (w *bibScanner) finish() *BibScan {
	s := w.s
	counts := map[string]int{}
	var order []string
	for _, r := range w.distinct {
		c := container(r.e, s.procOrder)
		if counts[c] == 0 {
			order = append(order, c)
		}
		counts[c] += r.count
	}
	s.single = len(order) <= 1
	var v schema.Volume
	if main := mainProceedings(order, counts, s.procs, s.procOrder); main != nil {
		proceedingsFrom(&v, main)
	} else if len(order) > 0 && order[0] != "" {
		v.Proceedings.Title = bibText(order[0])
	}
	s.proc = v.Proceedings
	return s
}

// containerFields are the fields container reads.
var containerFields = []string{"crossref", "booktitle", "journal", "volume"}

// cloneEntry copies e, only the fields named if names is not nil, so that
// it holds no bytes of the piece it was read from.
func cloneEntry(e *bibtex.Entry, names []string) *bibtex.Entry {
	c := &bibtex.Entry{Type: strings.Clone(e.Type), Key: strings.Clone(e.Key), Off: e.Off, End: e.End}
	for _, f := range e.Fields {
		if names != nil && !contains(names, f.Name) {
			continue
		}
		f.Name, f.Value = strings.Clone(f.Name), strings.Clone(f.Value)
		c.Fields = append(c.Fields, f)
	}
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ReadBibTeXPiece reads piece k of a BibTeX file whose first pass is s,
// data being its bytes, as BibTeXFile reads the file but for the
// records of that piece: positions are the piece's own, each record names
// its container as a read of the whole file does, and the volume's
// metadata are those of the file (without positions: a diagnostic about
// them is the whole file's, not a piece's).
func ReadBibTeXPiece(ctx context.Context, path string, s *BibScan, k int, data []byte, opt Options) (*schema.Volume, *Document) {
	p := s.Pieces[k]
	doc := Decode(path, data)
	v := &schema.Volume{
		Source: schema.Source{Path: path, Format: "bibtex", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	entries := bibEntries(v, doc, maps.Clone(p.macros), opt)
	if _, _, ok := bibRecords(ctx, v, doc, entries, s.procs, s.procOrder); !ok {
		return v, doc
	}
	if s.single {
		for i := range v.Papers {
			v.Papers[i].Container = ""
		}
	}
	v.Proceedings = s.proc
	finishRead(v, doc, opt)
	return v, doc
}
