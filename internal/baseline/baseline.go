// Package baseline records a run's findings so that a later run reports
// only new ones. A finding's fingerprint is its code, its input's path,
// the record it is about (key, else DOI, else title) and its message with
// positions and record indexes removed: no line numbers, so it survives
// edits elsewhere in the file, such as papers inserted above it.
package baseline

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/procx/procx/schema"
)

// Entry is the fingerprint of one finding.
type Entry struct {
	Code   schema.Code `json:"code"`
	Path   string      `json:"path"`
	Record string      `json:"record,omitempty"`
	Value  string      `json:"value"`
}

// file is the JSON layout of a baseline.
type file struct {
	Version  int     `json:"version"`
	Comment  string  `json:"comment,omitempty"`
	Findings []Entry `json:"findings"`
}

// version is the layout written; Read refuses others.
const version = 1

// Of returns the fingerprint of d, a finding in the input at path (as
// given on the command line) about rec (nil for none).
func Of(d *schema.Diagnostic, path string, rec *schema.Record) Entry {
	return OfRecord(d, path, RecordID(rec))
}

// OfRecord is Of of a finding about the record named id (RecordID's).
func OfRecord(d *schema.Diagnostic, path, id string) Entry {
	return Entry{Code: d.Code, Path: relPath(path), Record: id, Value: Value(d.Message)}
}

// relPath is path with forward slashes, relative to the working directory
// when it was given absolute and is under it.
func relPath(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// RecordID names a record by what survives edits around it: its key (BibTeX
// or source), else its DOI, else its title.
func RecordID(rec *schema.Record) string {
	switch {
	case rec == nil:
		return ""
	case rec.BibTeX != nil && rec.BibTeX.Key != "":
		return "key:" + rec.BibTeX.Key
	case rec.Key != "":
		return "key:" + rec.Key
	case rec.DOI != "":
		return "doi:" + rec.DOI
	}
	return "title:" + rec.Title
}

var positions = []struct {
	re  *regexp.Regexp
	new string
}{
	{regexp.MustCompile(`/papers/\d+`), "/papers/N"},
	{regexp.MustCompile(`\b(line|lines|column|paper|record|entry|index) \d+((-|–|--| to | and )\d+)?\b`), "$1 N"},
	{regexp.MustCompile(`\b(at|on) \d+:\d+\b`), "$1 N:N"},
	{regexp.MustCompile(`\b(offset|byte) \d+\b`), "$1 N"},
}

// Value is a message without its positions and record indexes ("line 12",
// "/papers/3", "at 40:1"); the values it quotes stay.
func Value(msg string) string {
	if !strings.ContainsAny(msg, "0123456789") {
		return msg
	}
	for _, p := range positions {
		msg = p.re.ReplaceAllString(msg, p.new)
	}
	return msg
}

// Write writes the entries as a baseline, sorted (duplicates kept: each
// matches one finding).
func Write(w io.Writer, es []Entry) error {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Record, b.Record), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Value, b.Value))
	})
	if es == nil {
		es = []Entry{}
	}
	b, err := json.MarshalIndent(file{Version: version, Comment: "procx lint --baseline: findings accepted; each entry matches one finding", Findings: es}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Set is a baseline being matched: each entry matches at most one finding.
type Set struct {
	left  map[Entry]int
	total int
	taken int
}

// Read reads a baseline written by Write.
func Read(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a baseline's content; path names it in errors.
func Parse(path string, data []byte) (*Set, error) {
	var f file
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s: not a baseline written by procx lint --baseline-write: %v", path, err)
	}
	if f.Version != version {
		return nil, fmt.Errorf("baseline %s: version %d, want %d", path, f.Version, version)
	}
	s := &Set{left: make(map[Entry]int, len(f.Findings)), total: len(f.Findings)}
	for _, e := range f.Findings {
		s.left[e]++
	}
	return s, nil
}

// Take reports whether e is in the baseline, and uses up one entry for it.
func (s *Set) Take(e Entry) bool {
	if s.left[e] == 0 {
		return false
	}
	s.left[e]--
	s.taken++
	return true
}

// Taken is the number of findings the baseline matched.
func (s *Set) Taken() int { return s.taken }

// Gone is the number of entries that matched no finding: fixed, or
// changed beyond recognition.
func (s *Set) Gone() int { return s.total - s.taken }
