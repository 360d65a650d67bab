// Command gendblp writes a synthetic dblp dump of about -size bytes by
// repeating the records of a real excerpt (../shared/corpus/dblp-xml/
// dblp-sample.xml), each repetition with keys, crossrefs and booktitles of
// its own, so that every repetition is a set of containers of its own:
//
//	go run ./bench/gendblp -size 300M -o /tmp/bw/dblp-300M.xml
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	in := flag.String("in", "../shared/corpus/dblp-xml/dblp-sample.xml", "the dblp excerpt to repeat")
	size := flag.String("size", "10M", "about how many bytes to write (K, M, G suffixes)")
	out := flag.String("o", "dblp.xml", "output file")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fail(err)
	}
	src, err := os.ReadFile(*in)
	if err != nil {
		fail(err)
	}
	open := bytes.Index(src, []byte("<dblp>"))
	end := bytes.LastIndex(src, []byte("</dblp>"))
	if open < 0 || end < open {
		fail(fmt.Errorf("%s: no <dblp> root", *in))
	}
	head, body := src[:open+len("<dblp>")], src[open+len("<dblp>"):end]
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(head)
	rename := regexp.MustCompile(`(key="[^"]*|<crossref>[^<]*|<booktitle>[^<]*)`)
	// The body is cut after each name to rename once; each repetition
	// writes the pieces with its tag between them.
	var cuts []int
	for _, m := range rename.FindAllIndex(body, -1) {
		cuts = append(cuts, m[1])
	}
	written := int64(len(head))
	for r := 0; written < n; r++ {
		tag := "~" + strconv.Itoa(r)
		last := 0
		for _, c := range cuts {
			w.Write(body[last:c])
			w.WriteString(tag)
			last = c
		}
		w.Write(body[last:])
		written += int64(len(body) + len(cuts)*len(tag))
	}
	w.WriteString("</dblp>\n")
	if err := w.Flush(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n * mult, err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendblp:", err)
	os.Exit(1)
}
