package cli

// The hostile-input catalogue of issue 7, as tests: each hostile file is
// linted in a batch with the reference, and the test checks the exit code,
// a diagnostic naming the hostile file, and that the reference's own
// finding is still reported. TestHostileMemory runs every catalogue file
// through the built binary alone and bounds its peak RSS and time.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/procx/procx/internal/pdfgen"
)

// refFinding is the reference's one diagnostic, which every batch must
// still report.
var refFinding = regexp.MustCompile(`(?m)^\.\./\.\./fixtures/vee21\.txt:283:16: warning: .*\[bibtex-unescaped\]$`)

// hostileCase is one catalogue file: its name, its bytes, the exit code of
// "procx lint FILE ref" and a pattern the diagnostics about it must match
// (in stdout, or stderr for files procx cannot read). The pattern is
// applied to the lines naming the file, so it need not repeat the path.
type hostileCase struct {
	name string
	data []byte
	code int
	want string // regexp over the lines that name the file; "" for none
	// record, when set, must match the file's volume from extract: for
	// hostile but valid files, where there is nothing to report, the
	// test checks that the content is read instead.
	record string
	// either01 accepts exit 0 or 1 (the truncated reference, whose
	// findings depend on where the cut falls).
	either01 bool
	args     []string
}

func hostileRef(t testing.TB) []byte {
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bomb is a 1 MB PDF whose page inflates to 1 GiB; made once, since it
// takes seconds to compress.
var bomb = sync.OnceValue(func() []byte { return pdfgen.Bomb(1 << 30) })

// hostileCatalogue builds the catalogue; large files are generated here,
// never committed.
func hostileCatalogue(t testing.TB) []hostileCase {
	refb := hostileRef(t)
	refs := string(refb)
	rnd := rand.New(rand.NewPCG(7, 7))
	random := make([]byte, 1<<16)
	for i := range random {
		random[i] = byte(rnd.UintN(256))
	}

	// Invalid UTF-8 inside the author names of the reference.
	badNames := strings.Replace(refs, "David Hildenbrand", "David Hil\xff\xfedenbrand", -1)
	badNames = strings.Replace(badNames, "Martin Schulz", "Mar\xc3tin Schulz", -1)

	// UTF-16LE without a byte order mark.
	var utf16 bytes.Buffer
	for _, r := range refs {
		if r > 0xffff {
			r = '?'
		}
		utf16.WriteByte(byte(r))
		utf16.WriteByte(byte(r >> 8))
	}

	// The reference's first paper, and a BibTeX entry, with 20,000
	// authors.
	var names []string
	for i := range 20000 {
		names = append(names, fmt.Sprintf("Author%d Person", i))
	}
	bibAuthors := "@InProceedings{Many21p1,\n  author = {" + strings.Join(names, " and ") + "},\n  title = {Many Hands},\n  booktitle = {Proc},\n  year = {2021},\n  pages = {1--2},\n}\n"
	tocAuthors := strings.Replace(refs, "David Hildenbrand and\nMartin Schulz", strings.Join(names[:len(names)-1], ", ")+", and "+names[len(names)-1], 1)
	tocAuthors = strings.Replace(tocAuthors, "author = {David Hildenbrand and Martin Schulz}", "author = {"+strings.Join(names, " and ")+"}", 1)
	if strings.Count(tocAuthors, "Author19999 Person") != 2 {
		t.Fatal("reference changed: no David Hildenbrand and Martin Schulz")
	}

	long := strings.Repeat("25", 13)[:25]
	pages25 := strings.Replace(refs, "pages = {1--14}", "pages = {"+long+"--"+long+"}", 1)
	if pages25 == refs {
		t.Fatal("reference changed: no pages = {1--14}")
	}

	html, err := os.ReadFile("../../fixtures/opentoc/traps.html")
	if err != nil {
		t.Fatal(err)
	}
	// Every end tag but </title> and </head> (without which the whole
	// page is the title in any HTML reader) dropped.
	unclosed := regexp.MustCompile(`</(div|h1|h2|h3|a|li|ul|p|i|sup|body|html)>`).ReplaceAll(html, nil)
	divs := "<!DOCTYPE html><html><head><title>Proc</title></head><body><h1>Proc of Things</h1>\n" +
		strings.Repeat("<div>", 100000) +
		"<h2>SESSION: One</h2>\n<h3><a class=\"DLtitleLink\" href=\"https://doi.org/10.1145/1.2\">A Title</a></h3>\n<ul class=\"DLauthors\"><li class=\"nameList\">Ann Author</li></ul>\n" +
		strings.Repeat("</div>", 100000) + "</body></html>\n"

	good := pdfgen.Render(refs, pdfgen.Options{Font: "Helvetica", FontSize: 9, TJ: true, Compress: true})
	damaged := pdfgen.Damaged(good)
	if bytes.Equal(damaged["encrypted"], good) || bytes.Equal(damaged["no xref"], good) {
		t.Fatal("pdfgen output changed: cannot damage it")
	}

	cases := []hostileCase{
		{name: "empty.txt", data: nil, code: 0, want: `warning: input is empty: no records \[empty-input\]`},
		{name: "blank.txt", data: []byte(" \n\t\n   \r\n\n"), code: 0, want: `warning: input is only white space: no records \[empty-input\]`},
		{name: "random.dat", data: random, code: 1, want: `error: .*\[unknown-format\]`},
		{name: "nul.txt", data: make([]byte, 1<<16), code: 1, want: `error: .*\[unknown-format\]`},
		{name: "nul-in-ref.txt", data: []byte(strings.Replace(refs, "David Hildenbrand and", "David Hild\x00enbrand and", 1)), code: 0, want: `warning: removed invisible character U\+0000 from "David Hild<U\+0000>enbrand" \[invisible-char\]`},
		{name: "bad-utf8-names.txt", data: []byte(badNames), code: 0, want: `warning: input is not valid UTF-8 .*; decoded as windows-1252 \[encoding\]`, record: `"name": "David Hilÿþdenbrand"`},
		{name: "utf16-nobom.txt", data: utf16.Bytes(), code: 0, want: `warning: .*decoded as utf-16le \[encoding\]`},
		{name: "long-line.txt", data: append(bytes.Repeat([]byte("a"), 8<<20), '\n'), code: 1, want: `error: input is in no format procx reads .*\[unknown-format\]`},
		{name: "long-line-ref.txt", data: []byte(strings.Replace(refs, "Publisher's Version\n", "Publisher's Version\n"+strings.Repeat("a", 8<<20)+"\n", 1)), code: 1, want: `(?m)^\S+:30:1: error: line 30 is 8388608 bytes long, over the limit of 1048576 \(--max-line-length\); it was not read \[limit\]`},
		{name: "publisher.txt", data: bytes.Repeat([]byte("Publisher's Version\n"), 200000), code: 1, want: `error: input is in no format procx reads .*\[unknown-format\]`},
		{name: "braces.bib", data: []byte("@InProceedings{Deep21p1,\n  title = {" + strings.Repeat("{", 200000) + strings.Repeat("}", 200000) + "},\n  pages = {1--2},\n}\n"), code: 1, want: `error: .*--max-brace-depth.*\[limit\]`},
		{name: "unterminated.bib", data: []byte("@InProceedings{Open21p1,\n  author = {Ann Author},\n  title = {Never Closed},\n  pages = {1--2"), code: 1, want: `error: .*\[bibtex-syntax\]`},
		{name: "self-string.bib", data: []byte("@string{a = a # b}\n@string{b = a}\n@string{c = c}\n@InProceedings{Self21p1,\n  author = {Ann Author},\n  title = a # c,\n  booktitle = b,\n  year = {2021},\n  pages = {1--2},\n}\n"), code: 1, want: `error: .*\[bibtex-syntax\]`},
		{name: "authors.bib", data: []byte(bibAuthors), code: 1, want: `error: .*--max-authors.*\[limit\]`},
		{name: "authors.txt", data: []byte(tocAuthors), code: 1, want: `(?s)error: .*has 20000 authors.*--max-authors.*\[limit\]`},
		{name: "pages25.txt", data: []byte(pages25), code: 1, want: `error: .*` + long + `.*\[pages-format\]`},
		{name: "divs.html", data: []byte(divs), code: 0, record: `"title": "A Title"`},
		{name: "unclosed.html", data: unclosed, code: 0, record: `(?s)"title": "Reading old pages.*"title": "A paper without an abstract"`},
		{name: "arrays.json", data: []byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000)), code: 1, want: `error: .*\[limit\]`},
		{name: "dup-keys.json", data: []byte(`{"source": {"path": "x", "format": "toc-text"}, "proceedings": {"title": "P", "title": "Q"}, "papers": []}`), code: 1, want: `error: /proceedings: duplicate property "title"; the last value is used \[schema\]`, record: `"title": "Q"`},
		{name: "pdf-garbage.pdf", data: damaged["garbage after header"], code: 1, want: `error: pdf: (cannot read ".*pdf-garbage.pdf": |the file is truncated or damaged).*\[unknown-format\]`},
		{name: "pdf-no-xref.pdf", data: damaged["no xref"], code: 1, want: `error: pdf: cannot read ".*pdf-no-xref.pdf": .*\[unknown-format\]`},
		{name: "pdf-bomb.pdf", data: bomb(), code: 1, want: `error: .*--max-pdf-stream.*\[limit\]`},
		{name: "pdf-encrypted.pdf", data: damaged["encrypted"], code: 1, want: `error: pdf: ".*pdf-encrypted.pdf" is encrypted and cannot be read.*\[unknown-format\]`},
	}
	for k := range 10 {
		n := len(refb) * k / 10
		c := hostileCase{name: fmt.Sprintf("ref-%d0pct.txt", k), data: refb[:n], either01: true, want: `\[`}
		switch k {
		case 0:
			c.want = `\[empty-input\]`
		case 1:
			// The cut falls in an abstract: a whole, if short, paper
			// without BibTeX. Nothing to report; it is kept.
			c.want, c.record = "", `(?s)"title": "How to Design a Library OS for Practical Containers\?".*"abstract": "Container engines with operating-system virtualization have be"`
		}
		cases = append(cases, c)
	}
	for k := range 10 {
		n := len(good) * k / 10
		c := hostileCase{name: fmt.Sprintf("pdf-%d0pct.pdf", k), data: good[:n], code: 1, want: `error: pdf: (cannot read |the file is truncated or damaged).*\[unknown-format\]`}
		if k == 0 {
			c.code, c.want = 0, `\[empty-input\]`
		}
		cases = append(cases, c)
	}
	return cases
}

