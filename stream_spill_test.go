package procx

import (
	"bufio"
	"bytes"
	"reflect"
	"testing"

	"github.com/procx/procx/schema"
)

// FuzzSummaryRoundTrip: a record summary written to a spill file reads
// back as it was, and reading arbitrary bytes as summaries fails without
// panicking.
func FuzzSummaryRoundTrip(f *testing.F) {
	f.Add("conf/x/2021", "A Title", "10.1/x", "Key21", 3, 14, true, 1, 40, []byte{0, 1})
	f.Add("", "", "", "", -1, 0, false, 0, 0, []byte{})
	f.Fuzz(func(t *testing.T, container, title, doi, key string, first, last int, roman bool, line, off int, junk []byte) {
		s := summary{index: max(off, 0), kind: schema.KindPaper, title: title, doi: doi, key: key,
			pages: &schema.Pages{First: first, Last: last, Roman: roman, Text: title},
			pos:   []placed{{field: 2, off: off, end: off + 3, line: int32(line), col: 1, endLine: int32(line), endCol: 4}}}
		if first < 0 {
			s.pages = nil
		}
		b := appendSummary(nil, container, &s)
		c, got, err := readSummary(bufio.NewReader(bytes.NewReader(b)))
		if err != nil || c != container || !reflect.DeepEqual(got, s) {
			t.Fatalf("read back %q %+v (%v), wrote %q %+v", c, got, err, container, s)
		}
		r := bufio.NewReader(bytes.NewReader(junk))
		for i := 0; i < 100; i++ {
			if _, _, err := readSummary(r); err != nil {
				break
			}
		}
	})
}
