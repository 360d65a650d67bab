package normalize

import (
	"strings"
	"testing"

	"github.com/procx/procx/schema"
)

func TestVolume(t *testing.T) {
	v := &schema.Volume{
		Source: schema.Source{Path: "x.txt"},
		Papers: []schema.Record{{
			Kind:  schema.KindPaper,
			Title: `Sch\"{o}lkopf  meets \foo{bar}`,
			Authors: []schema.Author{
				{Name: "Hajime T\u0430zaki"}, {Name: "Noe\u0308l de\u200b Palma"}, {Name: "LIU, Ao"},
				{Name: "Van den Broeck, Guy", Given: "Guy", Family: "Van den Broeck"},
			},
			Affiliations: []schema.Affiliation{{Name: "TU Munich, Germany"}, {Name: "Somewhere Lab"}, {Name: "KAIST, South Korea"}},
			Abstract:     "One\u00a0 para.\n\nTwo “quoted” paras.",
			DOI:          "10.1/RÃ©",
			BibTeX:       &schema.BibTeX{Type: "inproceedings", Key: "k", Fields: map[string]string{"author": "Noe\u0308l de Palma"}},
		}},
	}
	v.Papers = append(v.Papers, schema.Record{Kind: schema.KindPaper, Title: `Sch\"{o}lkopf's {GPU}s`, Authors: []schema.Author{}})
	Volume(v)
	if got := v.Papers[1].Title; got != "Schölkopf's GPUs" {
		t.Errorf("title = %q", got)
	}
	p := v.Papers[0]
	if p.Title != `Sch\"{o}lkopf meets \foo{bar}` {
		t.Errorf("title = %q", p.Title)
	}
	want := []schema.Author{
		{Name: "Hajime T\u0430zaki", Given: "Hajime", Family: "T\u0430zaki"},
		{Name: "Noël de Palma", Given: "Noël", Family: "de Palma", Particle: "de"},
		{Name: "Ao LIU", Given: "Ao", Family: "LIU"},
		{Name: "Van den Broeck, Guy", Given: "Guy", Family: "Van den Broeck"},
	}
	for i := range want {
		if p.Authors[i] != want[i] {
			t.Errorf("author %d = %+v, want %+v", i, p.Authors[i], want[i])
		}
	}
	if a := p.Affiliations[0]; a.CountryCode != "DE" || a.Institution != "TU Munich" {
		t.Errorf("affiliation 0 = %+v", a)
	}
	if a := p.Affiliations[2]; a.CountryCode != "KR" {
		t.Errorf("affiliation 2 = %+v", a)
	}
	if p.Abstract != "One para.\n\nTwo “quoted” paras." {
		t.Errorf("abstract = %q", p.Abstract)
	}
	if p.BibTeX.Fields["author"] != "Noël de Palma" {
		t.Errorf("bibtex author = %q", p.BibTeX.Fields["author"])
	}
	got := map[string]bool{}
	for _, d := range v.Diagnostics {
		got[string(d.Code)+" "+d.Pointer] = true
		if d.Message != strings.ToLower(d.Message[:1])+d.Message[1:] || strings.HasSuffix(d.Message, ".") {
			t.Errorf("message style: %q", d.Message)
		}
	}
	for _, w := range []string{
		"latex-in-text /papers/0/title",
		"mixed-script /papers/0/authors/0/name",
		"not-nfc /papers/0/authors/1/name",
		"invisible-char /papers/0/authors/1/name",
		"name-case /papers/0/authors/2/name",
		"affiliation-unparsed /papers/0/affiliations/1",
		"not-nfc /papers/0/bibtex/fields/author",
		"mojibake /papers/0/doi",
	} {
		if !got[w] {
			t.Errorf("missing diagnostic %s", w)
		}
	}
	if p.DOI != "10.1/Ré" {
		t.Errorf("doi = %q", p.DOI)
	}
	if len(got) != 8 {
		t.Errorf("diagnostics: %v", got)
	}
	// Normalizing again changes nothing in the records.
	before := v.Papers[0]
	before.Authors = append([]schema.Author(nil), before.Authors...)
	Volume(v)
	for i := range before.Authors {
		if before.Authors[i] != v.Papers[0].Authors[i] {
			t.Errorf("second pass changed author %d: %+v", i, v.Papers[0].Authors[i])
		}
	}
	if before.Title != v.Papers[0].Title || before.Abstract != v.Papers[0].Abstract {
		t.Error("second pass changed the title or abstract")
	}
}

