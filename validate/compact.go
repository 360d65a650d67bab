package validate

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/procx/procx/schema"
)

// An Entry is what the checks that compare records (CrossRecordCodes)
// keep of one record: hashes of the values they compare, its pages, and
// where to find its text. The checks compare entries; they read a record's
// text (Texts) only to word a finding and to confirm that equal hashes
// are equal values, so a container of any size is compared in 72 bytes of
// memory a record. Process makes entries from its records (NewEntry); Stream makes
// them where each piece is read and keeps them in files.
type Entry struct {
	Title   uint64 // fold(title) of a paper, hashed; 0: none (as for each hash)
	DOI     uint64 // the doi as compared (doiKey), hashed
	Key     uint64 // the lower-cased BibTeX key, hashed
	Prefix  uint64 // the doi's prefix (doiPrefix) when the doi is valid, hashed
	Article uint64 // the pages' article number, hashed
	First   int64  // the pages (with entryPages)
	Last    int64
	Ref     int64 // where the Texts the entry is read with find the record's text
	Index   int32 // the record's index in the volume
	Flags   uint8 // entryPaper, entryPages, entryRoman, entryValidDOI
}

const (
	entryPaper    = 1 << iota // the record is a paper
	entryPages                // the record has pages
	entryRoman                // its pages are roman
	entryValidDOI             // its doi is a valid doi
)

// EntrySize is the length of an entry's binary form.
const EntrySize = 5*8 + 3*8 + 4 + 1

// hashSeed seeds the hashes of entries: they are compared within one run
// only.
var hashSeed = maphash.MakeSeed()

// hash is s's hash, 0 only for an empty s.
func hash(s string) uint64 {
	if s == "" {
		return 0
	}
	if h := maphash.String(hashSeed, s); h != 0 {
		return h
	}
	return 1
}

// NewEntry returns the entry of record r, whose index in its volume is
// index; its Ref is 0.
func NewEntry(r *schema.Record, index int) Entry {
	e := Entry{Index: int32(index)}
	if r.Kind == schema.KindPaper {
		e.Flags |= entryPaper
		e.Title = hash(fold(r.Title))
	}
	if r.DOI != "" {
		k := doiKey(r.DOI)
		e.DOI = hash(k)
		if schema.ValidDOI(k) {
			e.Flags |= entryValidDOI
			e.Prefix = hash(doiPrefix(r.DOI))
		}
	}
	if r.BibTeX != nil {
		e.Key = hash(lowerKey(r.BibTeX.Key))
	}
	if p := r.Pages; p != nil {
		e.Flags |= entryPages
		if p.Roman {
			e.Flags |= entryRoman
		}
		e.First, e.Last = int64(p.First), int64(p.Last)
		e.Article = hash(p.Article)
	}
	return e
}

// lowerKey is a BibTeX key as keys are compared: lower-cased.
func lowerKey(k string) string {
	for i := 0; i < len(k); i++ {
		if c := k[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(k)
		}
	}
	return k
}

// hasPages reports whether the entry's record has a page range that does
// not end before it starts: one the page sequence places.
func (e *Entry) hasPages() bool { return e.Flags&entryPages != 0 && e.First <= e.Last }

// AppendBinary appends the entry's binary form, EntrySize bytes.
func (e *Entry) AppendBinary(b []byte) ([]byte, error) {
	for _, v := range [...]uint64{e.Title, e.DOI, e.Key, e.Prefix, e.Article, uint64(e.First), uint64(e.Last), uint64(e.Ref)} {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(e.Index))
	return append(b, e.Flags), nil
}

var errEntrySize = errors.New("validate: an entry is not EntrySize bytes")

// UnmarshalBinary reads what AppendBinary appends.
func (e *Entry) UnmarshalBinary(b []byte) error {
	if len(b) != EntrySize {
		return errEntrySize
	}
	u := func(i int) uint64 { return binary.LittleEndian.Uint64(b[8*i:]) }
	*e = Entry{Title: u(0), DOI: u(1), Key: u(2), Prefix: u(3), Article: u(4), First: int64(u(5)), Last: int64(u(6)), Ref: int64(u(7)),
		Index: int32(binary.LittleEndian.Uint32(b[64:])), Flags: b[68]}
	return nil
}

// Text is the text of the fields of a record the comparing checks read:
// a finding quotes them, and a match of hashes is confirmed on them.
type Text struct {
	Title, DOI, Key string // Key: the BibTeX key, if any
	Pages           string // the pages as written, if they were
	Article         string // the pages' article number
	PagesOff        int    // the input offset of the record's pages (as Volume.Locate finds them), -1 if unknown
}

// Texts gives the text of the records behind entries.
type Texts interface {
	Text(e *Entry) Text
}

// recordTexts are the texts of a volume's records.
type recordTexts []schema.Record

func (rs recordTexts) Text(e *Entry) Text {
	r := &rs[e.Index]
	t := Text{Title: r.Title, DOI: r.DOI, PagesOff: -1}
	if r.BibTeX != nil {
		t.Key = r.BibTeX.Key
	}
	if r.Pages != nil {
		t.Pages, t.Article = r.Pages.Text, r.Pages.Article
	}
	if rg, ok := r.Pos.Lookup("/pages"); ok {
		t.PagesOff = rg.Off
	}
	return t
}

// comparing is what the comparing checks read: the entries of each
// container, in input order, their texts, and the sorted input offsets of
// the syntax errors that cost the input an entry.
type comparing struct {
	groups [][]Entry
	texts  Texts
	lost   []int
}

// newComparing makes the entries of v's records, by container (groups).
func newComparing(v *schema.Volume, groups [][]int) *comparing {
	c := &comparing{groups: make([][]Entry, len(groups)), texts: recordTexts(v.Papers), lost: lostEntries(v)}
	for k, g := range groups {
		es := make([]Entry, len(g))
		for n, i := range g {
			es[n] = NewEntry(&v.Papers[i], i)
		}
		c.groups[k] = es
	}
	return c
}

// text is the text of an entry's record.
func (p *checkPass) text(e *Entry) Text { return p.cmp.texts.Text(e) }

// pagesOf formats an entry's page range for messages, as pagesText.
func pagesOf(e *Entry, t *Text) string {
	if t.Pages != "" {
		return t.Pages
	}
	return strconv.FormatInt(e.First, 10) + "-" + strconv.FormatInt(e.Last, 10)
}
