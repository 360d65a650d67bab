package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/procx/procx/internal/config"
	"github.com/procx/procx/internal/suppress"
	"github.com/procx/procx/schema"
)

// settings are what a run is told beyond its limits: the configuration
// file (--config, else the procx.toml found from the PATHs) and the
// severity overrides of --severity. The flags of the command line win
// over the file.
type settings struct {
	fs         *pflag.FlagSet
	configPath string
	severity   []string
	cfg        *config.Config   // nil without a configuration file
	filter     *suppress.Filter // applied to every volume's diagnostics
}

func (s *settings) register(fs *pflag.FlagSet) {
	s.fs = fs
	fs.StringVar(&s.configPath, "config", "", "read the configuration from `FILE` instead of the procx.toml found from the PATHs")
	fs.StringSliceVar(&s.severity, "severity", nil, "report a code at another severity: `CODE=LEVEL` (info, warning or error; repeatable, comma separated)")
}

// findConfig returns the procx.toml that applies to the PATHs (the working
// directory for stdin), or "" for none; PATHs under different ones are a
// usage error.
func findConfig(args []string) (string, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	found := ""
	for _, a := range args {
		if a == "-" {
			a = "."
		}
		f, err := config.Find(a)
		if err != nil || f == "" {
			continue
		}
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, f); err == nil && !strings.HasPrefix(rel, "..") {
				f = rel // named as the PATHs are
			}
		}
		if found != "" && f != found {
			return "", usageErr("the PATHs are under two configuration files, %s and %s: name one with --config", found, f)
		}
		found = f
	}
	return found, nil
}

// loadConfig reads the configuration file and sets from it the settings
// of c that its command line left unset.
func (s *settings) loadConfig(c *common) error {
	path := s.configPath
	if path == "" {
		var err error
		if path, err = findConfig(s.fs.Args()); err != nil || path == "" {
			return err
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return usageErr("%v", err)
	}
	s.cfg = cfg
	for _, code := range cfg.Disable {
		if !slices.Contains(c.disable, string(code)) {
			c.disable = append(c.disable, string(code))
		}
	}
	if cfg.FailOn != "" && !s.fs.Changed("fail-on") {
		c.failOn = cfg.FailOn
	}
	l, cl := &c.limits, cfg.Limits
	setSize := func(flag string, dst *sizeFlag, v *int64) {
		if v != nil && !s.fs.Changed(flag) {
			*dst = sizeFlag(*v)
		}
	}
	setInt := func(flag string, dst *int, v *int) {
		if v != nil && !s.fs.Changed(flag) {
			*dst = *v
		}
	}
	setSize("max-file-size", &l.fileSize, cl.MaxFileSize)
	setSize("max-line-length", &l.lineLength, cl.MaxLineLength)
	setSize("max-pdf-stream", &l.pdfStream, cl.MaxPDFStream)
	setInt("max-authors", &l.authors, cl.MaxAuthors)
	setInt("max-brace-depth", &l.braceDepth, cl.MaxBraceDepth)
	setInt("max-pdf-pages", &l.pdfPages, cl.MaxPDFPages)
	if cl.Timeout != nil && !s.fs.Changed("timeout") {
		l.timeout = time.Duration(*cl.Timeout)
	}
	return nil
}

// filterFor builds the run's filter: the file's severities overridden by
// --severity's, its [[ignore]] rules, and the codes disabled.
func (s *settings) filterFor(disable []schema.Code) error {
	f := &suppress.Filter{Config: s.cfg, Disable: disable}
	if s.cfg != nil && len(s.cfg.Severity) > 0 {
		f.Severity = maps.Clone(s.cfg.Severity)
	}
	for _, kv := range s.severity {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		code, lvl, ok := strings.Cut(kv, "=")
		code, lvl = strings.TrimSpace(code), strings.TrimSpace(lvl)
		if !ok {
			return usageErr("--severity %q: want CODE=LEVEL (pages-gap=error)", kv)
		}
		if !schema.Code(code).Known() {
			return usageErr("--severity %q: unknown code %q (procx explain lists them)", kv, code)
		}
		sev, err := schema.ParseSeverity(lvl)
		if err != nil {
			return usageErr("--severity %q: unknown level %q: want info, warning or error", kv, lvl)
		}
		if f.Severity == nil {
			f.Severity = map[schema.Code]schema.Severity{}
		}
		f.Severity[schema.Code(code)] = sev
	}
	s.filter = f
	return nil
}
