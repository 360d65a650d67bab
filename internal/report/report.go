// Package report writes an HTML report of proceedings volumes for people:
// per volume a header (title, acronym, date, place, findings by
// severity), a page map (an inline SVG strip with a bar per paper over its
// pages, overlaps, gaps, reversed and unreadable ranges drawn and
// labelled), a table of the papers, and the findings with their source
// excerpt, filterable by severity and code; for several volumes, an index.
//
// The report is one self-contained file: its style and its few lines of
// script are inline, it loads nothing (its Content-Security-Policy forbids
// any load), and it works from disk, without script, and in print.
package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/procx/procx/schema"
)

var (
	//go:embed report.html.tmpl
	pageHTML string
	//go:embed report.css
	css string
	//go:embed report.js
	script string
)

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"f": func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
}).Parse(pageHTML))

// csp allows the inline style and script of the report by their hashes
// and nothing else: no network, no other script, no frames, no forms.
var csp = "default-src 'none'; style-src " + hash(css) + "; script-src " + hash(script) +
	"; img-src data:; base-uri 'none'; form-action 'none'"

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// Input is one volume to report on and its decoded input, for the source
// excerpts of its findings (nil: no excerpts).
type Input struct {
	Volume *schema.Volume
	File   *schema.File
}

// Write writes the report of inputs to w.
func Write(w io.Writer, inputs ...Input) error {
	r := New()
	for _, in := range inputs {
		if err := r.Add(in.Volume, in.File); err != nil {
			return err
		}
	}
	_, err := r.WriteTo(w)
	return err
}

// Report is a report under construction: Add renders a volume's section
// at once (so that the volume and its input may go), WriteTo writes the
// document.
type Report struct {
	sections []template.HTML
	index    []indexRow
}

// New starts a report.
func New() *Report { return &Report{} }

type indexRow struct {
	ID, Title, Path, Acronym, Date string
	Records, Papers                int
	Errors, Warnings, Infos        int
}

// Add renders the section of one volume.
func (r *Report) Add(v *schema.Volume, f *schema.File) error {
	n := len(r.sections) + 1
	vv := view(v, f, "v"+strconv.Itoa(n))
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "volume", vv); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	r.sections = append(r.sections, template.HTML(buf.String())) // made by html/template
	r.index = append(r.index, indexRow{ID: vv.ID, Title: vv.Title, Path: vv.Path, Acronym: vv.Acronym,
		Date: vv.Date, Records: len(vv.Rows), Papers: vv.Papers, Errors: vv.Count.Errors,
		Warnings: vv.Count.Warnings, Infos: vv.Count.Infos})
	return nil
}

// WriteTo writes the document: the index when there are several volumes,
// then each volume's section.
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	title := "procx report"
	if len(r.index) == 1 {
		title += ": " + r.index[0].Title
	} else {
		title += fmt.Sprintf(": %d volumes", len(r.index))
	}
	cw := &countWriter{w: w}
	err := tmpl.ExecuteTemplate(cw, "page", map[string]any{
		"Title":    title,
		"CSP":      csp,
		"CSS":      template.CSS(css),
		"Script":   template.JS(script),
		"Index":    r.index,
		"Sections": r.sections,
	})
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// volumeView is what the template shows of a volume.
type volumeView struct {
	ID                     string
	Title, Acronym, Date   string
	Location, Path, Format string
	Encoding               string
	Papers, Frontmatter    int
	Count                  counts
	Map                    *pageMap
	Rows                   []row
	Groups                 []group
	Codes                  []string
	Diags                  int
	Severities             []sevCount
}

type counts struct{ Errors, Warnings, Infos int }

type sevCount struct {
	Name string
	N    int
}

type row struct {
	ID, N, Kind, Section, Title, Authors, Pages, DOI string
	Diags                                            int
	Worst, FirstDiag                                 string
}

type group struct {
	Code, Title string
	Severity    string
	Diags       []diag
}

type diag struct {
	ID, Severity, Code, Loc, Message string
	Excerpt                          string
	Related                          []string
	Paper, PaperID                   string
}

