package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

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
}

// Decode turns raw input bytes into UTF-8 text. It strips a UTF-8 BOM,
// decodes UTF-16 with a BOM or with a clear NUL pattern, and decodes input
// that is not valid UTF-8 as Windows-1252. Every fallback is reported with
// an "encoding" diagnostic; decoding never fails. A PDF is left as it is
// for the PDF reader.
func Decode(path string, data []byte) *Document {
	doc := &Document{Encoding: "utf-8", Raw: data}
	var text []byte
	switch {
	case pdfHeader(data) >= 0:
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
	doc.File = schema.NewFile(path, text)
	for i := range doc.Diagnostics {
		doc.Diagnostics[i].Path = path
	}
	return doc
}

func (doc *Document) fallback(data []byte) []byte {
	bad := firstInvalid(data)
	doc.Encoding = "windows-1252"
	doc.report(fmt.Sprintf("input is not valid UTF-8 (byte 0x%02X at offset %d); decoded as windows-1252", data[bad], bad))
	return decodeWith(charmap.Windows1252, data)
}

func (doc *Document) report(msg string) {
	doc.Diagnostics = append(doc.Diagnostics, schema.Diagnostic{
		Code: "encoding", Severity: schema.Warning, Message: msg, Off: 0, End: -1,
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
	if n < 4 {
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
