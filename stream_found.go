package procx

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"os"
	"slices"

	"github.com/procx/procx/schema"
)

// found are the findings of a bucket's comparing checks: held, and
// written to a file once they are many (a whole-volume file's duplicate
// titles number hundreds of thousands), with only their lines, columns
// and places in the file held to sort them.
type found struct {
	dir  string
	ds   []schema.Diagnostic // held
	f    *os.File            // written
	w    *bufio.Writer
	size int64
	at   []foundAt
	buf  []byte
}

// foundAt is where a finding written is: its line and column in the
// input, and its place in the file.
type foundAt struct {
	line, col int
	off       int64
}

// spillFindingsAt is how many findings of a bucket are held before they
// are written (a variable for tests).
var spillFindingsAt = 16384

var errFixes = errors.New("a comparing check's finding has fixes")

// add takes findings, placed in the input.
func (f *found) add(ds []schema.Diagnostic) error {
	if f.f == nil {
		f.ds = append(f.ds, ds...)
		if len(f.ds) < spillFindingsAt {
			return nil
		}
		file, err := os.CreateTemp(f.dir, "found-")
		if err != nil {
			return err
		}
		f.f, f.w = file, bufio.NewWriterSize(file, 64<<10)
		ds, f.ds = f.ds, nil
	}
	for i := range ds {
		d := &ds[i]
		if len(d.Fixes) > 0 {
			return errFixes
		}
		f.at = append(f.at, foundAt{d.Line, d.Column, f.size})
		f.buf = appendFinding(f.buf[:0], d)
		if _, err := f.w.Write(f.buf); err != nil {
			return err
		}
		f.size += int64(len(f.buf))
	}
	return nil
}

// each hands the findings on, sorted as schema.SortDiagnostics sorts
// them, a few thousand at a time, and closes the file.
func (f *found) each(fn func([]schema.Diagnostic) error) error {
	if f.f == nil {
		if len(f.ds) == 0 {
			return nil
		}
		return fn(schema.SortDiagnostics(f.ds))
	}
	defer func() {
		f.f.Close()
		os.Remove(f.f.Name())
	}()
	if err := f.w.Flush(); err != nil {
		return err
	}
	var readErr error
	read := func(off int64) schema.Diagnostic {
		d, err := f.read(off)
		if err != nil && readErr == nil {
			readErr = err
		}
		return d
	}
	// As SortDiagnostics: by line and column, then code, message and
	// pointer (all of one path), then as found.
	slices.SortFunc(f.at, func(a, b foundAt) int {
		if c := cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col)); c != 0 {
			return c
		}
		da, db := read(a.off), read(b.off)
		return cmp.Or(cmp.Compare(da.Code, db.Code), cmp.Compare(da.Message, db.Message), cmp.Compare(da.Pointer, db.Pointer),
			cmp.Compare(a.off, b.off))
	})
	var batch []schema.Diagnostic
	var last schema.Diagnostic
	for k, at := range f.at {
		d := read(at.off)
		if readErr != nil {
			return readErr
		}
		if k > 0 && d.Line == last.Line && d.Column == last.Column && d.Code == last.Code && d.Message == last.Message && d.Pointer == last.Pointer {
			continue // as SortDiagnostics, the first of equal ones
		}
		last = d
		batch = append(batch, d)
		if len(batch) == flushFindings {
			if err := fn(batch); err != nil {
				return err
			}
			batch = nil
		}
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return readErr
}

// flushFindings is how many written findings each hands on at a time.
const flushFindings = 4096

// read reads the finding written at off.
func (f *found) read(off int64) (schema.Diagnostic, error) {
	if cap(f.buf) < 1024 {
		f.buf = make([]byte, 1024)
	}
	b := f.buf[:cap(f.buf)]
	n, err := f.f.ReadAt(b, off)
	if n < 4 {
		return schema.Diagnostic{}, errors.Join(err, errSpill)
	}
	size := int(binary.LittleEndian.Uint32(b))
	if size+4 > n {
		if size+4 > len(b) {
			f.buf = make([]byte, size+4)
			b = f.buf
		}
		if _, err := f.f.ReadAt(b[:size+4], off); err != nil {
			return schema.Diagnostic{}, err
		}
	}
	return decodeFinding(b[4 : 4+size])
}

// appendFinding encodes a finding: its length, then its strings and
// numbers, and those of its related positions (it has no fixes).
func appendFinding(b []byte, d *schema.Diagnostic) []byte {
	start := len(b)
	b = append(b, 0, 0, 0, 0)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(ns ...int) {
		for _, n := range ns {
			b = binary.AppendVarint(b, int64(n))
		}
	}
	str(string(d.Code))
	str(d.Message)
	str(d.Path)
	str(d.Pointer)
	num(int(d.Severity), d.Line, d.Column, d.EndLine, d.EndColumn, d.Page, d.Off, d.End, len(d.Related))
	if d.Cut {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for i := range d.Related {
		r := &d.Related[i]
		str(r.Path)
		str(r.Pointer)
		str(r.Message)
		num(r.Line, r.Column, r.Page, r.Off)
	}
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start-4))
	return b
}

// decodeFinding reads what appendFinding appends, without the length.
func decodeFinding(b []byte) (d schema.Diagnostic, err error) {
	str := func() string {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			err = errSpill
			b = nil
			return ""
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s
	}
	num := func(ps ...*int) {
		for _, p := range ps {
			n, k := binary.Varint(b)
			if k <= 0 {
				err = errSpill
				b = nil
				return
			}
			*p, b = int(n), b[k:]
		}
	}
	var sev, nrel int
	d.Code, d.Message, d.Path, d.Pointer = schema.Code(str()), str(), str(), str()
	num(&sev, &d.Line, &d.Column, &d.EndLine, &d.EndColumn, &d.Page, &d.Off, &d.End, &nrel)
	if err != nil || len(b) == 0 || nrel < 0 || nrel > len(b) {
		return schema.Diagnostic{}, errSpill
	}
	d.Severity, d.Cut, b = schema.Severity(sev), b[0] == 1, b[1:]
	if nrel > 0 {
		d.Related = make([]schema.Related, nrel)
	}
	for i := range d.Related {
		r := &d.Related[i]
		r.Path, r.Pointer, r.Message = str(), str(), str()
		num(&r.Line, &r.Column, &r.Page, &r.Off)
	}
	if err != nil {
		return schema.Diagnostic{}, err
	}
	return d, nil
}
