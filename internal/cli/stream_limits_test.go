package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStreamedLimits: an explicit --timeout stops a streamed run with the
// limit diagnostic and exit status of a whole read past it (the output
// still a whole JSON document); an explicit --max-file-size (flag or
// procx.toml) refuses a streamed input as it refuses one read whole, a
// file or stdin, and a dblp dump on stdin over it stops where it passes
// the limit.
func TestStreamedLimits(t *testing.T) {
	bib, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "bibtex", "volume.bib"))
	if err != nil {
		t.Fatal(err)
	}
	dump, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "dblp-xml", "dblp-sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bib)
	if err != nil {
		t.Fatal(err)
	}
	limit := regexp.MustCompile(`(?m)^\S+:1:1: error: reading took longer than the limit of 1ns \(--timeout\); the [^\n]* skipped \[limit\]$`)
	whole, _, code := run(t, "", "lint", bib, "--timeout", "1ns")
	stream, _, code2 := streamed(t, "lint", bib, "--timeout", "1ns")
	if !limit.MatchString(whole) || !limit.MatchString(stream) || code != 1 || code2 != 1 {
		t.Errorf("--timeout: read whole (exit %d) %q, streamed (exit %d) %q", code, whole, code2, stream)
	}
	out, _, code := streamed(t, "extract", "-q", bib, "--timeout", "1ns")
	var v struct {
		Diagnostics []struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != "limit" || code != 1 {
		t.Errorf("extract --timeout streamed: exit %d, %v, %.300s", code, err, out)
	}

	// --max-file-size: the file refused, as read whole; by procx.toml too.
	whole, _, code = run(t, "", "lint", "--max-file-size", "100", bib)
	stream, _, code2 = streamed(t, "lint", "--max-file-size", "100", bib)
	if !strings.Contains(whole, "over the limit of 100 (--max-file-size)") || whole != stream || code != code2 {
		t.Errorf("--max-file-size: read whole (exit %d) %q, streamed (exit %d) %q", code, whole, code2, stream)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".git/HEAD": "", "procx.toml": "[limits]\nmax-file-size = \"1k\"\n"})
	inDir(t, dir)
	if stream, _, _ := streamed(t, "lint", "--config", "procx.toml", bib); !strings.Contains(stream, "over the limit of 1024 (--max-file-size)") {
		t.Errorf("procx.toml max-file-size streamed: %q", stream)
	}
	whole, _, code = run(t, string(data), "lint", "--max-file-size", "100")
	stream, _, code2 = streamedStdin(t, string(data), "lint", "--max-file-size", "100")
	if !strings.Contains(whole, "<stdin>:1:1: error: file is 101 bytes or more, over the limit of 100") || whole != stream || code != code2 {
		t.Errorf("--max-file-size on stdin: read whole (exit %d) %q, streamed (exit %d) %q", code, whole, code2, stream)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "*procx-stdin-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	dblp, err := os.ReadFile(dump)
	if err != nil {
		t.Skip("corpus not present:", err)
	}
	stream, _, code = streamedStdin(t, string(dblp), "lint", "--fail-on", "never", "--max-file-size", "200k")
	over := regexp.MustCompile(`(?m)^<stdin>:1:1: error: file is \d+ bytes or more, over the limit of 204800 \(--max-file-size\); the rest of it, after [1-9]\d* records, was not read \[limit\]$`)
	if !over.MatchString(stream) || code != 0 {
		t.Errorf("dblp stdin over --max-file-size: exit %d, %q", code, stream)
	}
}
