package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// input is one file to read; path "-" is stdin, named "<stdin>".
type input struct {
	path string // as shown in diagnostics
	file string // on disk; "" for stdin
}

// knownExt are the extensions read when walking a directory; files named
// on the command line are always read.
var knownExt = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".bib": true, ".bibtex": true,
	".pdf": true, ".json": true, ".jsonl": true, ".ndjson": true, ".xml": true,
}

// expand turns command-line paths into inputs: directories are walked in
// sorted order, skipping hidden files and files of unknown extensions;
// symbolic links inside directories are not followed, so loops are safe.
// Paths that cannot be read are reported to warn and skipped.
func expand(args []string, warn func(error)) []input {
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
			warn(fmt.Errorf("%s: %w", a, unwrapPathError(err)))
			continue
		}
		if !st.IsDir() {
			out = append(out, input{path: a, file: a})
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				warn(fmt.Errorf("%s: %w", p, unwrapPathError(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != a && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && knownExt[strings.ToLower(filepath.Ext(name))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			warn(fmt.Errorf("%s: %w", a, err))
		}
		sort.Strings(found)
		for _, p := range found {
			out = append(out, input{path: p, file: p})
		}
	}
	return out
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
	var r io.Reader = e.stdin
	b := make([]byte, 0, 512)
	if in.file != "" {
		f, err := os.Open(in.file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.path, unwrapPathError(err))
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
		return nil, fmt.Errorf("%s: %w", in.path, unwrapPathError(err))
	}
	largeInput(len(b))
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
