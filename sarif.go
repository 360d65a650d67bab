package procx

import (
	"cmp"
	"io"
	"net/url"
	"path/filepath"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/procx/procx/schema"
)

// SARIF is a SARIF 2.1.0 log of procx's diagnostics, for code-scanning
// dashboards: one run of procx (its Version) with a rule per diagnostic
// code (its title, doc and default level) and a result per diagnostic,
// located by artifact path, line and column (columns count Unicode code
// points, as the run's columnKind says), with the related positions, the
// JSON Pointer and the PDF page. The run has one invocation, successful
// unless AddFailure recorded an input that could not be read.
type SARIF struct {
	run      *sarif.Run
	ruleIx   map[string]int
	failures []*sarif.Notification
}

// NewSARIF returns an empty log whose run documents every code as a rule.
func NewSARIF() *SARIF {
	run := sarif.NewRunWithInformationURI("procx", "https://github.com/procx/procx")
	run.Tool.Driver.WithVersion(Version())
	run.WithColumnKind("unicodeCodePoints")
	f := &SARIF{run: run, ruleIx: map[string]int{}}
	for i, c := range schema.Codes() {
		run.AddRule(string(c.Code)).
			WithName(string(c.Code)).
			WithShortDescription(sarif.NewMultiformatMessageString(c.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString(c.Doc)).
			WithTextHelp(c.Doc).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(c.Severity)))
		f.ruleIx[string(c.Code)] = i
	}
	return f
}

func sarifLevel(s schema.Severity) string {
	switch s {
	case schema.Error:
		return "error"
	case schema.Warning:
		return "warning"
	}
	return "note"
}

// artifactURI turns a path into a relative URI reference.
func artifactURI(path string) string {
	return (&url.URL{Path: filepath.ToSlash(path)}).String()
}

func region(line, col, endLine, endCol int) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(line).WithStartColumn(max(col, 1))
	if endLine >= line && endLine > 0 {
		r.WithEndLine(endLine)
		if endCol > 0 && (endLine > line || endCol > col) {
			r.WithEndColumn(endCol)
		}
	}
	return r
}

// Add adds a result per diagnostic. The diagnostics must have their lines
// and columns (as Process returns them).
func (f *SARIF) Add(ds []schema.Diagnostic) {
	for _, d := range ds {
		res := sarif.NewRuleResult(string(d.Code)).
			WithLevel(sarifLevel(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message))
		if ix, ok := f.ruleIx[string(d.Code)]; ok {
			res.WithRuleIndex(ix)
		}
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(d.Path)))
		if d.Line > 0 {
			loc.WithRegion(region(d.Line, d.Column, d.EndLine, d.EndColumn))
		}
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(loc))
		for i, r := range d.Related {
			path := cmp.Or(r.Path, d.Path) // the PDF of a paper is another file
			rl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(path)))
			if r.Line > 0 {
				rl.WithRegion(region(r.Line, r.Column, 0, 0))
			}
			l := sarif.NewLocationWithPhysicalLocation(rl).WithId(i).WithMessage(sarif.NewTextMessage(r.Message))
			if r.Page > 0 {
				l.PropertyBag = *sarif.NewPropertyBag()
				l.AddInteger("page", r.Page)
			}
			res.RelatedLocations = append(res.RelatedLocations, l)
		}
		if d.Pointer != "" || d.Page > 0 {
			res.PropertyBag = *sarif.NewPropertyBag()
		}
		if d.Pointer != "" {
			res.AddString("pointer", d.Pointer)
		}
		if d.Page > 0 {
			res.AddInteger("page", d.Page)
		}
		for _, fx := range d.Fixes {
			res.AddFix(sarifFix(d.Path, fx))
		}
		f.run.AddResult(res)
	}
}

// sarifFix is a fix as SARIF writes it: one artifact change of the
// diagnostic's file with a replacement per edit. Every region gives its
// end, since a region without an end column runs to the end of its line
// and an insertion is an empty region.
func sarifFix(path string, fx schema.Fix) *sarif.Fix {
	ch := sarif.NewArtifactChange(sarif.NewSimpleArtifactLocation(artifactURI(path)))
	for _, e := range fx.Edits {
		r := sarif.NewRegion().WithStartLine(e.Line).WithStartColumn(e.Column).WithEndLine(e.EndLine).WithEndColumn(e.EndColumn)
		ch.WithReplacement(sarif.NewReplacement(r).WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	return sarif.NewFix().WithDescriptionText(fx.Message).WithArtifactChanges([]*sarif.ArtifactChange{ch})
}

// AddFailure records a failure of the run rather than a finding about an
// input's content (d is typically an unreadable-input diagnostic: a path
// that could not be read) as an error notification of the run's
// invocation, located at d's path, which then is not successful.
func (f *SARIF) AddFailure(d schema.Diagnostic) {
	n := sarif.NewNotification().
		WithLevel("error").
		WithTextMessage(d.Message)
	n.AddLocation(sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(d.Path)))))
	rule := sarif.NewReportingDescriptorReference().WithId(string(d.Code))
	if ix, ok := f.ruleIx[string(d.Code)]; ok {
		rule.WithIndex(ix)
	}
	n.WithAssociatedRule(rule)
	f.failures = append(f.failures, n)
}

// Write writes the log as indented JSON ending with a newline.
func (f *SARIF) Write(w io.Writer) error {
	if f.run.Results == nil {
		f.run.Results = []*sarif.Result{}
	}
	inv := sarif.NewInvocation().WithExecutionSuccess(len(f.failures) == 0)
	inv.ToolExecutionNotifications = f.failures
	f.run.Invocations = []*sarif.Invocation{inv}
	rep, err := sarif.New(sarif.Version210, true)
	if err != nil {
		return err
	}
	rep.AddRun(f.run)
	if err := rep.PrettyWrite(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}
