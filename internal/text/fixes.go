package text

import "golang.org/x/text/unicode/norm"

// NFC returns s in Unicode NFC, the repair of a "not-nfc" finding.
func NFC(s string) string { return norm.NFC.String(s) }

// StripInvisible returns s without the characters Clean removes as
// invisible (the repair of an "invisible-char" finding); white space and
// every other character stay as they are.
func StripInvisible(s string) string {
	out, removed := stripInvisible(s)
	if len(removed) == 0 {
		return s
	}
	return out
}
