package validate

import (
	"fmt"
	"slices"

	"github.com/procx/procx/schema"
)

// DropConsequences removes the findings that a reader's cut explains and
// returns v's diagnostics without them. A cut is a diagnostic that says
// the reader stopped short (Cut: a PDF page's content stream over
// --max-pdf-stream, the pages after --max-pdf-pages): the text from its
// Off to its End is incomplete, or, for an empty range, the reading
// stopped there. What is found in that text, on the records read from it,
// and in the page sequence across it is the cut's consequence; the cut's
// own message says how many findings it explains, so nothing is lost
// silently.
func DropConsequences(v *schema.Volume) []schema.Diagnostic {
	var cuts []int // indexes into v.Diagnostics
	for i, d := range v.Diagnostics {
		if d.Cut && d.Off >= 0 {
			cuts = append(cuts, i)
		}
	}
	if len(cuts) == 0 {
		return v.Diagnostics
	}
	records := make([]map[int]bool, len(cuts))
	for j, c := range cuts {
		records[j] = cutRecords(v, v.Diagnostics[c])
	}
	dropped := make([]int, len(cuts))
	explained := func(d schema.Diagnostic) bool {
		if d.Cut {
			return false
		}
		for j, c := range cuts {
			cut := v.Diagnostics[c]
			i, onRecord := recordIndex(d.Pointer)
			switch {
			case d.Off >= 0 && cut.Off < cut.End && cut.Off <= d.Off && d.Off <= cut.End,
				d.Off >= 0 && cut.Off == cut.End && d.Off <= cut.Off && d.End >= cut.Off, // runs into where the reading stopped
				onRecord && records[j][i],
				d.Code == schema.PagesGap && len(d.Related) > 0 && d.Related[0].Off >= 0 &&
					d.Related[0].Off <= cut.Off && cut.End <= d.Off:
				dropped[j]++
				return true
			}
		}
		return false
	}
	ds := slices.DeleteFunc(slices.Clone(v.Diagnostics), explained)
	for j, c := range cuts {
		if dropped[j] == 0 {
			continue
		}
		at := slices.IndexFunc(ds, func(d schema.Diagnostic) bool {
			return d.Cut && d.Off == v.Diagnostics[c].Off && d.Message == v.Diagnostics[c].Message
		})
		if at >= 0 {
			n, s := dropped[j], "s"
			if n == 1 {
				s = ""
			}
			ds[at].Message += fmt.Sprintf("; %d finding%s in the text not read in full not reported", n, s)
		}
	}
	return ds
}

// cutRecords are the records that cut did not let the reader read in
// full: those whose range meets the cut's range, and for an empty range,
// where the reading stopped, the record that holds that point or else the
// last one before it, which may go on past what was read.
func cutRecords(v *schema.Volume, cut schema.Diagnostic) map[int]bool {
	out := map[int]bool{}
	last, lastOff := -1, -1
	for i, r := range v.Papers {
		rg, ok := r.Pos.Get("")
		if !ok {
			continue
		}
		if rg.Off <= cut.End && cut.Off <= rg.End {
			out[i] = true
		}
		if cut.Off == cut.End && rg.Off <= cut.Off && rg.Off > lastOff {
			last, lastOff = i, rg.Off
		}
	}
	if last >= 0 {
		out[last] = true
	}
	return out
}