// namingLines returns the lines of out that start with path.
func namingLines(out, path string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(l, path+":") {
			b.WriteString(l)
		}
	}
	return b.String()
}

func TestHostileCatalogue(t *testing.T) {
	dir := t.TempDir()
	for _, c := range hostileCatalogue(t) {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			args := append(append([]string{"lint", "--quiet"}, c.args...), p, ref)
			start := time.Now()
			out, errOut, code := run(t, "", args...)
			el := time.Since(start)
			mine := namingLines(out, p)
			t.Logf("%s (%d bytes) in %s:\n%s", c.name, len(c.data), el.Round(time.Millisecond), clip(mine))
			if code != c.code && !(c.either01 && code <= 1) {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, errOut)
			}
			if errOut != "" {
				t.Errorf("stderr not empty: %q", clip(errOut))
			}
			if c.want == "" && mine != "" || !regexp.MustCompile(c.want).MatchString(mine) {
				t.Errorf("no diagnostic matching %q naming %s:\n%s", c.want, p, clip(out))
			}
			if !refFinding.MatchString(out) {
				t.Errorf("the reference's finding is missing:\n%s", clip(out))
			}

			// extract: an array of a JSON volume per input, the hostile
			// one first.
			out, _, _ = run(t, "", append(append([]string{"extract", "--quiet"}, c.args...), p, ref)...)
			var vols []json.RawMessage
			if err := json.Unmarshal([]byte(out), &vols); err != nil {
				t.Fatalf("extract output is not a JSON array: %v", err)
			}
			var paths []string
			for _, raw := range vols {
				var v struct{ Source struct{ Path string } }
				json.Unmarshal(raw, &v)
				paths = append(paths, v.Source.Path)
				if v.Source.Path == p && c.record != "" && !regexp.MustCompile(c.record).Match(raw) {
					t.Errorf("volume does not match %q:\n%s", c.record, clip(string(raw)))
				}
			}
			if len(paths) != 2 || paths[0] != p || paths[1] != ref {
				t.Errorf("extract volumes for %v, want %s and %s", paths, p, ref)
			}
		})
	}
}

