package par

import (
	"runtime"
	"slices"
	"testing"
)

func TestSplitCoversInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 3, 4, 5, 99, 1000, 1001} {
		chunks := Split(n, 4)
		next := 0
		for _, c := range chunks {
			if c[0] != next || c[1] <= c[0] {
				t.Fatalf("Split(%d): chunks %v do not cover [0,%d) in order", n, chunks, n)
			}
			next = c[1]
		}
		if next != n {
			t.Fatalf("Split(%d): chunks %v end at %d", n, chunks, next)
		}
		if want := min(max(n, 0), 4); n >= 4 && len(chunks) != want {
			t.Errorf("Split(%d) on 4 CPUs: %d chunks, want %d", n, len(chunks), want)
		}
	}
	if got := Split(3, 10); len(got) != 1 {
		t.Errorf("Split below the minimum: %v, want one chunk", got)
	}
}

func TestRunVisitsEveryItemOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	seen := make([]int, 1000)
	Run(Split(len(seen), 1), func(c, lo, hi int) {
		for i := lo; i < hi; i++ {
			seen[i]++
		}
	})
	if slices.ContainsFunc(seen, func(n int) bool { return n != 1 }) {
		t.Fatal("an item was visited other than once")
	}
}

func TestRunRaisesPanicsInTheCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func() {
		if r := recover(); r != "chunk 2" {
			t.Fatalf("recovered %v, want the chunk's panic", r)
		}
	}()
	Run(Split(100, 1), func(c, lo, hi int) {
		if c == 2 {
			panic("chunk 2")
		}
	})
	t.Fatal("Run returned after a panic")
}
