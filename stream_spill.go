package procx

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// spill keeps the entries of a streamed input's records (what the checks
// that compare records read of each, validate.Entry) and their texts in
// temporary files, so that the memory they take does not grow with the
// input: each record goes to its container's bucket (a hash of the
// container's name), its entry to the bucket's entry file and its text to
// the bucket's text file. At the end a bucket's entries are read back
// alone, by container, and the texts read only for the findings.
type spill struct {
	dir     string
	buckets []*bucket
	buf     []byte
}

// bucket is one bucket's files. The entry file holds, in input order,
// tagged items: an entry (tagEntry, validate.EntrySize bytes) and, before
// the first entry of a container and whenever the container changes from
// the last entry's, its name (tagContainer, a length and the bytes). The
// text file holds the texts (see appendText), where the entries' Ref
// says.
type bucket struct {
	entries, texts   *os.File
	ew, tw           *bufio.Writer
	n                int   // the entries
	textLen          int64 // the bytes of texts written
	last             string
	started, flushed bool
}

const (
	tagContainer = iota
	tagEntry
)

// spillBuckets is how many buckets the records are spread over: a
// bucket's share of a 4 GB dump's entries is read back at once.
const spillBuckets = 128

// textsInMemory is the size up to which a bucket's texts are read whole
// at the end; a larger bucket's are read record by record.
const textsInMemory = 8 << 20

func newSpill() (*spill, error) {
	dir, err := os.MkdirTemp("", "procx-stream-")
	if err != nil {
		return nil, err
	}
	return &spill{dir: dir, buckets: make([]*bucket, spillBuckets)}, nil
}

// close removes the files.
func (s *spill) close() {
	for _, b := range s.buckets {
		if b != nil {
			b.close()
		}
	}
	os.RemoveAll(s.dir)
}

func (b *bucket) close() {
	b.entries.Close()
	b.texts.Close()
}

// add writes a record's entry and text to its container's bucket, the
// entry's Ref set to where its text is.
func (s *spill) add(container string, e *validate.Entry, text []byte) error {
	// A fixed hash: the buckets, and so the order in which their
	// findings come, are the same from run to run.
	h := fnv.New64a()
	h.Write([]byte(container))
	k := int(h.Sum64() % spillBuckets)
	b := s.buckets[k]
	if b == nil {
		var err1, err2 error
		b = &bucket{}
		b.entries, err1 = os.CreateTemp(s.dir, "entries-")
		b.texts, err2 = os.CreateTemp(s.dir, "texts-")
		if err := errors.Join(err1, err2); err != nil {
			if b.entries != nil {
				b.entries.Close()
			}
			if b.texts != nil {
				b.texts.Close()
			}
			return err
		}
		b.ew, b.tw = bufio.NewWriterSize(b.entries, 16<<10), bufio.NewWriterSize(b.texts, 16<<10)
		s.buckets[k] = b
	}
	s.buf = s.buf[:0]
	if !b.started || container != b.last {
		b.started, b.last = true, strings.Clone(container)
		s.buf = append(s.buf, tagContainer)
		s.buf = binary.AppendUvarint(s.buf, uint64(len(container)))
		s.buf = append(s.buf, container...)
	}
	e.Ref = b.textLen
	s.buf = append(s.buf, tagEntry)
	s.buf, _ = e.AppendBinary(s.buf)
	if _, err := b.ew.Write(s.buf); err != nil {
		return err
	}
	if _, err := b.tw.Write(text); err != nil {
		return err
	}
	b.textLen += int64(len(text))
	b.n++
	return nil
}

// flush writes what the buckets' writers hold, before they are read.
func (s *spill) flush() error {
	for _, b := range s.buckets {
		if b != nil && !b.flushed {
			b.flushed = true
			if err := errors.Join(b.ew.Flush(), b.tw.Flush()); err != nil {
				return err
			}
		}
	}
	return nil
}

