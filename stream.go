package procx

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/fix"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// A StreamSink takes what Stream reads, in input order.
type StreamSink interface {
	// Start is called once, before any record, with the volume's source.
	Start(src schema.Source) error
	// Records is called with the records of each piece of the input,
	// numbered from first in the volume, and the diagnostics found in the
	// piece: positions resolved, pointers into the whole volume, sorted.
	Records(first int, papers []schema.Record, ds []schema.Diagnostic) error
	// Findings is called after the last records with the diagnostics of
	// the checks that compare records with each other
	// (validate.CrossRecordCodes), a few containers' at a time, sorted.
	Findings(ds []schema.Diagnostic) error
	// End is called once, last, with the containers records name and
	// those whose metadata the input holds, as Process lists them, if
	// ListsContainers.
	End(containers []schema.Container) error
	// ListsContainers reports whether the sink lists the containers;
	// their metadata are kept for End only then.
	ListsContainers() bool
}

// A ProceedingsSink is a StreamSink told the volume's metadata, before
// Start, where the stream knows them from the start: a BibTeX file's, found
// by its first pass.
type ProceedingsSink interface {
	StreamSink
	Proceedings(p schema.Proceedings)
}

// A PieceSink is a StreamSink told, before the Records of each piece, the
// piece's decoded text (nil when it could not be read) and where it starts:
// after line lines and off bytes of the input; to read what records do not
// hold (a BibTeX file's comments).
type PieceSink interface {
	StreamSink
	Piece(file *schema.File, line, off int)
}

// streamPiece is the size of the pieces Stream reads a dump in (a
// variable for tests).
var streamPiece = 512 << 10

// Streams reports whether Stream reads the input that starts with head:
// a dblp dump, an ACL Anthology collection, procx JSON Lines or a BibTeX
// file (see streamFormat).
func Streams(head []byte, opt Options) bool { return streamFormat(head, opt) != "" }

// StreamsTwice reports whether Stream reads the input that starts with
// head in two passes, the second through ReadAt (a BibTeX file); it reads
// every other format it streams in one pass over its reader.
func StreamsTwice(head []byte, opt Options) bool { return streamFormat(head, opt) == "bibtex" }

// streamFormat returns the format Stream reads the input that starts with
// head in, or "" when it does not stream it: a dblp dump (its root is
// <dblp>), an ACL Anthology collection in UTF-8, procx JSON Lines that
// decoding leaves as they are, or what sniffs as BibTeX. A format opt
// names must be that one, but BibTeX, which any input is read as when
// named.
func streamFormat(head []byte, opt Options) string {
	named := opt.Extract.Format
	if named == "bibtex" {
		return named
	}
	f := ""
	switch {
	case extract.StreamsDBLP(head):
		f = "dblp-xml"
	case extract.StreamsACL(head):
		f = "acl-xml"
	case extract.StreamsJSONL(head):
		f = "jsonl"
	default:
		if s := extract.Sniff(extract.Decode("", head)); s != nil && s.Name() == "bibtex" {
			f = "bibtex"
		}
	}
	if named != "" && named != f {
		return ""
	}
	return f
}

// Stream reads a dblp dump from r in bounded memory, whatever its size:
// record-aligned pieces of it are read, normalized and validated on every
// core and handed to sink in input order, and only a compact entry of
// each record (validate.Entry) and its text are kept, in files, for the
// checks that compare the records of a container, which run at the end
// over one or two buckets of containers' entries at a time. What it reads matches what Process reads of the same input
// but that records name their container as written until its metadata
// has been read (Process joins a booktitle and year to a proceedings
// record read later), the volume's proceedings stay empty (the main
// container is known only at the end), and the findings of the checks
// that compare records come last. A BibTeX file (see Streams) is read in
// two passes, the second through r's ReadAt (r is read whole first if it
// has none), and what it reads matches what Process reads but that the
// findings come piece by piece and those of the checks that compare
// records last (see streamBibTeX). Stream returns an error of r or of
// sink; what it cannot read is a diagnostic.
func Stream(ctx context.Context, path string, r io.Reader, opt Options, sink StreamSink) error {
	br := bufio.NewReaderSize(r, 1<<20)
	head, _ := br.Peek(64 << 10)
	switch streamFormat(head, opt) {
	case "bibtex":
		return streamBibTeX(ctx, path, r, br, opt, sink)
	case "jsonl":
		return streamJSONL(ctx, path, br, opt, sink)
	case "acl-xml":
		return streamACL(ctx, path, br, opt, sink)
	}
	return streamPieces(ctx, path, "dblp-xml", opt, sink, func(piece func(extract.Piece, pieceReader) error) error {
		_, err := extract.SplitDBLP(br, streamPiece, func(p extract.Piece) error {
			return piece(p, func() (*schema.Volume, *extract.Document, []string) {
				return extract.ReadDBLPChunk(ctx, path, p.Data, opt.Extract)
			})
		})
		return err
	})
}

