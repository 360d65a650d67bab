package validate

import (
	"github.com/procx/procx/internal/text"
)

// runPagesDash reports BibTeX page ranges written with one hyphen or an en
// dash, which BibTeX writes "--".
func runPagesDash(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX == nil {
			continue
		}
		pages, ok := r.BibTeX.Fields["pages"]
		if !ok {
			continue
		}
		if to, ok := text.BibTeXPages(pages); ok {
			p.Report(ptr(i, "/bibtex/fields/pages"), nil, "bibtex pages %q of %q: write %q", pages, text.Clip(r.Title, 60), to)
		}
	}
}

// runDOIURL reports DOIs written as resolver links or with "doi:": the
// BibTeX doi field, and the record's doi when it is written so (a JSON
// volume edited by hand; the readers keep the bare DOI).
func runDOIURL(p *checkPass) {
	for i, r := range p.Volume.Papers {
		if r.BibTeX != nil {
			if d, ok := r.BibTeX.Fields["doi"]; ok {
				if bare, ok := text.BareDOI(d); ok {
					p.Report(ptr(i, "/bibtex/fields/doi"), nil, "bibtex doi %q is a link: write %q", text.Clip(d, 80), bare)
				}
			}
		}
		if bare, ok := text.BareDOI(r.DOI); ok {
			p.Report(ptr(i, "/doi"), nil, "doi %q is a link: write %q", text.Clip(r.DOI, 80), bare)
		}
	}
}
