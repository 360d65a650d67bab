package xmlread

import (
	"context"
	"strconv"

	"github.com/procx/procx/extract/internal/source"
	"github.com/procx/procx/schema"
)

// ReadDBLPChunk reads a piece of a dblp dump (whole records, inside a
// <dblp> root) without grouping its records: each record keeps the
// container it names as written (crossref, else booktitle and year, ...),
// and the containers whose metadata the piece holds are listed in
// Containers, in input order, with their positions under /containers/N
// and, in aliases, the other name records may give each (booktitle and
// year, or ""). A caller that reads a dump piece by piece joins the
// containers of all pieces (see procx.Stream).
func ReadDBLPChunk(ctx context.Context, doc *source.Document) (v *schema.Volume, aliases []string) {
	c := newXMLVolume(doc, "dblp-xml", dblpRecords(doc.Text))
	streamDBLP(ctx, doc, c.add)
	return c.chunk()
}

// chunk returns the records read, and the containers whose metadata were
// read listed in Containers, with their aliases (see ReadDBLPChunk).
func (c *xmlVolume) chunk() (v *schema.Volume, aliases []string) {
	v = c.v
	for _, m := range c.order {
		base := "/containers/" + strconv.Itoa(len(v.Containers))
		v.Containers = append(v.Containers, m.Container)
		for _, p := range m.Pos {
			v.Pos.Set(base+p.Ptr, p.Range)
		}
		aliases = append(aliases, m.Alias)
	}
	return v, aliases
}
