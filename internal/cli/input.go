package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// input is one file to read; path "-" is stdin, named "<stdin>". An input
// with err is a path that could not be read (missing, not readable, a
// directory with nothing to read): it goes through the batch in its place,
// to be reported and counted there.
type input struct {
	path string // as shown in diagnostics
	file string // on disk; "" for stdin
	err  *inputError
}

// inputError is a path that could not be read, and why.
type inputError struct {
	path string
	err  error
}

func (e *inputError) Error() string { return e.path + ": " + e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

func failedInput(path string, err error) input {
	return input{path: path, err: &inputError{path, unwrapPathError(err)}}
}

// knownExt are the extensions read when walking a directory; files named
// on the command line are always read.
var knownExt = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".bib": true, ".bibtex": true,
	".pdf": true, ".json": true, ".jsonl": true, ".ndjson": true, ".xml": true,
}

// expand turns command-line paths into inputs: directories are walked in
// sorted order, skipping hidden files, files of unknown extensions and
// what excluded reports true for (procx.toml's exclude globs);
// symbolic links inside directories are not followed, so loops are safe.
// A path that cannot be read, and a directory that holds no file to read,
// is an input with its error.
func expand(args []string, excluded func(path string) bool) []input {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var out []input
	for _, a := range args {
		if a == "-" {
			out = append(out, input{path: "<stdin>"})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, failedInput(a, err))
			continue
		}
		if !st.IsDir() {
			out = append(out, input{path: a, file: a})
			continue
		}
		var found []input
		skipped := 0
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, failedInput(p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != a && (strings.HasPrefix(name, ".") || excluded(p)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular() && knownExt[strings.ToLower(filepath.Ext(name))]:
				found = append(found, input{path: p, file: p})
			case !d.IsDir():
				skipped++
			}
			return nil
		})
		if err != nil {
			found = append(found, failedInput(a, err))
		}
		if len(found) == 0 {
			found = append(found, failedInput(a, noFiles(skipped)))
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].path < found[j].path })
		out = append(out, found...)
	}
	return out
}

// noFiles is the error of a directory with no file to read.
func noFiles(skipped int) error {
	exts := make([]string, 0, len(knownExt))
	for e := range knownExt {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	msg := "no file to read: in a directory procx reads the files ending in " + strings.Join(exts, ", ")
	if skipped > 0 {
		msg += fmt.Sprintf("; it skipped %d other %s (name a file to read it whatever its extension)", skipped, plural(skipped, "file", "files"))
	}
	return errors.New(msg)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// read returns the bytes of in, at most max+1 of them: enough for the
// pipeline to see that a file is over the limit without reading it all.
func (e *env) read(in input, max int64) ([]byte, error) {
	if in.err != nil {
		return nil, in.err
	}
	var r io.Reader = e.stdin
	b := make([]byte, 0, 512)
	if in.file != "" {
		f, err := os.Open(in.file)
		if err != nil {
			return nil, &inputError{in.path, unwrapPathError(err)}
		}
		defer f.Close()
		r = f
		// A regular file is read into a buffer of its size (plus one byte,
		// to see the end) instead of one doubled from 512 bytes.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() <= max {
			b = make([]byte, 0, st.Size()+1)
		}
	}
	b, err := readAll(io.LimitReader(r, max+1), b)
	if err != nil {
		return nil, &inputError{in.path, unwrapPathError(err)}
	}
	return b, nil
}

// readAll is io.ReadAll into b's spare capacity, growing it only when full
// (as os.ReadFile does).
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
