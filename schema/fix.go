package schema

// Fix is an exact repair of a diagnostic: edits to the input after which
// the finding is gone. procx attaches a fix only where the repair is
// certain (see "procx fix").
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces the bytes [Off, End) of the decoded input with NewText.
// Line, Column, EndLine and EndColumn are Off and End as 1-based lines and
// columns (columns count Unicode code points; the end is exclusive), set
// when the diagnostic is resolved.
type Edit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`

	Off int `json:"-"`
	End int `json:"-"`
}

// ResolveFixes sets the lines and columns of the edits of every fix of ds
// from their byte offsets.
func (f *File) ResolveFixes(ds []Diagnostic) {
	for i := range ds {
		for j := range ds[i].Fixes {
			for k := range ds[i].Fixes[j].Edits {
				e := &ds[i].Fixes[j].Edits[k]
				e.Line, e.Column = f.Position(e.Off)
				e.EndLine, e.EndColumn = f.Position(e.End)
			}
		}
	}
}
