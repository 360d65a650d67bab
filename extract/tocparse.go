package extract

import (
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/extract/internal/tocline"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// parseTOC turns the blocks of a table-of-contents text into a volume of
// records with the fields as written (normalize cleans them). BibTeX blocks
// are parsed here; their syntax errors are returned as diagnostics and cost
// only their own entry.
func parseTOC(doc *Document, blocks []block, opt Options) *schema.Volume {
	// spare is the field list of the last paper's entry, which
	// fillFromEntry copied: the next entry is parsed into it.
	var spare []bibtex.Field
	v := &schema.Volume{
		Source: schema.Source{Path: doc.Path, Format: "toc-text", Encoding: doc.Encoding},
		Papers: make([]schema.Record, 0, countRecords(blocks)),
	}
	for i := range blocks {
		b := &blocks[i]
		switch b.Kind {
		case BlockHeader:
			parseHeader(v, b)
		case BlockSection:
			v.Proceedings.Sections = append(v.Proceedings.Sections, schema.Section{
				Name: b.Section, Span: doc.SpanOf(b.Range()),
			})
		case BlockFrontmatter:
			rec := schema.Record{Kind: schema.KindFrontmatter, Section: b.Section, Authors: []schema.Author{}}
			setTitle(&rec, b.Title)
			setAbstract(&rec, b.Body)
			setSpan(doc, &rec, b)
			v.Papers = append(v.Papers, rec)
		case BlockPaper:
			// Room for the positions of a paper's title, authors,
			// affiliations, abstract, BibTeX fields and span.
			rec := schema.Record{Kind: schema.KindPaper, Section: b.Section, Pos: make(schema.Positions, 0, 24)}
			setTitle(&rec, b.Title)
			rec.Authors = authorsFromLines(doc, &rec, b.Authors)
			if len(b.Affiliation) > 0 {
				rec.Affiliations = affiliationsFromLine(&rec, b.Affiliation[0])
			}
			setAbstract(&rec, b.Body)
			if len(b.BibTeX) > 0 {
				off, end := source.Span(b.BibTeX)
				var one [1]bibtex.Entry
				entries, ds := bibtex.Append(one[:0], doc.TextString()[off:end], off, nil, opt.BibTeX, spare)
				v.Diagnostics = append(v.Diagnostics, ds...)
				if len(entries) > 0 {
					v.Diagnostics = repeatedFields(v.Diagnostics, &entries[0])
					fillFromEntry(&rec, &entries[0], "")
					spare = entries[0].Fields[:0]
				}
			}
			setSpan(doc, &rec, b)
			v.Papers = append(v.Papers, rec)
		}
	}
	return v
}

// countRecords is the number of records blocks make: one per paper and
// front-matter block.
func countRecords(blocks []block) int {
	n := 0
	for i := range blocks {
		if k := blocks[i].Kind; k == BlockPaper || k == BlockFrontmatter {
			n++
		}
	}
	return n
}

func parseHeader(v *schema.Volume, b *block) {
	for _, l := range b.Lines {
		t := l.Text
		switch {
		case tocline.MatchFooter(t):
		case tocline.MatchDate(t):
			v.Proceedings.Date = parseHeaderDate(t)
			v.Pos.Set("/proceedings/date", schema.Range{Off: l.Off, End: l.End})
		case v.Proceedings.Date == "":
			title := v.Proceedings.Title
			if title != "" {
				title += " "
			}
			title += t
			v.Proceedings.Title = title
			if _, ok := v.Pos.Get("/proceedings/title"); !ok {
				v.Pos.Set("/proceedings/title", schema.Range{Off: l.Off, End: l.End})
			}
		default:
			v.Proceedings.Location = strings.TrimRight(t, ",.")
			v.Pos.Set("/proceedings/location", schema.Range{Off: l.Off, End: l.End})
		}
	}
	title := strings.TrimRight(v.Proceedings.Title, ",. ")
	if m := tocline.FindAcronym(title); m != nil {
		v.Proceedings.Acronym = strings.TrimSpace(title[m[2]:m[3]])
		title = strings.TrimSpace(title[:m[0]])
	}
	v.Proceedings.Title = strings.TrimRight(title, ",. ")
}

func setTitle(rec *schema.Record, ls []Line) {
	rec.Title = source.JoinLines(ls)
	off, end := source.Span(ls)
	rec.Pos.Set("/title", schema.Range{Off: off, End: end})
}

func setAbstract(rec *schema.Record, ls []Line) {
	if len(ls) == 0 {
		return
	}
	rec.Abstract = source.JoinParagraphs(ls)
	off, end := source.Span(ls)
	rec.Pos.Set("/abstract", schema.Range{Off: off, End: end})
}

func setSpan(doc *Document, rec *schema.Record, b *block) {
	r := b.Range()
	rec.Span = doc.SpanOf(r)
	rec.Pos.Set("", r)
}

// authorsFromLines splits author lines: names separated by commas and a
// final "and" (with or without an Oxford comma), wrapped across lines.
func authorsFromLines(doc *Document, rec *schema.Record, ls []Line) []schema.Author {
	authors := []schema.Author{}
	if len(ls) == 0 {
		return authors
	}
	off, end := source.Span(ls)
	rec.Pos.Set("/authors", schema.Range{Off: off, End: end})
	cursor := off
	text := doc.TextString()
	var buf [16]string // names, on the stack for the usual list
	names := appendAuthors(buf[:0], source.JoinLines(ls))
	authors = make([]schema.Author, 0, len(names))
	for _, name := range names {
		// The name as written, or (when it wraps) its first word; the
		// cursor moves past it so that a repeated given name is found at
		// its own place.
		probe := name
		// A slice of the document's one string, not a copy: a copy
		// per name is quadratic in the length of the list (and a
		// []byte of the probe was one more per name).
		i := indexNear(text[cursor:end], probe)
		if i < 0 {
			probe = firstWord(name)
			i = indexNear(text[cursor:end], probe)
		}
		if i >= 0 {
			rec.Pos.Set(source.AuthorPointer(len(authors)), schema.Range{Off: cursor + i, End: min(cursor+i+len(name), end)})
			cursor += i + len(probe)
		}
		authors = append(authors, schema.Author{Name: name})
	}
	return authors
}

// indexNear is strings.Index(s, sub) for a sub that is usually at the
// start of s or a few bytes after it (the next name of a list, after ", "
// or " and "): it tries the first places before it searches the rest.
func indexNear(s, sub string) int {
	const near = 6
	for i := 0; i < near && i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	if len(s) <= near {
		return -1
	}
	if i := strings.Index(s[near:], sub); i >= 0 {
		return near + i
	}
	return -1
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// splitAuthors splits a prose author list: "A, B, and C", "A and B",
// "A, B, C". A part that is only a suffix ("Jr.") stays with the name
// before it.
func splitAuthors(s string) []string {
	// Room for a name per comma and one more, so that the list is not
	// grown name by name.
	out := appendAuthors(make([]string, 0, strings.Count(s, ",")+2), s)
	if len(out) == 0 {
		return nil // as before the list was presized
	}
	return out
}

// appendAuthors appends the names SplitAuthors returns to out, an empty
// list that authorsFromLines keeps on its stack.
func appendAuthors(out []string, s string) []string {
	var buf [8]string // the names of one part
	names := buf[:0]
	for rest, more := s, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ",")
		names = splitAnd(names[:0], part)
		for j, name := range names {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if j == 0 && len(out) > 0 && isSuffix(name) {
				out[len(out)-1] += ", " + name
				continue
			}
			out = append(out, name)
		}
	}
	return out
}

