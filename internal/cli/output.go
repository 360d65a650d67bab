package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
)

// output is where a command writes its data: stdout, or the file of -o.
// commit ends a successful run; discard ends a failed one, which leaves no
// file behind.
type output interface {
	io.Writer
	commit() error
	discard()
}

// stdout is the output when there is no -o.
type stdout struct{ io.Writer }

func (stdout) commit() error { return nil }
func (stdout) discard()      {}

// output opens the destination named by -o: stdout for "" or "-", else a
// file (see outputFile).
func (e *env) output(path string) (output, error) {
	if path == "" || path == "-" {
		return stdout{e.stdout}, nil
	}
	o, err := createOutput(path)
	if err != nil {
		return nil, usageErr("-o %q: %v", path, err)
	}
	return o, nil
}

// outputFile writes -o FILE as a shell's redirection would leave it, but
// atomically: the data goes to a temporary file beside the target, renamed
// over it by commit, so that readers never see a partial file and a failed
// run leaves none. The target is the file at the end of path's symbolic
// links, so the links stay; a new file gets mode 0666 less the umask, an
// existing one keeps its mode. Until the run ends, SIGINT and SIGTERM
// remove the temporary file before they end the process. A path that is
// neither a regular file nor missing (a device such as /dev/null, a named
// pipe) is written in place: there is nothing to make atomic, and
// replacing it would be wrong.
type outputFile struct {
	path string   // as given
	f    *os.File // the temporary file, or path itself in place
	tmp  string   // the temporary file's name; "" in place
	dst  string   // what tmp is renamed to

	mu          sync.Mutex
	ended       bool      // committed or discarded
	interrupted os.Signal // the signal that discarded the file
	sigs        chan os.Signal
	done        chan struct{}
}

func createOutput(path string) (*outputFile, error) {
	if st, err := os.Stat(path); err == nil {
		switch {
		case st.IsDir():
			return nil, errors.New("is a directory")
		case !st.Mode().IsRegular():
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, unwrapPathError(err)
			}
			return &outputFile{path: path, f: f}, nil
		}
	}
	dst, st, err := followLinks(path)
	if err != nil {
		return nil, err
	}
	// Catch the signals before the temporary file exists, so that none
	// can end the process between the two and leave the file behind; one
	// that comes first waits in the channel for watch.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	f, err := createTemp(dst)
	if err == nil && st != nil {
		// Keep the mode of the file replaced (the temporary file has
		// 0666 less the umask, as a new file should).
		if err = f.Chmod(st.Mode().Perm()); err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	if err != nil {
		signal.Stop(sigs)
		return nil, unwrapPathError(err)
	}
	o := &outputFile{path: path, f: f, tmp: f.Name(), dst: dst, sigs: sigs, done: make(chan struct{})}
	go o.watch()
	return o, nil
}

// followLinks returns the file that path names after its symbolic links,
// also when the last link dangles (its target is then created), and that
// file's mode when it exists.
func followLinks(path string) (string, fs.FileInfo, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil, nil
		}
		if err != nil {
			return "", nil, unwrapPathError(err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, st, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", nil, unwrapPathError(err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", nil, syscall.ELOOP
}

// createTemp creates ".NAME.RANDOM.tmp" beside dst with mode 0666, which
// the umask reduces (os.CreateTemp's files are 0600 whatever the umask).
func createTemp(dst string) (*os.File, error) {
	dir, base := filepath.Split(dst)
	for {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// watch removes the temporary file on SIGINT or SIGTERM, then lets the
// signal end the process as it would have.
func (o *outputFile) watch() {
	select {
	case sig := <-o.sigs:
		o.mu.Lock()
		if !o.ended {
			o.ended, o.interrupted = true, sig
			o.f.Close()
			os.Remove(o.tmp)
		}
		o.mu.Unlock()
		signal.Stop(o.sigs)
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Signal(sig)
		}
	case <-o.done:
	}
}

func (o *outputFile) Write(p []byte) (int, error) { return o.f.Write(p) }

// end stops watching for signals; it reports false when the run has
// already ended.
func (o *outputFile) end() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ended {
		return false
	}
	o.ended = true
	if o.done != nil {
		signal.Stop(o.sigs)
		close(o.done)
	}
	return true
}

func (o *outputFile) commit() error {
	o.mu.Lock()
	sig := o.interrupted
	o.mu.Unlock()
	if sig != nil {
		return fmt.Errorf("-o %q: not written: interrupted (%v)", o.path, sig)
	}
	if !o.end() {
		return nil
	}
	if err := o.f.Close(); err != nil {
		if o.tmp != "" {
			os.Remove(o.tmp)
		}
		return fmt.Errorf("-o %q: %w", o.path, err)
	}
	if o.tmp == "" {
		return nil
	}
	if err := os.Rename(o.tmp, o.dst); err != nil {
		os.Remove(o.tmp)
		return fmt.Errorf("-o %q: %w", o.path, err)
	}
	return nil
}

func (o *outputFile) discard() {
	if !o.end() {
		return
	}
	o.f.Close()
	if o.tmp != "" {
		os.Remove(o.tmp)
	}
}
