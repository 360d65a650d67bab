package swar

import (
	"encoding/binary"
	"testing"
)

func TestLoad64(t *testing.T) {
	for _, s := range []string{"abcdefgh", "\x00\x01\x02\x03\x04\x05\x06\x07xyz", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		if got, want := Load64(s), binary.LittleEndian.Uint64([]byte(s)); got != want {
			t.Errorf("Load64(%q) = %#x, want %#x", s, got, want)
		}
	}
	if Ones*0x80 != Highs || Highs|Lows != ^uint64(0) {
		t.Error("the masks do not agree")
	}
}