// read reads a bucket's entries back, by container: each container's in
// input order, the containers in the order their first records came,
// all in one array made for them. It reads the file twice, first to count
// each container's entries.
func (b *bucket) read() ([][]validate.Entry, error) {
	var counts []int
	var all []validate.Entry
	var at []int // with all: where the next entry of each container goes
	for pass := range 2 {
		if _, err := b.entries.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		r := bufio.NewReaderSize(b.entries, 64<<10)
		byName := map[string]int{}
		g := -1
		var buf [validate.EntrySize]byte
		for {
			tag, err := r.ReadByte()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			switch tag {
			case tagContainer:
				n, err := binary.ReadUvarint(r)
				if err != nil || n > 1<<26 {
					return nil, errors.Join(err, errSpill)
				}
				name := make([]byte, n)
				if _, err := io.ReadFull(r, name); err != nil {
					return nil, err
				}
				k, ok := byName[string(name)]
				if !ok {
					k = len(byName)
					byName[string(name)] = k
					if pass == 0 {
						counts = append(counts, 0)
					}
				}
				g = k
			case tagEntry:
				if g < 0 {
					return nil, errSpill
				}
				if pass == 0 {
					if _, err := r.Discard(validate.EntrySize); err != nil {
						return nil, err
					}
					counts[g]++
					continue
				}
				if _, err := io.ReadFull(r, buf[:]); err != nil {
					return nil, err
				}
				if err := all[at[g]].UnmarshalBinary(buf[:]); err != nil {
					return nil, err
				}
				at[g]++
			default:
				return nil, errSpill
			}
		}
		if pass == 0 {
			total := 0
			at = make([]int, len(counts))
			for k, n := range counts {
				at[k] = total
				total += n
			}
			all = make([]validate.Entry, total)
		}
	}
	groups := make([][]validate.Entry, len(counts))
	lo := 0
	for k, n := range counts {
		if at[k] != lo+n {
			return nil, errSpill // the file changed between the passes
		}
		groups[k] = all[lo : lo+n : lo+n]
		lo += n
	}
	return groups, nil
}

var errSpill = errors.New("malformed record entries")

// summarized are the fields of a record whose input positions a text
// keeps: those the comparing checks' pointers name.
var summarized = []string{"/title", "/doi", "/pages", "/bibtex"}

// placed is a field's input bytes with their lines and columns.
type placed struct {
	off, end                   int
	line, col, endLine, endCol int32
	field                      uint8 // its pointer, in summarized
}

// appendText appends a record's text: its length, then the title, doi,
// BibTeX key, pages text and article number, the input offset of its
// pages (-1: none), and the places of its summarized fields.
func appendText(b []byte, t *validate.Text, pos []placed) []byte {
	start := len(b)
	b = append(b, 0, 0, 0, 0) // the length, filled in below
	for _, v := range [...]string{t.Title, t.DOI, t.Key, t.Pages, t.Article} {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	b = binary.AppendVarint(b, int64(t.PagesOff))
	b = append(b, byte(len(pos)))
	for _, pl := range pos {
		b = append(b, pl.field)
		for _, n := range [...]int64{int64(pl.off), int64(pl.end), int64(pl.line), int64(pl.col), int64(pl.endLine), int64(pl.endCol)} {
			b = binary.AppendVarint(b, n)
		}
	}
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start-4))
	return b
}

// decodeText reads what appendText appends (without its length): the
// strings only with strs, the places only with places.
func decodeText(b []byte, strs, places bool) (t validate.Text, pos []placed, err error) {
	bad := func() (validate.Text, []placed, error) { return validate.Text{}, nil, errSpill }
	for _, p := range [...]*string{&t.Title, &t.DOI, &t.Key, &t.Pages, &t.Article} {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return bad()
		}
		if strs {
			*p = string(b[k : k+int(n)])
		}
		b = b[k+int(n):]
	}
	off, k := binary.Varint(b)
	if k <= 0 || len(b) == k {
		return bad()
	}
	t.PagesOff = int(off)
	n := int(b[k])
	b = b[k+1:]
	if !places {
		return t, nil, nil
	}
	pos = make([]placed, n)
	for i := range pos {
		if len(b) == 0 {
			return bad()
		}
		pos[i].field, b = b[0], b[1:]
		var v [6]int64
		for j := range v {
			if v[j], k = binary.Varint(b); k <= 0 {
				return bad()
			}
			b = b[k:]
		}
		pos[i].off, pos[i].end = int(v[0]), int(v[1])
		pos[i].line, pos[i].col, pos[i].endLine, pos[i].endCol = int32(v[2]), int32(v[3]), int32(v[4]), int32(v[5])
	}
	return t, pos, nil
}

