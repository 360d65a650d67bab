package cli

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/procx/procx/internal/baseline"
	"github.com/procx/procx/internal/suppress"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// streamFilter is what a streamed run applies to its diagnostics before
// they are written, as a run that reads its input whole applies it to a
// volume's: procx.toml's [[ignore]] rules and severity overrides,
// --severity, the directives of a BibTeX input (suppress.Stream), then
// lint's baseline. It holds no records: the findings of the checks that
// compare records, which come last, name theirs by index, so a baseline's
// run keeps each record's fingerprint name (key, DOI or title) in a
// temporary file (recordIDs).
type streamFilter struct {
	filter *suppress.Filter
	base   *baselining
	path   string // the input's, as given

	sup              *suppress.Stream
	file             *schema.File // the piece's text, told by Piece
	fileLine, offset int
	ids              *recordIDs
}

// Piece takes the decoded text of the piece whose Records come next
// (procx.PieceSink).
func (s *streamSink) Piece(file *schema.File, line, off int) {
	s.filt.file, s.filt.fileLine, s.filt.offset = file, line, off
}

func (s *streamFilter) start(src schema.Source) error {
	if s.filter != nil {
		s.sup = s.filter.Stream(src, validate.CrossRecordCodes)
		if !s.sup.Active() {
			s.sup = nil
		}
	}
	if s.base != nil && (s.base.set != nil || s.base.write) {
		ids, err := newRecordIDs()
		if err != nil {
			return fmt.Errorf("streaming %s: %w", s.path, err)
		}
		s.ids = ids
	}
	return nil
}

// records filters the diagnostics of a piece's records.
func (s *streamFilter) records(first int, papers []schema.Record, ds []schema.Diagnostic) ([]schema.Diagnostic, error) {
	file := s.file
	s.file = nil
	if s.sup != nil {
		ds = s.sup.Piece(file, s.fileLine, s.offset, first, papers, ds)
	}
	if s.ids == nil {
		return ds, nil
	}
	for i := range papers {
		if err := s.ids.add(baseline.RecordID(&papers[i])); err != nil {
			return nil, err
		}
	}
	recs := suppress.NewPieceRecords(first, papers)
	prints := make([]baseline.Entry, len(ds))
	for i := range ds {
		var rec *schema.Record
		if n := recs.Of(&ds[i]); n >= 0 {
			rec = recs.Record(n)
		}
		prints[i] = baseline.Of(&ds[i], s.path, rec)
	}
	return s.match(ds, prints), nil
}

// findings filters the findings of the checks that compare records.
func (s *streamFilter) findings(ds []schema.Diagnostic) ([]schema.Diagnostic, error) {
	if s.sup != nil {
		ds = s.sup.Findings(ds)
	}
	if s.ids == nil {
		return ds, nil
	}
	prints := make([]baseline.Entry, len(ds))
	for i := range ds {
		id, err := s.ids.get(pointedRecord(ds[i].Pointer))
		if err != nil {
			return nil, err
		}
		prints[i] = baseline.OfRecord(&ds[i], s.path, id)
	}
	return s.match(ds, prints), nil
}

// end returns the diagnostics judged last (unused directives), filtered.
func (s *streamFilter) end() []schema.Diagnostic {
	if s.sup == nil {
		return nil
	}
	ds := s.sup.End()
	if s.ids != nil {
		prints := make([]baseline.Entry, len(ds))
		for i := range ds {
			prints[i] = baseline.OfRecord(&ds[i], s.path, "")
		}
		ds = s.match(ds, prints)
	}
	return ds
}

func (s *streamFilter) match(ds []schema.Diagnostic, prints []baseline.Entry) []schema.Diagnostic {
	r := result{diags: ds, prints: prints}
	s.base.match(&r)
	return r.diags
}

func (s *streamFilter) close() {
	if s.ids != nil {
		s.ids.close()
	}
}

// pointedRecord is the record index a pointer into the papers names, or -1.
func pointedRecord(ptr string) int {
	rel, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok {
		return -1
	}
	idx, _, _ := strings.Cut(rel, "/")
	n, err := strconv.Atoi(idx)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// recordIDs keeps the fingerprint name of each record of a streamed input
// (baseline.RecordID), in input order, in two temporary files: the names,
// and where each ends (8 bytes a record); memory does not grow with the
// input.
type recordIDs struct {
	names, ends *os.File
	nw, ew      *bufio.Writer
	n           int   // records
	size        int64 // bytes of names
	flushed     bool
	buf         [8]byte
}

func newRecordIDs() (*recordIDs, error) {
	names, err := os.CreateTemp("", "procx-records-")
	if err != nil {
		return nil, err
	}
	ends, err := os.CreateTemp("", "procx-records-")
	if err != nil {
		names.Close()
		os.Remove(names.Name())
		return nil, err
	}
	return &recordIDs{names: names, ends: ends, nw: bufio.NewWriterSize(names, 64<<10), ew: bufio.NewWriterSize(ends, 16<<10)}, nil
}

func (r *recordIDs) add(id string) error {
	if _, err := r.nw.WriteString(id); err != nil {
		return fmt.Errorf("keeping record names: %w", err)
	}
	r.size += int64(len(id))
	binary.LittleEndian.PutUint64(r.buf[:], uint64(r.size))
	_, err := r.ew.Write(r.buf[:])
	r.n++
	return err
}

// get returns the name of record i ("" for none).
func (r *recordIDs) get(i int) (string, error) {
	if i < 0 || i >= r.n {
		return "", nil
	}
	if !r.flushed {
		if err := r.nw.Flush(); err != nil {
			return "", err
		}
		if err := r.ew.Flush(); err != nil {
			return "", err
		}
		r.flushed = true
	}
	var at [16]byte
	lo, b := int64(0), at[8:]
	if i > 0 {
		b = at[:]
		if _, err := r.ends.ReadAt(b, int64(i-1)*8); err != nil {
			return "", fmt.Errorf("reading back record names: %w", err)
		}
		lo = int64(binary.LittleEndian.Uint64(b[:8]))
		b = b[8:]
	} else if _, err := r.ends.ReadAt(b, 0); err != nil {
		return "", fmt.Errorf("reading back record names: %w", err)
	}
	hi := int64(binary.LittleEndian.Uint64(b))
	name := make([]byte, hi-lo)
	if _, err := r.names.ReadAt(name, lo); err != nil && hi > lo {
		return "", fmt.Errorf("reading back record names: %w", err)
	}
	return string(name), nil
}

func (r *recordIDs) close() {
	for _, f := range []*os.File{r.names, r.ends} {
		f.Close()
		os.Remove(f.Name())
	}
}
