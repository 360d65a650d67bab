package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// Limits bound the reading of a PDF. Zero values take the defaults.
type Limits struct {
	// MaxPages is the number of pages read (default 2000).
	MaxPages int
	// MaxStream is the number of decoded bytes read from one page's
	// content streams, and from one CMap (default 64 MiB).
	MaxStream int64
	// RunPages is the number of leading pages whose lines carry their
	// runs (font, size and baseline of each stretch of glyphs), for a
	// reader that analyses the layout of a paper's first page; 0 for
	// none.
	RunPages int
}

// WithDefaults returns l with zero values set to the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxPages <= 0 {
		l.MaxPages = 2000
	}
	if l.MaxStream <= 0 {
		l.MaxStream = 64 << 20
	}
	return l
}

// Lines opens a PDF and returns the lines of its pages, in page order. Any failure,
// panics of the PDF library included, is a diagnostic.
func Lines(ctx context.Context, path string, data []byte, lim Limits) (lines []Line, diags []schema.Diagnostic) {
	fail := func(code schema.Code, format string, args ...any) {
		diags = append(diags, code.At(0, -1, format, args...))
	}
	defer func() {
		if r := recover(); r != nil {
			fail(schema.UnknownFormat, "pdf: cannot read %q: %v", path, r)
		}
	}()
	if h := source.PDFHeader(data); h > 0 {
		data = data[h:] // junk before the header
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			fail(schema.UnknownFormat, "pdf: %q is encrypted and cannot be read: %s", path, msg)
		} else if strings.Contains(msg, "missing %%eof") {
			// The reader's "not a PDF file: missing %%EOF": a PDF cut
			// short (an interrupted download) rather than not a PDF.
			fail(schema.UnknownFormat, "pdf: the file is truncated or damaged: it does not end with the %s marker", "%%EOF")
		} else {
			fail(schema.UnknownFormat, "pdf: cannot read %q: %s", path, msg)
		}
		return nil, diags
	}
	pages := collectPages(r.Trailer().Key("Root").Key("Pages"), lim.MaxPages+1)
	if len(pages) > lim.MaxPages {
		// Where the reading stopped: the reader places it at the end of
		// the text read.
		d := schema.Limit.At(-1, -1, "pdf has more than %d pages (--max-pdf-pages); read the first %d, up to here", lim.MaxPages, lim.MaxPages)
		d.Cut = true
		diags = append(diags, d)
		pages = pages[:lim.MaxPages]
	}
	if len(pages) == 0 {
		fail(schema.UnknownFormat, "pdf: %q has no pages", path)
	}
	// The pages are read on every core, a run of pages each with its own
	// font cache: pdf.Reader only reads (ReadAt on the bytes, no caches),
	// and a page's text depends on nothing read from another page. A panic
	// that escapes a page (pageText recovers its own) ends the document at
	// that page. Once ctx is done no more pages are read.
	type pageResult struct {
		lines    []Line
		errs     []string
		panicked any
	}
	results := make([]pageResult, len(pages))
	par.Run(par.Split(len(pages), 8), func(_, lo, hi int) {
		i := lo
		defer func() {
			if r := recover(); r != nil {
				results[i].panicked = r
			}
		}()
		shared := make(map[string]*pdfFont)
		var scratch pageWalker
		for ; i < hi && ctx.Err() == nil; i++ {
			results[i].lines, results[i].errs = pageText(pages[i], lim.MaxStream, i+1, i < lim.RunPages, shared, &scratch)
		}
	})
	for i, res := range results {
		if res.panicked != nil {
			panic(res.panicked)
		}
		lines = append(lines, res.lines...)
		for _, e := range res.errs {
			// About the page: Page says which; the reader places it at
			// the page's text. What a limit left unread makes the page's
			// text incomplete.
			code := schema.UnknownFormat
			if strings.Contains(e, "limit") {
				code = schema.Limit
			}
			d := code.At(-1, -1, "pdf page %d: %s", i+1, e)
			d.Page, d.Cut = i+1, code == schema.Limit
			diags = append(diags, d)
		}
	}
	return lines, diags
}

// collectPages walks the page tree in order, at most max pages, guarding
// against cycles by depth and by the number of nodes visited.
func collectPages(root pdf.Value, max int) []pdf.Value {
	var out []pdf.Value
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		visits++
		if depth > 64 || len(out) >= max || visits > 4*max+1000 {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			out = append(out, v)
			return
		}
		for i := 0; i < kids.Len() && len(out) < max; i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return out
}

// inherited looks a key up on a page and its ancestors.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageText returns the lines of one page and the problems met reading it.
// scratch carries the glyph buffers from page to page, so that a long
// document does not grow them anew for every page.
func pageText(p pdf.Value, limit int64, num int, runs bool, shared map[string]*pdfFont, scratch *pageWalker) (lines []Line, errs []string) {
	w := &pageWalker{limit: limit, fonts: make(map[string]*pdfFont), shared: shared,
		glyphs: scratch.glyphs[:0], buf: scratch.buf[:0]}
	defer func() { scratch.glyphs, scratch.buf = w.glyphs, w.buf }()
	defer func() {
		if r := recover(); r != nil {
			errs = append(w.errs, fmt.Sprintf("%v", r))
			lines = pageLines(w.glyphs, num, runs)
		}
	}()
	w.walk(p.Key("Contents"), inherited(p, "Resources"), identity, 0)
	lines = pageLines(w.glyphs, num, runs)
	if mb := inherited(p, "MediaBox"); mb.Len() == 4 {
		width := mb.Index(2).Float64() - mb.Index(0).Float64()
		for i := range lines {
			lines[i].PageWidth = width
		}
	}
	return lines, w.errs
}