func view(v *schema.Volume, f *schema.File, id string) *volumeView {
	p := v.Proceedings
	vv := &volumeView{ID: id, Title: p.Title, Acronym: p.Acronym, Date: p.Date, Location: p.Location,
		Path: v.Source.Path, Format: v.Source.Format, Encoding: v.Source.Encoding}
	if vv.Title == "" {
		vv.Title = cmpOr(p.Acronym, v.Source.Path, "(no title)")
	}
	recID := func(i int) string { return id + "-p" + strconv.Itoa(i+1) }
	// Findings: sorted as lint prints them, grouped by code, the worst
	// codes first.
	byPaper := map[int][]int{}
	byCode := map[string]*group{}
	var codes []string
	for i, d := range v.Diagnostics {
		switch d.Severity {
		case schema.Error:
			vv.Count.Errors++
		case schema.Warning:
			vv.Count.Warnings++
		default:
			vv.Count.Infos++
		}
		dv := diag{ID: id + "-d" + strconv.Itoa(i+1), Severity: d.Severity.String(), Code: string(d.Code),
			Loc: location(d), Message: d.Message}
		if f != nil && d.Line > 0 {
			dv.Excerpt = excerpt(f.LineText(d.Line), d.Column)
		}
		for _, r := range d.Related {
			s := r.Message
			switch {
			case r.Path != "":
				s = r.Where(d.Path) + ": " + r.Message
			case r.Line > 0:
				s = fmt.Sprintf("line %d: %s", r.Line, r.Message)
			}
			dv.Related = append(dv.Related, s)
		}
		if n, ok := paperOf(d.Pointer); ok && n < len(v.Papers) {
			byPaper[n] = append(byPaper[n], i)
			dv.Paper, dv.PaperID = strconv.Itoa(n+1), recID(n)
		}
		g := byCode[dv.Code]
		if g == nil {
			g = &group{Code: dv.Code, Severity: dv.Severity}
			if doc, ok := d.Code.Doc(); ok {
				g.Title = doc.Title
			}
			byCode[dv.Code] = g
			codes = append(codes, dv.Code)
		}
		if sevRank(dv.Severity) > sevRank(g.Severity) {
			g.Severity = dv.Severity
		}
		g.Diags = append(g.Diags, dv)
	}
	vv.Diags = len(v.Diagnostics)
	sort.Strings(codes)
	vv.Codes = codes
	for _, c := range codes {
		vv.Groups = append(vv.Groups, *byCode[c])
	}
	sort.SliceStable(vv.Groups, func(i, j int) bool { return sevRank(vv.Groups[i].Severity) > sevRank(vv.Groups[j].Severity) })
	vv.Severities = []sevCount{{"error", vv.Count.Errors}, {"warning", vv.Count.Warnings}, {"info", vv.Count.Infos}}

	for i := range v.Papers {
		r := &v.Papers[i]
		if r.Kind == schema.KindFrontmatter {
			vv.Frontmatter++
		} else {
			vv.Papers++
		}
		names := make([]string, len(r.Authors))
		for j, a := range r.Authors {
			names[j] = a.Name
		}
		rw := row{ID: recID(i), N: strconv.Itoa(i + 1), Kind: string(r.Kind), Section: r.Section,
			Title: titleOf(r), Authors: strings.Join(names, ", "), Pages: pagesText(r.Pages), DOI: r.DOI}
		if i > 0 && r.Section == v.Papers[i-1].Section {
			rw.Section = "" // shown on the first record of each section
		}
		if rw.Pages == "" && r.BibTeX != nil {
			rw.Pages = r.BibTeX.Fields["pages"] // unreadable: as written
		}
		worst := -1
		for _, di := range byPaper[i] {
			rw.Diags++
			if s := int(v.Diagnostics[di].Severity); s > worst {
				worst = s
			}
			if rw.FirstDiag == "" {
				rw.FirstDiag = id + "-d" + strconv.Itoa(di+1)
			}
		}
		if worst >= 0 {
			rw.Worst = schema.Severity(worst).String()
		}
		vv.Rows = append(vv.Rows, rw)
	}
	vv.Map = buildMap(v, recID)
	return vv
}

func sevRank(s string) int {
	switch s {
	case "error":
		return 2
	case "warning":
		return 1
	}
	return 0
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// location writes "path:line:col (page N)".
func location(d schema.Diagnostic) string {
	s := d.Path
	if d.Line > 0 {
		s += fmt.Sprintf(":%d:%d", d.Line, max(d.Column, 1))
	}
	if d.Page > 0 {
		s += fmt.Sprintf(" (page %d)", d.Page)
	}
	return s
}

// excerpt shows a line (clipped around the column when long) and a caret
// under the column, as lint --excerpt does.
func excerpt(line string, col int) string {
	r := []rune(strings.TrimRight(line, "\r\n"))
	col = min(max(col, 1), len(r)+1)
	start := 0
	if len(r) > 100 {
		start = max(0, col-1-40)
		r = r[start:min(len(r), start+100)]
	}
	var pad strings.Builder
	for _, c := range r[:col-1-start] {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return string(r) + "\n" + pad.String() + "^"
}
