package extract

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// BibTeXFile reads a whole-volume BibTeX file: @proceedings entries give
// the volume metadata, every other entry is a record. Records are grouped
// into containers by crossref, booktitle, or journal and volume; when a
// file holds more than one container each record names its own in
// Record.Container. Text outside entries is a comment, as in BibTeX.
type BibTeXFile struct{}

// Name returns "bibtex".
func (BibTeXFile) Name() string { return "bibtex" }

// Sniff is sure when the first thing in the file that is not a comment
// line is an entry, or when a file named *.bib holds entries.
func (BibTeXFile) Sniff(doc *Document) int {
	head := doc.Text[:min(len(doc.Text), 1<<16)]
	if ext := strings.ToLower(doc.Path); (strings.HasSuffix(ext, ".bib") || strings.HasSuffix(ext, ".bibtex")) && bibtex.CountEntryStarts(head, 1) > 0 {
		return 95
	}
	if firstEntryLine(head) {
		return 90
	}
	if bibtex.CountEntryStarts(head, 3) >= 3 {
		return 40 // entries after some prose: maybe a .bib with a header
	}
	return 0
}

// firstEntryLine reports whether the first line of head that is neither
// blank nor a '%' comment starts an entry. It walks the lines in place
// rather than split all 64 KiB of head for the one or two lines it needs.
func firstEntryLine(head []byte) bool {
	for off := 0; off <= len(head); {
		line := head[off:]
		end := bytes.IndexByte(line, '\n')
		if end >= 0 {
			line = line[:end]
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '%' {
			return bibtex.IsEntryStart(t)
		}
		if end < 0 {
			return false
		}
		off += end + 1
	}
	return false
}

// bibNames splits a BibTeX author field into authors: top-level " and ",
// "Last, First", "Last, Jr, First" and "First von Last", LaTeX decoded.
// It is the one place to swap in text.SplitBibTeXNames once that
// lands.
func bibNames(field string) []schema.Author {
	authors, _ := text.BibTeXAuthors(field) // findings are reported by text.Volume
	return authors
}

// bibText turns a BibTeX value into plain text: LaTeX accents and escapes
// decoded, braces removed, math kept. It is the one place to swap in
// text.LaTeX once that lands.
func bibText(s string) string {
	out, _ := text.LaTeX(s) // leftovers stay in the text; the normalize stage reports them
	return out
}

// Read parses every entry and turns it into a record. Once ctx is done it
// stops, and the volume is incomplete.
func (BibTeXFile) Read(ctx context.Context, doc *Document, opt Options) *schema.Volume {
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "bibtex", Encoding: doc.Encoding},
		Papers: []schema.Record{},
	}
	entries := bibEntries(v, doc, nil, opt)
	if ctx.Err() != nil {
		return v
	}
	procs, procOrder := proceedingsOf(entries)
	order, counts, ok := bibRecords(ctx, v, doc, entries, procs, procOrder)
	if !ok {
		return v
	}
	// One container: the volume is that container, no need to name it.
	if len(order) <= 1 {
		for i := range v.Papers {
			v.Papers[i].Container = ""
		}
	}
	if main := mainProceedings(order, counts, procs, procOrder); main != nil {
		proceedingsFrom(v, main)
	} else if len(order) > 0 && order[0] != "" {
		v.Proceedings.Title = bibText(order[0])
	}
	return v
}

// bibEntries parses the entries of doc, with the macros defined before
// it, and adds the diagnostics of the parse to v.
func bibEntries(v *schema.Volume, doc *Document, macros map[string]string, opt Options) []bibtex.Entry {
	entries, ds := bibtex.Parse(blankComments(doc.Text), 0, macros, opt.BibTeX)
	v.Diagnostics = append(v.Diagnostics, ds...)
	entries, v.Diagnostics = dropLongLineEntries(doc.Text, entries, opt.MaxLineLength, v.Diagnostics)
	for i := range entries {
		v.Diagnostics = repeatedFields(v.Diagnostics, &entries[i])
	}
	return entries
}

// proceedingsOf returns the @proceedings entries, by lower-case key
// (the first of a key) and in order.
func proceedingsOf(entries []bibtex.Entry) (map[string]*bibtex.Entry, []*bibtex.Entry) {
	procs := map[string]*bibtex.Entry{}
	var procOrder []*bibtex.Entry
	for i := range entries {
		if entries[i].Type == "proceedings" {
			e := &entries[i]
			if _, dup := procs[strings.ToLower(e.Key)]; !dup {
				procs[strings.ToLower(e.Key)] = e
				procOrder = append(procOrder, e)
			}
		}
	}
	return procs, procOrder
}

