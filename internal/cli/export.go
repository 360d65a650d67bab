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
// format, or of json: extract's JSON volumes in one array. It is nil for
// formats that write each volume on its own.
type exporter struct {
	enc export.Encoder // nil for the json array
	n   int
}

// check checks the flags' values.
func (x *exportFlags) check() error {
	return oneOf("bibtex-encoding", x.bibtexEncoding, "utf8", "latex")
}

// exporter returns the exporter of format over w, or nil when each volume
// is written on its own (json to stdout or of one input, jsonl). Several
// inputs written with -o FILE make one document: for json, an array of
// the volumes.
func (x *exportFlags) exporter(w io.Writer, format string, inputs int, toFile bool) *exporter {
	switch format {
	case "csl":
		return &exporter{enc: export.NewCSL(w)}
	case "bibtex":
		return &exporter{enc: export.NewBibTeX(w, export.BibTeXOptions{LaTeX: x.bibtexEncoding == "latex"})}
	case "csv":
		return &exporter{enc: export.NewCSV(w, export.CSVOptions{Source: inputs > 1})}
	case "json":
		if toFile && inputs > 1 {
			return &exporter{}
		}
	}
	return nil
}

// encodes reports whether the volumes go to an export encoder.
func (x *exporter) encodes() bool { return x != nil && x.enc != nil }

// array reports whether JSON volumes go into one array.
func (x *exporter) array() bool { return x != nil && x.enc == nil }

// volume returns the writer of one volume, for the batch to call in input
// order.
func (x *exporter) volume(v *schema.Volume) func(io.Writer) error {
	return func(io.Writer) error {
		x.n++
		return x.enc.Volume(v)
	}
}

// before is called before each JSON volume of the array is written.
func (x *exporter) before(w io.Writer) error {
	sep := ",\n"
	if x.n == 0 {
		sep = "[\n"
	}
	x.n++
	_, err := io.WriteString(w, sep)
	return err
}

// close ends the document.
func (x *exporter) close(w io.Writer) error {
	if x == nil {
		return nil
	}
	if x.enc != nil {
		return x.enc.Close()
	}
	end := "]\n"
	if x.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(w, end)
	return err
}
