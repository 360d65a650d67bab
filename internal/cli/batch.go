package cli

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/procx/procx/internal/baseline"
	"github.com/procx/procx/schema"
)

// result is what a worker made of one input.
type result struct {
	in     input
	err    error // the input could not be read
	bytes  int
	papers int
	diags  []schema.Diagnostic
	prints []baseline.Entry // lint --baseline: the fingerprints of diags
	file   *schema.File     // for excerpts (lint)
	// outs is the encoded output of each volume of the input (extract),
	// array whether they are elements of an array of volumes.
	outs  []volumeOut
	array bool
}

// volumeOut is a volume's encoded output: its bytes, or for a large volume
// a function that encodes it into w (its bytes are not held whole).
type volumeOut struct {
	out   []byte
	write func(w io.Writer) error
}

// runBatch processes inputs on jobs workers and hands the results to emit
// in input order. At most 2*jobs results are in flight, so memory grows
// with the largest files, not with the number of files; emit sees the
// first result as soon as it is ready (streaming).
func runBatch(inputs []input, jobs int, work func(input) result, emit func(result) error) error {
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	type job struct {
		in  input
		out chan result
	}
	todo := make(chan job)
	order := make(chan chan result, 2*jobs)
	stop := make(chan struct{})
	go func() {
		defer close(todo)
		defer close(order)
		for _, in := range inputs {
			ch := make(chan result, 1)
			select {
			case order <- ch:
			case <-stop:
				return
			}
			select {
			case todo <- job{in, ch}:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				j.out <- work(j.in)
			}
		}()
	}
	var err error
	for ch := range order {
		r := <-ch
		if err == nil {
			if err = emit(r); err != nil {
				close(stop)
			}
		}
	}
	wg.Wait()
	return err
}

// progress shows a bar on stderr for batches of more than a few files when
// stderr is a terminal, unless quiet, NO_COLOR or TERM=dumb say otherwise.
type progress struct {
	bar *progressbar.ProgressBar
}

func (e *env) newProgress(n int, quiet bool) *progress {
	if quiet || n <= 3 || !e.isTerminal(e.stderr) || e.getenv("TERM") == "dumb" || e.getenv("NO_COLOR") != "" {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("procx"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) add() {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// summary counts a batch for the closing line on stderr.
type summary struct {
	start  time.Time
	files  int
	failed int
	papers int
	bytes  int64
	bySev  [3]int
}

func (s *summary) add(r result) {
	if r.err != nil {
		s.failed++
		return
	}
	s.files++
	s.papers += r.papers
	s.bytes += int64(r.bytes)
	for _, d := range r.diags {
		if d.Severity >= 0 && int(d.Severity) < len(s.bySev) {
			s.bySev[d.Severity]++
		}
	}
}

// print writes the summary line; files counts the unreadable ones too.
func (s *summary) print(w io.Writer) {
	el := time.Since(s.start)
	mbs := float64(s.bytes) / 1e6 / max(el.Seconds(), 1e-9)
	files := s.files + s.failed
	fmt.Fprintf(w, "procx: %d %s (%d unreadable), %d %s, %d %s, %d %s, %d info in %s (%.1f MB/s, %.0f records/s)\n",
		files, plural(files, "file", "files"), s.failed,
		s.papers, plural(s.papers, "record", "records"),
		s.bySev[schema.Error], plural(s.bySev[schema.Error], "error", "errors"),
		s.bySev[schema.Warning], plural(s.bySev[schema.Warning], "warning", "warnings"),
		s.bySev[schema.Info],
		el.Round(time.Millisecond), mbs, float64(s.papers)/max(el.Seconds(), 1e-9))
}

// plural returns one for n == 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
