// Package extract reads proceedings dumps: it decodes bytes to UTF-8 text
// (Decode), picks an input format by sniffing the content (Sniff, Lookup),
// splits the text into blocks (header, section heading, paper, front matter,
// footer) and parses each block's fields into schema records.
//
// Every format reports findings as diagnostics next to its partial result;
// no input makes a reader fail or panic, and every non-blank input line ends
// up in a record's span or in an "unparsed-text" diagnostic.
package extract

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	"github.com/procx/procx/extract/internal/bibtex"
	"github.com/procx/procx/extract/internal/pdftext"
	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Options bound a reader.
type Options struct {
	// Format forces an input format by name ("toc-text"); empty sniffs.
	Format string
	// BibTeX limits the BibTeX parser.
	BibTeX BibLimits
	// MaxLineLength is the longest line a text reader reads, in bytes;
	// longer lines are reported ("limit") and skipped. 0 means 1 MiB.
	MaxLineLength int
	// MaxAuthors is the most authors a record keeps; the rest are
	// reported ("limit"). 0 means 1000.
	MaxAuthors int
	// PDF limits the PDF reader.
	PDF PDFLimits
}

// Document is decoded input: UTF-8 text with its line table, the name of
// the encoding it was decoded from, and the diagnostics decoding raised.
type Document = source.Document

// Line is one non-blank input line with its byte offsets.
type Line = source.Line

// Decode turns raw input bytes into UTF-8 text. It strips a UTF-8 BOM,
// decodes UTF-16 with a BOM or with a clear NUL pattern, and decodes input
// that is not valid UTF-8 as Windows-1252, each with an "encoding"
// diagnostic; text UTF-8 decoded once too often is repaired where the
// repair is exact ("mojibake"). A PDF is left as it is for the PDF reader.
// Decoding never fails.
func Decode(path string, data []byte) *Document { return source.Decode(path, data) }

// PDFLimits bound the PDF reader. Zero values take the defaults: 2000
// pages, 64 MiB of decoded bytes from one page's content streams or one
// CMap.
type PDFLimits = pdftext.Limits

// BibLimits bound the BibTeX parser.
type BibLimits = bibtex.Limits

// Format is one input format: a sniffer and a reader that turns a decoded
// document into a volume of unnormalized records.
type Format interface {
	// Name is the format's name, as used by --input-format and in
	// source.format.
	Name() string
	// Sniff reports how sure it is, from 0 (not this format) to 100,
	// that doc is in this format.
	Sniff(doc *Document) int
	// Read segments and parses doc. It never fails: what it cannot read
	// becomes diagnostics. A reader may stop early once ctx is done, and
	// then returns an incomplete volume.
	Read(ctx context.Context, doc *Document, opt Options) *schema.Volume
}

// formats is the ordered registry of input formats; on equal sniff
// scores the earlier one wins.
var formats = []Format{TOCText{}, PDF{}, OpenTOCHTML{}, BibTeXFile{}, JSON{}, JSONL{}, DBLPXML{}, ACLXML{}, OpenTOCText{}}

// Formats returns the registered input formats in sniffing order.
func Formats() []Format { return append([]Format(nil), formats...) }

// Lookup returns the format with the given name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name() == name {
			return f, true
		}
	}
	return nil, false
}

// Sniff returns the format most likely to read doc, or nil when none
// recognises it.
func Sniff(doc *Document) Format {
	var best Format
	score := 0
	for _, f := range formats {
		if s := f.Sniff(doc); s > score {
			best, score = f, s
		}
	}
	return best
}

// Read decodes data, picks its format (opt.Format, or by sniffing) and
// reads it into a volume whose diagnostics still carry byte offsets.
// An unknown or unrecognised format yields an empty volume with a
// diagnostic naming the file. Once ctx is done the format's reader may
// stop early: a caller that sees ctx.Err() should not use the volume.
func Read(ctx context.Context, path string, data []byte, opt Options) (*schema.Volume, *Document) {
	doc := Decode(path, data)
	var f Format
	if opt.Format != "" {
		var ok bool
		if f, ok = Lookup(opt.Format); !ok {
			v := emptyVolume(doc, "unknown")
			v.Diagnostics = append(v.Diagnostics, schema.UnknownFormat.At(0, -1,
				"unknown input format %q (known: %s)", opt.Format, strings.Join(formatNames(), ", ")))
			return v, doc
		}
	} else if isBlank(doc.Text) {
		v := emptyVolume(doc, "unknown")
		what := "empty"
		if len(doc.Text) > 0 {
			what = "only white space"
		}
		v.Diagnostics = append(v.Diagnostics, schema.EmptyInput.At(0, -1, "input is %s: no records", what))
		return v, doc
	} else if f = Sniff(doc); f == nil {
		v := emptyVolume(doc, "unknown")
		// Nothing of the file is read: what decoding found in its text
		// (encoding, mojibake in an image's bytes) is not reported.
		v.Diagnostics = nil
		if strings.TrimSpace(string(doc.Text)) != "" {
			v.Diagnostics = append(v.Diagnostics, schema.UnknownFormat.At(0, len(doc.Text),
				"input is in no format procx reads (tried %s); if it is one of them, name it with --input-format", strings.Join(formatNames(), ", ")))
		}
		return v, doc
	}
	v := f.Read(ctx, doc, opt)
	finishRead(v, doc, opt)
	return v, doc
}

// finishRead puts the diagnostics of doc's decoding before those of
// reading it into v, and caps v's authors (--max-authors).
func finishRead(v *schema.Volume, doc *Document, opt Options) {
	v.Diagnostics = append(append([]schema.Diagnostic(nil), doc.Diagnostics...), v.Diagnostics...)
	capAuthors(v, opt)
}

func formatNames() []string {
	var ns []string
	for _, f := range formats {
		ns = append(ns, f.Name())
	}
	return ns
}

func emptyVolume(doc *Document, format string) *schema.Volume {
	return &schema.Volume{
		Source:      schema.Source{Path: doc.Path, Format: format, Encoding: doc.Encoding},
		Papers:      []schema.Record{},
		Diagnostics: append([]schema.Diagnostic(nil), doc.Diagnostics...),
	}
}

func isBlank(b []byte) bool {
	return len(bytes.TrimSpace(b)) == 0
}

// capAuthors keeps at most opt.MaxAuthors authors per record.
func capAuthors(v *schema.Volume, opt Options) {
	limit := opt.MaxAuthors
	if limit <= 0 {
		limit = 1000
	}
	for i := range v.Papers {
		r := &v.Papers[i]
		if n := len(r.Authors); n > limit {
			r.Authors = r.Authors[:limit]
			d := schema.Limit.At(-1, -1, "record %q has %d authors, over the limit of %d (--max-authors); the first %d are kept", text.Clip(r.Title, 60), n, limit, limit)
			d.Pointer = "/papers/" + strconv.Itoa(i) + "/authors"
			if rg, ok := r.Pos.Lookup("/authors"); ok {
				d.Off, d.End = rg.Off, rg.End
			}
			v.Diagnostics = append(v.Diagnostics, d)
		}
	}
}