// A pieceReader reads a piece of an input: its volume, its document and
// the aliases of its containers (see extract.ReadDBLPChunk).
type pieceReader func() (*schema.Volume, *extract.Document, []string)

// streamPieces runs Stream over the pieces split hands on, in input order,
// each with its reader.
func streamPieces(ctx context.Context, path, format string, opt Options, sink StreamSink, split func(piece func(extract.Piece, pieceReader) error) error) error {
	vopt := opt.Validate
	vopt.Disable = append(slices.Clone(vopt.Disable), validate.CrossRecordCodes...)
	workers := runtime.GOMAXPROCS(0)
	order := make(chan chan pieceOut, workers)
	sem := make(chan struct{}, workers)
	splitErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		err := split(func(p extract.Piece, read pieceReader) error {
			out := make(chan pieceOut, 1)
			select {
			case order <- out:
			case <-stop:
				return errStopped
			}
			sem <- struct{}{}
			go func() {
				out <- readPiece(path, format, p, read, opt, vopt)
				<-sem
			}()
			return nil
		})
		close(order)
		splitErr <- err
	}()
	sp, err := newSpill()
	if err != nil {
		return fmt.Errorf("streaming %s: %w", path, err)
	}
	defer sp.close()
	j := newJoiner(path, format, sp, sink.ListsContainers())
	for ch := range order {
		out := <-ch
		if err == nil {
			err = j.add(out, sink)
		}
		if err != nil {
			select {
			case <-stop:
			default:
				close(stop)
			}
		}
	}
	if e := <-splitErr; e != nil && e != errStopped && err == nil {
		err = fmt.Errorf("reading %s: %w", path, e)
	}
	if err != nil {
		return err
	}
	if !j.started {
		if err := sink.Start(schema.Source{Path: path, Format: format, Encoding: "utf-8"}); err != nil {
			return err
		}
	}
	// The pieces' memory goes back before the entries are read back.
	debug.FreeOSMemory()
	if err := j.crossRecord(opt.Validate, sink); err != nil {
		return err
	}
	var listed []schema.Container
	if j.keep {
		listed = j.listed()
	}
	return sink.End(listed)
}

var errStopped = fmt.Errorf("stopped")

