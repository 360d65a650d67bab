package procx_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackageSize holds the bar of the design's simplification: no
// package over 4,000 lines of production code (tests and generated
// tables aside). A reader that would pass it goes in a sub-package.
func TestPackageSize(t *testing.T) {
	const most = 4000
	lines := map[string]int{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("// Code generated")) {
			return nil
		}
		lines[filepath.Dir(path)] += bytes.Count(b, []byte("\n"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if lines["extract"] == 0 {
		t.Fatalf("no production code found under extract: %v", lines)
	}
	for dir, n := range lines {
		if n > most {
			t.Errorf("package %s has %d lines of production code, over %d: split it", dir, n, most)
		}
	}
}
