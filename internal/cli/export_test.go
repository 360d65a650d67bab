package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bib = "../../fixtures/bibtex/volume.bib"

// overlap writes the input of the check fixture with a planted overlap.
func overlap(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../fixtures/checks/pages-overlap.txtar")
	if err != nil {
		t.Fatal(err)
	}
	_, in, _ := strings.Cut(string(b), "-- input.txt --\n")
	p := filepath.Join(t.TempDir(), "overlap.txt")
	if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCLIExport(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stdout string // regexp; "" means empty
		stderr string // regexp; "" means empty
		code   int
	}{
		{"csl", []string{"extract", "--format", "csl", ref}, `(?s)^\[\n  \{\n    "id": "VEE21fm1",\n    "type": "chapter".*"id": "VEE21p1",\n    "type": "paper-conference".*\n\]\n$`, "", 0},
		{"bibtex", []string{"extract", "--format", "bibtex", ref}, `(?s)^% \.\./\.\./fixtures/vee21\.txt: 17th ACM.*\n@inproceedings\{VEE21p1,\n  author    = \{Hildenbrand, David and Schulz, Martin\},.*  crossref  = \{VEE21\},\n\}\n.*@proceedings\{VEE21,\n`, "", 0},
		{"bibtex utf8", []string{"extract", "--format", "bibtex", ref}, `Réveillère, Laurent`, "", 0},
		{"bibtex latex", []string{"extract", "--format", "bibtex", "--bibtex-encoding", "latex", ref}, `R\{\\'e\}veill\{\\` + "`" + `e\}re, Laurent`, "", 0},
		{"bibtex bad encoding", []string{"extract", "--format", "bibtex", "--bibtex-encoding", "ascii", ref}, "", `--bibtex-encoding "ascii": want one of utf8, latex`, 2},
		{"csv", []string{"extract", "--format", "csv", ref}, "^key,title,authors,pages,doi,year,section,affiliations,abstract\r\nVEE21p1,virtio-mem: Paravirtualized Memory Hot\\(Un\\)Plug,David Hildenbrand; Martin Schulz,1–14,10\\.1145/3453933\\.3454010,2021,Papers,\"TU Munich, Germany\",", "", 0},
		{"csv of two inputs", []string{"extract", "--format", "csv", ref, bib}, "^source,key,title,", `bibtex-syntax`, 1},
		{"bibtex failing input", []string{"extract", "--format", "bibtex", bib}, `@article\{Knuth31,`, `(?m)^\.\./\.\./fixtures/bibtex/volume\.bib:50:3: error: .*\[bibtex-syntax\]$`, 1},
		{"report", []string{"report", ref}, `(?s)^<!DOCTYPE html>\n<html lang="en">.*<svg class="pagemap".*</html>\n$`, "", 0},
		{"report missing file", []string{"report", "no/such.txt", ref}, `(?s)^<!DOCTYPE html>`, `(?s)^procx: no/such\.txt: no such file or directory\nprocx: 2 files \(1 unreadable\).*`, 2},
		{"report bad flag", []string{"report", "--format", "pdf", ref}, "", `^procx: report: unknown flag: --format\n$`, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, clip(out), errOut)
			}
			match(t, "stdout", out, c.stdout)
			match(t, "stderr", errOut, c.stderr)
		})
	}
}

// TestOneDocument: several inputs written with -o make one document of
// the format: one JSON array of volumes, one CSL array, one CSV with a
// source column, one BibTeX file.
func TestOneDocument(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{ref, bib, overlap(t)}
	out := func(format string) []byte {
		t.Helper()
		dst := filepath.Join(dir, "out."+format)
		_, errOut, code := run(t, "", append([]string{"extract", "-q", "--fail-on", "never", "--format", format, "-o", dst}, inputs...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		b, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var vols []struct {
		Source struct{ Path string }
		Papers []struct{ Kind string }
	}
	if err := json.Unmarshal(out("json"), &vols); err != nil {
		t.Fatalf("json: %v", err)
	}
	records, papers := 0, 0
	for i, v := range vols {
		if v.Source.Path != inputs[i] {
			t.Errorf("volume %d is %s, want %s", i, v.Source.Path, inputs[i])
		}
		records += len(v.Papers)
		for _, p := range v.Papers {
			if p.Kind == "paper" {
				papers++
			}
		}
	}
	if len(vols) != len(inputs) {
		t.Fatalf("json: %d volumes of %d inputs", len(vols), len(inputs))
	}
	var items []map[string]any
	if err := json.Unmarshal(out("csl"), &items); err != nil || len(items) != records {
		t.Errorf("csl: %v, %d items of %d records", err, len(items), records)
	}
	rows, err := csv.NewReader(strings.NewReader(string(out("csv")))).ReadAll()
	if err != nil || len(rows) != papers+1 || rows[0][0] != "source" {
		t.Errorf("csv: %v, %d rows for %d papers, header %v", err, len(rows), papers, rows[0])
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]] = true
		if !strings.Contains(string(out("bibtex")), "{"+r[1]+",") {
			t.Errorf("bibtex lacks the entry %s", r[1])
		}
	}
	if len(seen) != len(inputs) {
		t.Errorf("csv sources %v", seen)
	}
	// One input: the JSON volume as ever, no array.
	dst := filepath.Join(dir, "one.json")
	if _, errOut, code := run(t, "", "extract", "-o", dst, ref); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(dst); !strings.HasPrefix(string(b), "{") {
		t.Errorf("one input: %.40s", b)
	}
}

// TestReportFile writes the report of the overlap fixture to a file: the
// error fails the run (exit 1) and the report is written all the same.
func TestReportFile(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "report.html")
	out, errOut, code := run(t, "", "report", "-o", dst, overlap(t), ref)
	if code != ExitFindings || out != "" || !strings.Contains(errOut, "[pages-overlap]") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, clip(out), errOut)
	}
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<table class="index">`, `data-code="pages-overlap"`, `id="v2-p17"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %s", want)
		}
	}
	if _, _, code := run(t, "", "report", "-q", "--fail-on", "never", "-o", dst, overlap(t)); code != 0 {
		t.Errorf("--fail-on never: exit %d", code)
	}
}
