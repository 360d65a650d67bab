package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// streamedStdin runs args with stdin holding data, streamed whatever its
// size.
func streamedStdin(t *testing.T, data string, args ...string) (string, string, int) {
	defer func(n int64) { streamAbove = n }(streamAbove)
	streamAbove = 0
	return run(t, data, args...)
}

// sortedLines are s's lines, sorted.
func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(l)
	return l
}

// TestStreamedStdin: a BibTeX file and a dblp dump on stdin over the size
// from which inputs stream are streamed, as the same file named on the
// command line is (a BibTeX file through a temporary copy, removed at the
// end), and under it read whole.
func TestStreamedStdin(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	bib := filepath.Join("..", "..", "fixtures", "bibtex", "volume.bib")
	data, err := os.ReadFile(bib)
	if err != nil {
		t.Fatal(err)
	}
	// lint prints excerpts of what it reads whole, none when it streams.
	whole, _, code := run(t, string(data), "lint", "--excerpt", "--fail-on", "never", "-")
	stream, _, code2 := streamedStdin(t, string(data), "lint", "--excerpt", "--fail-on", "never", "-")
	file, _, _ := streamed(t, "lint", "--excerpt", "--fail-on", "never", bib)
	if !strings.Contains(whole, "^\n") || code != code2 {
		t.Fatalf("read whole (exit %d) without excerpts:\n%s", code, whole)
	}
	file = strings.ReplaceAll(file, bib, "<stdin>")
	if stream == whole || !slices.Equal(sortedLines(stream), sortedLines(file)) {
		t.Errorf("stdin streamed:\n%s\nthe file streamed:\n%s\nread whole:\n%s", stream, file, whole)
	}
	jw, _, _ := run(t, string(data), "extract", "-q", "--format", "jsonl")
	js, _, _ := streamedStdin(t, string(data), "extract", "-q", "--format", "jsonl")
	jf, _, _ := streamed(t, "extract", "-q", "--format", "jsonl", bib)
	jf = strings.ReplaceAll(jf, strings.ReplaceAll(bib, "/", `\/`), "<stdin>")
	jf = strings.ReplaceAll(jf, bib, "<stdin>")
	if !slices.Equal(sortedLines(js), sortedLines(jf)) || !slices.Equal(sortedLines(js), sortedLines(jw)) {
		t.Errorf("jsonl: stdin streamed\n%s\nthe file streamed\n%s\nread whole\n%s", js, jf, jw)
	}
	if left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A dblp dump, streamed from stdin itself: what the file streamed
	// gives (its proceedings empty, which the whole read fills).
	dump := filepath.Join("..", "..", "..", "shared", "corpus", "dblp-xml", "dblp-sample.xml")
	dblp, err := os.ReadFile(dump)
	if err != nil {
		t.Skip("corpus not present:", err)
	}
	ds, _, _ := streamedStdin(t, string(dblp), "extract", "-q", "-")
	df, _, _ := streamed(t, "extract", "-q", dump)
	dw, _, _ := run(t, string(dblp), "extract", "-q", "-")
	df = strings.ReplaceAll(df, dump, "<stdin>")
	if ds != df || ds == dw {
		t.Errorf("dblp: stdin streamed %d bytes, the file streamed %d, read whole %d", len(ds), len(df), len(dw))
	}
}

// TestStdinSpoolInterrupted: SIGINT while a BibTeX file on stdin over the
// streaming size is being copied to its temporary file removes the file;
// the process ends by the signal. The run is held open by stdin left open.
func TestStdinSpoolInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, err := procxBin()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, "lint", "-q")
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	entry := []byte("@inproceedings{k,\n  title = {A title},\n  author = {Ann Smith},\n  pages = {1--2},\n}\n\n")
	chunk := bytes.Repeat(entry, (1<<20)/len(entry))
	for written := 0; written <= int(streamAbove); written += len(chunk) {
		if _, err := in.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	var names []string
	for len(names) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		names, _ = filepath.Glob(filepath.Join(dir, "*procx-stdin-*"))
	}
	if len(names) == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("no temporary file")
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	in.Close()
	st, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !st.Signaled() || st.Signal() != syscall.SIGINT {
		t.Errorf("the run ended with %v, not by the signal", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
		t.Errorf("files left: %v", left)
	}
}
