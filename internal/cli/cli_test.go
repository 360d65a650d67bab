package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/procx/procx/schema"
)

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }, isTerminal: func(any) bool { return false }}
	code = e.main(args)
	return out.String(), errb.String(), code
}

const ref = "../../fixtures/vee21.txt"

func readRef(t *testing.T) string {
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCLI(t *testing.T) {
	refText := readRef(t)
	cases := []struct {
		name   string
		args   []string
		stdin  string
		stdout string // regexp; "" means empty
		stderr string // regexp; "" means empty
		code   int
	}{
		{"no args", nil, "", "", `(?s)^procx turns.*Usage:`, 2},
		{"help", []string{"help"}, "", `(?s)^procx turns.*procx lint`, "", 0},
		{"unknown command", []string{"frobnicate"}, "", "", `^procx: unknown command "frobnicate"`, 2},
		{"extract reference", []string{"extract", ref}, "", `(?s)^\{\n  "source": \{\n    "path": "\.\./\.\./fixtures/vee21\.txt",\n    "format": "toc-text"`, "", 0},
		{"extract stdin dash", []string{"extract", "-"}, refText, `"path": "<stdin>"`, "", 0},
		{"extract stdin no arg", []string{"extract"}, refText, `"path": "<stdin>"`, "", 0},
		{"extract unknown flag", []string{"extract", "--frob", ref}, "", "", `^procx: extract: unknown flag: --frob\n$`, 2},
		{"extract missing file", []string{"extract", "no/such.txt"}, "", "", `^procx: no/such\.txt: no such file or directory\n$`, 2},
		{"extract bad format", []string{"extract", "--format", "xml", ref}, "", "", `--format "xml": want one of json, jsonl`, 2},
		{"extract bad input format", []string{"extract", "--input-format", "docx", ref}, "", "", `--input-format "docx": want one of`, 2},
		{"lint reference", []string{"lint", ref}, "", `(?m)^\.\./\.\./fixtures/vee21\.txt:\d+:\d+: warning: .*\[bibtex-unescaped\]$`, "", 0},
		{"lint reference fail on warning", []string{"lint", "--fail-on", "warning", ref}, "", `bibtex-unescaped`, "", 1},
		{"lint fail-on never", []string{"lint", "--fail-on", "never", "-"}, "@InProceedings{x,\ntitle = {broken\n", `bibtex-syntax`, "", 0},
		{"lint stdin broken bibtex", []string{"lint", "-"}, "Title\nA Person\n(Uni, France)\n@InProceedings{x,\ntitle = {broken\n", `(?m)^<stdin>:5:9: error: unbalanced braces: .*\[bibtex-syntax\]$`, "", 1},
		{"lint bad fail-on", []string{"lint", "--fail-on", "sometimes", ref}, "", "", `--fail-on "sometimes"`, 2},
		{"lint missing file still lints the rest", []string{"lint", "no/such.txt", ref}, "", `bibtex-unescaped`, `^procx: no/such\.txt: no such file or directory\nprocx: 2 files \(1 unreadable\), `, 2},
		{"lint unknown disable", []string{"lint", "--disable", "nope", ref}, "", "", `--disable: unknown diagnostic code "nope"`, 2},
		{"lint disable", []string{"lint", "--disable", "bibtex-unescaped", "--fail-on", "warning", ref}, "", "", "", 0},
		{"schema", []string{"schema"}, "", `"\$schema": "http://json-schema.org/draft-07/schema#"`, "", 0},
		{"schema extra arg", []string{"schema", "x"}, "", "", `schema takes no arguments`, 2},
		{"explain list", []string{"explain"}, "", `(?m)^pages-overlap +error +two papers`, "", 0},
		{"explain code", []string{"explain", "unparsed-text"}, "", `^unparsed-text \(warning by default\): input text that belongs to no record\n\n`, "", 0},
		{"explain unknown", []string{"explain", "nope"}, "", "", `unknown code "nope"`, 2},

		// Help (issue 16, 14).
		{"help names command help", []string{"help"}, "", `(?s)procx help \[COMMAND\].*procx COMMAND --help`, "", 0},
		{"help lint", []string{"help", "lint"}, "", `(?s)^Usage: procx lint \[flags\] \[PATH\|-\]\.\.\.\n\n.*\nFlags:\n.*--fail-on`, "", 0},
		{"lint --help", []string{"lint", "--help"}, "", `(?s)^Usage: procx lint .*--max-authors`, "", 0},
		{"help unknown command", []string{"help", "frob"}, "", "", `^procx: help: unknown command "frob" \(want extract, lint, report, fix, schema, explain\)\n$`, 2},
		{"help two commands", []string{"help", "lint", "extract"}, "", "", `^procx: help: want one command, not "lint extract"\n$`, 2},
		{"schema --help", []string{"schema", "--help"}, "", `(?s)^Usage: procx schema.*JSON Schema`, "", 0},
		{"explain -h", []string{"explain", "-h"}, "", `(?s)^Usage: procx explain \[CODE\]\.\.\.\n\n.*default severity`, "", 0},
		{"input-format help lists formats", []string{"extract", "--help"}, "", `--input-format F +read every input as F instead of sniffing its format: [a-z, -]*dblp-xml[a-z, -]*\n`, "", 0},
		{"version", []string{"--version"}, "", `^procx (\(devel\)|v\S+)\n$`, "", 0},
		{"disable with spaces", []string{"lint", "--disable", "bibtex-unescaped, not-nfc", "--fail-on", "warning", ref}, "", "", "", 0},
		{"disable empty names", []string{"lint", "--disable", "bibtex-unescaped,,", "--fail-on", "warning", ref}, "", "", "", 0},
		{"bad limit named", []string{"lint", "--max-authors", "0", ref}, "", "", `^procx: --max-authors 0: want a positive number\n$`, 2},
		{"bad brace depth named", []string{"lint", "--max-brace-depth", "-1", ref}, "", "", `^procx: --max-brace-depth -1: want a positive number\n$`, 2},
		{"bad timeout named", []string{"lint", "--timeout", "0s", ref}, "", "", `^procx: --timeout 0s: want a positive duration\n$`, 2},
		{"bad size named", []string{"lint", "--max-file-size", "0", ref}, "", "", `^procx: lint: invalid argument "0" for "--max-file-size" flag: "0" is not a size`, 2},
		{"jobs 0", []string{"lint", "--jobs", "0", ref}, "", "", `^procx: --jobs 0: want 1 or more\n$`, 2},
		{"jobs -3", []string{"extract", "-j", "-3", ref}, "", "", `^procx: --jobs -3: want 1 or more\n$`, 2},

		// --disable limit silences every limit (issue 16, 8).
		{"max-file-size", []string{"lint", "--max-file-size", "1k", ref}, "", `^\.\./\.\./fixtures/vee21\.txt:1:1: error: file is 1025 bytes or more, over the limit of 1024 \(--max-file-size\); it was not read \[limit\]\n$`, "", 1},
		{"disable limit hides max-file-size", []string{"lint", "--max-file-size", "1k", "--disable", "limit", ref}, "", "", "", 0},
		{"timeout", []string{"lint", "--timeout", "1ns", ref}, "", `^\.\./\.\./fixtures/vee21\.txt:1:1: error: reading took longer than the limit of 1ns \(--timeout\); the file was skipped \[limit\]\n$`, "", 1},
		{"disable limit hides timeout", []string{"lint", "--timeout", "1ns", "--disable", "limit", ref}, "", "", "", 0},
		{"disable limit hides max-authors", []string{"lint", "--max-authors", "1", "--disable", "limit,author-mismatch", ref}, "", `^[^\n]*\[bibtex-unescaped\]\n$`, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, clip(out), errOut)
			}
			match(t, "stdout", out, c.stdout)
			match(t, "stderr", errOut, c.stderr)
		})
	}
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "..."
	}
	return s
}

