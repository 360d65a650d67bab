// Package procx turns raw conference-proceedings dumps into clean,
// validated per-paper records. It wires the default pipeline of the
// stage packages:
//
//	bytes ─extract.Decode→ text ─segment→ blocks ─parse→ records
//	      ─normalize.Volume→ records ─validate→ diagnostics
//
// Use Process for one input; use the stage packages for finer control.
package procx

import (
	"sync/atomic"
	"time"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
	"github.com/procx/procx/validate"
)

// Options configure the pipeline.
type Options struct {
	Extract  extract.Options
	Validate validate.Options
	// MaxFileSize is the largest input read, in bytes; a larger one is a
	// "limit" diagnostic. 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Timeout bounds the time spent on one input; 0 means
	// DefaultTimeout, a negative value no limit.
	Timeout time.Duration
}

// The default limits.
const (
	DefaultMaxFileSize = 256 << 20
	DefaultTimeout     = time.Minute
)

// Process reads one input through every stage and returns its volume.
// Diagnostics carry path, line and column, sorted by position. Process never
// fails and never panics on input: what it cannot read is a diagnostic.
// The volume's own diagnostics are validated against the JSON Schema too.
func Process(path string, data []byte, opt Options) *schema.Volume {
	v, _ := ProcessFile(path, data, opt)
	return v
}

// ProcessFile is Process that also returns the decoded input, for callers
// that print excerpts of it.
func ProcessFile(path string, data []byte, opt Options) (*schema.Volume, *schema.File) {
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	if int64(len(data)) > maxSize {
		return failed(path, schema.Limit, "file is %d bytes or more, over the limit of %d (--max-file-size); it was not read", len(data), maxSize)
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	if timeout < 0 {
		return process(path, data, opt, nil)
	}
	done := make(chan output, 1)
	var abandoned atomic.Bool
	run(task{path, data, opt, &abandoned, done})
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case o := <-done:
		return o.v, o.f
	case <-timer.C:
		// The goroutine finishes the stage it is in (every stage is
		// linear or n log n in the input, so it ends) and stops there.
		abandoned.Store(true)
		return failed(path, schema.Limit, "reading took longer than the limit of %s (--timeout); the file was skipped", timeout)
	}
}

// A task is one input for a runner, which sends its output on done.
type task struct {
	path      string
	data      []byte
	opt       Options
	abandoned *atomic.Bool
	done      chan<- output
}

type output struct {
	v *schema.Volume
	f *schema.File
}

// Runners are long-lived goroutines that run process for ProcessFile. A
// batch's inputs go to a few runners rather than to a new goroutine each,
// whose stack would grow anew from its first kilobytes on every input (2%
// of the CPU of a batch of small files).
var (
	// idleRunners counts the runners committed to take one more task
	// from tasks: a runner counts itself before it hands back its output,
	// so the caller's next input finds it.
	idleRunners atomic.Int64
	tasks       = make(chan task)
	// runnersStarted counts the runners ever started, for tests.
	runnersStarted atomic.Int64
)

// runnerIdle is how long a runner waits for its next task before it ends.
const runnerIdle = 5 * time.Second

// run processes t on a runner: an idle one if there is one, else a new one.
func run(t task) {
	for {
		n := idleRunners.Load()
		if n <= 0 {
			break
		}
		if idleRunners.CompareAndSwap(n, n-1) {
			tasks <- t // a runner that counted itself takes it
			return
		}
	}
	runnersStarted.Add(1)
	go runner(t)
}

func runner(t task) {
	idle := time.NewTimer(runnerIdle)
	defer idle.Stop()
	for {
		v, f := process(t.path, t.data, t.opt, t.abandoned)
		idleRunners.Add(1)
		t.done <- output{v, f} // buffered: never blocks
		t = task{}             // keep nothing of the input while idle
		idle.Reset(runnerIdle)
		select {
		case t = <-tasks:
			continue
		case <-idle.C:
		}
		// Leave unless a caller has counted on this runner meanwhile.
		for {
			n := idleRunners.Load()
			if n <= 0 {
				t = <-tasks // a task is on its way
				break
			}
			if idleRunners.CompareAndSwap(n, n-1) {
				return
			}
		}
	}
}

// failed is the volume of an input procx could not read at all.
func failed(path string, code schema.Code, format string, args ...any) (*schema.Volume, *schema.File) {
	v := &schema.Volume{
		Source:      schema.Source{Path: path, Format: "unknown"},
		Papers:      []schema.Record{},
		Diagnostics: []schema.Diagnostic{code.AtPointer(path, "", format, args...)},
	}
	return v, schema.NewFile(path, nil)
}

// process runs the stages; once abandoned is set (the caller gave up on
// the input at its timeout) it stops at the next stage, so an abandoned
// input costs at most the stage it is in.
func process(path string, data []byte, opt Options, abandoned *atomic.Bool) (v *schema.Volume, f *schema.File) {
	defer func() {
		if r := recover(); r != nil {
			v, f = failed(path, schema.InternalError, "procx failed on this input: %v", r)
		}
	}()
	gaveUp := func() bool { return abandoned != nil && abandoned.Load() }
	v, doc := extract.Read(path, data, opt.Extract)
	if gaveUp() {
		return v, doc.File
	}
	normalize.Volume(v)
	if gaveUp() {
		return v, doc.File
	}
	validate.Volume(v, opt.Validate)
	if gaveUp() {
		return v, doc.File
	}
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	finish(v, doc.File)
	// Validate what will be printed, diagnostics included.
	if errs := validate.SchemaErrors(v); len(errs) > 0 {
		v.Diagnostics = append(v.Diagnostics, validate.Uncovered(errs, v.Diagnostics)...)
		finish(v, doc.File)
	}
	v.Diagnostics = validate.Filter(v.Diagnostics, opt.Validate)
	if v.Diagnostics == nil {
		v.Diagnostics = []schema.Diagnostic{}
	}
	return v, doc.File
}

func finish(v *schema.Volume, f *schema.File) {
	v.PlaceDiagnostics()
	f.Resolve(v.Diagnostics)
	v.Diagnostics = schema.SortDiagnostics(v.Diagnostics)
}
