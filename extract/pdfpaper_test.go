package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/procx/procx/internal/pdfgen"
	"github.com/procx/procx/schema"
)

// TestPaperNoFrontMatter reads a PDF of prose in one type size: no
// table of contents and no front matter, so no record and one warning
// saying what was missing, rather than a record with missing fields.
func TestPaperNoFrontMatter(t *testing.T) {
	text := strings.Repeat("The committee met on Tuesday and discussed the budget for the coming year at length, with no decision taken.\n", 30)
	data := pdfgen.Render(text, pdfgen.Options{})
	v, _ := Read(context.Background(), "memo.pdf", data, Options{})
	if len(v.Papers) != 0 {
		t.Fatalf("%d records from a memo: %+v", len(v.Papers), v.Papers)
	}
	if len(v.Diagnostics) != 1 || v.Diagnostics[0].Code != schema.PaperNoFrontMatter ||
		!strings.Contains(v.Diagnostics[0].Message, "no title set in a larger type") {
		t.Errorf("diagnostics %v, want one paper-no-front-matter saying there is no title", v.Diagnostics)
	}
}

// TestPaperPDF reads a generated first page through the PDF reader: the
// record carries every field of the front matter, its positions point
// at the title, and the running head is the one line summed up.
func TestPaperPDF(t *testing.T) {
	sup := func(x, y float64, s string) pdfgen.Text { return pdfgen.Text{X: x, Y: y, Size: 7, Rise: 4, S: s} }
	page := []pdfgen.Text{
		{X: 72, Y: 800, Size: 8, S: "Preprint. Under review."},
		{X: 72, Y: 750, Size: 16, Bold: true, S: "Checking Proceedings Against Their PDFs"},
		{X: 72, Y: 720, Size: 11, S: "Ines Duarte"}, sup(72+pdfgen.Width("Ines Duarte", 11), 720, "1"),
		{X: 150, Y: 720, Size: 11, S: "and Bo Chen"}, sup(150+pdfgen.Width("and Bo Chen", 11), 720, "2*"),
		sup(72, 705, "1"), {X: 77, Y: 705, Size: 10, S: "University of Lisbon, Portugal"},
		sup(72, 692, "2"), {X: 77, Y: 692, Size: 10, S: "Zhejiang University, China"},
		{X: 72, Y: 679, Size: 9, S: "ines.duarte@ulisboa.pt, bo.chen@zju.edu.cn"},
		{X: 72, Y: 650, Size: 12, Bold: true, S: "Abstract"},
		{X: 72, Y: 634, Size: 10, S: "Publication chairs compare metadata with camera-ready files by hand; we"},
		{X: 72, Y: 622, Size: 10, S: "show how a tool can read both and report where they disagree."},
		{X: 72, Y: 606, Size: 10, Bold: true, S: "Keywords:"}, {X: 125, Y: 606, Size: 10, S: "metadata; proceedings"},
		{X: 72, Y: 580, Size: 12, Bold: true, S: "1 Introduction"},
		{X: 72, Y: 564, Size: 10, S: "Proceedings are assembled from many files under deadline pressure."},
		sup(72, 80, "*"), {X: 77, Y: 80, Size: 8, S: "Equal contribution."},
	}
	data := pdfgen.Positioned([][]pdfgen.Text{page, {{X: 72, Y: 700, Size: 10, S: "Body text of page two."}}}, pdfgen.Options{})
	v, doc := Read(context.Background(), "paper.pdf", data, Options{})
	if len(v.Papers) != 1 {
		t.Fatalf("%d records: %v", len(v.Papers), v.Diagnostics)
	}
	p := v.Papers[0]
	if p.Kind != schema.KindPaper || p.Title != "Checking Proceedings Against Their PDFs" || p.PageCount != 2 {
		t.Errorf("kind %s title %q pages %d", p.Kind, p.Title, p.PageCount)
	}
	want := []schema.Author{{Name: "Ines Duarte", Email: "ines.duarte@ulisboa.pt"}, {Name: "Bo Chen", Email: "bo.chen@zju.edu.cn", Note: "Equal contribution."}}
	if len(p.Authors) != 2 || p.Authors[0] != want[0] || p.Authors[1] != want[1] {
		t.Errorf("authors %+v, want %+v", p.Authors, want)
	}
	if len(p.Affiliations) != 2 || p.Affiliations[0].Name != "University of Lisbon, Portugal" || len(p.Affiliations[0].Authors) != 1 ||
		p.Affiliations[0].Authors[0] != 0 || len(p.Affiliations[1].Authors) != 1 || p.Affiliations[1].Authors[0] != 1 {
		t.Errorf("affiliations %+v", p.Affiliations)
	}
	if p.Abstract != "Publication chairs compare metadata with camera-ready files by hand; we show how a tool can read both and report where they disagree." {
		t.Errorf("abstract %q", p.Abstract)
	}
	if strings.Join(p.Keywords, "|") != "metadata|proceedings" || strings.Join(p.Emails, " ") != "ines.duarte@ulisboa.pt bo.chen@zju.edu.cn" {
		t.Errorf("keywords %q emails %q", p.Keywords, p.Emails)
	}
	if r, ok := p.Pos.Get("/title"); !ok || !strings.HasPrefix(string(doc.Text[r.Off:r.End]), "Checking Proceedings") {
		t.Errorf("title position %v %v", r, ok)
	}
	var codes []schema.Code
	for _, d := range v.Diagnostics {
		codes = append(codes, d.Code)
		if d.Code == schema.PaperUnreadText && (!strings.Contains(d.Message, "Preprint. Under review.") || !strings.Contains(d.Message, "at lines 1, 9–10 of")) {
			t.Errorf("summary does not quote the running head: %s", d.Message)
		}
	}
	if len(codes) != 1 || codes[0] != schema.PaperUnreadText {
		t.Errorf("diagnostics %v, want one paper-unread-text", v.Diagnostics)
	}
}
