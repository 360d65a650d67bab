package baseline

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

func TestValue(t *testing.T) {
	for in, want := range map[string]string{
		`pages 6-8 missing between "One" (1--5) and "Two" (9--12)`:                           `pages 6-8 missing between "One" (1--5) and "Two" (9--12)`,
		`/papers/12/pages/first: invalid type, expected integer, given string (value "one")`: `/papers/N/pages/first: invalid type, expected integer, given string (value "one")`,
		`line 812 is 2000000 bytes long, over the limit of 1048576 (--max-line-length)`:      `line N is 2000000 bytes long, over the limit of 1048576 (--max-line-length)`,
		`title "X" repeats the title of paper 3 at 40:1`:                                     `title "X" repeats the title of paper N at N:N`,
		`duplicate key "VEE21p1" (first at line 12)`:                                         `duplicate key "VEE21p1" (first at line N)`,
		`text was not in unicode nfc: "Noël de Palma" (normalized)`:                          `text was not in unicode nfc: "Noël de Palma" (normalized)`,
		`pages 4:1--4:56 of "A"`: `pages 4:1--4:56 of "A"`,
	} {
		if got := Value(in); got != want {
			t.Errorf("Value(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestOf(t *testing.T) {
	d := schema.PagesGap.AtPointer("a/v.bib", "/papers/2/pages", "pages 6-8 missing before %q (line %d)", "Two", 17)
	for _, tc := range []struct {
		rec  *schema.Record
		want string
	}{
		{nil, ""},
		{&schema.Record{Title: "Two"}, "title:Two"},
		{&schema.Record{Title: "Two", DOI: "10.1/2"}, "doi:10.1/2"},
		{&schema.Record{Title: "Two", DOI: "10.1/2", Key: "conf/x/Two21"}, "key:conf/x/Two21"},
		{&schema.Record{Title: "Two", Key: "conf/x/Two21", BibTeX: &schema.BibTeX{Key: "p2"}}, "key:p2"},
	} {
		e := Of(&d, "./a//v.bib", tc.rec)
		want := Entry{Code: schema.PagesGap, Path: "a/v.bib", Record: tc.want, Value: `pages 6-8 missing before "Two" (line N)`}
		if e != want {
			t.Errorf("Of(%+v) = %+v; want %+v", tc.rec, e, want)
		}
	}
}

// TestSet: written entries read back; each matches one finding, so a
// duplicate finding needs a duplicate entry.
func TestSet(t *testing.T) {
	a := Entry{Code: schema.PagesGap, Path: "v.bib", Record: "key:p2", Value: "gap"}
	b := Entry{Code: schema.NotNFC, Path: "v.bib", Value: "nfc"}
	var buf bytes.Buffer
	if err := Write(&buf, []Entry{b, a, b}); err != nil {
		t.Fatal(err)
	}
	if strings.Index(buf.String(), `"record": "key:p2"`) < strings.LastIndex(buf.String(), `"value": "nfc"`) {
		t.Errorf("entries not sorted by path, record (none first), code:\n%s", buf.String())
	}
	s, err := Parse("b.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := []bool{s.Take(b), s.Take(a), s.Take(b), s.Take(b), s.Take(a), s.Take(Entry{Code: schema.NotNFC, Path: "w.bib", Value: "nfc"})}
	if want := []bool{true, true, true, false, false, false}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Take: %v; want %v", got, want)
	}
	if s.Taken() != 3 || s.Gone() != 0 {
		t.Errorf("Taken %d, Gone %d; want 3, 0", s.Taken(), s.Gone())
	}
	s, _ = Parse("b.json", buf.Bytes())
	s.Take(a)
	if s.Taken() != 1 || s.Gone() != 2 {
		t.Errorf("Taken %d, Gone %d; want 1, 2", s.Taken(), s.Gone())
	}
	for _, bad := range []string{"", "[]", `{"version": 2, "findings": []}`, `{"version": 1, "findings": [], "extra": 1}`, `{"version": 1, "findings": [{"code": "x", "line": 3}]}`} {
		if _, err := Parse("b.json", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "baseline b.json: ") {
			t.Errorf("Parse(%q) = %v; want an error naming the file", bad, err)
		}
	}
}

// FuzzParse: no input panics Parse, and what it accepts holds no more
// findings to match than its entries.
func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	Write(&buf, []Entry{{Code: schema.PagesGap, Path: "v.bib", Record: "key:p2", Value: "gap"}})
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version": 1, "findings": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("f.json", data)
		if err != nil {
			return
		}
		if s.Taken() != 0 || s.Gone() != s.total {
			t.Errorf("fresh set: taken %d, gone %d of %d", s.Taken(), s.Gone(), s.total)
		}
	})
}
