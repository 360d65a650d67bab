package source

import (
	"bufio"
	"bytes"
	"io"
)

// SplitPieces reads r as pieces of whole lines of about size bytes (more
// when one line is longer), in input order, and calls piece with each,
// its input offset and the lines before it. It returns an error of r or
// of piece.
func SplitPieces(r io.Reader, size int, piece func(data []byte, off, line int) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	buf := make([]byte, 0, size+size/4)
	off, line := 0, 0
	flush := func(n int) error {
		data := bytes.Clone(buf[:n])
		if err := piece(data, off, line); err != nil {
			return err
		}
		off += n
		line += bytes.Count(data, []byte{'\n'})
		buf = append(buf[:0], buf[n:]...)
		return nil
	}
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue // a line longer than the reader's buffer: read on
		}
		if err == io.EOF {
			if len(buf) > 0 {
				return flush(len(buf))
			}
			return nil
		}
		if err != nil {
			return err
		}
		if len(buf) >= size {
			if err := flush(len(buf)); err != nil {
				return err
			}
		}
	}
}
