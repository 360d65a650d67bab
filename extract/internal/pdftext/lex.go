// Package pdftext reads the text of a PDF as positioned lines: for each
// page, the strings of its content streams decoded through each font's
// ToUnicode CMap (or its encoding), placed by the text and graphics
// matrices, grouped into lines by baseline, with their x extent, type size
// and page. github.com/ledongthuc/pdf parses the file structure (xref,
// objects, filters, encryption); a panic in it becomes a diagnostic.
package pdftext

// A small lexer for PDF content streams and CMaps. github.com/ledongthuc/pdf
// has one (pdf.Interpret), but it reads the whole stream without a bound
// and panics on malformed input; procx reads streams through a size limit
// and lexes them here, so no stream content can make it panic or loop.

// psKind is the kind of a content-stream operand.
type psKind uint8

const (
	psNull psKind = iota
	psNumber
	psString
	psName
	psArray
	psDict
)

// psObj is one operand: a number, a string (raw bytes), a name, or an
// array or dictionary of operands (a dictionary's keys and values in order).
type psObj struct {
	kind psKind
	num  float64
	str  string
	arr  []psObj
}

// psLimits bound the lexer: operands kept between operators and nesting.
const (
	psMaxOperands = 1 << 16
	psMaxDepth    = 32
)

// lexPS calls do for every operator in data with the operands since the
// previous operator. do returns false to stop. Malformed input is skipped
// byte by byte; lexPS always terminates.
func lexPS(data []byte, do func(op string, args []psObj) bool) {
	l := &psLexer{data: data}
	var args []psObj
	for {
		obj, op, ok := l.next(0)
		if !ok {
			return
		}
		if op != "" {
			if !do(op, args) {
				return
			}
			args = args[:0]
			if op == "ID" {
				l.skipInlineImage()
			}
			continue
		}
		if len(args) < psMaxOperands {
			args = append(args, obj)
		}
	}
}

type psLexer struct {
	data []byte
	pos  int
}

func isPSSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPSDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the next operand, or the next operator in op; ok is false
// at the end of the data. Inside an array or dictionary (depth > 0) a
// closing bracket is returned as the operator "]" or ">>".
func (l *psLexer) next(depth int) (obj psObj, op string, ok bool) {
	d := l.data
	for l.pos < len(d) {
		c := d[l.pos]
		switch {
		case isPSSpace(c):
			l.pos++
			continue
		case c == '%':
			for l.pos < len(d) && d[l.pos] != '\n' && d[l.pos] != '\r' {
				l.pos++
			}
			continue
		case c == '(':
			l.pos++
			return psObj{kind: psString, str: l.literal()}, "", true
		case c == '<':
			if l.pos+1 < len(d) && d[l.pos+1] == '<' {
				l.pos += 2
				return psObj{kind: psDict, arr: l.collect(depth, ">>")}, "", true
			}
			l.pos++
			return psObj{kind: psString, str: l.hex()}, "", true
		case c == '>':
			if l.pos+1 < len(d) && d[l.pos+1] == '>' {
				l.pos += 2
				return psObj{}, ">>", true
			}
			l.pos++
			continue
		case c == '[':
			l.pos++
			return psObj{kind: psArray, arr: l.collect(depth, "]")}, "", true
		case c == ']':
			l.pos++
			return psObj{}, "]", true
		case c == '{' || c == '}' || c == ')':
			l.pos++
			continue
		case c == '/':
			l.pos++
			start := l.pos
			for l.pos < len(d) && !isPSSpace(d[l.pos]) && !isPSDelim(d[l.pos]) {
				l.pos++
			}
			return psObj{kind: psName, str: string(d[start:l.pos])}, "", true
		}
		start := l.pos
		for l.pos < len(d) && !isPSSpace(d[l.pos]) && !isPSDelim(d[l.pos]) {
			l.pos++
		}
		word := d[start:l.pos]
		if n, isNum := parsePSNumber(word); isNum {
			return psObj{kind: psNumber, num: n}, "", true
		}
		switch string(word) {
		case "true", "false", "null":
			return psObj{kind: psNull}, "", true
		}
		return psObj{}, string(word), true
	}
	return psObj{}, "", false
}

// collect reads the elements of an array or dictionary up to close.
// Operators inside are dropped. Past psMaxDepth it reads nothing, so
// the elements are read as operands of the enclosing level.
func (l *psLexer) collect(depth int, close string) []psObj {
	var out []psObj
	if depth >= psMaxDepth {
		return nil
	}
	for {
		obj, op, ok := l.next(depth + 1)
		if !ok || op == close {
			return out
		}
		if op == "]" || op == ">>" {
			return out // mismatched close: end here
		}
		if op == "" && len(out) < psMaxOperands {
			out = append(out, obj)
		}
	}
}

func parsePSNumber(w []byte) (float64, bool) {
	if len(w) == 0 || len(w) > 64 {
		return 0, false
	}
	var n, frac float64
	neg, dot, digits := false, false, 0
	scale := 1.0
	for i, c := range w {
		switch {
		case (c == '-' || c == '+') && i == 0:
			neg = c == '-'
		case c == '.' && !dot:
			dot = true
		case c >= '0' && c <= '9':
			digits++
			if dot {
				scale /= 10
				frac += float64(c-'0') * scale
			} else {
				n = n*10 + float64(c-'0')
			}
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	n += frac
	if neg {
		n = -n
	}
	return n, true
}

// literal reads a (string) after its opening parenthesis.
func (l *psLexer) literal() string {
	d := l.data
	var b []byte
	depth := 1
	for l.pos < len(d) {
		c := d[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(b)
			}
		case '\\':
			if l.pos >= len(d) {
				return string(b)
			}
			e := d[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(d) && d[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(d) && d[l.pos] >= '0' && d[l.pos] <= '7'; k++ {
						v = v*8 + int(d[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// hex reads a <hex string> after its opening bracket.
func (l *psLexer) hex() string {
	d := l.data
	var b []byte
	hi, half := byte(0), false
	for l.pos < len(d) {
		c := d[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhexByte(c)
		if !ok {
			continue
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		b = append(b, hi<<4)
	}
	return string(b)
}

func unhexByte(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// skipInlineImage skips the binary data of an inline image after ID, up to
// and including the EI operator.
func (l *psLexer) skipInlineImage() {
	d := l.data
	if l.pos < len(d) && isPSSpace(d[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(d); i++ {
		if d[i] == 'E' && d[i+1] == 'I' && (i == 0 || isPSSpace(d[i-1])) &&
			(i+2 == len(d) || isPSSpace(d[i+2]) || isPSDelim(d[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(d)
}
