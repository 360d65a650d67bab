package source

import (
	"encoding/binary"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/procx/procx/internal/swar"
)

// Latin1 is a transform.Transformer that decodes ISO-8859-1 to UTF-8, as
// charmap.ISO8859_1's decoder does, but copies each run of ASCII bytes
// whole, found eight bytes at a time, rather than byte by byte: a dblp
// dump is mostly ASCII, and this is about five times as fast.
type Latin1 struct{ transform.NopResetter }

// Transform implements transform.Transformer. Every byte is a character
// (U+0000 to U+00FF), so src never ends short.
func (Latin1) Transform(dst, src []byte, _ bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if n := asciiPrefix(src[nSrc:]); n > 0 {
			k := copy(dst[nDst:], src[nSrc:nSrc+n])
			nDst += k
			nSrc += k
			if k < n {
				return nDst, nSrc, transform.ErrShortDst
			}
			continue
		}
		if len(dst)-nDst < 2 {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc] // U+0080 to U+00FF: two bytes in UTF-8
		dst[nDst], dst[nDst+1] = 0xC0|c>>6, 0x80|c&0x3F
		nDst += 2
		nSrc++
	}
	return nDst, nSrc, nil
}

// asciiPrefix returns the length of the run of ASCII bytes b starts with.
func asciiPrefix(b []byte) int {
	n := 0
	for n+8 <= len(b) && binary.LittleEndian.Uint64(b[n:])&swar.Highs == 0 {
		n += 8
	}
	for n < len(b) && b[n] < utf8.RuneSelf {
		n++
	}
	return n
}