// bucketTexts are the texts of a bucket's records, read whole or at each
// entry's Ref. A failure to read is kept in err, and the text is empty.
type bucketTexts struct {
	mu   sync.Mutex // Text is called by the checks of a large container side by side
	f    *os.File
	data []byte // the whole file, if it was read
	err  error
	buf  []byte
	// The places of the records whose texts were read since the last
	// place: those of the findings it places, mostly.
	places map[int64][]placed
}

func (b *bucket) openTexts() (*bucketTexts, error) {
	t := &bucketTexts{f: b.texts}
	if b.textLen <= textsInMemory {
		t.data = make([]byte, b.textLen)
		if _, err := b.texts.ReadAt(t.data, 0); err != nil && !(err == io.EOF && b.textLen == 0) {
			return nil, err
		}
	}
	return t, nil
}

// raw returns the bytes of the text at ref, without its length.
func (t *bucketTexts) raw(ref int64) ([]byte, error) {
	if t.data != nil || t.f == nil {
		if ref < 0 || ref+4 > int64(len(t.data)) {
			return nil, errSpill
		}
		n := int64(binary.LittleEndian.Uint32(t.data[ref:]))
		if n > int64(len(t.data))-ref-4 {
			return nil, errSpill
		}
		return t.data[ref+4 : ref+4+n], nil
	}
	if cap(t.buf) < 512 {
		t.buf = make([]byte, 512)
	}
	b := t.buf[:cap(t.buf)]
	n, err := t.f.ReadAt(b, ref)
	if n < 4 {
		return nil, errors.Join(err, errSpill)
	}
	size := int(binary.LittleEndian.Uint32(b))
	if size+4 > n {
		if size > 1<<28 {
			return nil, errSpill
		}
		if size+4 > len(b) {
			t.buf = make([]byte, size+4)
			b = t.buf
		}
		if _, err := t.f.ReadAt(b[:size+4], ref); err != nil {
			return nil, err
		}
	}
	return b[4 : 4+size], nil
}

// Text is the text of e's record.
func (t *bucketTexts) Text(e *validate.Entry) validate.Text {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, err := t.raw(e.Ref)
	var txt validate.Text
	var pos []placed
	if err == nil {
		// Texts in memory are read again as cheaply as the places kept.
		txt, pos, err = decodeText(b, true, t.data == nil)
	}
	if err == nil && t.data == nil {
		if t.places == nil {
			t.places = map[int64][]placed{}
		}
		t.places[e.Ref] = pos
	}
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("reading back record texts: %w", err)
	}
	return txt
}

// place gives the diagnostics of a container's checks, whose pointers name
// its records (es, in input order) by index, the input bytes, lines and
// columns of the fields they name.
func (t *bucketTexts) place(es []validate.Entry, ds []schema.Diagnostic) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var lastRef int64 = -1
	var pos []placed
	at := func(p string) (pl placed, found bool) {
		rest, ok := strings.CutPrefix(p, "/papers/")
		if !ok {
			return pl, false
		}
		idx, sub, _ := strings.Cut(rest, "/")
		n, err := strconv.Atoi(idx)
		if err != nil {
			return pl, false
		}
		i, ok := slices.BinarySearchFunc(es, n, func(e validate.Entry, n int) int { return int(e.Index) - n })
		k := slices.Index(summarized, "/"+sub)
		if !ok || k < 0 {
			return pl, false
		}
		if cached, ok := t.places[es[i].Ref]; ok {
			pos, lastRef = cached, es[i].Ref
		}
		if es[i].Ref != lastRef {
			b, err := t.raw(es[i].Ref)
			if err == nil {
				_, pos, err = decodeText(b, false, true)
			}
			if err != nil {
				if t.err == nil {
					t.err = fmt.Errorf("reading back record texts: %w", err)
				}
				return pl, false
			}
			lastRef = es[i].Ref
		}
		for _, pl := range pos {
			if int(pl.field) == k {
				return pl, true
			}
		}
		return pl, false
	}
	defer clear(t.places)
	for i := range ds {
		d := &ds[i]
		if pl, ok := at(d.Pointer); ok {
			d.Off, d.End = pl.off, pl.end
			d.Line, d.Column = int(pl.line), int(pl.col)
			if pl.end > pl.off {
				d.EndLine, d.EndColumn = int(pl.endLine), int(pl.endCol)
			}
		}
		for k := range d.Related {
			rel := &d.Related[k]
			if pl, ok := at(rel.Pointer); ok {
				rel.Off, rel.Line, rel.Column = pl.off, int(pl.line), int(pl.col)
			}
		}
	}
}
