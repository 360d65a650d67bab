package procx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/procx/procx"
	"github.com/procx/procx/extract"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// Process runs every stage on one input: the volume it returns has its
// records normalized and its diagnostics positioned at line and column.
func ExampleProcess() {
	data, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		panic(err)
	}
	v := procx.Process(context.Background(), "fixtures/vee21.txt", data, procx.Options{})
	fmt.Println(v.Proceedings.Acronym, v.Proceedings.Date)
	p := v.Papers[2]
	fmt.Println(p.Title)
	fmt.Println(p.Authors[0].Family, p.Pages.First, p.Pages.Last, p.DOI)
	for _, d := range v.Diagnostics {
		fmt.Println(d)
	}
	// Output:
	// VEE 2021 2021-04-16
	// virtio-mem: Paravirtualized Memory Hot(Un)Plug
	// Hildenbrand 1 14 10.1145/3453933.3454010
	// fixtures/vee21.txt:283:16: warning: unescaped "&" in bibtex title "Spons & Shields: Practical Isolation for Trusted Execution": write \& [bibtex-unescaped]
}

// Reading one format: extract.Read with the format named (or left empty to
// sniff it) gives the records as the reader found them, before
// normalization and checks, with byte offsets still in the diagnostics.
func Example_readBibTeX() {
	bib := `@proceedings{conf21, title = {Proc. of {CONF} 2021}, year = 2021}
@inproceedings{conf21p1, crossref = {conf21}, author = {Sch{\"o}lkopf, Bernhard and de Palma, No{\"e}l},
  title = {Kernels, Again}, pages = {1--14}, doi = {10.1145/1234.5678}}
`
	v, _ := extract.Read(context.Background(), "conf.bib", []byte(bib), extract.Options{Format: "bibtex"})
	fmt.Println(v.Source.Format, "|", v.Proceedings.Title)
	p := v.Papers[0]
	fmt.Println(p.Title, p.Pages.First, p.Pages.Last, p.DOI)
	for _, a := range p.Authors {
		fmt.Printf("%s: given %q, family %q\n", a.Name, a.Given, a.Family)
	}
	// Output:
	// bibtex | Proc. of CONF 2021
	// Kernels, Again 1 14 10.1145/1234.5678
	// Bernhard Schölkopf: given "Bernhard", family "Schölkopf"
	// Noël de Palma: given "Noël", family "de Palma"
}

// Running the checks on records built by hand: validate.Volume runs every
// volume check (pages, duplicates, DOIs, prose against BibTeX ...) and
// appends what it finds; each diagnostic points at a record by its JSON
// Pointer.
func Example_checks() {
	v := &schema.Volume{
		Source:      schema.Source{Path: "hand-made", Format: "json"},
		Proceedings: schema.Proceedings{Title: "Proceedings of CONF 2021", Acronym: "CONF 2021"},
		Papers: []schema.Record{
			{Kind: schema.KindPaper, Title: "First", Authors: []schema.Author{{Name: "Ada Lovelace", Given: "Ada", Family: "Lovelace"}},
				Pages: &schema.Pages{First: 1, Last: 14}, DOI: "10.1145/1.1"},
			{Kind: schema.KindPaper, Title: "Second", Authors: []schema.Author{{Name: "Alan Turing", Given: "Alan", Family: "Turing"}},
				Pages: &schema.Pages{First: 12, Last: 20}, DOI: "10.1145/1.1"},
		},
	}
	validate.Volume(v, validate.Options{})
	for _, d := range schema.SortDiagnostics(v.Diagnostics) {
		fmt.Println(d.Pointer, d.Code, d.Severity)
	}
	// Output:
	// /papers/1/doi duplicate-doi error
	// /papers/1/pages pages-overlap error
}

// Writing SARIF: procx.SARIF turns the diagnostics of any number of inputs
// into one SARIF 2.1.0 log for code-scanning dashboards, with a rule per
// diagnostic code.
func ExampleSARIF() {
	data, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		panic(err)
	}
	v := procx.Process(context.Background(), "fixtures/vee21.txt", data, procx.Options{})
	log := procx.NewSARIF()
	log.Add(v.Diagnostics)
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		panic(err)
	}
	var out struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		panic(err)
	}
	r := out.Runs[0].Results[0]
	loc := r.Locations[0].PhysicalLocation
	fmt.Println(out.Version, r.RuleID, loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn)
	// Output:
	// 2.1.0 bibtex-unescaped fixtures/vee21.txt 283 16
}
