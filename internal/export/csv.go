package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/procx/procx/schema"
)

// CSVOptions choose the columns of a CSV file.
type CSVOptions struct {
	// Source adds a first column, source, naming each row's input: for
	// one file made of several inputs.
	Source bool
}

// CSVHeader is the header row (after source, when written).
var CSVHeader = []string{"key", "title", "authors", "pages", "doi", "year", "section", "affiliations", "abstract"}

// CSV writes volumes as one CSV file (RFC 4180: CRLF line ends, fields
// quoted where needed; UTF-8 without a byte-order mark) with a header
// row and one row per paper (front matter is left out): key (as the BibTeX export writes it),
// title, authors ("; "-joined names), pages ("1–14", with an en dash,
// which spreadsheets do not take for a date), doi, year, section,
// affiliations ("; "-joined), and abstract (paragraphs apart by a blank
// line).
type CSV struct {
	w      *csv.Writer
	opt    CSVOptions
	keys   *keys
	header bool
}

// NewCSV starts a CSV file on w.
func NewCSV(w io.Writer, opt CSVOptions) *CSV {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &CSV{w: cw, opt: opt, keys: newKeys()}
}

func (c *CSV) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	h := CSVHeader
	if c.opt.Source {
		h = append([]string{"source"}, h...)
	}
	return c.w.Write(h)
}

// Volume writes a row per record of v.
func (c *CSV) Volume(v *schema.Volume) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	ctx := newContext(v)
	keys, _ := c.keys.volume(ctx)
	row := make([]string, 0, len(CSVHeader)+1)
	for i := range v.Papers {
		r := &v.Papers[i]
		if r.Kind != schema.KindPaper {
			continue
		}
		row = row[:0]
		if c.opt.Source {
			row = append(row, v.Source.Path)
		}
		names := make([]string, len(r.Authors))
		for j, a := range r.Authors {
			names[j] = a.Name
		}
		affs := make([]string, len(r.Affiliations))
		for j, a := range r.Affiliations {
			affs[j] = a.Name
		}
		pages := ""
		if r.Pages != nil {
			pages = pageRange(r.Pages, "–")
		} else {
			pages = field(r, "pages")
		}
		year := ""
		if y := ctx.yearOf(r); y > 0 {
			year = strconv.Itoa(y)
		}
		row = append(row, keys[i], r.Title, strings.Join(names, "; "), pages, r.DOI, year, r.Section,
			strings.Join(affs, "; "), r.Abstract)
		if err := c.w.Write(row); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}

// Close writes the header if no volume did, and flushes.
func (c *CSV) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}
