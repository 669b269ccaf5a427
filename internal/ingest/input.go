package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Formats a reader can produce; they are also Document.Format, which
// names the reader and so what Document.Raw holds: for FormatWARC, the
// payload of a WARC record (an HTTP response), whatever the page's type.
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSONL = "jsonl"
	FormatWARC  = "warc"
)

// formatOf names the format a file name promises, "" when its extension
// is not one we read. ".gz" is looked through: compression is decided by
// the bytes, not the name.
func formatOf(name string) string {
	name = strings.ToLower(filepath.Base(name))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".txt", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".warc":
		return FormatWARC
	}
	return ""
}

// sniff guesses the format of data that came without a usable name, such
// as standard input: a WARC file starts with its version line, markup
// with '<', a JSONL record with '{'.
func sniff(data []byte) string {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	switch {
	case len(data) == 0:
		return FormatText
	case bytes.HasPrefix(data, []byte("WARC/1.")):
		return FormatWARC
	case data[0] == '<':
		return FormatHTML
	case data[0] == '{':
		return FormatJSONL
	}
	return FormatText
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// load reads one whole input, gunzipping it when it starts with the gzip
// magic, and reads no more than limit+1 bytes of the result so that an
// oversized file or a gzip bomb is refused without being held in memory.
func load(r io.Reader, limit int64) ([]byte, error) {
	r, what, err := decompress(r)
	if err != nil {
		return nil, err
	}
	return loadAll(r, what, limit)
}

// decompress returns r, gunzipped when it starts with the gzip magic, and
// what a read error from it should be called.
func decompress(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", fmt.Errorf("corrupt gzip data: %w", err)
		}
		return zr, "corrupt gzip data", nil
	}
	return br, "read failed", nil
}

// loadAll reads all of r, refusing more than limit bytes.
func loadAll(r io.Reader, what string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if int64(len(data)) > limit {
		return nil, refuse(ErrTooLarge, "larger than the %s limit (--max-bytes)", humanBytes(limit))
	}
	return data, nil
}

// checkText refuses data that is not text at all: anything with a NUL
// byte, or with many control characters, is a binary file given by
// mistake and would only produce noise downstream.
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return refuse(ErrEmpty, "empty file")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return refuse(ErrBinary, "binary file, not text (NUL byte at offset %d)", i)
	}
	head := data[:min(len(data), 8192)]
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			ctl++
		}
	}
	if ctl*10 > len(head) {
		return refuse(ErrBinary, "binary file, not text (%d control bytes in the first %d)", ctl, len(head))
	}
	return nil
}

// checkUTF8 refuses text that is not UTF-8. Plain text and JSON carry no
// charset declaration, so guessing one would silently corrupt names.
func checkUTF8(data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return refuse(ErrInvalidUTF8, "invalid UTF-8 at byte %d (text and JSONL must be UTF-8)", off)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}

// oneLine keeps an error message on one line whatever a library put in it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
