package validate

import (
	"slices"

	"github.com/procx/procx/schema"
)

// CrossRecordCodes are the codes of the checks that compare the records of
// a container with each other (doi prefix, duplicates, the page sequence); every other
// check reads one record and the volume's metadata. A reader that streams
// a volume runs the others record by record (Options.Disable with these
// codes) and these once over a compact copy of each container (CrossRecord).
var CrossRecordCodes = []schema.Code{
	schema.DOIPrefix, schema.DuplicateDOI, schema.DuplicateKey, schema.DuplicateTitle,
	schema.PagesOverlap, schema.PagesGap,
}

// CrossRecord runs the checks of CrossRecordCodes over v, whose records
// need only what they read: kind, title, doi, pages, the bibtex key, the
// container, and the positions of those fields. v.Diagnostics need hold
// only the syntax errors that cost the input an entry (which silence the
// gaps they may explain). It returns what the checks find.
func CrossRecord(v *schema.Volume, opt Options) []schema.Diagnostic {
	g := groups(v)
	var found []schema.Diagnostic
	for _, c := range checks {
		if slices.Contains(CrossRecordCodes, c.code) && !slices.Contains(opt.Disable, c.code) {
			found = append(found, runCheck(v, g, c, opt)...)
		}
	}
	return found
}
