package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/procx/procx/internal/gen"
)

// TestBatchMemoryBounded: the peak RSS of a batch does not grow with the
// number of files, only with the largest one (at most 2 × --jobs files are
// in flight). Ten times more files of the same size may not cost more than
// a fifth more memory, plus slack for the runtime. The smaller batch has
// 100 files because the heap reaches its steady size only after some
// dozens (procx runs with GOGC=400); a batch of 15 ends before and peaks
// lower, which would measure the collector's warm-up, not a leak.
func TestBatchMemoryBounded(t *testing.T) {
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
	var rss [2]int64
	for i, n := range []int{100, 1000} {
		dir := filepath.Join(t.TempDir(), "archive")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := gen.Archive(dir, gen.Options{Volumes: n, Papers: 15, DefectRate: 0.02, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		kb, _, code, el := measured(t, bin, "extract", "--quiet", "--format", "jsonl", "--jobs", "2", dir)
		if code > 1 {
			t.Fatalf("%d files: exit %d", n, code)
		}
		rss[i] = kb << 10
		t.Logf("%4d files, %5d papers: peak RSS %.1f MiB in %s", n, n*15, float64(rss[i])/(1<<20), el)
	}
	if rss[1] > rss[0]*6/5+8<<20 {
		t.Errorf("peak RSS grew with the number of files: %d MiB for 100 files, %d MiB for 1000", rss[0]>>20, rss[1]>>20)
	}
}