// TestHostileDirectory lints a directory holding a good file, a symlink
// loop, a dangling symlink and a directory named like a text file, and,
// named on the command line, the dangling link and the directory.
func TestHostileDirectory(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, hostileRef(t), 0o644); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop")
	dangling := filepath.Join(dir, "dangling.txt")
	asDir := filepath.Join(dir, "x.txt")
	if err := os.Symlink(".", loop); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	os.Symlink(filepath.Join(dir, "loop2"), filepath.Join(dir, "loop1.txt"))
	os.Symlink(filepath.Join(dir, "loop1.txt"), filepath.Join(dir, "loop2"))
	os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling)
	os.Mkdir(asDir, 0o755)

	t.Run("walk", func(t *testing.T) {
		out, errOut, code := run(t, "", "lint", "--quiet", dir, ref)
		if code != 0 || errOut != "" {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		if !strings.Contains(out, good+":283:16: warning") || !refFinding.MatchString(out) {
			t.Errorf("good files not linted:\n%s", clip(out))
		}
	})
	t.Run("named", func(t *testing.T) {
		loopFile := filepath.Join(dir, "loop1.txt")
		out, errOut, code := run(t, "", "lint", "--quiet", dangling, loopFile, ref)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
		for _, want := range []string{dangling + ": no such file or directory", loopFile + ": too many levels of symbolic links"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q: %q", want, errOut)
			}
		}
		if !refFinding.MatchString(out) {
			t.Errorf("reference not linted:\n%s", clip(out))
		}
	})
	t.Run("directory named x.txt", func(t *testing.T) {
		// A directory given by name is walked, not read as a file; an
		// empty one is an error (exit 2: a mistyped path must not pass),
		// and the batch goes on.
		out, errOut, code := run(t, "", "lint", "--quiet", asDir, ref)
		if code != 2 || errOut != "procx: "+asDir+": no file to read: in a directory procx reads the files ending in "+knownExtList()+"\n" || !refFinding.MatchString(out) {
			t.Errorf("exit %d, stderr %q, stdout %q", code, errOut, clip(out))
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads a chmod 000 file; the dangling symlink above stands in for it")
		}
		bad := filepath.Join(dir, "bad.txt")
		os.WriteFile(bad, hostileRef(t), 0o000)
		defer os.Remove(bad)
		out, errOut, code := run(t, "", "lint", "--quiet", dir, ref)
		if code != 2 || !strings.Contains(errOut, bad+": permission denied") || !refFinding.MatchString(out) {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

var procxBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "procx-hostile-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "procx")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/procx/procx/cmd/procx").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func TestMain(m *testing.M) {
	if os.Getenv("PROCX_RSS_HELPER") == "1" {
		os.Exit(rssHelper(os.Args[1:]))
	}
	// The tests' temporary directories sit under one that holds a .git
	// directory, where the search for procx.toml stops: a procx.toml
	// left in /tmp or / by anyone cannot change what they find.
	root, err := os.MkdirTemp("", "procx-cli-test-")
	if err == nil && os.Mkdir(filepath.Join(root, ".git"), 0o755) == nil {
		os.Setenv("TMPDIR", root)
	}
	code := m.Run()
	if root != "" {
		os.RemoveAll(root)
	}
	if bin, err := procxBin(); err == nil {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// rssHelper runs args and prints the child's peak RSS and exit code, and
// its own peak RSS (VmHWM) before the start, in KiB. Linux counts the peak
// RSS of the process that starts a child into the child's figure (the
// child runs on its parent's memory until exec), so the test, which holds
// the catalogue, starts the binary through this small fresh process; its
// own peak is the floor of the child's figure.
func rssHelper(args []string) int {
	var floor int64
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		if _, rest, ok := strings.Cut(string(st), "VmHWM:"); ok {
			fmt.Sscan(rest, &floor)
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	child := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Printf("%d %d %d\n", child.Maxrss, floor, cmd.ProcessState.ExitCode())
	return 0
}

// TestHostileMemory runs each catalogue file alone through the binary and
// checks that it ends within two minutes with a peak RSS under 1 GiB.
func TestHostileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("Maxrss is in kilobytes on Linux only")
	}
	bin, err := procxBin()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range hostileCatalogue(t) {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			childKB, floorKB, code, el := measured(t, bin, "lint", "--quiet", p)
			if code != c.code && !(c.either01 && code <= 1) {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			rss := childKB << 10
			t.Logf("%-22s %9d bytes: peak RSS %6.1f MiB (floor %.1f MiB) in %s", c.name, len(c.data), float64(rss)/(1<<20), float64(floorKB)/1024, el.Round(time.Millisecond))
			if rss >= 1<<30 {
				t.Errorf("peak RSS %d MiB, over 1 GiB", rss>>20)
			}
		})
	}
}

// measured runs the binary through the RSS helper and returns the child's
// peak RSS and the helper's own floor (KiB), its exit code and the time it
// took; it fails the test after two minutes.
func measured(t *testing.T, bin string, args ...string) (childKB, floorKB int64, code int, el time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{bin}, args...)...)
	cmd.Env = append(os.Environ(), "PROCX_RSS_HELPER=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	el = time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("did not finish in 2 minutes")
	}
	if _, serr := fmt.Sscan(out.String(), &childKB, &floorKB, &code); err != nil || serr != nil {
		t.Fatalf("helper: %v %v: %s", err, serr, errb.String())
	}
	return childKB, floorKB, code, el
}
