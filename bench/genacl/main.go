// Command genacl writes a synthetic ACL Anthology collection of about
// -size bytes by repeating the volumes of a real one
// (../shared/corpus/acl-xml/2020.acl.xml), each repetition with volume ids
// of its own, so that every repetition is a set of volumes of its own:
//
//	go run ./bench/genacl -size 100M -o /tmp/bw/acl-100MB.xml
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
	in := flag.String("in", "../shared/corpus/acl-xml/2020.acl.xml", "the collection to repeat")
	size := flag.String("size", "10M", "about how many bytes to write (K, M, G suffixes)")
	out := flag.String("o", "acl.xml", "output file")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fail(err)
	}
	src, err := os.ReadFile(*in)
	if err != nil {
		fail(err)
	}
	open := bytes.Index(src, []byte("<volume"))
	end := bytes.LastIndex(src, []byte("</collection>"))
	if open < 0 || end < open {
		fail(fmt.Errorf("%s: no <collection> of volumes", *in))
	}
	// The volumes start on their line, indentation included.
	open = bytes.LastIndexByte(src[:open], '\n') + 1
	head, body := src[:open], src[open:end]
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(head)
	rename := regexp.MustCompile(`<volume id="[^"]*`)
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
	w.WriteString("</collection>\n")
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
	fmt.Fprintln(os.Stderr, "genacl:", err)
	os.Exit(1)
}
