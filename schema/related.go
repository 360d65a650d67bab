package schema

import (
	"fmt"
	"strings"
)

// Where formats the position of a related location for people:
// "path:line:col", with " (page N)" for a page of a PDF. The path is r's
// own when it names another file, else path, the diagnostic's; a related
// location with no line in the diagnostic's file gives "".
func (r Related) Where(path string) string {
	var b strings.Builder
	switch {
	case r.Path != "":
		b.WriteString(r.Path)
	case r.Line > 0:
		b.WriteString(path)
	default:
		return ""
	}
	if r.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", r.Line, max(r.Column, 1))
	}
	if r.Page > 0 {
		fmt.Fprintf(&b, " (page %d)", r.Page)
	}
	return b.String()
}
