package extract
import ("os";"testing";"fmt")
func TestPDFDebug(t *testing.T){ p:=os.Getenv("PDFDEBUG"); if p==""{t.Skip()}
 data,_:=os.ReadFile(p); ls,ds:=pdfLines(p,data,PDFLimits{}.withDefaults()); fmt.Println(ds)
 if os.Getenv("RAW")!="" { for _,l:=range ls{fmt.Printf("%d %.1f %.1f-%.1f fw=%.1f |%s\n",l.page,l.size,l.x0,l.x1,l.firstWord,l.text)}; return }
 for _,l:=range reflow(ls){fmt.Printf("%d|%s\n",l.page,l.text)} }
