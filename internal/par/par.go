// Package par runs the per-record work of one large input on every core.
// A batch of many files is already spread over the cores by --jobs; a
// single large file (a whole-volume BibTeX file, a long PDF) is not, and
// its records are independent in the stages that cost the most.
package par

import (
	"runtime"
	"sync"
)

// Split cuts n items into contiguous [lo, hi) chunks, one per CPU, when n
// is at least atLeast; otherwise into one chunk (and none for n = 0). Chunks
// keep input order, so results gathered per chunk and joined in chunk
// order are what one pass would give.
func Split(n, atLeast int) [][2]int {
	if n <= 0 {
		return nil
	}
	k := runtime.GOMAXPROCS(0)
	if n < atLeast || k < 2 {
		return [][2]int{{0, n}}
	}
	k = min(k, n)
	out := make([][2]int, k)
	for c := range k {
		out[c] = [2]int{c * n / k, (c + 1) * n / k}
	}
	return out
}

// Run calls f on each chunk, concurrently when there is more than one,
// and returns when all are done. A panic in f is raised again in the
// caller's goroutine, where the pipeline's recover turns it into a
// diagnostic; in a goroutine of its own it would end the process.
func Run(chunks [][2]int, f func(c, lo, hi int)) {
	if len(chunks) == 1 {
		f(0, chunks[0][0], chunks[0][1])
		return
	}
	var (
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	for c, ch := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
				}
			}()
			f(c, ch[0], ch[1])
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
