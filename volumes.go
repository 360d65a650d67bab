package procx

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/fix"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// ProcessAll reads one input that may hold several volumes. procx JSON
// that is an array of volumes (what "procx extract" writes for several
// inputs) gives a volume per element, each read as Process reads a volume
// on its own (each with its own opt.Timeout), its diagnostics' lines and
// columns and its records' spans counted in the whole input, its
// diagnostics' JSON Pointers inside the volume; array reports that the
// input was such an array (of one volume, or none, too). Any other input
// gives the one volume ProcessFile gives. The file is the whole decoded
// input.
func ProcessAll(ctx context.Context, path string, data []byte, opt Options) (vols []*schema.Volume, f *schema.File, array bool) {
	doc, elems := volumeArray(path, data, opt)
	if doc == nil {
		v, f := ProcessFile(ctx, path, data, opt)
		return []*schema.Volume{v}, f, false
	}
	elemOpt := opt
	elemOpt.Extract.Format = "json"
	vols = make([]*schema.Volume, len(elems))
	for i, el := range elems {
		v, _ := ProcessFile(ctx, path, doc.Text[el.Off:el.End], elemOpt)
		line, col := doc.Position(el.Off)
		shift(v, el.Off, line-1, col-1)
		v.Source.Encoding = doc.Encoding
		vols[i] = v
	}
	// What decoding the whole input found (its encoding) goes with the
	// first volume.
	if ds := validate.Filter(doc.Diagnostics, opt.Validate); len(ds) > 0 && len(vols) > 0 {
		doc.Resolve(ds)
		vols[0].Diagnostics = schema.SortDiagnostics(append(ds, vols[0].Diagnostics...))
		fix.Attach(vols[0], doc.File) // the decoder's mojibake repairs
	}
	return vols, doc.File, true
}

// volumeArray reports whether data is procx JSON holding an array of
// volumes: a JSON array whose elements are all objects with a "papers"
// member. It returns the decoded input and the byte range of each element
// in its text, or a nil document for any other input, which is left to the
// readers (an array of something else, or one that is not valid JSON, is
// for the JSON reader to report).
func volumeArray(path string, data []byte, opt Options) (*extract.Document, []schema.Range) {
	if f := opt.Extract.Format; f != "" && f != "json" {
		return nil, nil
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	if int64(len(data)) > maxSize || !startsArray(data) {
		return nil, nil
	}
	doc := extract.Decode(path, data)
	text := doc.Text
	if !startsArray(text) {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil, nil
	}
	var elems []schema.Range
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil || len(raw) == 0 || raw[0] != '{' {
			return nil, nil
		}
		var probe struct {
			Papers json.RawMessage `json:"papers"`
		}
		if json.Unmarshal(raw, &probe) != nil || probe.Papers == nil {
			return nil, nil
		}
		end := int(dec.InputOffset())
		elems = append(elems, schema.Range{Off: end - len(raw), End: end})
	}
	if t, err := dec.Token(); err != nil || t != json.Delim(']') {
		return nil, nil
	}
	if len(bytes.TrimSpace(text[dec.InputOffset():])) > 0 {
		return nil, nil // text after the array: the reader says so
	}
	return doc, elems
}

// startsArray reports whether b, after a UTF-8 byte order mark and white
// space, starts with "[", or starts with a UTF-16 byte order mark (whose
// text decoding shows).
func startsArray(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	return len(b) > 0 && b[0] == '['
}

// shift moves the positions of a volume read from a piece of a larger
// input, which starts at byte off, on line lines+1 after cols code points,
// to positions in that input.
func shift(v *schema.Volume, off, lines, cols int) {
	pos := func(line, col *int) {
		if *line <= 0 {
			return
		}
		if *line == 1 {
			*col += cols
		}
		*line += lines
	}
	offsets := func(p schema.Positions) {
		for i := range p {
			p[i].Off += off
			p[i].End += off
		}
	}
	for i := range v.Diagnostics {
		d := &v.Diagnostics[i]
		pos(&d.Line, &d.Column)
		pos(&d.EndLine, &d.EndColumn)
		if d.Off >= 0 {
			d.Off += off
		}
		if d.End >= 0 {
			d.End += off
		}
		for j := range d.Related {
			r := &d.Related[j]
			pos(&r.Line, &r.Column)
			if r.Off >= 0 {
				r.Off += off
			}
		}
		for j := range d.Fixes {
			for k := range d.Fixes[j].Edits {
				e := &d.Fixes[j].Edits[k]
				pos(&e.Line, &e.Column)
				pos(&e.EndLine, &e.EndColumn)
				e.Off += off
				e.End += off
			}
		}
	}
	// The spans of records read from JSON are where they are in the
	// JSON; the sections' spans are values read from it.
	for i := range v.Papers {
		p := &v.Papers[i]
		if p.Span.Line > 0 {
			p.Span.Line += lines
			p.Span.EndLine += lines
		}
		offsets(p.Pos)
	}
	offsets(v.Pos)
}
