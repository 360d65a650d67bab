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

// file is the TOML layout of procx.toml. The values are left to check
// here, against the line of their key: the TOML library hands a value of
// the wrong type to UnmarshalText without its position, and stores an
// integer in an integer type unchecked.
type file struct {
	Disable  any            `toml:"disable"`
	Severity map[string]any `toml:"severity"`
	FailOn   any            `toml:"fail-on"`
	Limits   struct {
		MaxFileSize   any `toml:"max-file-size"`
		MaxLineLength any `toml:"max-line-length"`
		MaxAuthors    any `toml:"max-authors"`
		MaxBraceDepth any `toml:"max-brace-depth"`
		MaxPDFPages   any `toml:"max-pdf-pages"`
		MaxPDFStream  any `toml:"max-pdf-stream"`
		Timeout       any `toml:"timeout"`
	} `toml:"limits"`
	Exclude any `toml:"exclude"`
	Ignore  []struct {
		Path   any `toml:"path"`
		Code   any `toml:"code"`
		Key    any `toml:"key"`
		DOI    any `toml:"doi"`
		Title  any `toml:"title"`
		Reason any `toml:"reason"`
	} `toml:"ignore"`
}

// checker checks the values of one file, each against its key's line.
type checker struct {
	path  string
	lines map[string]int
	err   error
}

func (c *checker) fail(key, format string, args ...any) {
	if c.err == nil {
		name := key
		if rest, ok := strings.CutPrefix(key, "ignore."); ok {
			_, field, _ := strings.Cut(rest, ".")
			name = "[[ignore]] " + field
		}
		c.err = &Error{Path: c.path, Line: c.lines[key], Msg: name + ": " + fmt.Sprintf(format, args...)}
	}
}

// str returns v as a string; a value of another type is an error.
func (c *checker) str(key string, v any, want string) (string, bool) {
	if v == nil {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		c.fail(key, "want %s, not %v", want, v)
	}
	return s, ok
}

// strs returns v as a list of strings.
func (c *checker) strs(key string, v any, want string) []string {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		c.fail(key, "want a list of %s, not %v", want, v)
		return nil
	}
	var out []string
	for _, e := range list {
		if s, ok := c.str(key, e, want); ok {
			out = append(out, s)
		}
	}
	return out
}

func (c *checker) code(key string, v any) schema.Code {
	s, ok := c.str(key, v, "a code")
	if ok && !schema.Code(s).Known() {
		c.fail(key, "unknown code %q (procx explain lists them)", s)
	}
	return schema.Code(s)
}

func (c *checker) glob(key, g string) string {
	if !doublestar.ValidatePattern(g) {
		c.fail(key, "%q is not a valid glob", g)
	}
	return g
}

// size reads a byte count: a positive integer, or a string with a k, M or
// G suffix.
func (c *checker) size(key string, v any) *int64 {
	if v == nil {
		return nil
	}
	var n int64
	switch v := v.(type) {
	case int64:
		n = v
		if n <= 0 {
			c.fail(key, "%d: want a positive number of bytes", n)
		}
	case string:
		var err error
		if n, err = ParseSize(v); err != nil {
			c.fail(key, "%v", err)
		}
	default:
		c.fail(key, "want a number of bytes or a size such as \"64M\", not %v", v)
	}
	return &n
}

// count reads a positive integer.
func (c *checker) count(key string, v any) *int {
	if v == nil {
		return nil
	}
	n, ok := v.(int64)
	switch {
	case !ok:
		c.fail(key, "want a positive whole number, not %v", v)
	case n <= 0 || n > 1<<31:
		c.fail(key, "%d: want a positive number", n)
	}
	i := int(n)
	return &i
}

func (c *checker) duration(key string, v any) *time.Duration {
	if v == nil {
		return nil
	}
	s, _ := c.str(key, v, "a duration such as \"30s\"")
	d, err := time.ParseDuration(s)
	if c.err == nil && (err != nil || d <= 0) {
		c.fail(key, "%q is not a positive duration (such as \"30s\" or \"2m\")", s)
	}
	return &d
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
	ck := &checker{path: path, lines: keyLines(data)}
	c = &Config{Path: path, Dir: filepath.Dir(path)}
	for _, s := range ck.strs("disable", f.Disable, "codes") {
		c.Disable = append(c.Disable, ck.code("disable", s))
	}
	if slices.Contains(c.Disable, schema.UnreadableInput) {
		ck.fail("disable", "%s cannot be disabled: an input that cannot be read always fails the run", schema.UnreadableInput)
	}
	if s, ok := ck.str("fail-on", f.FailOn, "error, warning, info or never"); ok {
		switch s {
		case "error", "warning", "info", "never":
			c.FailOn = s
		default:
			ck.fail("fail-on", "%q: want error, warning, info or never", s)
		}
	}
	names := make([]string, 0, len(f.Severity))
	for k := range f.Severity {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		key := "severity." + k
		code := ck.code(key, k)
		if s, ok := ck.str(key, f.Severity[k], "info, warning or error"); ok {
			sev, err := schema.ParseSeverity(s)
			if err != nil {
				ck.fail(key, "%q: want info, warning or error", s)
			}
			if c.Severity == nil {
				c.Severity = map[schema.Code]schema.Severity{}
			}
			c.Severity[code] = sev
		}
	}
	l := f.Limits
	c.Limits = Limits{
		MaxFileSize:   ck.size("limits.max-file-size", l.MaxFileSize),
		MaxLineLength: ck.size("limits.max-line-length", l.MaxLineLength),
		MaxAuthors:    ck.count("limits.max-authors", l.MaxAuthors),
		MaxBraceDepth: ck.count("limits.max-brace-depth", l.MaxBraceDepth),
		MaxPDFPages:   ck.count("limits.max-pdf-pages", l.MaxPDFPages),
		MaxPDFStream:  ck.size("limits.max-pdf-stream", l.MaxPDFStream),
		Timeout:       ck.duration("limits.timeout", l.Timeout),
	}
	for _, g := range ck.strs("exclude", f.Exclude, "globs") {
		c.Exclude = append(c.Exclude, ck.glob("exclude", g))
	}
	for i, r := range f.Ignore {
		at := "ignore." + strconv.Itoa(i)
		rule := Rule{Line: ck.lines[at]}
		field := func(name string, v any) string {
			s, _ := ck.str(at+"."+name, v, "a string")
			return s
		}
		rule.Path = ck.glob(at+".path", field("path", r.Path))
		rule.Key, rule.DOI, rule.Title, rule.Reason = field("key", r.Key), field("doi", r.DOI), field("title", r.Title), field("reason", r.Reason)
		if r.Code != nil {
			rule.Code = ck.code(at+".code", r.Code)
		}
		switch {
		case ck.err != nil:
		case rule.Code == "":
			ck.err = &Error{Path: path, Line: rule.Line, Msg: "[[ignore]] without a code: say which code it accepts (code = \"pages-gap\")"}
		case strings.TrimSpace(rule.Reason) == "":
			ck.err = &Error{Path: path, Line: rule.Line, Msg: fmt.Sprintf("[[ignore]] of %s without a reason: say why the finding is accepted (reason = \"...\")", rule.Code)}
		}
		c.Ignore = append(c.Ignore, rule)
	}
	if ck.err != nil {
		return nil, ck.err
	}
	return c, nil
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