// bibRecords turns the entries but the @proceedings into v's records,
// each naming its container, and returns the containers in the order
// they are first named and their records' counts; false once ctx is done.
func bibRecords(ctx context.Context, v *schema.Volume, doc *Document, entries []bibtex.Entry, procs map[string]*bibtex.Entry, procOrder []*bibtex.Entry) ([]string, map[string]int, bool) {
	// Entries become records on every core in a large file: bibRecord
	// only reads the entry and the document. Each chunk looks at ctx every
	// 256 entries.
	recs := make([]schema.Record, len(entries))
	par.Run(par.Split(len(entries), 512), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if (i-lo)%256 == 0 && ctx.Err() != nil {
				return
			}
			if entries[i].Type != "proceedings" {
				recs[i] = bibRecord(doc, &entries[i])
			}
		}
	})
	if ctx.Err() != nil {
		return nil, nil, false
	}
	counts := map[string]int{}
	var order []string
	for i := range entries {
		e := &entries[i]
		if e.Type == "proceedings" {
			continue
		}
		rec := recs[i]
		rec.Container = container(e, procOrder)
		if rec.Year == 0 {
			if p := procFor(e, procs, procOrder); p != nil {
				if y, ok := p.Get("year"); ok {
					rec.Year, _ = strconv.Atoi(strings.TrimSpace(y))
				}
			}
		}
		if counts[rec.Container] == 0 {
			order = append(order, rec.Container)
		}
		counts[rec.Container]++
		v.Papers = append(v.Papers, rec)
	}
	return order, counts, true
}

// mainProceedings is the @proceedings a volume's metadata come from: that
// of the largest container, or the first.
func mainProceedings(order []string, counts map[string]int, procs map[string]*bibtex.Entry, procOrder []*bibtex.Entry) *bibtex.Entry {
	var main *bibtex.Entry
	best := 0
	for _, c := range order {
		if p := procs[strings.ToLower(c)]; p != nil && counts[c] > best {
			main, best = p, counts[c]
		}
	}
	if main == nil && len(procOrder) > 0 {
		main = procOrder[0]
	}
	return main
}

// blankComments returns text with the lines that start with '%' outside
// entries (brace depth 0) replaced by spaces, so that an '@' in a comment
// line starts no entry; offsets are unchanged.
func blankComments(text []byte) []byte {
	var out []byte
	depth := 0
	lineStart := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case lineStart && (c == ' ' || c == '\t'):
			continue
		case lineStart && c == '%' && depth <= 0:
			if out == nil {
				out = append([]byte(nil), text...)
			}
			for ; i < len(text) && text[i] != '\n'; i++ {
				if text[i] != '\r' {
					out[i] = ' '
				}
			}
			continue // at the newline
		case c == '\\':
			i++
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '@' && depth < 0:
			depth = 0 // a lost brace: resynchronise at the next entry
		}
		lineStart = c == '\n'
	}
	if out == nil {
		return text
	}
	return out
}

// dropLongLineEntries applies --max-line-length to a BibTeX file: each
// line longer than max bytes (0 means 1 MiB) is reported, and the entry
// it is part of is left out, as the text readers leave the line out.
func dropLongLineEntries(text []byte, entries []bibtex.Entry, max int, ds []schema.Diagnostic) ([]bibtex.Entry, []schema.Diagnostic) {
	if max <= 0 {
		max = 1 << 20
	}
	if len(text) <= max {
		return entries, ds
	}
	var long [][2]int // the offsets of long lines
	num := 1
	for off := 0; off < len(text); num++ {
		end := bytes.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if n := len(bytes.TrimRight(text[off:end], "\r")); n > max {
			long = append(long, [2]int{off, off + n})
			ds = append(ds, schema.Limit.At(off, off+n,
				"line %d is %d bytes long, over the limit of %d (--max-line-length); the entry on it was not read", num, n, max))
		}
		off = end + 1
	}
	if len(long) == 0 {
		return entries, ds
	}
	entries = slices.DeleteFunc(entries, func(e bibtex.Entry) bool {
		for _, l := range long {
			if l[0] < e.End && e.Off < l[1] {
				return true
			}
		}
		return false
	})
	return entries, ds
}

// repeatedFields appends a warning for each field of e whose name an
// earlier field of e has: BibTeX keeps the first value and ignores the
// rest, as fillFromEntry does, which without a word loses what was
// written.
func repeatedFields(ds []schema.Diagnostic, e *bibtex.Entry) []schema.Diagnostic {
	var seen map[string]string // by name, once past a handful of fields
	for i := range e.Fields {
		f := &e.Fields[i]
		if i == 16 {
			seen = make(map[string]string, len(e.Fields))
			for _, g := range e.Fields[:i] {
				seen[g.Name] = ""
			}
		}
		dup := seenField(e.Fields, i, seen)
		if seen != nil {
			seen[f.Name] = ""
		}
		if !dup {
			continue
		}
		first := e.Field(f.Name)
		ds = append(ds, schema.BibTeXRepeatedField.At(f.NameOff, f.End, "field %q repeated in entry %q: %q is ignored, the first value %q is kept",
			f.Name, e.Key, text.Clip(f.Value, 60), text.Clip(first.Value, 60)))
	}
	return ds
}

