package extract

import (
	"context"
	"io"

	"github.com/procx/procx/extract/internal/xmlread"
	"github.com/procx/procx/schema"
)

// DBLPXML reads the dblp XML dump (dblp.xml, or any excerpt of it) as a
// stream. <article>, <inproceedings> and <incollection> records, and
// <book> records that have authors, are papers; <proceedings> records, and
// <book> records with editors only (edited volumes), are the metadata of
// the container their papers name. Papers are grouped into containers by
// crossref, else by booktitle and year (joined to the proceedings record
// with that booktitle and year), else by journal and volume, else each is
// its own. dblp's named entities (&uuml; ...) come from dblp.dtd, whose
// table is compiled in; titles keep the text of their <i>, <sub>, <sup>
// and <tt> markup and lose the period dblp ends them with; homonym numbers
// ("Markus Schmitt 0002") become the author's id. Other record types
// (<www> person pages, theses) are counted in one diagnostic per type.
type DBLPXML struct{}

// Name returns "dblp-xml".
func (DBLPXML) Name() string { return "dblp-xml" }

// Sniff recognises the format by its root element.
func (DBLPXML) Sniff(doc *Document) int { return xmlread.SniffDBLP(doc) }

// Read streams the records of doc into a volume. Once ctx is done it
// stops, and the volume is incomplete.
func (DBLPXML) Read(ctx context.Context, doc *Document, _ Options) *schema.Volume {
	return xmlread.ReadDBLP(ctx, doc)
}

// ACLXML reads an ACL Anthology XML file (data/xml/*.xml of the Anthology)
// as a stream: a <collection> of <volume>s, each with its <meta>
// (booktitle, editors, publisher, address, month, year), an optional
// <frontmatter> and its <paper>s. Each volume is a container named by its
// Anthology id ("2020.acl-main", "P19-1"): one volume is the volume procx
// outputs, several are listed in the output's containers, each with its
// metadata, and records name theirs. Titles and abstracts keep the text of
// <fixed-case>, <i>, <b> and <url> markup, and <tex-math> as TeX between
// dollars; <author><first>/<last> give the given and family names exactly;
// <bibkey> is the record's key; <retracted> or <removed> mark it withdrawn;
// a <url> that is an Anthology id becomes its aclanthology.org address.
// The front matter is a record of its own, titled with the volume's
// booktitle, as the Anthology lists it.
type ACLXML struct{}

// Name returns "acl-xml".
func (ACLXML) Name() string { return "acl-xml" }

// Sniff recognises the format by its root element.
func (ACLXML) Sniff(doc *Document) int { return xmlread.SniffACL(doc) }

// Read streams the records of doc into a volume. Once ctx is done it
// stops, and the volume is incomplete.
func (ACLXML) Read(ctx context.Context, doc *Document, _ Options) *schema.Volume {
	return xmlread.ReadACL(ctx, doc)
}

// ReadDBLPChunk reads data, a piece of a dblp dump (whole records inside a
// <dblp> root, UTF-8), as DBLPXML reads a dump but without grouping its
// records into containers: each record names its container as written,
// the containers whose metadata the piece holds are v.Containers, and
// aliases[i] is the other name (booktitle and year) records may give
// container i. It is the reader of procx.Stream, which joins the pieces.
func ReadDBLPChunk(ctx context.Context, path string, data []byte, opt Options) (v *schema.Volume, doc *Document, aliases []string) {
	doc = Decode(path, data)
	v, aliases = xmlread.ReadDBLPChunk(ctx, doc)
	finishRead(v, doc, opt)
	return v, doc, aliases
}

// A Piece is a record-aligned piece of a dblp dump (see SplitDBLP).
type Piece = xmlread.Piece

// SplitDBLP reads a dblp dump from r as record-aligned pieces of about
// size bytes, for ReadDBLPChunk, and returns the name of its encoding.
func SplitDBLP(r io.Reader, size int, piece func(Piece) error) (string, error) {
	return xmlread.SplitDBLP(r, size, piece)
}

// StreamsDBLP reports whether head, the start of an input, is a dblp dump
// SplitDBLP reads (its root element is <dblp>).
func StreamsDBLP(head []byte) bool { return xmlread.StreamsDBLP(head) }

// ReadACLChunk reads a piece of an ACL Anthology file as SplitACL cuts
// it: each record names its volume (see ReadDBLPChunk).
func ReadACLChunk(ctx context.Context, path string, data []byte, opt Options) (v *schema.Volume, doc *Document, aliases []string) {
	doc = Decode(path, data)
	v, aliases = xmlread.ReadACLChunk(ctx, doc)
	finishRead(v, doc, opt)
	return v, doc, aliases
}

// SplitACL reads an ACL Anthology file from r as pieces of whole volumes
// of about size bytes, for ReadACLChunk.
func SplitACL(r io.Reader, size int, piece func(Piece) error) error {
	return xmlread.SplitACL(r, size, piece)
}

// StreamsACL reports whether head, the start of an input, is an ACL
// Anthology collection SplitACL reads.
func StreamsACL(head []byte) bool { return xmlread.StreamsACL(head) }