// stopped reports whether stop is closed.
func stopped(stop chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// pieceOut is a piece read, with its records' entries for the checks that
// compare records and their texts (see appendText), one after the other.
type pieceOut struct {
	v        *schema.Volume
	aliases  []string
	entries  []validate.Entry
	texts    []byte
	textEnds []int // where each record's text ends in texts
	encoding string
	file     *schema.File // the piece's text, for a PieceSink
	line     int          // the lines before it
	off      int          // the offset in the input of file's first byte
}

// readPiece reads one piece through the stages, its positions in the
// whole input.
func readPiece(path, format string, p extract.Piece, read pieceReader, opt Options, vopt validate.Options) (out pieceOut) {
	out.encoding = p.Encoding
	defer func() {
		if r := recover(); r != nil {
			d := schema.InternalError.AtPointer(path, "", "procx failed on the records at line %d: %v", p.Line+1, r)
			d.Off = -1
			d.Line = p.Line + 1
			out = pieceOut{v: &schema.Volume{Diagnostics: []schema.Diagnostic{d}}, encoding: p.Encoding}
		}
	}()
	v, doc, aliases := read()
	normalize.Volume(v)
	validate.Volume(v, vopt)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	finish(v, doc.File)
	if errs := validate.SchemaErrors(v); len(errs) > 0 {
		v.Diagnostics = append(v.Diagnostics, validate.Uncovered(errs, v.Diagnostics)...)
		finish(v, doc.File)
	}
	// As Process: a piece is read as the whole file reads.
	v.Diagnostics = validate.DropConsequences(v)
	v.Diagnostics = validate.Filter(v.Diagnostics, opt.Validate)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	fix.Attach(v, doc.File)
	delta, cols := p.Off-p.Prefix, -p.Prefix
	out.entries = make([]validate.Entry, len(v.Papers))
	out.textEnds = make([]int, len(v.Papers))
	var pos []placed
	for i := range v.Papers {
		r := &v.Papers[i]
		out.entries[i] = validate.NewEntry(r, 0)
		t := validate.Text{Title: r.Title, DOI: r.DOI, PagesOff: -1}
		if r.BibTeX != nil {
			t.Key = r.BibTeX.Key
		}
		if r.Pages != nil {
			t.Pages, t.Article = r.Pages.Text, r.Pages.Article
		}
		pos = pos[:0]
		for k, ptr := range summarized {
			// As Volume.Locate finds the field: else the record.
			rg, ok := r.Pos.Lookup(ptr)
			if !ok {
				continue
			}
			pl := placed{field: uint8(k), off: rg.Off + delta, end: rg.End + delta}
			pl.line, pl.col = inputPosition(doc.File, rg.Off, p.Line, cols)
			if rg.End > rg.Off {
				pl.endLine, pl.endCol = inputPosition(doc.File, rg.End, p.Line, cols)
			}
			if ptr == "/pages" {
				t.PagesOff = pl.off
			}
			pos = append(pos, pl)
		}
		out.texts = appendText(out.texts, &t, pos)
		out.textEnds[i] = len(out.texts)
	}
	shift(v, delta, p.Line, cols)
	out.v, out.aliases = v, aliases
	out.file, out.line, out.off = doc.File, p.Line, delta
	return out
}

// inputPosition is the line and column in the input of offset off of a
// piece that starts after lines lines, its first line shifted by cols.
func inputPosition(f *schema.File, off, lines, cols int) (int32, int32) {
	line, col := f.Position(off)
	if line == 1 {
		col += cols
	}
	return int32(line + lines), int32(col)
}

// joiner joins the pieces: containers, the aliases records name them by,
// and the entries of each container's records. A dump names millions of
// containers: they are known by a 64-bit hash of their names, and their
// metadata kept only for a sink that lists them.
type joiner struct {
	path    string
	format  string
	started bool
	next    int // the index of the next record
	seed    maphash.Seed
	named   map[uint64]int32 // container name → index in names, years
	names   []string         // the containers with metadata
	years   []int16
	aliases map[uint64]int32 // booktitle and year → index in names
	spill   *spill           // the records' entries and texts
	lost    []int            // the input offsets of the syntax errors that cost a record

	keep       bool               // whether the sink lists the containers
	containers []schema.Container // with keep: the metadata, as names
	used       []string           // with keep: the containers records name, in input order
	usedSet    map[string]bool
}

func newJoiner(path, format string, sp *spill, keep bool) *joiner {
	return &joiner{path: path, format: format, seed: maphash.MakeSeed(), named: map[uint64]int32{}, aliases: map[uint64]int32{},
		usedSet: map[string]bool{}, spill: sp, keep: keep}
}

func (j *joiner) hash(s string) uint64 { return maphash.String(j.seed, s) }

func (j *joiner) add(out pieceOut, sink StreamSink) error {
	v := out.v
	if !j.started {
		j.started = true
		if ps, ok := sink.(ProceedingsSink); ok && j.format == "bibtex" {
			// Every piece of a BibTeX file has the volume's metadata.
			ps.Proceedings(v.Proceedings)
		}
		if err := sink.Start(schema.Source{Path: j.path, Format: j.format, Encoding: out.encoding}); err != nil {
			return err
		}
	}
	for i, c := range v.Containers {
		h := j.hash(c.Name)
		if _, ok := j.named[h]; ok {
			continue
		}
		k := int32(len(j.names))
		j.named[h] = k
		j.names = append(j.names, c.Name)
		j.years = append(j.years, int16(yearOf(c.Date)))
		if j.keep {
			j.containers = append(j.containers, c)
		}
		if a := out.aliases[i]; a != "" {
			if _, ok := j.aliases[j.hash(a)]; !ok {
				j.aliases[j.hash(a)] = k
			}
		}
	}
	text := 0
	for i := range v.Papers {
		r, e := &v.Papers[i], &out.entries[i]
		k, ok := j.named[j.hash(r.Container)]
		if !ok {
			if k, ok = j.aliases[j.hash(r.Container)]; ok {
				r.Container = j.names[k]
			}
		}
		if ok && r.Year == 0 {
			r.Year = int(j.years[k])
		}
		e.Index = int32(j.next + i)
		if j.keep && !j.usedSet[r.Container] {
			j.usedSet[r.Container] = true
			j.used = append(j.used, r.Container)
		}
		if err := j.spill.add(r.Container, e, out.texts[text:out.textEnds[i]]); err != nil {
			return fmt.Errorf("keeping record entries: %w", err)
		}
		text = out.textEnds[i]
	}
	for i := range v.Diagnostics {
		d := &v.Diagnostics[i]
		d.Pointer = renumber(d.Pointer, j.next)
		for k := range d.Related {
			d.Related[k].Pointer = renumber(d.Related[k].Pointer, j.next)
		}
		if validate.LostEntry(*d) {
			j.lost = append(j.lost, d.Off)
		}
	}
	first := j.next
	j.next += len(v.Papers)
	if ps, ok := sink.(PieceSink); ok {
		ps.Piece(out.file, out.line, out.off)
	}
	return sink.Records(first, v.Papers, v.Diagnostics)
}

// listed returns the containers as Process lists them: those records name,
// in the order they are first named, with their metadata where the input
// has it, then those with metadata that no record names.
func (j *joiner) listed() []schema.Container {
	if j.format == "bibtex" {
		return nil // the BibTeX reader lists none: records name theirs
	}
	var out []schema.Container
	for _, n := range j.used {
		if k, ok := j.named[j.hash(n)]; ok {
			out = append(out, j.containers[k])
		} else if n != "" {
			out = append(out, schema.Container{Name: n})
		}
	}
	for _, c := range j.containers {
		if !j.usedSet[c.Name] {
			out = append(out, c)
		}
	}
	return out
}

// renumber moves a pointer into a piece's records to the record's place in
// the volume.
func renumber(ptr string, first int) string {
	rest, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok || first == 0 {
		return ptr
	}
	idx, sub, slash := strings.Cut(rest, "/")
	n, err := strconv.Atoi(idx)
	if err != nil {
		return ptr
	}
	ptr = "/papers/" + strconv.Itoa(first+n)
	if slash {
		ptr += "/" + sub
	}
	return ptr
}

// crossRecord runs the checks that compare records over each container's
// entries, two buckets at a time, and hands what they find to sink in
// bucket order.
func (j *joiner) crossRecord(opt validate.Options, sink StreamSink) error {
	if err := j.spill.flush(); err != nil {
		return fmt.Errorf("keeping record entries: %w", err)
	}
	slices.Sort(j.lost)
	type result struct {
		found *found
		err   error
	}
	var order []chan result
	for _, b := range j.spill.buckets {
		if b != nil {
			order = append(order, make(chan result, 1))
		}
	}
	// Buckets are compared GOMAXPROCS at a time, and their findings
	// handed on in bucket order; a slot frees when its findings are.
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	stop := make(chan struct{}) // closed at the first error: no more buckets are compared
	go func() {
		k := 0
		for _, b := range j.spill.buckets {
			if b == nil {
				continue
			}
			out := order[k]
			k++
			select {
			case sem <- struct{}{}:
			case <-stop:
				out <- result{err: errStopped}
				continue
			}
			go func() {
				f, err := j.compare(b, opt)
				out <- result{f, err}
			}()
		}
	}()
	var err error
	for _, ch := range order {
		r := <-ch
		if r.err != errStopped {
			<-sem
		}
		if err == nil {
			err = r.err
		}
		if err == nil {
			err = r.found.each(sink.Findings)
		} else if r.found != nil && r.found.f != nil {
			r.found.f.Close()
		}
		if err != nil && !stopped(stop) {
			close(stop)
		}
	}
	return err
}

// compare runs the checks that compare records over the containers of a
// bucket and returns what they find, placed in the input.
func (j *joiner) compare(b *bucket, opt validate.Options) (f *found, err error) {
	f = &found{dir: j.spill.dir}
	defer func() {
		if r := recover(); r != nil {
			d := schema.InternalError.AtPointer(j.path, "", "procx failed comparing records: %v", r)
			f, err = &found{ds: []schema.Diagnostic{d}}, nil
		}
	}()
	groups, err := b.read()
	if err != nil {
		return nil, fmt.Errorf("reading back record entries: %w", err)
	}
	texts, err := b.openTexts()
	if err != nil {
		return nil, fmt.Errorf("reading back record texts: %w", err)
	}
	var addErr error
	for k, es := range groups {
		validate.Compare(j.path, es, texts, j.lost, opt, func(ds []schema.Diagnostic) {
			texts.place(es, ds)
			if addErr == nil {
				addErr = f.add(ds)
			}
		})
		groups[k] = nil
	}
	if err := errors.Join(texts.err, addErr); err != nil {
		return nil, err
	}
	return f, nil
}

// yearOf returns the year a date starts with, or 0.
func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil || y < 1000 {
		return 0
	}
	return y
}
