package cli

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/procx/procx/internal/export"
	"github.com/procx/procx/schema"
)

// extractFormats are the --format values of extract: json and jsonl,
// which extract writes itself, and the formats of internal/export.
var extractFormats = append([]string{"json", "jsonl"}, export.Formats...)

// exportFlags are extract's flags for the export formats.
type exportFlags struct {
	bibtexEncoding string
}

func (x *exportFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&x.bibtexEncoding, "bibtex-encoding", "utf8", "--format bibtex: utf8 (letters as UTF-8) or latex (letters LaTeX can spell as {\\\"o}, {\\l})")
}

// exporter writes the volumes of a batch as one document of an export
// format (csl, bibtex or csv).
type exporter struct {
	enc export.Encoder
}

// check checks the flags' values.
func (x *exportFlags) check() error {
	return oneOf("bibtex-encoding", x.bibtexEncoding, "utf8", "latex")
}

// exporter returns the exporter of format over w, or nil for json and
// jsonl, which extract writes itself.
func (x *exportFlags) exporter(w io.Writer, format string, inputs int) *exporter {
	switch format {
	case "csl":
		return &exporter{enc: export.NewCSL(w)}
	case "bibtex":
		return &exporter{enc: export.NewBibTeX(w, export.BibTeXOptions{LaTeX: x.bibtexEncoding == "latex"})}
	case "csv":
		return &exporter{enc: export.NewCSV(w, export.CSVOptions{Source: inputs > 1})}
	}
	return nil
}

// volume returns the writer of one volume, for the batch to call in input
// order.
func (x *exporter) volume(v *schema.Volume) func(io.Writer) error {
	return func(io.Writer) error { return x.enc.Volume(v) }
}

// close ends the document.
func (x *exporter) close() error {
	if x == nil {
		return nil
	}
	return x.enc.Close()
}