func TestPointer(t *testing.T) {
	for _, tc := range []struct {
		p    pointer
		want string
	}{
		{at("/proceedings/title"), "/proceedings/title"},
		{item("/papers", 3).with("/title"), "/papers/3/title"},
		{item("/papers/3/authors", 0), "/papers/3/authors/0"},
		{item("/papers/3/authors", 12).with("/name"), "/papers/3/authors/12/name"},
		{at("/proceedings/sections/1/chairs/2").with("/name"), "/proceedings/sections/1/chairs/2/name"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestCompoundFamily: a display-form name takes the split of a compound
// family name from the record's BibTeX ("Peyton Jones, Simon", "Simon
// {Peyton Jones}"); without one, nothing is guessed. Normalizing again
// changes nothing.
func TestCompoundFamily(t *testing.T) {
	for _, tc := range []struct{ field, name, given, family string }{
		{"Peyton Jones, Simon and Martin Schulz", "Simon Peyton Jones", "Simon", "Peyton Jones"},
		{"Simon {Peyton Jones} and Martin Schulz", "Simon Peyton Jones", "Simon", "Peyton Jones"},
		{"Castañeda Lozano, Roberto", "Roberto Castañeda Lozano", "Roberto", "Castañeda Lozano"},
		{"Simon Peyton Jones and Martin Schulz", "Simon Peyton Jones", "Simon Peyton", "Jones"},
		{"", "Simon Peyton Jones", "Simon Peyton", "Jones"},
	} {
		r := schema.Record{Kind: schema.KindPaper, Title: "T", Authors: []schema.Author{{Name: tc.name}}}
		if tc.field != "" {
			r.BibTeX = &schema.BibTeX{Type: "inproceedings", Key: "k", Fields: map[string]string{"author": tc.field}}
		}
		v := &schema.Volume{Source: schema.Source{Path: "x.txt"}, Papers: []schema.Record{r}}
		for range 2 {
			Volume(v)
			a := v.Papers[0].Authors[0]
			if a.Given != tc.given || a.Family != tc.family {
				t.Errorf("%q with bibtex %q: given %q family %q; want %q %q", tc.name, tc.field, a.Given, a.Family, tc.given, tc.family)
			}
		}
	}
}

// TestAffiliationCountry: an affiliation without a country is reported
// for a table of contents' record, not for a paper read from its own PDF
// (PageCount set), whose first page often names none; a country that ends
// the affiliation's sentence ("USA.") is read.
func TestAffiliationCountry(t *testing.T) {
	affs := func() []schema.Affiliation {
		return []schema.Affiliation{{Name: "Princeton University"}, {Name: "Laboratory of Information and Decision Systems, MIT, Cambridge, MA, USA."}}
	}
	v := &schema.Volume{Source: schema.Source{Path: "x"}, Papers: []schema.Record{
		{Kind: schema.KindPaper, Title: "A", Authors: []schema.Author{{Name: "A B"}}, Affiliations: affs()},
		{Kind: schema.KindPaper, Title: "B", Authors: []schema.Author{{Name: "C D"}}, Affiliations: affs(), PageCount: 9},
	}}
	Volume(v)
	var got []string
	for _, d := range v.Diagnostics {
		if d.Code == schema.AffiliationUnparsed {
			got = append(got, d.Pointer)
		}
	}
	if strings.Join(got, " ") != "/papers/0/affiliations/0" {
		t.Errorf("affiliation-unparsed at %q, want /papers/0/affiliations/0 alone", got)
	}
	for i := range v.Papers {
		if a := v.Papers[i].Affiliations[1]; a.CountryCode != "US" || a.Country != "USA" {
			t.Errorf("paper %d: %q read as country %q (%q)", i, a.Name, a.Country, a.CountryCode)
		}
	}
}
