package bibtex

import "bytes"

// The start of a BibTeX entry is, at the start of a line, optional blanks,
// '@', an entry type of ASCII letters, optional blanks and '{' or '('. It
// was the regexp `(?m)^[ \t]*@[A-Za-z]+[ \t]*[{(]`; the sniffers ran it
// over 64 KiB of every input and the segmenter on every line starting with
// '@', where the backtracking matcher cost more than the rest of sniffing.
// These byte scans accept exactly what the regexp matched (a differential
// test and fuzz target hold them to it).

// IsEntryStart reports whether t starts with an entry start: optional
// blanks, '@', ASCII letters, optional blanks, then '{' or '('. Nothing
// after the brace matters.
func IsEntryStart[T string | []byte](t T) bool {
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

// CountEntryStarts counts the lines of text that start an entry, stopping
// at limit. Like the (?m) regexp it replaces, a line starts at the start
// of text or after '\n' (a '\r' before it belongs to the previous line).
func CountEntryStarts(text []byte, limit int) int {
	n := 0
	for from := 0; n < limit; n++ {
		_, at := NextEntryStart(text, from, 0)
		if at < 0 {
			break
		}
		from = at + 1
	}
	return n
}

// NextEntryStart returns the offsets of the start and of the '@' of the
// first line that starts an entry and whose '@' is at or after from, or
// -1 and -1; with max > 0 only the first max bytes of a line from its '@'
// on are looked at. An entry start's '@' is the first byte of its line
// that is not a blank, so the scan jumps from '@' to '@' (there are few
// outside entry starts) and looks back for the start of the line, rather
// than find the end of every line: the sniffers look at the first 64 KiB
// of every input.
func NextEntryStart(text []byte, from, max int) (line, at int) {
	for from < len(text) {
		i := bytes.IndexByte(text[from:], '@')
		if i < 0 {
			return -1, -1
		}
		at = from + i
		from = at + 1
		line = at
		for line > 0 && (text[line-1] == ' ' || text[line-1] == '\t') {
			line--
		}
		if line > 0 && text[line-1] != '\n' {
			continue
		}
		end := len(text)
		if max > 0 {
			end = min(end, at+max)
		}
		if nl := bytes.IndexByte(text[at:end], '\n'); nl >= 0 {
			end = at + nl
		}
		if IsEntryStart(text[at:end]) {
			return line, at
		}
	}
	return -1, -1
}

func isLetterASCII(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
