package procx

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"

	"github.com/procx/procx/schema"
)

// spill keeps the summaries of a streamed input's records in temporary
// files, so that the memory they take does not grow with the input: each
// record's summary goes to the file of its container's bucket (a hash of
// the container's name), and at the end each bucket's file is read back
// alone and split into its containers, in input order.
type spill struct {
	dir   string
	files []*os.File
	ws    []*bufio.Writer
	n     []int // the summaries in each bucket
	buf   []byte
}

// spillBuckets is how many files the summaries are spread over: a
// bucket's share of a 4 GB dump's summaries is read back at once.
const spillBuckets = 128

func newSpill() (*spill, error) {
	dir, err := os.MkdirTemp("", "procx-stream-")
	if err != nil {
		return nil, err
	}
	return &spill{dir: dir, files: make([]*os.File, spillBuckets), ws: make([]*bufio.Writer, spillBuckets), n: make([]int, spillBuckets)}, nil
}

// close removes the files.
func (s *spill) close() {
	for _, f := range s.files {
		if f != nil {
			f.Close()
		}
	}
	os.RemoveAll(s.dir)
}

// add writes a record's summary to its container's bucket.
func (s *spill) add(container string, sum *summary) error {
	// A fixed hash: the buckets, and so the order in which their
	// findings come, are the same from run to run.
	h := fnv.New64a()
	h.Write([]byte(container))
	b := int(h.Sum64() % spillBuckets)
	if s.files[b] == nil {
		f, err := os.CreateTemp(s.dir, "bucket-")
		if err != nil {
			return err
		}
		s.files[b], s.ws[b] = f, bufio.NewWriterSize(f, 16<<10)
	}
	s.n[b]++
	s.buf = appendSummary(s.buf[:0], container, sum)
	_, err := s.ws[b].Write(s.buf)
	return err
}

// each calls fn with the containers of each bucket and their records as
// the comparing checks read them (see group), in input order, one bucket
// in memory at a time.
func (s *spill) each(fn func(names []string, groups []*group)) error {
	for b, f := range s.files {
		if f == nil {
			continue
		}
		if err := s.ws[b].Flush(); err != nil {
			return err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		r := bufio.NewReaderSize(f, 64<<10)
		byName := map[string]int{}
		var names []string
		var groups []*group
		for {
			container, sum, err := readSummary(r)
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("reading back record summaries: %w", err)
			}
			g, ok := byName[container]
			if !ok {
				g = len(groups)
				byName[container] = g
				names = append(names, container)
				// The first container takes room for the bucket: a
				// whole-volume input's one container is not grown by
				// doubling.
				n := 0
				if g == 0 {
					n = s.n[b]
				}
				groups = append(groups, &group{recs: make([]schema.Record, 0, n), lcs: make([]lineCols, 0, n)})
			}
			groups[g].add(names[g], &sum)
		}
		fn(names, groups)
		f.Close()
		s.files[b] = nil
		os.Remove(f.Name())
	}
	return nil
}

// group is a container's records as the comparing checks read them,
// made from their summaries as they are read back: no more of each is
// kept than a summary holds.
type group struct {
	recs []schema.Record
	lcs  []lineCols
}

// lineCols are a record's index in the volume and the lines and columns
// of its summarized fields (line 0: the record has no such field).
type lineCols struct {
	index int
	at    [4][4]int32 // by field of summarized: line, column, end line, end column
}

func (g *group) add(container string, s *summary) {
	g.recs = append(g.recs, schema.Record{Kind: s.kind, Title: s.title, DOI: s.doi, Pages: s.pages, Container: container})
	r := &g.recs[len(g.recs)-1]
	if s.key != "" {
		r.BibTeX = &schema.BibTeX{Key: s.key}
	}
	r.Pos = make(schema.Positions, 0, len(s.pos))
	g.lcs = append(g.lcs, lineCols{index: s.index})
	lc := &g.lcs[len(g.lcs)-1]
	for _, pl := range s.pos {
		r.Pos.Set(summarized[pl.field], schema.Range{Off: pl.off, End: pl.end})
		lc.at[pl.field] = [4]int32{pl.line, pl.col, pl.endLine, pl.endCol}
	}
}

// appendSummary encodes a summary: varints and length-prefixed strings.
func appendSummary(b []byte, container string, s *summary) []byte {
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	b = binary.AppendUvarint(b, uint64(s.index))
	str(container)
	str(string(s.kind))
	str(s.title)
	str(s.doi)
	str(s.key)
	if p := s.pages; p == nil {
		b = append(b, 0)
	} else {
		roman := byte(1)
		if p.Roman {
			roman = 2
		}
		b = append(b, roman)
		b = binary.AppendVarint(b, int64(p.First))
		b = binary.AppendVarint(b, int64(p.Last))
		str(p.Text)
		str(p.Article)
	}
	b = append(b, byte(len(s.pos)))
	for _, pl := range s.pos {
		b = append(b, pl.field)
		for _, n := range [...]int64{int64(pl.off), int64(pl.end), int64(pl.line), int64(pl.col), int64(pl.endLine), int64(pl.endCol)} {
			b = binary.AppendVarint(b, n)
		}
	}
	return b
}

var errSummary = errors.New("malformed summary")

// readSummary decodes what appendSummary encodes.
func readSummary(r *bufio.Reader) (container string, s summary, err error) {
	idx, err := binary.ReadUvarint(r)
	if err != nil {
		return "", s, err // io.EOF at the end
	}
	fail := func(e error) (string, summary, error) {
		if e == io.EOF {
			e = io.ErrUnexpectedEOF
		}
		return "", summary{}, e
	}
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		if n > 1<<26 { // longer than any field a record keeps
			return "", errSummary
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	s.index = int(idx)
	var kind string
	for _, p := range []*string{&container, &kind, &s.title, &s.doi, &s.key} {
		if *p, err = str(); err != nil {
			return fail(err)
		}
	}
	s.kind = schema.Kind(kind)
	for _, k := range [...]schema.Kind{schema.KindPaper, schema.KindFrontmatter} {
		if s.kind == k {
			s.kind = k // not a string per record
		}
	}
	c, err := r.ReadByte()
	if err != nil {
		return fail(err)
	}
	if c != 0 {
		p := &schema.Pages{Roman: c == 2}
		first, err1 := binary.ReadVarint(r)
		last, err2 := binary.ReadVarint(r)
		if err := errors.Join(err1, err2); err != nil {
			return fail(err)
		}
		p.First, p.Last = int(first), int(last)
		if p.Text, err = str(); err != nil {
			return fail(err)
		}
		if p.Article, err = str(); err != nil {
			return fail(err)
		}
		s.pages = p
	}
	n, err := r.ReadByte()
	if err != nil {
		return fail(err)
	}
	s.pos = make([]placed, n)
	for i := range s.pos {
		pl := &s.pos[i]
		if pl.field, err = r.ReadByte(); err != nil {
			return fail(err)
		}
		var v [6]int64
		for k := range v {
			if v[k], err = binary.ReadVarint(r); err != nil {
				return fail(err)
			}
		}
		pl.off, pl.end = int(v[0]), int(v[1])
		pl.line, pl.col, pl.endLine, pl.endCol = int32(v[2]), int32(v[3]), int32(v[4]), int32(v[5])
	}
	return container, s, nil
}
