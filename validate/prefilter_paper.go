package validate

import (
	"regexp"
	"strings"

	"github.com/procx/procx/schema"
)

// reArxiv is #/definitions/record/properties/arxiv/pattern.
var reArxiv = regexp.MustCompile(`^([0-9]{4}\.[0-9]{4,5}|[a-z-]+(\.[A-Z]{2})?/[0-9]{7})(v[0-9]+)?$`)

// paperFieldsValid mirrors the record properties a paper's first page
// gives: keywords are text, arxiv and emails match their patterns, venue
// is text.
func paperFieldsValid(r *schema.Record) bool {
	for _, k := range r.Keywords {
		if !isText(k) {
			return false
		}
	}
	for _, e := range r.Emails {
		if !isEmail(e) {
			return false
		}
	}
	return optText(r.Venue) && (r.Arxiv == "" || reArxiv.MatchString(r.Arxiv))
}

// isEmail mirrors the email pattern ^[^@\s]+@[^@\s]+$.
func isEmail(s string) bool {
	i := strings.IndexByte(s, '@')
	if i <= 0 || i == len(s)-1 || strings.IndexByte(s[i+1:], '@') >= 0 {
		return false
	}
	return noSpace(s)
}
