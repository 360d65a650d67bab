// Package fix works out the exact repairs of diagnostics: for each
// diagnostic of a fixable code it reads the input bytes the diagnostic
// points at, repairs the value they hold as the code says, and attaches the
// edits that turn the old bytes into the new as a schema.Fix. A repair that
// cannot be placed exactly in the input (a value procx read through a
// transformation it cannot invert) gets no fix.
//
// Fixes are offered for inputs people edit as text: text dumps, BibTeX and
// procx JSON. Edits are byte ranges of the decoded input; the extract
// package's Document.Apply writes them back in the input's own encoding.
package fix

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Codes are the diagnostic codes that may carry a fix.
var Codes = []schema.Code{schema.Mojibake, schema.NotNFC, schema.InvisibleChar, schema.BibTeXUnescaped, schema.PagesDash, schema.DOIURL}

// Formats are the input formats whose diagnostics get fixes.
var Formats = []string{"toc-text", "opentoc-text", "bibtex", "json", "jsonl"}

// Fixable reports whether inputs of format get fixes.
func Fixable(format string) bool { return slices.Contains(Formats, format) }

// Attach adds a fix to each diagnostic of v that has an exact one; f holds
// the decoded input v was read from. Lines and columns of the edits are
// set from f.
func Attach(v *schema.Volume, f *schema.File) {
	if f == nil || !Fixable(v.Source.Format) {
		return
	}
	json := v.Source.Format == "json" || v.Source.Format == "jsonl"
	for i := range v.Diagnostics {
		d := &v.Diagnostics[i]
		if d.Fixes != nil || !slices.Contains(Codes, d.Code) {
			continue
		}
		if fx, ok := fixOf(v, f.Text, d, json); ok {
			d.Fixes = []schema.Fix{fx}
		}
	}
	f.ResolveFixes(v.Diagnostics)
}

// fixOf works out the fix of d in the decoded input t.
func fixOf(v *schema.Volume, t []byte, d *schema.Diagnostic, json bool) (schema.Fix, bool) {
	if d.Code == schema.Mojibake && d.Pointer == "" {
		// Found in the input bytes by the decoder, which repaired it in
		// the decoded text already: the edit puts the repaired word
		// there (see Document.Apply), where the decoded text has it.
		if d.Off < 0 || d.End <= d.Off || d.End > len(t) || !strings.HasPrefix(d.Message, "mojibake ") || strings.Contains(d.Message, "partly") {
			return schema.Fix{}, false
		}
		now := string(t[d.Off:d.End])
		return schema.Fix{Message: "write " + quote(now),
			Edits: []schema.Edit{{Off: d.Off, End: d.End, NewText: now}}}, true
	}
	if d.Pointer == "" {
		return schema.Fix{}, false
	}
	r, ok := locate(v, d.Pointer)
	if !ok || r.Off < 0 || r.End <= r.Off || r.End > len(t) {
		return schema.Fix{}, false
	}
	var val valueView
	if json {
		val, ok = jsonString(t, r)
	} else {
		val, ok = rawValue(t, r)
	}
	if !ok {
		return schema.Fix{}, false
	}
	var out, msg string
	switch d.Code {
	case schema.NotNFC:
		out, msg = text.NFC(val.s), "normalize to unicode nfc"
	case schema.InvisibleChar:
		out, msg = text.StripInvisible(val.s), "remove the invisible characters"
	case schema.Mojibake:
		fixed, found := text.RepairMojibake(val.s)
		for _, m := range found {
			if !m.Repaired {
				return schema.Fix{}, false
			}
		}
		out, msg = fixed, "repair the mojibake"
	case schema.BibTeXUnescaped:
		if !strings.Contains(d.Pointer, "/bibtex/fields/") {
			return schema.Fix{}, false
		}
		out, msg = escapeBibTeX(val.s), `escape &, %, # and _ with "\"`
	case schema.PagesDash:
		out, _ = text.BibTeXPages(val.s)
		msg = `write the range with "--"`
	case schema.DOIURL:
		out, _ = text.BareDOI(val.s)
		msg = "write the bare doi"
	}
	if out == val.s {
		return schema.Fix{}, false
	}
	return schema.Fix{Message: msg, Edits: val.edits(out, json)}, true
}

// locate returns the input bytes of exactly the value at ptr: unlike
// Volume.Locate it does not fall back to an enclosing value, whose bytes a
// repair of one field must not touch.
func locate(v *schema.Volume, ptr string) (schema.Range, bool) {
	rest, ok := strings.CutPrefix(ptr, "/papers/")
	if !ok {
		return v.Pos.Get(ptr)
	}
	idx, sub, _ := strings.Cut(rest, "/")
	n, err := strconv.Atoi(idx)
	if err != nil || n < 0 || n >= len(v.Papers) || sub == "" {
		return schema.Range{}, false
	}
	pos := v.Papers[n].Pos
	if r, ok := pos.Get("/" + sub); ok {
		return r, true
	}
	// A name read from a list of names ("A, B and C") has the position
	// of its item: its own bytes.
	if item, ok := strings.CutSuffix(sub, "/name"); ok && strings.Count(item, "/") == 1 {
		return pos.Get("/" + item)
	}
	return schema.Range{}, false
}

// valueView is a value as read from the input: s, and for each byte of s
// (and its end) the offset in the decoded input it was read from.
type valueView struct {
	s    string
	off  []int // nil: s is the input from base on, byte for byte
	base int
}

func (v valueView) at(i int) int {
	if v.off == nil {
		return v.base + i
	}
	return v.off[i]
}