func match(t *testing.T, name, got, pattern string) {
	t.Helper()
	if pattern == "" {
		if got != "" {
			t.Errorf("%s not empty: %s", name, clip(got))
		}
		return
	}
	if !regexp.MustCompile(pattern).MatchString(got) {
		t.Errorf("%s does not match %q:\n%s", name, pattern, clip(got))
	}
}

func TestExtractJSONL(t *testing.T) {
	out, errOut, code := run(t, "", "extract", "--format", "jsonl", ref)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	records := strings.Count(readRef(t), "@InProceedings{") + 2 // + the two welcome texts
	if len(lines) < records {
		t.Fatalf("%d lines, want at least %d", len(lines), records)
	}
	for i, l := range lines[:records] {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		src, _ := rec["source"].(map[string]any)
		proc, _ := rec["proceedings"].(map[string]any)
		if src["format"] != "toc-text" || proc["acronym"] != "VEE 2021" || rec["title"] == "" || rec["kind"] == nil {
			t.Errorf("line %d does not stand alone: %s", i+1, l[:min(200, len(l))])
		}
	}
}

func TestExtractOutputFile(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "out.json")
	if _, errOut, code := run(t, "", "extract", "-o", dst, ref); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(dst)
	if err != nil || !json.Valid(b) {
		t.Fatalf("output file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	data := []byte(readRef(t))
	for _, name := range []string{"b.txt", "a.txt", ".hidden.txt", "notes.md", "sub/c.txt"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := run(t, "", "lint", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ds []struct{ Path string }
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range ds {
		paths = append(paths, filepath.ToSlash(strings.TrimPrefix(d.Path, dir+string(filepath.Separator))))
	}
	if strings.Join(paths, " ") != "a.txt b.txt sub/c.txt" {
		t.Errorf("walked %v, want a.txt b.txt sub/c.txt in order", paths)
	}
}

func TestBatchOrderAndSummary(t *testing.T) {
	dir := t.TempDir()
	data := readRef(t)
	var want []string
	for i := range 12 {
		name := fmt.Sprintf("v%02d.txt", i)
		// Make each file distinct so that output order is visible.
		body := strings.Replace(data, "Virtual, USA", fmt.Sprintf("Place %02d", i), 1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("Place %02d", i))
	}
	out, errOut, code := run(t, "", "extract", "--jobs", "4", "--format", "jsonl", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec struct{ Proceedings struct{ Location string } }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[len(got)-1] != rec.Proceedings.Location {
			got = append(got, rec.Proceedings.Location)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("volumes out of order: %v", got)
	}
	records := 12 * (strings.Count(data, "@InProceedings{") + 2)
	if !regexp.MustCompile(fmt.Sprintf(`^procx: 12 files \(0 unreadable\), %d records, 0 errors, 12 warnings, 0 info in \S+ \([0-9.]+ MB/s, \d+ records/s\)\n$`, records)).MatchString(errOut) {
		t.Errorf("summary = %q", errOut)
	}
	if _, errOut, _ := run(t, "", "lint", "--quiet", dir); errOut != "" {
		t.Errorf("--quiet printed %q", errOut)
	}
}

// TestUnreadableFileInBatch: a file that cannot be read is named on stderr
// with the reason, the files after it are still linted, and the exit code
// is 2. Root reads a file of mode 000, so as root the unreadable file is
// /proc/self/mem, whose first page is not mapped (EIO).
func TestUnreadableFileInBatch(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	os.WriteFile(a, []byte(readRef(t)), 0o644)
	args := []string{"lint", "--quiet", dir}
	wantErr := "b.txt: permission denied"
	if os.Geteuid() == 0 {
		if _, err := os.Stat("/proc/self/mem"); err != nil {
			t.Skip("root reads every file, and there is no /proc/self/mem")
		}
		args = []string{"lint", "--quiet", "/proc/self/mem", a}
		wantErr = "/proc/self/mem: input/output error"
	} else {
		os.WriteFile(filepath.Join(dir, "b.txt"), []byte(readRef(t)), 0o000)
	}
	out, errOut, code := run(t, "", args...)
	if code != 2 || !strings.Contains(errOut, wantErr) || !strings.Contains(out, "a.txt:283:16") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// signalWriter collects what is written and closes first once a newline
// has been written.
type signalWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan struct{}
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.buf.Len() == 0 || !bytes.Contains(w.buf.Bytes(), []byte("\n")) {
		if bytes.Contains(p, []byte("\n")) {
			defer close(w.first)
		}
	}
	return w.buf.Write(p)
}

// TestJSONLStreams: --format jsonl writes the first volume's lines before
// the batch ends. The second input is a named pipe that is written only
// once the first line has reached stdout: a batch that held its output
// until the end would never get there.
func TestJSONLStreams(t *testing.T) {
	dir := t.TempDir()
	a, fifo := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte(readRef(t)), 0o644)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	out := &signalWriter{first: make(chan struct{})}
	var errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: out, stderr: &errb,
		getenv: func(string) string { return "" }, isTerminal: func(any) bool { return false }}
	code := make(chan int, 1)
	go func() { code <- e.main([]string{"extract", "--quiet", "--jobs", "2", "--format", "jsonl", a, fifo}) }()
	select {
	case <-out.first:
	case <-time.After(20 * time.Second):
		// Let the run end before failing.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		<-code
		t.Fatal("no line on stdout while the second input was still being written")
	}
	f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Replace(readRef(t), "Virtual, USA", "Piped", 1))
	f.Close()
	if c := <-code; c != 0 {
		t.Fatalf("exit %d: %s", c, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.buf.String()), "\n")
	refPapers := strings.Count(readRef(t), "@InProceedings{")
	if len(lines) < 2*refPapers {
		t.Fatalf("%d lines, want at least %d", len(lines), 2*refPapers)
	}
	if !strings.Contains(lines[0], `"path":"`+a+`"`) || !strings.Contains(lines[len(lines)-1], `"location":"Piped"`) {
		t.Errorf("first line %.200q, last %.200q", lines[0], lines[len(lines)-1])
	}
}

// TestProgressBar: a bar on a terminal for more than three files, none for
// three, none with --quiet, TERM=dumb or NO_COLOR, none on a pipe.
func TestProgressBar(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 5 {
		p := filepath.Join(dir, fmt.Sprintf("v%d.txt", i))
		os.WriteFile(p, []byte(readRef(t)), 0o644)
		files = append(files, p)
	}
	for _, c := range []struct {
		name     string
		files    []string
		terminal bool
		env      map[string]string
		quiet    bool
		bar      bool
	}{
		{"terminal, five files", files, true, nil, false, true},
		{"terminal, three files", files[:3], true, nil, false, false},
		{"pipe", files, false, nil, false, false},
		{"quiet", files, true, nil, true, false},
		{"TERM=dumb", files, true, map[string]string{"TERM": "dumb"}, false, false},
		{"NO_COLOR", files, true, map[string]string{"NO_COLOR": "1"}, false, false},
	} {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
			getenv: func(k string) string { return c.env[k] }, isTerminal: func(any) bool { return c.terminal }}
		args := []string{"lint", "--fail-on", "never"}
		if c.quiet {
			args = append(args, "--quiet")
		}
		if code := e.main(append(args, c.files...)); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, errb.String())
		}
		// The bar draws "procx" and the count "n/5" (the summary line
		// says "5 files").
		bar := strings.Contains(errb.String(), fmt.Sprintf("/%d", len(c.files)))
		if bar != c.bar {
			t.Errorf("%s: bar drawn = %v, want %v; stderr %q", c.name, bar, c.bar, errb.String())
		}
		if summary := strings.Contains(errb.String(), fmt.Sprintf("procx: %d files", len(c.files))); summary == c.quiet {
			t.Errorf("%s: summary printed = %v with quiet = %v; stderr %q", c.name, summary, c.quiet, errb.String())
		}
	}
}

func TestPaperDiagnostics(t *testing.T) {
	ds := []schema.Diagnostic{{Pointer: "/papers/3/pages"}, {Pointer: "/papers/3"}, {Pointer: "/papers/12/doi"}, {Pointer: "/proceedings/date"}, {}, {Pointer: "/papers/x"}}
	by, rest := paperDiagnostics(ds)
	if len(by[3]) != 2 || len(by[12]) != 1 || len(by[1]) != 0 || len(rest) != 3 {
		t.Errorf("by paper %v, rest %v", by, rest)
	}
}