// splitAnd appends the names of s, split at " and " and " & ", to out
// (which SplitAuthors reuses from part to part).
func splitAnd(out []string, s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "and ")
	s = strings.TrimPrefix(s, "& ")
	for {
		i, n := andSep(s)
		if i < 0 {
			break
		}
		out = append(out, s[:i])
		s = s[i+n:]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, " and"), " &")
	if s == "and" || s == "&" {
		s = ""
	}
	return append(out, s)
}

// andSep returns where the first " and " or " & " of s starts and its
// length, or -1 and 0: what the earlier of strings.Index(s, " and ") and
// strings.Index(s, " & ") gives, found in one pass over the spaces of s.
func andSep(s string) (int, int) {
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], ' ')
		if k < 0 {
			return -1, 0
		}
		i += k
		switch rest := s[i+1:]; {
		case strings.HasPrefix(rest, "and "):
			return i, len(" and ")
		case strings.HasPrefix(rest, "& "):
			return i, len(" & ")
		}
	}
}

func isSuffix(s string) bool {
	switch strings.TrimSuffix(s, ".") {
	case "Jr", "Sr", "II", "III", "IV", "V", "Jnr", "Snr":
		return true
	}
	return false
}

// affiliationsFromLine splits "(A, Country; B, Country)" into one
// affiliation per ";" part.
func affiliationsFromLine(rec *schema.Record, l Line) []schema.Affiliation {
	t := strings.TrimSpace(l.Text)
	inner := strings.TrimSuffix(strings.TrimPrefix(t, "("), ")")
	base := l.Off + (len(t) - len(strings.TrimPrefix(t, "(")))
	var out []schema.Affiliation
	rec.Pos.Set("/affiliations", schema.Range{Off: l.Off, End: l.End})
	pos := 0
	for rest, more := inner, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ";")
		name := strings.TrimSpace(part)
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		if name != "" {
			rec.Pos.Set(source.AffiliationPointer(len(out)), schema.Range{Off: base + pos + lead, End: base + pos + lead + len(name)})
			if out == nil {
				out = make([]schema.Affiliation, 0, strings.Count(inner, ";")+1)
			}
			out = append(out, schema.Affiliation{Name: name})
		}
		pos += len(part) + 1
	}
	return out
}

