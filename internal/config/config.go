// Package config reads procx.toml, the configuration file of a procx run:
// disabled codes, severity overrides, the severity that fails the run,
// limits, globs excluded from directory walks and [[ignore]] rules that
// accept findings. Every error names the file and the line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/procx/procx/schema"
)

// Name is the file name Find looks for.
const Name = "procx.toml"

// Config is a procx.toml as read. Limits left out of the file are nil.
type Config struct {
	Path     string // the file, as found or given
	Dir      string // its directory: globs are relative to it
	Disable  []schema.Code
	Severity map[schema.Code]schema.Severity
	FailOn   string // "", "error", "warning", "info" or "never"
	Limits   Limits
	Exclude  []string
	Ignore   []Rule
}

// Limits are the limits the --max-* flags and --timeout set.
type Limits struct {
	MaxFileSize   *int64
	MaxLineLength *int64
	MaxAuthors    *int
	MaxBraceDepth *int
	MaxPDFPages   *int
	MaxPDFStream  *int64
	Timeout       *time.Duration
}

// Rule is an [[ignore]] rule: it accepts the findings of Code in the files
// matching Path, and when Key, DOI or Title is set only those about the
// record with that BibTeX (or source) key, DOI or title.
type Rule struct {
	Path   string
	Code   schema.Code
	Key    string
	DOI    string
	Title  string
	Reason string
	Line   int // of the rule's [[ignore]] header
}

// Error is an error in a configuration file, at a line (and column, where
// known; 0 when not).
type Error struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	pos := e.Path
	if e.Line > 0 {
		pos += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			pos += ":" + strconv.Itoa(e.Col)
		}
	}
	return pos + ": " + e.Msg
}

// file is the TOML layout of procx.toml.
type file struct {
	Disable  []code           `toml:"disable"`
	Severity map[string]level `toml:"severity"`
	FailOn   *failOn          `toml:"fail-on"`
	Limits   struct {
		MaxFileSize   *size     `toml:"max-file-size"`
		MaxLineLength *size     `toml:"max-line-length"`
		MaxAuthors    *count    `toml:"max-authors"`
		MaxBraceDepth *count    `toml:"max-brace-depth"`
		MaxPDFPages   *count    `toml:"max-pdf-pages"`
		MaxPDFStream  *size     `toml:"max-pdf-stream"`
		Timeout       *duration `toml:"timeout"`
	} `toml:"limits"`
	Exclude []glob `toml:"exclude"`
	Ignore  []struct {
		Path   glob   `toml:"path"`
		Code   code   `toml:"code"`
		Key    string `toml:"key"`
		DOI    string `toml:"doi"`
		Title  string `toml:"title"`
		Reason string `toml:"reason"`
	} `toml:"ignore"`
}

// The string types are structs: the TOML library hands a string-kinded
// type its value without calling UnmarshalText, so without the check.

// code is a diagnostic code procx declares.
type code struct{ v schema.Code }

func (c *code) UnmarshalText(b []byte) error {
	if !schema.Code(b).Known() {
		return fmt.Errorf("unknown code %q (procx explain lists them)", b)
	}
	c.v = schema.Code(b)
	return nil
}

type level schema.Severity

func (l *level) UnmarshalText(b []byte) error {
	s, err := schema.ParseSeverity(string(b))
	if err != nil {
		return fmt.Errorf("severity %q: want info, warning or error", b)
	}
	*l = level(s)
	return nil
}

type failOn struct{ v string }

func (f *failOn) UnmarshalText(b []byte) error {
	switch s := string(b); s {
	case "error", "warning", "info", "never":
		f.v = s
		return nil
	}
	return fmt.Errorf("fail-on %q: want error, warning, info or never", b)
}

// size is a byte count: an integer, or a string with a k, M or G suffix.
type size int64

func (s *size) UnmarshalText(b []byte) error {
	n, err := ParseSize(string(b))
	*s = size(n)
	return err
}

// count is a positive integer.
type count int

type duration time.Duration

func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil || v <= 0 {
		return fmt.Errorf("%q is not a positive duration (such as \"30s\" or \"2m\")", b)
	}
	*d = duration(v)
	return nil
}