// edits are the edits that turn the input's bytes of v into out: one per
// run of characters inserted when out is v with characters inserted (an
// escape), one per run removed when out is v with characters removed (an
// invisible character), else the one edit of edit.
func (v valueView) edits(out string, json bool) []schema.Edit {
	a, b := v.s, out
	long, short := b, a
	if len(a) > len(b) {
		long, short = a, b
	}
	// The runs of long that are not in short, matching short's
	// characters in long from the left: when short is a subsequence of
	// long, the runs left over are exactly what was inserted (or removed).
	type run struct{ lo, hi, at int } // long[lo:hi], at short[at]
	var runs []run
	j := 0
	for i := 0; i < len(long); {
		r, n := utf8.DecodeRuneInString(long[i:])
		if j < len(short) {
			if q, m := utf8.DecodeRuneInString(short[j:]); q == r && m == n {
				i, j = i+n, j+m
				continue
			}
		}
		if k := len(runs) - 1; k >= 0 && runs[k].hi == i {
			runs[k].hi = i + n
		} else {
			runs = append(runs, run{i, i + n, j})
		}
		i += n
	}
	if j < len(short) || len(runs) == 0 || len(a) == len(b) {
		return []schema.Edit{v.edit(out, json)}
	}
	es := make([]schema.Edit, len(runs))
	for k, r := range runs {
		if len(b) > len(a) { // inserted at a[r.at]
			text := b[r.lo:r.hi]
			if json {
				text = escapeJSON(text)
			}
			es[k] = schema.Edit{Off: v.at(r.at), End: v.at(r.at), NewText: text}
		} else { // a[r.lo:r.hi] removed
			es[k] = schema.Edit{Off: v.at(r.lo), End: v.at(r.hi)}
		}
	}
	return es
}

// edit is the edit that turns the input's bytes of v into out: the
// smallest run of whole characters where they differ, JSON-escaped when
// the value is a JSON string.
func (v valueView) edit(out string, json bool) schema.Edit {
	a, b := v.s, out
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && p < len(a) && !utf8.RuneStart(a[p]) {
		p--
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	for s > 0 && !utf8.RuneStart(a[len(a)-s]) {
		s--
	}
	newText := b[p : len(b)-s]
	if json {
		newText = escapeJSON(newText)
	}
	return schema.Edit{Off: v.at(p), End: v.at(len(a) - s), NewText: newText}
}

// rawValue is the value in the range r of a text or BibTeX input: the
// bytes inside the braces or quotes of a BibTeX value, else the bytes as
// they are.
func rawValue(t []byte, r schema.Range) (valueView, bool) {
	s := string(t[r.Off:r.End])
	if len(s) >= 2 && (s[0] == '{' && s[len(s)-1] == '}' || s[0] == '"' && s[len(s)-1] == '"') {
		return valueView{s: s[1 : len(s)-1], base: r.Off + 1}, true
	}
	return valueView{s: s, base: r.Off}, true
}

// jsonString reads the JSON string in the range r of a JSON input, with
// the input offset of each byte of its value.
func jsonString(t []byte, r schema.Range) (valueView, bool) {
	s := t[r.Off:r.End]
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return valueView{}, false
	}
	var b []byte
	var off []int
	for i := 1; i < len(s)-1; {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			off = append(off, r.Off+i)
			i++
			continue
		}
		if i+1 >= len(s)-1 {
			return valueView{}, false
		}
		start := r.Off + i
		var rn rune
		switch e := s[i+1]; e {
		case '"', '\\', '/':
			rn, i = rune(e), i+2
		case 'b', 'f', 'n', 'r', 't':
			rn, i = rune(map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[e]), i+2
		case 'u':
			x, ok := hex4(s, i+2)
			if !ok {
				return valueView{}, false
			}
			rn, i = rune(x), i+6
			if utf16Surrogate(rn) {
				y, ok := hex4(s, i+2)
				if !ok || i+1 >= len(s) || s[i] != '\\' || s[i+1] != 'u' {
					return valueView{}, false
				}
				rn, i = combine(rn, rune(y)), i+6
			}
		default:
			return valueView{}, false
		}
		n := len(b)
		b = utf8.AppendRune(b, rn)
		for range len(b) - n {
			off = append(off, start)
		}
	}
	off = append(off, r.End-1)
	return valueView{s: string(b), off: off}, true
}

func hex4(s []byte, i int) (int, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	x := 0
	for _, c := range s[i : i+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		x = x<<4 | int(d)
	}
	return x, true
}

func utf16Surrogate(r rune) bool { return r >= 0xD800 && r < 0xDC00 }

func combine(hi, lo rune) rune {
	if lo < 0xDC00 || lo >= 0xE000 {
		return utf8.RuneError
	}
	return (hi-0xD800)<<10 | (lo - 0xDC00) + 0x10000
}

// escapeJSON writes s as the inside of a JSON string, as encoding/json
// does without HTML escaping.
func escapeJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			const hexd = "0123456789abcdef"
			b.WriteString(`\u`)
			for sh := 12; sh >= 0; sh -= 4 {
				b.WriteByte(hexd[r>>sh&0xF])
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeBibTeX puts a backslash before every &, %, # and _ of a BibTeX
// value that has none, outside math ("$...$") for _.
func escapeBibTeX(s string) string {
	var b strings.Builder
	math := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			b.WriteByte(c)
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
			continue
		case '$':
			math = !math
		case '&', '%', '#':
			b.WriteByte('\\')
		case '_':
			if !math {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func quote(s string) string { return `"` + s + `"` }
