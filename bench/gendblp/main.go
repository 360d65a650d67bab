// Command gendblp writes a synthetic dblp dump of about -size bytes by
// repeating the records of a real excerpt (../shared/corpus/dblp-xml/
// dblp-sample.xml), each repetition with keys, crossrefs and booktitles of
// its own, so that every repetition is a set of containers of its own;
// with -acl, an ACL Anthology collection by repeating the volumes of a
// real one (../shared/corpus/acl-xml/2020.acl.xml) under volume ids of
// their own:
//
//	go run ./bench/gendblp -size 300M -o /tmp/bw/dblp-300M.xml
//	go run ./bench/gendblp -acl -size 100M -o /tmp/bw/acl-100MB.xml
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
	acl := flag.Bool("acl", false, "write an ACL Anthology collection rather than a dblp dump")
	in := flag.String("in", "", "the file to repeat (default: the corpus's dblp sample, or 2020.acl.xml with -acl)")
	size := flag.String("size", "10M", "about how many bytes to write (K, M, G suffixes)")
	out := flag.String("o", "dblp.xml", "output file")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fail(err)
	}
	// The body between the root's start and end tags is repeated, the
	// names matched by rename made new in each repetition.
	file, start, root := "../shared/corpus/dblp-xml/dblp-sample.xml", "<dblp>", "dblp"
	rename := regexp.MustCompile(`(key="[^"]*|<crossref>[^<]*|<booktitle>[^<]*)`)
	if *acl {
		file, start, root = "../shared/corpus/acl-xml/2020.acl.xml", "<volume", "collection"
		rename = regexp.MustCompile(`<volume id="[^"]*`)
	}
	if *in != "" {
		file = *in
	}
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	open := bytes.Index(src, []byte(start))
	end := bytes.LastIndex(src, []byte("</"+root+">"))
	if open < 0 || end < open {
		fail(fmt.Errorf("%s: no %s in a <%s> root", file, start, root))
	}
	if *acl {
		open = bytes.LastIndexByte(src[:open], '\n') + 1 // volumes start on their line
	} else {
		open += len(start)
	}
	head, body := src[:open], src[open:end]
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(head)
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
	w.WriteString("</" + root + ">\n")
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
