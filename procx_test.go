package procx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/procx/procx"
	"github.com/procx/procx/internal/difftest"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encode(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden runs the reference through the pipeline and compares with its
// golden JSON; -update rewrites the golden file.
func TestGolden(t *testing.T) {
	const in, golden = "fixtures/vee21.txt", "fixtures/vee21.golden.json"
	got := encode(t, procx.Process(context.Background(), in, readFixture(t, in), procx.Options{}))
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", golden)
		return
	}
	want := readFixture(t, golden)
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update to accept):\n%s", in, golden, difftest.Lines(string(want), string(got)))
	}
}

// TestGoldenIdempotent normalizes the golden output again: nothing may
// change.
func TestGoldenIdempotent(t *testing.T) {
	var v schema.Volume
	if err := json.Unmarshal(readFixture(t, "fixtures/vee21.golden.json"), &v); err != nil {
		t.Fatal(err)
	}
	before := encode(t, v)
	normalize.Volume(&v)
	if after := encode(t, v); !bytes.Equal(before, after) {
		t.Errorf("normalizing the golden output changed it:\n%s", difftest.Lines(string(before), string(after)))
	}
}

var (
	reBibEntry = regexp.MustCompile(`(?m)^@InProceedings\{`)
	reBibField = regexp.MustCompile(`(?m)^(\w+) = \{(.*)\},$`)
)

// TestReferenceAgainstItsBibTeX checks every paper field by field against
// the reference's own BibTeX blocks, read here with a plain regexp: the
// prose reading (title, authors) and the BibTeX reading must agree.
func TestReferenceAgainstItsBibTeX(t *testing.T) {
	src := readFixture(t, "fixtures/vee21.txt")
	v := procx.Process(context.Background(), "fixtures/vee21.txt", src, procx.Options{})
	var papers []schema.Record
	for _, p := range v.Papers {
		if p.Kind == schema.KindPaper {
			papers = append(papers, p)
		}
	}
	blocks := reBibEntry.Split(string(src), -1)[1:]
	if len(papers) != len(blocks) {
		t.Fatalf("%d papers, the reference has %d BibTeX entries", len(papers), len(blocks))
	}
	for i, block := range blocks {
		fields := map[string]string{}
		for _, m := range reBibField.FindAllStringSubmatch(block, -1) {
			fields[m[1]] = m[2]
		}
		p := papers[i]
		if p.Title != fields["title"] {
			t.Errorf("paper %d: title %q, bibtex %q", i, p.Title, fields["title"])
		}
		var names []string
		for _, a := range p.Authors {
			names = append(names, a.Name)
			if a.Given == "" || a.Family == "" || !strings.HasSuffix(a.Name, a.Family) {
				t.Errorf("paper %d: author %q split as given %q family %q", i, a.Name, a.Given, a.Family)
			}
		}
		if got := strings.Join(names, " and "); got != fields["author"] {
			t.Errorf("paper %d: authors %q, bibtex %q", i, got, fields["author"])
		}
		if p.DOI != fields["doi"] || p.BibTeX.Fields["doi"] != fields["doi"] {
			t.Errorf("paper %d: doi %q, bibtex %q", i, p.DOI, fields["doi"])
		}
		if p.Pages == nil || p.Pages.Text != fields["pages"] || strconv.Itoa(p.Pages.First)+"--"+strconv.Itoa(p.Pages.Last) != fields["pages"] {
			t.Errorf("paper %d: pages %+v, bibtex %q", i, p.Pages, fields["pages"])
		}
		if strconv.Itoa(p.Year) != fields["year"] {
			t.Errorf("paper %d: year %d, bibtex %q", i, p.Year, fields["year"])
		}
		if p.BibTeX.Fields["booktitle"] != `Proc.\ VEE` || p.BibTeX.Type != "inproceedings" || !strings.HasPrefix(block, p.BibTeX.Key+",") {
			t.Errorf("paper %d: bibtex %+v", i, p.BibTeX)
		}
		if len(p.Affiliations) == 0 || p.Abstract == "" {
			t.Errorf("paper %d: no affiliations or abstract", i)
		}
		for _, a := range p.Affiliations {
			if a.CountryCode == "" || a.Institution == "" {
				t.Errorf("paper %d: affiliation %+v not split", i, a)
			}
		}
	}
}

