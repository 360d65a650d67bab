package pdfgen

import (
	"bytes"
	"compress/zlib"
	"fmt"
)

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

// Bomb is a PDF with one page whose content stream inflates to n zero
// bytes.
func Bomb(n int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zero := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(zero) {
		zw.Write(zero[:min(left, len(zero))])
	}
	zw.Close()
	return WithContent(z.Bytes(), "/Filter /FlateDecode")
}

// WithContent is a one-page PDF whose content stream is content, with
// filter (e.g. "/Filter /FlateDecode") in its dictionary.
func WithContent(content []byte, filter string) []byte {
	var b bytes.Buffer
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(content), filter, content),
	}
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}
