package source

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/procx/procx/schema"
)

// Apply returns the input doc was decoded from with edits applied: each
// edit replaces the bytes [Off, End) of doc.Text with its NewText, and the
// result is written in the input's own encoding (UTF-8 with or without a
// byte-order mark, UTF-16 of either byte order with or without one,
// Windows-1252), so that no byte outside the edits changes. Edits must not
// overlap. A word of mojibake the decoder repaired in doc.Text is written
// back as it was in the input unless an edit covers it whole; an edit that
// covers part of one is refused. Apply refuses, with an error saying why,
// an input it cannot write back exactly: a PDF, text that does not
// re-encode to the input's bytes, or a new text the encoding cannot hold.
func (doc *Document) Apply(edits []schema.Edit) ([]byte, error) {
	enc, bom, err := doc.encoder()
	if err != nil {
		return nil, err
	}
	es := slices.Clone(edits)
	slices.SortStableFunc(es, func(a, b schema.Edit) int { return a.Off - b.Off })
	t := doc.Text
	for i, e := range es {
		if e.Off < 0 || e.End < e.Off || e.End > len(t) {
			return nil, fmt.Errorf("edit at byte %d to %d is outside the text (%d bytes)", e.Off, e.End, len(t))
		}
		if i > 0 && e.Off < es[i-1].End {
			return nil, fmt.Errorf("edits at bytes %d and %d overlap", es[i-1].Off, e.Off)
		}
	}
	// The text as the input holds it (mojibake unrepaired), checked to
	// encode to the input's bytes, and the same with the edits.
	var orig, out []byte
	ri := 0 // next repair
	ei := 0 // next edit
	for pos := 0; pos < len(t); {
		// The next place something differs: an edit or a repair.
		next := len(t)
		if ei < len(es) {
			next = es[ei].Off
		}
		for ri < len(doc.repairs) && doc.repairs[ri].Was == doc.repairs[ri].Now {
			ri++
		}
		if ri < len(doc.repairs) && doc.repairs[ri].Off < next {
			next = doc.repairs[ri].Off
		}
		orig = append(orig, t[pos:next]...)
		out = append(out, t[pos:next]...)
		pos = next
		if pos == len(t) && (ei >= len(es) || es[ei].Off != pos) {
			break
		}
		if ei < len(es) && es[ei].Off == pos {
			e := es[ei]
			ei++
			// The repairs the edit covers are written as the edit says;
			// the original keeps their input form.
			for ri < len(doc.repairs) && doc.repairs[ri].Off < e.End {
				m := doc.repairs[ri]
				if m.Was == m.Now {
					ri++
					continue
				}
				if m.Off < e.Off || m.End > e.End {
					return nil, fmt.Errorf("an edit at byte %d covers part of the mojibake %q", e.Off, m.Was)
				}
				orig = append(orig, t[pos:m.Off]...)
				orig = append(orig, m.Was...)
				pos = m.End
				ri++
			}
			orig = append(orig, t[pos:e.End]...)
			out = append(out, e.NewText...)
			pos = e.End
			continue
		}
		m := doc.repairs[ri]
		ri++
		if ei < len(es) && es[ei].Off < m.End {
			return nil, fmt.Errorf("an edit at byte %d covers part of the mojibake %q", es[ei].Off, m.Was)
		}
		orig = append(orig, m.Was...)
		out = append(out, m.Was...)
		pos = m.End
	}
	raw := doc.Raw
	if !bytes.HasPrefix(raw, bom) {
		return nil, errors.New("the input's byte-order mark is not where it was read")
	}
	body := raw[len(bom):]
	re, err := enc(orig)
	if err != nil || !bytes.Equal(re, body) {
		return nil, fmt.Errorf("the input does not decode and re-encode to the same bytes as %s, so it cannot be rewritten exactly", doc.Encoding)
	}
	w, err := enc(out)
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(bom), w...), nil
}

// encoder returns the function that writes text in the input's encoding
// and the byte-order mark the input starts with.
func (doc *Document) encoder() (func([]byte) ([]byte, error), []byte, error) {
	raw := doc.Raw
	var bom []byte
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		bom = raw[:3]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) && doc.Encoding == "utf-16le",
		bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) && doc.Encoding == "utf-16be":
		bom = raw[:2]
	}
	switch doc.Encoding {
	case "utf-8", "utf-8-bom":
		return func(b []byte) ([]byte, error) { return b, nil }, bom, nil
	case "windows-1252":
		return encodeWindows1252, bom, nil
	case "utf-16le":
		return func(b []byte) ([]byte, error) { return encodeUTF16(b, false) }, bom, nil
	case "utf-16be":
		return func(b []byte) ([]byte, error) { return encodeUTF16(b, true) }, bom, nil
	}
	return nil, nil, errors.New("the input is not text procx can write back (a PDF)")
}

// encodeWindows1252 is the inverse of decodeWindows1252.
func encodeWindows1252(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case r == 0x81 || r == 0x8D || r == 0x8F || r == 0x90 || r == 0x9D:
			out = append(out, byte(r))
		default:
			c, ok := charmap.Windows1252.EncodeRune(r)
			if !ok || r == utf8.RuneError {
				return nil, fmt.Errorf("%q cannot be written in windows-1252, the input's encoding", r)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// encodeUTF16 writes UTF-8 text as UTF-16 in the byte order given.
func encodeUTF16(b []byte, bigEndian bool) ([]byte, error) {
	out := make([]byte, 0, 2*len(b))
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	for _, r := range string(b) {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			put(uint16(hi))
			put(uint16(lo))
			continue
		}
		put(uint16(r))
	}
	return out, nil
}