// bibRecord turns one entry into a record with the fields as written.
func bibRecord(doc *Document, e *bibtex.Entry) schema.Record {
	rec := schema.Record{Kind: schema.KindPaper, Authors: []schema.Author{}}
	// Positions sized for what is set below: the entry, its braces, its
	// fields, four values read from them, title, abstract, the author list
	// and each name, so that the list is not grown by doubling.
	n := 9 + len(e.Fields)
	if f := e.Field("author"); f != nil {
		n += 1 + strings.Count(f.Value, " and ")
	}
	rec.Pos = make(schema.Positions, 0, n)
	rg := schema.Range{Off: e.Off, End: e.End}
	rec.Pos.Set("", rg)
	rec.Span = doc.SpanOf(rg)
	fillFromEntry(&rec, e, "")
	if f := e.Field("title"); f != nil {
		rec.Title = bibText(f.Value)
		rec.Pos.Set("/title", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("abstract"); f != nil {
		rec.Abstract = bibText(f.Value)
		rec.Pos.Set("/abstract", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("author"); f != nil {
		rec.Authors = bibNames(f.Value)
		rec.Pos.Set("/authors", schema.Range{Off: f.Off, End: f.End})
		// Each name's bytes, when the value is one braced or quoted
		// group as written.
		if f.End-f.Off >= 2 && string(doc.Text[f.Off+1:f.End-1]) == f.Value {
			base := f.Off + 1
			for i, r := range text.BibTeXNameRanges(f.Value) {
				if i < len(rec.Authors) {
					rec.Pos.Set(source.AuthorPointer(i), schema.Range{Off: base + r[0], End: base + r[1]})
				}
			}
		}
	}
	return rec
}

// container names the proceedings an entry belongs to: its crossref key,
// its booktitle, its journal and volume, or the file's only @proceedings.
func container(e *bibtex.Entry, procs []*bibtex.Entry) string {
	if c, ok := e.Get("crossref"); ok && strings.TrimSpace(c) != "" {
		return strings.TrimSpace(c)
	}
	if b, ok := e.Get("booktitle"); ok && strings.TrimSpace(b) != "" {
		// An entry whose booktitle is that of an @proceedings belongs
		// to it.
		for _, p := range procs {
			if pb, ok := p.Get("booktitle"); ok && sameText(pb, b) {
				return p.Key
			}
			if pt, ok := p.Get("title"); ok && sameText(pt, b) {
				return p.Key
			}
		}
		return strings.Join(strings.Fields(b), " ")
	}
	if j, ok := e.Get("journal"); ok && strings.TrimSpace(j) != "" {
		c := strings.Join(strings.Fields(j), " ")
		if vol, ok := e.Get("volume"); ok && strings.TrimSpace(vol) != "" {
			c += " " + strings.TrimSpace(vol)
		}
		return c
	}
	if len(procs) == 1 {
		return procs[0].Key
	}
	return ""
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// procFor returns the @proceedings an entry inherits from.
func procFor(e *bibtex.Entry, procs map[string]*bibtex.Entry, order []*bibtex.Entry) *bibtex.Entry {
	if c, ok := e.Get("crossref"); ok {
		return procs[strings.ToLower(strings.TrimSpace(c))]
	}
	if p := procs[strings.ToLower(container(e, order))]; p != nil {
		return p
	}
	if len(order) == 1 {
		return order[0]
	}
	return nil
}

var reDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// proceedingsFrom fills the volume metadata from an @proceedings entry.
func proceedingsFrom(v *schema.Volume, e *bibtex.Entry) {
	p := &v.Proceedings
	set := func(ptr string, f *bibtex.Field) {
		v.Pos.Set(ptr, schema.Range{Off: f.Off, End: f.End})
	}
	for _, name := range []string{"title", "booktitle"} {
		if f := e.Field(name); f != nil && strings.TrimSpace(f.Value) != "" {
			p.Title = bibText(f.Value)
			set("/proceedings/title", f)
			break
		}
	}
	year, _ := e.Get("year")
	year = strings.TrimSpace(year)
	if f := e.Field("shortname"); f != nil {
		p.Acronym = strings.TrimSpace(bibText(f.Value))
		if year != "" && !strings.Contains(p.Acronym, year) {
			p.Acronym += " " + year
		}
		set("/proceedings/acronym", f)
	}
	for _, name := range []string{"start", "date"} {
		if f := e.Field(name); f != nil && reDay.MatchString(strings.TrimSpace(f.Value)) {
			p.Date = strings.TrimSpace(f.Value)
			set("/proceedings/date", f)
			break
		}
	}
	for _, name := range []string{"location", "address", "venue"} {
		if f := e.Field(name); f != nil && strings.TrimSpace(f.Value) != "" {
			p.Location = bibText(f.Value)
			set("/proceedings/location", f)
			break
		}
	}
}