// TestReferenceDetails pins facts of the reference that the issue names.
func TestReferenceDetails(t *testing.T) {
	v := procx.Process(context.Background(), "fixtures/vee21.txt", readFixture(t, "fixtures/vee21.txt"), procx.Options{})
	p := v.Proceedings
	if p.Title != "17th ACM SIGPLAN/SIGOPS International Conference on Virtual Execution Environments" ||
		p.Acronym != "VEE 2021" || p.Date != "2021-04-16" || p.Location != "Virtual, USA" {
		t.Errorf("proceedings = %+v", p)
	}
	byTitle := map[string]schema.Record{}
	var kinds []string
	for _, r := range v.Papers {
		byTitle[r.Title] = r
		kinds = append(kinds, string(r.Kind)+"/"+r.Section)
	}
	if kinds[0] != "frontmatter/Frontmatter" || kinds[1] != "frontmatter/Frontmatter" || kinds[2] != "paper/Papers" {
		t.Errorf("kinds/sections start %v", kinds[:3])
	}
	if fm := byTitle["Welcome from the PC Chairs"]; fm.Abstract != "Welcome to the 2021 edition of VEE, the 17th ACM SIGPLAN/SIGOPS International Conference on Virtual Execution Environments." {
		t.Errorf("front matter body = %q", fm.Abstract)
	}
	if a := byTitle["virtio-mem: Paravirtualized Memory Hot(Un)Plug"].Affiliations; len(a) != 1 || a[0].CountryCode != "DE" || a[0].Institution != "TU Munich" {
		t.Errorf("virtio-mem affiliations = %+v", a)
	}
	comp := byTitle["(No)Compromis: Paging Virtualization Is Not a Fatality"]
	if len(comp.Authors) != 6 || comp.Authors[5].Name != "Gilles Muller" || comp.Authors[4].Name != "Daniel Hagimont" {
		t.Errorf("Oxford-comma author list = %+v", comp.Authors)
	}
	if !reflect.DeepEqual(comp.Affiliations[1], schema.Affiliation{Name: "University of Neuchatel, Switzerland", Institution: "University of Neuchatel", Country: "Switzerland", CountryCode: "CH"}) {
		t.Errorf("affiliation = %+v", comp.Affiliations[1])
	}
	vcpu := byTitle["Mitigating Excessive vCPU Spinning in VM-Agnostic KVM"]
	paras := strings.Split(vcpu.Abstract, "\n\n")
	if len(paras) != 2 || !strings.HasPrefix(paras[0], "In virtualized environments, oversubscribing virtual CPUs (vCPUs) on physical CPUs (pCPUs) is common") ||
		!strings.HasSuffix(paras[0], "by hardware support for virtualization.") || !strings.HasPrefix(paras[1], "This paper investigates") || strings.Contains(vcpu.Abstract, "\n ") {
		t.Errorf("wrapped abstract = %q", vcpu.Abstract)
	}
	pml := byTitle["Extending Intel PML for Hardware-Assisted Working Set Size Estimation of VMs"]
	if !strings.Contains(pml.Abstract, "to estimate the WSS of a VM that runs") || strings.Count(pml.Abstract, "\n\n") != 2 {
		t.Errorf("PML abstract = %q", pml.Abstract)
	}
	if a := pml.Authors[3]; a != (schema.Author{Name: "Noël de Palma", Given: "Noël", Family: "de Palma", Particle: "de"}) {
		t.Errorf("particle name = %+v", a)
	}
	if pml.Span != (schema.Span{Line: 146, EndLine: 164}) {
		t.Errorf("span = %+v", pml.Span)
	}
	for _, d := range v.Diagnostics {
		if d.Code == "unparsed-text" || d.Severity == schema.Error {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
}

// TestMutations reads the mutated copies of the reference: every one gives
// the papers of the reference.
func TestMutations(t *testing.T) {
	ref := procx.Process(context.Background(), "fixtures/vee21.txt", readFixture(t, "fixtures/vee21.txt"), procx.Options{})
	files, _ := filepath.Glob("fixtures/mutations/*.txt")
	if len(files) < 8 {
		t.Fatalf("only %d mutation fixtures; run go run ./fixtures/mutations/gen", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			v := procx.Process(context.Background(), f, readFixture(t, f), procx.Options{})
			if len(v.Papers) != len(ref.Papers) {
				t.Fatalf("%d records, want %d", len(v.Papers), len(ref.Papers))
			}
			for i, p := range v.Papers {
				r := ref.Papers[i]
				if p.Title != r.Title || p.Abstract != r.Abstract || p.DOI != r.DOI || p.Kind != r.Kind ||
					string(encode(t, p.Authors)) != string(encode(t, r.Authors)) ||
					string(encode(t, p.Affiliations)) != string(encode(t, r.Affiliations)) ||
					string(encode(t, p.BibTeX)) != string(encode(t, r.BibTeX)) {
					t.Errorf("record %d differs from the reference:\n%s", i, difftest.Lines(string(encode(t, r)), string(encode(t, p))))
				}
			}
			for _, d := range v.Diagnostics {
				if d.Code == "unparsed-text" || d.Severity == schema.Error {
					t.Errorf("unexpected diagnostic %s", d)
				}
			}
			if filepath.Base(f) == "sessions.txt" {
				want := map[string]string{
					"virtio-mem: Paravirtualized Memory Hot(Un)Plug":                       "Session 1: Memory",
					"BTMMU: An Efficient and Versatile Cross-ISA Memory Virtualization":    "Session 2: Binary Translation",
					"Effective Exploitation of SIMD Resources in Cross-ISA Virtualization": "Session 2: Binary Translation",
					"Mitigating Excessive vCPU Spinning in VM-Agnostic KVM":                "Scheduling",
				}
				for _, p := range v.Papers {
					if s, ok := want[p.Title]; ok && p.Section != s {
						t.Errorf("%q in section %q, want %q", p.Title, p.Section, s)
					}
				}
			}
		})
	}
}