// fillFromEntry copies an entry into rec: the entry as written into
// rec.BibTeX, and pages, DOI and year into the record's own fields.
// prefix is the pointer prefix for positions ("" for a record). Nothing
// of e is kept but its strings.
func fillFromEntry(rec *schema.Record, e *bibtex.Entry, prefix string) {
	bib := &schema.BibTeX{Type: e.Type, Key: e.Key, Fields: make(map[string]string, len(e.Fields))}
	rec.Pos.Set("/bibtex", schema.Range{Off: e.Off, End: e.End})
	for i, f := range e.Fields {
		if seenField(e.Fields, i, bib.Fields) {
			continue // BibTeX keeps the first; a check reports the rest
		}
		bib.Fields[f.Name] = f.Value
		rec.Pos.Set(source.FieldPointer(f.Name), schema.Range{Off: f.Off, End: f.End})
	}
	rec.BibTeX = bib
	if f := e.Field("pages"); f != nil {
		if p, err := schema.ParsePages(f.Value); err == nil {
			rec.Pages = &p
		}
		rec.Pos.Set("/pages", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("doi"); f != nil {
		if d := text.CleanDOI(f.Value); schema.ValidDOI(d) {
			rec.DOI = d
		}
		rec.Pos.Set("/doi", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("url"); f != nil && rec.URL == "" {
		rec.URL = strings.TrimSpace(strings.ReplaceAll(f.Value, `\_`, "_"))
		rec.Pos.Set("/url", schema.Range{Off: f.Off, End: f.End})
	}
	if f := e.Field("year"); f != nil {
		if y, err := strconv.Atoi(strings.Trim(strings.TrimSpace(f.Value), "{}")); err == nil && y >= 1000 && y <= 9999 {
			rec.Year = y
		}
		rec.Pos.Set("/year", schema.Range{Off: f.Off, End: f.End})
	}
}

// seenField reports whether fields[i]'s name is in seen, the fields
// before it. An entry has a handful of fields, and comparing the names
// before it is cheaper than hashing the name once more for the map.
func seenField(fields []bibtex.Field, i int, seen map[string]string) bool {
	name := fields[i].Name
	if i > 16 {
		_, dup := seen[name]
		return dup
	}
	for _, f := range fields[:i] {
		if f.Name == name {
			return true
		}
	}
	return false
}
