// Package suppress applies what a run is told to accept to a volume's
// diagnostics, in one place after the pipeline made them, so that every
// output sees the same set: the [[ignore]] rules and severity overrides of
// procx.toml and --severity, and the "% procx:ignore CODE[,CODE] reason"
// comment lines of BibTeX inputs, an unused or malformed one of which is
// itself reported (unused-ignore).
package suppress

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/procx/procx/schema"
)

// marker starts a directive after a comment's "%".
const marker = "procx:ignore"

// Directive is one "% procx:ignore CODE[,CODE] reason" comment line.
type Directive struct {
	Off, End int // the comment's bytes in the decoded text, without the newline
	Line     int // 1-based
	Codes    []schema.Code
	Reason   string
	// Err says why the directive is malformed ("" when it is not); a
	// malformed directive silences nothing.
	Err string
}

// Scan finds the directives in a decoded text: lines whose first non-blank
// byte is "%" followed, after optional blanks, by "procx:ignore". Text
// without the marker costs one search.
func Scan(text []byte) []Directive {
	if !bytes.Contains(text, []byte(marker)) {
		return nil
	}
	var out []Directive
	line, off := 1, 0
	for off <= len(text) {
		end := off + bytes.IndexByte(text[off:], '\n')
		if end < off {
			end = len(text)
		}
		stop := end
		if stop > off && text[stop-1] == '\r' {
			stop-- // not the \r of a CRLF line
		}
		if l := bytes.TrimLeft(text[off:stop], " \t"); len(l) == 0 || l[0] != '%' {
			// not a comment line
		} else if d, ok := Parse(string(l)); ok {
			d.Off, d.End, d.Line = stop-len(l), stop, line
			out = append(out, d)
		}
		line++
		off = end + 1
	}
	return out
}

// Parse reads one line as a directive; ok is false for a line that is not
// one (a directive that is malformed is one, with Err set).
func Parse(line string) (d Directive, ok bool) {
	rest := strings.TrimLeft(line, " \t")
	rest, ok = strings.CutPrefix(rest, "%")
	if !ok {
		return d, false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t%"), marker)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\r') {
		return d, false
	}
	rest = strings.TrimLeft(rest, " \t")
	list, reason, _ := strings.Cut(strings.Replace(rest, "\t", " ", 1), " ")
	d.Reason = strings.TrimSpace(reason)
	for _, c := range strings.Split(strings.TrimRight(list, "\r"), ",") {
		c = strings.TrimSpace(c)
		switch {
		case c == "":
			continue
		case !schema.Code(c).Known():
			d.Err = fmt.Sprintf("procx:ignore names an unknown code %q (procx explain lists them); it silences nothing", c)
			return d, true
		}
		d.Codes = append(d.Codes, schema.Code(c))
	}
	switch {
	case len(d.Codes) == 0:
		d.Err = "procx:ignore names no code (write \"% procx:ignore CODE[,CODE] reason\"); it silences nothing"
	case strings.Trim(d.Reason, " \t\r") == "":
		d.Err = fmt.Sprintf("procx:ignore %s gives no reason (write why after the codes); it silences nothing", codeList(d.Codes))
	}
	return d, true
}

func codeList(cs []schema.Code) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}
