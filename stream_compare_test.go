package procx

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// defectiveBibTeX is a generated BibTeX volume of n entries with the
// defects the comparing checks find, planted every few entries: pages
// that overlap the entry before's or leave a gap after them, a doi or a
// key that the entry before has (its key in other case), a doi outside the
// volume's prefix, an entry lost to a syntax error where pages are
// missing, and the titles the generator repeats. gaps counts the gaps
// planted, which are not the lost entries'.
func defectiveBibTeX(n int) (data []byte, gaps int) {
	src := gen.BibTeX(n, 11)
	head, rest, _ := strings.Cut(src, "\n@inproceedings{")
	entries := strings.Split(rest, "\n@inproceedings{")
	pages := regexp.MustCompile(`pages = \{(\d+)--(\d+)\}`)
	doi := regexp.MustCompile(`doi = \{([^}]*)\}`)
	var b strings.Builder
	b.WriteString(head)
	shift := 0 // what the gaps planted so far moved the pages by
	for i, e := range entries {
		key, body, _ := strings.Cut(e, ",")
		m := pages.FindStringSubmatch(body)
		first, _ := strconv.Atoi(m[1])
		last, _ := strconv.Atoi(m[2])
		first, last = first+shift, last+shift
		switch {
		case i%41 == 7: // a gap of 3 pages before it
			shift += 3
			first, last = first+3, last+3
			gaps++
		case i%43 == 9: // overlaps the entry before by 2 pages
			first -= 2
		case i%47 == 11: // a lost entry, where 4 pages go missing
			b.WriteString("\n@inproceedings{lost" + strconv.Itoa(i) + "\n  title = {Lost},\n}\n")
			shift += 4
			first, last = first+4, last+4
		}
		body = pages.ReplaceAllString(body, fmt.Sprintf("pages = {%d--%d}", first, last))
		prev := ""
		if i > 0 {
			prev, _, _ = strings.Cut(entries[i-1], ",")
		}
		switch {
		case i%53 == 13:
			body = doi.ReplaceAllString(body, "doi = {"+doi.FindStringSubmatch(entries[i-1])[1]+"}")
		case i%59 == 17:
			key = strings.ToUpper(prev)
		case i%61 == 19:
			body = doi.ReplaceAllString(body, "doi = {10.9999/other."+strconv.Itoa(i)+"}")
		}
		b.WriteString("\n@inproceedings{" + key + "," + body)
	}
	return []byte(b.String()), gaps
}

// TestStreamComparingChecksMatchProcess: a generated BibTeX volume with
// duplicates, overlaps, gaps and a lost entry, streamed in pieces of 16
// KiB, gets from the checks that compare records what Process gives it:
// the same diagnostics, related positions and all, in the same order,
// whether the findings are held or, past a few, written to a file and
// sorted from there.
func TestStreamComparingChecksMatchProcess(t *testing.T) {
	defer func(n, m int) { streamPiece, spillFindingsAt = n, m }(streamPiece, spillFindingsAt)
	streamPiece = 16 << 10
	data, gaps := defectiveBibTeX(1500)
	for _, at := range []int{spillFindingsAt, 5} {
		spillFindingsAt = at
		t.Run(fmt.Sprint("spill at ", at), func(t *testing.T) { comparingMatches(t, data, gaps) })
	}
}

func comparingMatches(t *testing.T, data []byte, gaps int) {
	var c collect
	if err := Stream(context.Background(), "gen.bib", bytes.NewReader(data), Options{}, &c); err != nil {
		t.Fatal(err)
	}
	if c.src.Format != "bibtex" || len(c.papers) != 1500 {
		t.Fatalf("streamed %d records as %q", len(c.papers), c.src.Format)
	}
	v := Process(context.Background(), "gen.bib", data, Options{})
	var want []schema.Diagnostic
	for _, d := range v.Diagnostics {
		if slices.Contains(validate.CrossRecordCodes, d.Code) {
			want = append(want, d)
		}
	}
	got := c.cross // sorted as they come
	count := map[schema.Code]int{}
	for _, d := range want {
		count[d.Code]++
	}
	// Every defect planted is found: each kind at least as often as
	// planted (the generator repeats titles too).
	for code, least := range map[schema.Code]int{schema.PagesOverlap: 1500 / 43,
		schema.DuplicateDOI: 1500 / 53, schema.DuplicateKey: 1500 / 59, schema.DOIPrefix: 1500 / 61, schema.DuplicateTitle: 1} {
		if count[code] < least {
			t.Errorf("Process found %d %s, want at least %d", count[code], code, least)
		}
	}
	if count[schema.PagesGap] != gaps {
		t.Errorf("Process found %d gaps, %d planted (the pages of the lost entries are no gap)", count[schema.PagesGap], gaps)
	}
	if len(got) != len(want) {
		t.Errorf("streamed %d findings, read whole %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i]); g != w {
			t.Errorf("finding %d:\nstreamed   %s\nread whole %s", i, g, w)
		}
	}
}
