package validate

import (
	"encoding/json"
	"strconv"

	"github.com/procx/procx/schema"
)

// Tree returns v as the generic JSON value that encoding/json would
// produce from it (objects as map[string]any, arrays as []any, numbers as
// json.Number), built directly from the Go values. Validating the tree
// avoids a marshal and unmarshal round trip per volume; a test checks that
// the tree equals the decoded JSON encoding of v, field for field.
func Tree(v *schema.Volume) map[string]any {
	papers := make([]any, len(v.Papers))
	for i := range v.Papers {
		papers[i] = recordTree(&v.Papers[i])
	}
	diags := make([]any, len(v.Diagnostics))
	for i := range v.Diagnostics {
		diags[i] = diagnosticTree(&v.Diagnostics[i])
	}
	src := map[string]any{"path": v.Source.Path, "format": v.Source.Format}
	setStr(src, "encoding", v.Source.Encoding)
	m := map[string]any{
		"source":      src,
		"proceedings": proceedingsTree(&v.Proceedings),
		"papers":      papers,
		"diagnostics": diags,
	}
	if len(v.Containers) > 0 {
		cs := make([]any, len(v.Containers))
		for i := range v.Containers {
			cs[i] = containerTree(&v.Containers[i])
		}
		m["containers"] = cs
	}
	return m
}

func containerTree(c *schema.Container) map[string]any {
	m := map[string]any{"name": c.Name}
	setStr(m, "title", c.Title)
	setStr(m, "acronym", c.Acronym)
	setStr(m, "date", c.Date)
	setStr(m, "location", c.Location)
	setStr(m, "publisher", c.Publisher)
	if len(c.Editors) > 0 {
		m["editors"] = authorsTree(c.Editors)
	}
	if c.Span != nil {
		m["span"] = spanTree(*c.Span)
	}
	return m
}

func num(n int) json.Number { return json.Number(strconv.Itoa(n)) }

func setStr(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func setInt(m map[string]any, k string, v int) {
	if v != 0 {
		m[k] = num(v)
	}
}

func proceedingsTree(p *schema.Proceedings) map[string]any {
	m := map[string]any{}
	setStr(m, "title", p.Title)
	setStr(m, "acronym", p.Acronym)
	setStr(m, "date", p.Date)
	setStr(m, "location", p.Location)
	setStr(m, "publisher", p.Publisher)
	if len(p.Editors) > 0 {
		m["editors"] = authorsTree(p.Editors)
	}
	if len(p.Sections) > 0 {
		ss := make([]any, len(p.Sections))
		for i, s := range p.Sections {
			sm := map[string]any{"name": s.Name, "span": spanTree(s.Span)}
			if len(s.Chairs) > 0 {
				sm["chairs"] = authorsTree(s.Chairs)
			}
			ss[i] = sm
		}
		m["sections"] = ss
	}
	return m
}

func spanTree(s schema.Span) map[string]any {
	m := map[string]any{"line": num(s.Line), "end_line": num(s.EndLine)}
	setInt(m, "page", s.Page)
	return m
}

func authorsTree(as []schema.Author) []any {
	out := make([]any, len(as))
	for i, a := range as {
		m := map[string]any{"name": a.Name}
		setStr(m, "given", a.Given)
		setStr(m, "family", a.Family)
		setStr(m, "particle", a.Particle)
		setStr(m, "suffix", a.Suffix)
		setStr(m, "id", a.ID)
		setStr(m, "email", a.Email)
		setStr(m, "note", a.Note)
		out[i] = m
	}
	return out
}

func recordTree(r *schema.Record) map[string]any {
	m := map[string]any{
		"kind":  string(r.Kind),
		"title": r.Title,
		"span":  spanTree(r.Span),
	}
	// authors has no omitempty: nil encodes as null.
	if r.Authors == nil {
		m["authors"] = nil
	} else {
		m["authors"] = authorsTree(r.Authors)
	}
	setStr(m, "section", r.Section)
	setStr(m, "container", r.Container)
	setStr(m, "key", r.Key)
	if len(r.Affiliations) > 0 {
		as := make([]any, len(r.Affiliations))
		for i, a := range r.Affiliations {
			am := map[string]any{"name": a.Name}
			setStr(am, "institution", a.Institution)
			setStr(am, "country", a.Country)
			setStr(am, "country_code", a.CountryCode)
			if len(a.Authors) > 0 {
				ns := make([]any, len(a.Authors))
				for j, n := range a.Authors {
					ns[j] = num(n)
				}
				am["authors"] = ns
			}
			as[i] = am
		}
		m["affiliations"] = as
	}
	setStr(m, "abstract", r.Abstract)
	if p := r.Pages; p != nil {
		pm := map[string]any{"first": num(p.First), "last": num(p.Last)}
		setStr(pm, "text", p.Text)
		setStr(pm, "article", p.Article)
		if p.Roman {
			pm["roman"] = true
		}
		m["pages"] = pm
	}
	setStr(m, "doi", r.DOI)
	setStr(m, "url", r.URL)
	setStr(m, "arxiv", r.Arxiv)
	setStr(m, "venue", r.Venue)
	setStrs(m, "emails", r.Emails)
	setStrs(m, "keywords", r.Keywords)
	setInt(m, "year", r.Year)
	setInt(m, "page_count", r.PageCount)
	if r.Withdrawn {
		m["withdrawn"] = true
	}
	if r.Informal {
		m["informal"] = true
	}
	if b := r.BibTeX; b != nil {
		var fields any
		if b.Fields != nil {
			fm := make(map[string]any, len(b.Fields))
			for k, v := range b.Fields {
				fm[k] = v
			}
			fields = fm
		}
		m["bibtex"] = map[string]any{"type": b.Type, "key": b.Key, "fields": fields}
	}
	return m
}

func diagnosticTree(d *schema.Diagnostic) map[string]any {
	m := map[string]any{"code": string(d.Code), "severity": d.Severity.String(), "message": d.Message, "path": d.Path}
	setInt(m, "line", d.Line)
	setInt(m, "column", d.Column)
	setInt(m, "end_line", d.EndLine)
	setInt(m, "end_column", d.EndColumn)
	setInt(m, "page", d.Page)
	setStr(m, "pointer", d.Pointer)
	if len(d.Related) > 0 {
		rs := make([]any, len(d.Related))
		for i, r := range d.Related {
			rm := map[string]any{"message": r.Message}
			setStr(rm, "path", r.Path)
			setInt(rm, "line", r.Line)
			setInt(rm, "column", r.Column)
			setInt(rm, "page", r.Page)
			setStr(rm, "pointer", r.Pointer)
			rs[i] = rm
		}
		m["related"] = rs
	}
	if len(d.Fixes) > 0 {
		fs := make([]any, len(d.Fixes))
		for i, f := range d.Fixes {
			es := make([]any, len(f.Edits))
			for j, e := range f.Edits {
				es[j] = map[string]any{"line": num(e.Line), "column": num(e.Column), "end_line": num(e.EndLine), "end_column": num(e.EndColumn), "new_text": e.NewText}
			}
			fs[i] = map[string]any{"message": f.Message, "edits": es}
		}
		m["fixes"] = fs
	}
	return m
}

// setStrs sets m[k] to ss as an array when ss is not empty (omitempty).
func setStrs(m map[string]any, k string, ss []string) {
	if len(ss) == 0 {
		return
	}
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	m[k] = out
}
