package schema

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// File is decoded input text with its line table, for turning byte offsets
// into lines and columns.
type File struct {
	Path  string
	Text  []byte
	lines []int // byte offset of the start of each line
	// Page, when set, gives the 1-based page of a byte offset (PDF inputs).
	Page func(off int) int
}

// NewFile builds the line table of text. Lines end at "\n"; a "\r" before
// it belongs to the line ending.
func NewFile(path string, text []byte) *File {
	return &File{Path: path, Text: text, lines: lineStarts(text)}
}

// lineStarts returns the byte offset of the start of each line of text:
// 0, then the offset after every "\n". It finds the newlines with
// bytes.IndexByte rather than looking at every byte in a loop: every
// input builds this table, and for a small file it was a good part of
// decoding it.
func lineStarts(text []byte) []int {
	starts := make([]int, 1, bytes.Count(text, []byte{'\n'})+1)
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return starts
		}
		off += i + 1
		starts = append(starts, off)
	}
}

// LineStarts returns the byte offset of the start of each line: 0, then
// the offset after every "\n". It is the file's own table, for readers
// that walk the lines of Text without finding the newlines again; the
// caller must not modify it.
func (f *File) LineStarts() []int { return f.lines }

// LineCount returns the number of lines, counting a last line without a
// newline.
func (f *File) LineCount() int {
	n := len(f.lines)
	if n > 1 && f.lines[n-1] == len(f.Text) {
		n--
	}
	return n
}

// LineStart returns the byte offset where 1-based line n starts.
func (f *File) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.lines) {
		return len(f.Text)
	}
	return f.lines[n-1]
}

// Line returns the 1-based line of byte offset off.
func (f *File) Line(off int) int {
	off = min(max(off, 0), len(f.Text))
	return sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off })
}

// Position returns the 1-based line and column of byte offset off; the
// column counts Unicode code points.
func (f *File) Position(off int) (line, col int) {
	off = min(max(off, 0), len(f.Text))
	line = f.Line(off)
	start := f.lines[line-1]
	return line, utf8.RuneCount(f.Text[start:off]) + 1
}

// LineText returns the text of 1-based line n without its line ending.
func (f *File) LineText(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Text)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Text[end-1] == '\r' {
		end--
	}
	return string(f.Text[start:end])
}

// Resolve fills the path, line and column of diagnostics that carry a byte
// offset, and of their related positions.
func (f *File) Resolve(ds []Diagnostic) {
	// Many diagnostics can share an offset far into a long line (the end
	// of a 20,000-name author list); count its runes once.
	cols := map[int][2]int{}
	pos := func(off int) (int, int) {
		if p, ok := cols[off]; ok {
			return p[0], p[1]
		}
		l, c := f.Position(off)
		cols[off] = [2]int{l, c}
		return l, c
	}
	for i := range ds {
		d := &ds[i]
		if d.Path == "" {
			d.Path = f.Path
		}
		if d.Off >= 0 && d.Line == 0 {
			d.Line, d.Column = pos(d.Off)
			if d.End > d.Off {
				d.EndLine, d.EndColumn = pos(d.End)
			}
			if f.Page != nil && d.Page == 0 {
				d.Page = f.Page(d.Off)
			}
		}
		for j := range d.Related {
			r := &d.Related[j]
			if r.Off >= 0 && r.Line == 0 {
				r.Line, r.Column = pos(r.Off)
			}
		}
	}
}

// SpanOf returns the Span of the byte range r.
func (f *File) SpanOf(r Range) Span {
	end := r.End
	if end > r.Off {
		end-- // last byte inside the range
	}
	s := Span{Line: f.Line(r.Off), EndLine: f.Line(end)}
	if f.Page != nil {
		s.Page = f.Page(r.Off)
	}
	return s
}