// glob is a path pattern doublestar can match.
type glob struct{ v string }

func (g *glob) UnmarshalText(b []byte) error {
	if !doublestar.ValidatePattern(string(b)) {
		return fmt.Errorf("%q is not a valid glob", b)
	}
	g.v = string(b)
	return nil
}

// ParseSize reads a byte count written as a positive number with an
// optional k, M or G suffix (powers of 1024; "kB", "MiB" are read too).
func ParseSize(v string) (int64, error) {
	mult := int64(1)
	t := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v), "B"), "i")
	switch {
	case strings.HasSuffix(t, "k"), strings.HasSuffix(t, "K"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size (a positive number of bytes, optionally with k, M or G)", v)
	}
	return n * mult, nil
}

// Find returns the procx.toml that applies to path: in path's directory
// (path itself when it is a directory) or the nearest parent, stopping
// after the filesystem root or a directory that holds .git. It returns ""
// when there is none.
func Find(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		f := filepath.Join(dir, Name)
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			return f, nil
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a configuration file's content; path names it in errors and
// its directory is where globs start.
func Parse(path string, data []byte) (c *Config, err error) {
	defer func() {
		// The TOML library must not take procx down on a hostile file.
		if r := recover(); r != nil {
			c, err = nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read: %v", r)}
		}
	}()
	var f file
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, tomlError(path, err)
	}
	lines := keyLines(data)
	c = &Config{Path: path, Dir: filepath.Dir(path), FailOn: ptrOr(f.FailOn, failOn{}).v}
	for _, d := range f.Disable {
		c.Disable = append(c.Disable, d.v)
	}
	if slices.Contains(c.Disable, schema.UnreadableInput) {
		return nil, &Error{Path: path, Line: lines["disable"], Msg: "disable: " + string(schema.UnreadableInput) + " cannot be disabled: an input that cannot be read always fails the run"}
	}
	if len(f.Severity) > 0 {
		c.Severity = map[schema.Code]schema.Severity{}
		names := make([]string, 0, len(f.Severity))
		for k := range f.Severity {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			if !schema.Code(k).Known() {
				return nil, &Error{Path: path, Line: lines["severity."+k], Msg: fmt.Sprintf("severity: unknown code %q (procx explain lists them)", k)}
			}
			c.Severity[schema.Code(k)] = schema.Severity(f.Severity[k])
		}
	}
	l := f.Limits
	for _, n := range []struct {
		key string
		v   *count
	}{{"max-authors", l.MaxAuthors}, {"max-brace-depth", l.MaxBraceDepth}, {"max-pdf-pages", l.MaxPDFPages}} {
		if n.v != nil && *n.v <= 0 {
			return nil, &Error{Path: path, Line: lines["limits."+n.key], Msg: fmt.Sprintf("limits.%s = %d: want a positive number", n.key, *n.v)}
		}
	}
	for _, n := range []struct {
		key string
		v   *size
	}{{"max-file-size", l.MaxFileSize}, {"max-line-length", l.MaxLineLength}, {"max-pdf-stream", l.MaxPDFStream}} {
		if n.v != nil && *n.v <= 0 {
			return nil, &Error{Path: path, Line: lines["limits."+n.key], Msg: fmt.Sprintf("limits.%s = %d: want a positive number of bytes", n.key, *n.v)}
		}
	}
	c.Limits = Limits{
		MaxFileSize:   conv[size, int64](l.MaxFileSize),
		MaxLineLength: conv[size, int64](l.MaxLineLength),
		MaxAuthors:    conv[count, int](l.MaxAuthors),
		MaxBraceDepth: conv[count, int](l.MaxBraceDepth),
		MaxPDFPages:   conv[count, int](l.MaxPDFPages),
		MaxPDFStream:  conv[size, int64](l.MaxPDFStream),
		Timeout:       conv[duration, time.Duration](l.Timeout),
	}
	for _, g := range f.Exclude {
		c.Exclude = append(c.Exclude, g.v)
	}
	for i, r := range f.Ignore {
		line := lines["ignore."+strconv.Itoa(i)]
		switch {
		case r.Code.v == "":
			return nil, &Error{Path: path, Line: line, Msg: "[[ignore]] without a code: say which code it accepts (code = \"pages-gap\")"}
		case strings.TrimSpace(r.Reason) == "":
			return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("[[ignore]] of %s without a reason: say why the finding is accepted (reason = \"...\")", r.Code.v)}
		}
		c.Ignore = append(c.Ignore, Rule{Path: r.Path.v, Code: r.Code.v, Key: r.Key, DOI: r.DOI, Title: r.Title, Reason: r.Reason, Line: line})
	}
	return c, nil
}

func ptrOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func conv[From ~int | ~int64, To ~int | ~int64](p *From) *To {
	if p == nil {
		return nil
	}
	v := To(*p)
	return &v
}

// tomlError turns the TOML library's error into an Error at its line.
func tomlError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := &strict.Errors[0]
		line, col := e.Position()
		return &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf("unknown key %q (the keys are described in procx's README, \"Configuration\")", strings.Join(e.Key(), "."))}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if k := de.Key(); len(k) > 0 {
			msg = strings.Join(k, ".") + ": " + msg
		}
		return &Error{Path: path, Line: line, Col: col, Msg: msg}
	}
	return &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// keyLines maps the keys of a valid TOML document to the line they are
// on: "limits.max-authors", "severity.pages-gap", and "ignore.N" for the
// header of the Nth [[ignore]] table (from 0).
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	table := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		key, line := keyOf(&p, e)
		switch e.Kind {
		case unstable.Table:
			table = key
			lines[table] = line
		case unstable.ArrayTable:
			table = key + "." + strconv.Itoa(arrays[key])
			arrays[key]++
			lines[table] = line
		case unstable.KeyValue:
			full := key
			if table != "" {
				full = table + "." + key
			}
			lines[full] = line
		}
	}
	return lines
}

// keyOf returns the dotted key of a table header or key-value expression
// and the line it starts on.
func keyOf(p *unstable.Parser, e *unstable.Node) (string, int) {
	var parts []string
	line := 0
	it := e.Key()
	for it.Next() {
		n := it.Node()
		if line == 0 {
			line = p.Shape(n.Raw).Start.Line
		}
		parts = append(parts, string(n.Data))
	}
	return strings.Join(parts, "."), line
}

// Rel returns path (as given on the command line) relative to the
// configuration's directory, with forward slashes; ok is false for a path
// outside it.
func (c *Config) Rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// match reports whether the slash-separated relative path matches glob: a
// glob without a slash matches the file name in any directory, as in
// .gitignore; one with a slash matches from the configuration's directory.
func match(glob, rel string) bool {
	if !strings.Contains(glob, "/") {
		ok, _ := doublestar.Match(glob, rel[strings.LastIndexByte(rel, '/')+1:])
		return ok
	}
	ok, _ := doublestar.Match(strings.TrimPrefix(glob, "/"), rel)
	return ok
}

// Excluded reports whether a file or directory met in a directory walk
// matches an exclude glob.
func (c *Config) Excluded(path string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, ok := c.Rel(path)
	if !ok {
		return false
	}
	for _, g := range c.Exclude {
		if match(g, rel) {
			return true
		}
	}
	return false
}

// Matches reports whether r accepts a finding of code in the file at path
// about rec (nil for a finding about no record).
func (r *Rule) Matches(c *Config, path string, code schema.Code, rec *schema.Record) bool {
	if r.Code != code {
		return false
	}
	if r.Path != "" {
		rel, ok := c.Rel(path)
		if !ok || !match(r.Path, rel) {
			return false
		}
	}
	if r.Key == "" && r.DOI == "" && r.Title == "" {
		return true
	}
	if rec == nil {
		return false
	}
	key := rec.Key
	if rec.BibTeX != nil && rec.BibTeX.Key != "" {
		key = rec.BibTeX.Key
	}
	return (r.Key == "" || r.Key == key || r.Key == rec.Key) &&
		(r.DOI == "" || strings.EqualFold(r.DOI, rec.DOI)) &&
		(r.Title == "" || r.Title == rec.Title)
}
