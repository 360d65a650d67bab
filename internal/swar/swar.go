// Package swar holds what the byte scans of normalize and jsonw share for
// testing eight bytes of a string at once in a uint64.
package swar

// Masks with one bit set in each byte of a word.
const (
	Ones  = 0x0101010101010101 // the low bit of each byte
	Highs = 0x8080808080808080 // the high bit of each byte
	Lows  = 0x7f7f7f7f7f7f7f7f // all but the high bit of each byte
)

// Load64 reads the first eight bytes of s as a little-endian word (one
// load: the compiler combines the byte reads).
func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
