package pdfgen

import "bytes"

// Damaged returns damaged variants of good, a PDF with a classic xref
// table and a "/Root 1 0 R" trailer entry (as Render writes), for tests of
// readers: keyed by what is wrong.
func Damaged(good []byte) map[string][]byte {
	xref := bytes.LastIndex(good, []byte("xref"))
	if xref < 0 {
		xref = len(good)
	}
	noXref := append(append([]byte(nil), good[:xref]...), "%%EOF\n"...)
	return map[string][]byte{
		"truncated":            good[:len(good)/2],
		"garbage after header": append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("\x00garbage\xff"), 500)...),
		"no xref":              noXref,
		"header only":          []byte("%PDF-1.7\n"),
		"bad startxref":        append(append([]byte(nil), good[:xref]...), "startxref\n999999\n%%EOF\n"...),
		"encrypted":            bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt << /Filter /Standard /V 5 /R 6 /O (x) /U (y) /P -4 /Length 256 >>"), 1),
		"cyclic pages":         bytes.Replace(good, []byte("/Type /Pages /Kids ["), []byte("/Type /Pages /Kids [2 0 R "), 1),
		"bad content":          bytes.Replace(good, []byte("/Filter /FlateDecode"), []byte("/Filter /LZWDecode"), -1),
	}
}
