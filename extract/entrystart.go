package extract

import "bytes"

// The start of a BibTeX entry is, at the start of a line, optional blanks,
// '@', an entry type of ASCII letters, optional blanks and '{' or '('. It
// was the regexp `(?m)^[ \t]*@[A-Za-z]+[ \t]*[{(]`; the sniffers ran it
// over 64 KiB of every input and the segmenter on every line starting with
// '@', where the backtracking matcher cost more than the rest of sniffing.
// These byte scans accept exactly what the regexp matched (a differential
// test and fuzz target hold them to it).

// entryStartPrefix reports whether t starts with an entry start: optional
// blanks, '@', ASCII letters, optional blanks, then '{' or '('. Nothing
// after the brace matters.
func entryStartPrefix[T string | []byte](t T) bool {
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i >= len(t) || t[i] != '@' {
		return false
	}
	i++
	letters := i
	for i < len(t) && isLetterASCII(t[i]) {
		i++
	}
	if i == letters {
		return false
	}
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	return i < len(t) && (t[i] == '{' || t[i] == '(')
}

// countEntryStarts counts the lines of text that start an entry, stopping
// at limit. Like the (?m) regexp it replaces, a line starts at the start
// of text or after '\n' (a '\r' before it belongs to the previous line).
func countEntryStarts(text []byte, limit int) int {
	n := 0
	for off := 0; off < len(text) && n < limit; {
		line := text[off:]
		end := bytes.IndexByte(line, '\n')
		if end >= 0 {
			line = line[:end]
		}
		if entryStartPrefix(line) {
			n++
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return n
}
