// Package source is the input of procx's readers: raw bytes decoded to
// UTF-8 text (any encoding, mojibake repaired where exact) with its line
// table, and the text's non-blank lines with their byte offsets.
package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/procx/procx/internal/text"
	"github.com/procx/procx/schema"
)

// Document is decoded input: UTF-8 text with its line table, the name of
// the encoding it was decoded from, and the diagnostics decoding raised.
type Document struct {
	*schema.File
	Encoding    string
	Diagnostics []schema.Diagnostic
	// Raw is the input as read, for binary formats (PDF) whose reader
	// replaces Text with the text it extracts.
	Raw []byte

	// str is strOf, the Text TextString last converted, as a string.
	str   string
	strOf []byte

	// repairs are the mojibake words repaired in Text (see Apply).
	repairs []text.Mojibake
}

// TextString returns doc.Text as a string. It converts each text once,
// so that the line texts and BibTeX values read from a document are
// slices of one copy of it rather than a copy each.
func (doc *Document) TextString() string {
	t := doc.Text
	if len(t) == 0 {
		return ""
	}
	if len(doc.strOf) != len(t) || &doc.strOf[0] != &t[0] {
		doc.str, doc.strOf = string(t), t
	}
	return doc.str
}

// Decode turns raw input bytes into UTF-8 text. It strips a UTF-8 BOM,
// decodes UTF-16 with a BOM or with a clear NUL pattern, and decodes input
// that is not valid UTF-8 as Windows-1252. Every fallback is reported with
// an "encoding" diagnostic. Text that was UTF-8 decoded once too often
// ("RÃ©veillÃ¨re") is then repaired where the repair is exact and reported
// with a "mojibake" diagnostic either way (see text.RepairMojibake);
// diagnostic offsets are into the returned text. A PDF is left as it is
// for the PDF reader. Decoding never fails.
func Decode(path string, data []byte) *Document {
	doc := &Document{Encoding: "utf-8", Raw: data}
	var text []byte
	switch {
	case PDFHeader(data) >= 0:
		// Binary: the PDF reader extracts the text.
		doc.Encoding = ""
		text = data
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		doc.Encoding = "utf-8-bom"
		text = data[3:]
		if !utf8.Valid(text) {
			text = doc.fallback(text)
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		doc.Encoding = "utf-16le"
		text = decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		doc.Encoding = "utf-16be"
		text = decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
	default:
		if e := utf16Pattern(data); e != "" {
			doc.Encoding = e
			order := unicode.LittleEndian
			if e == "utf-16be" {
				order = unicode.BigEndian
			}
			text = decodeWith(unicode.UTF16(order, unicode.IgnoreBOM), data)
			doc.report(fmt.Sprintf("input has no byte order mark but its NUL bytes follow the %s pattern; decoded as %s", e, e))
		} else if utf8.Valid(data) {
			text = data
		} else {
			text = doc.fallback(data)
		}
	}
	text = doc.repairMojibake(text)
	doc.File = schema.NewFile(path, text)
	for i := range doc.Diagnostics {
		doc.Diagnostics[i].Path = path
	}
	return doc
}

// maxMojibakeDiagnostics bounds the mojibake diagnostics of one input; a
// file encoded twice over has one per non-ASCII word.
const maxMojibakeDiagnostics = 200

// repairMojibake repairs text that was UTF-8 decoded once too often as
// Windows-1252 or Latin-1 where the reverse transformation is exact, and
// reports every such word with a "mojibake" diagnostic at its bytes in the
// returned text, repaired or not.
func (doc *Document) repairMojibake(b []byte) []byte {
	if !mayBeMojibake(b) {
		return b
	}
	out, found := text.RepairMojibake(string(b))
	if len(found) == 0 {
		return b
	}
	doc.repairs = found
	for i, m := range found {
		if i == maxMojibakeDiagnostics {
			doc.Diagnostics = append(doc.Diagnostics, schema.Mojibake.At(m.Off, -1, "%d more mojibake words not listed", len(found)-i))
			break
		}
		msg := fmt.Sprintf("mojibake %q repaired as %q", m.Was, m.Now)
		switch {
		case !m.Repaired && m.Was == m.Now:
			msg = fmt.Sprintf("%q looks like mojibake but cannot be repaired exactly; left as written", m.Was)
		case !m.Repaired:
			msg = fmt.Sprintf("mojibake %q partly repaired as %q; the rest cannot be repaired exactly", m.Was, m.Now)
		}
		doc.Diagnostics = append(doc.Diagnostics, schema.Mojibake.At(m.Off, m.End, "%s", msg))
	}
	return []byte(out)
}

func (doc *Document) fallback(data []byte) []byte {
	bad := firstInvalid(data)
	doc.Encoding = "windows-1252"
	doc.report(fmt.Sprintf("input is not valid UTF-8 (byte 0x%02X at offset %d); decoded as windows-1252", data[bad], bad))
	return decodeWindows1252(data)
}

// decodeWindows1252 decodes data as Windows-1252 as the WHATWG encoding
// standard does: the five bytes Windows-1252 leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) become the C1 controls of the same value instead of
// U+FFFD, so that no byte is lost and UTF-8 read this way can be repaired
// exactly.
func decodeWindows1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, c := range data {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			r = rune(c)
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func (doc *Document) report(msg string) {
	doc.Diagnostics = append(doc.Diagnostics, schema.Diagnostic{
		Code: schema.Encoding, Severity: schema.Warning, Message: msg, Off: 0, End: -1,
	})
}

func decodeWith(e encoding.Encoding, data []byte) []byte {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		// The x/text decoders replace bad input rather than fail; keep
		// the bytes we have if one ever does.
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return out
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// utf16Pattern recognises UTF-16 without a BOM: in mostly-ASCII text every
// other byte is NUL. It returns "utf-16le", "utf-16be" or "".
func utf16Pattern(data []byte) string {
	n := min(len(data), 4096) &^ 1
	// Either pattern needs NUL bytes; text has none, and one search for
	// a NUL is cheaper than counting them in every pair.
	if n < 4 || bytes.IndexByte(data[:n], 0) < 0 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*9 && even*10 < pairs:
		return "utf-16le"
	case even*10 >= pairs*9 && odd*10 < pairs:
		return "utf-16be"
	}
	return ""
}

// mayBeMojibake is a quick test that text may hold mojibake, which
// always starts with a character of U+00C2..U+00F4 (UTF-8 C3 82..C3 B4),
// the Windows-1252 reading of a UTF-8 lead byte, followed by what
// mayStartMojibake looks for. A lone "é" in a name, or the "š" after the
// "á" of "Tomáš", which every other volume has, does not send the whole
// text through text.RepairMojibake.
func mayBeMojibake(text []byte) bool {
	for i := bytes.IndexByte(text, 0xC3); i >= 0 && i+1 < len(text); {
		// C3 xx is U+0040+xx: the character for lead byte xx+0x40.
		if c := text[i+1]; c >= 0x82 && c <= 0xB4 && mayStartMojibake(c+0x40, text[i+2:]) {
			return true
		}
		j := bytes.IndexByte(text[i+1:], 0xC3)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// mayStartMojibake reports whether the character for UTF-8 lead byte lead,
// followed by rest, is where text.RepairMojibake would find something:
// it is followed by as many characters that stand for continuation bytes
// as the lead byte asks for (a sequence to repair), or, for 'â' (E2), by
// at least one (a cut-short punctuation mark), or, for 'Â' and 'Ã' (C2,
// C3), by '?' or U+FFFD (a lost byte).
func mayStartMojibake(lead byte, rest []byte) bool {
	need := 1
	switch {
	case lead >= 0xF0:
		need = 3
	case lead >= 0xE0:
		need = 2
	}
	if len(rest) > 0 && (lead == 0xC2 || lead == 0xC3) {
		if r, _ := utf8.DecodeRune(rest); r == '?' || r == utf8.RuneError {
			return true
		}
	}
	n := 0
	for n < need && len(rest) > 0 {
		r, size := utf8.DecodeRune(rest)
		if !standsForContinuation(r) {
			break
		}
		rest = rest[size:]
		n++
	}
	return n == need || lead == 0xE2 && n > 0
}

// standsForContinuation reports whether r is what Windows-1252 or Latin-1
// decodes a UTF-8 continuation byte (0x80..0xBF) to.
func standsForContinuation(r rune) bool {
	if r < 0x80 {
		return false // cp1252High has no ASCII; do not search it for the usual case
	}
	return r <= 0xBF || strings.ContainsRune(cp1252High, r)
}

// cp1252High are the characters Windows-1252 decodes bytes 0x80..0x9F to
// where they are not the C1 controls themselves.
const cp1252High = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

// PDFHeader returns the offset of the "%PDF-1.x" header, or -1. Readers
// accept junk before the header within the first kilobyte; procx does too
// when the header starts a line and the file has objects, so that a text
// quoting "%PDF-" is still read as text.
func PDFHeader(data []byte) int {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 || len(data) < i+8 || (data[i+5] != '1' && data[i+5] != '2') || data[i+6] != '.' {
		return -1
	}
	if i > 0 && (data[i-1] != '\n' && data[i-1] != '\r' || !bytes.Contains(data, []byte("endobj"))) {
		return -1
	}
	return i
}
