package corpusgen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/document"
)

// WriteJSONL generates a corpus (see Generate) and writes it to w, one
// JSON object a line with the fields id, title, site, url, published
// (RFC 3339) and text (paragraphs separated by blank lines): the format
// internal/ingest's JSONL reader reads.
func WriteJSONL(ctx context.Context, w io.Writer, material []Material, opt Options) (*Truth, error) {
	p, err := NewPool(ctx, material)
	if err != nil {
		return nil, err
	}
	return p.WriteJSONL(ctx, w, opt)
}

// WriteJSONL is the package function WriteJSONL with a prepared pool.
func (p *Pool) WriteJSONL(ctx context.Context, w io.Writer, opt Options) (*Truth, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	var line []byte
	truth, err := p.Generate(ctx, opt, func(d *document.Document) error {
		line = appendJSONL(line[:0], d)
		_, err := bw.Write(line)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("corpusgen: writing: %w", err)
	}
	return truth, nil
}

// appendJSONL appends d as one JSON line. It is written by hand because a
// million articles are gigabytes of JSON, and encoding/json's reflection
// would be most of the generation time.
func appendJSONL(b []byte, d *document.Document) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, d.ID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, d.Title)
	b = append(b, `,"site":`...)
	b = appendJSONString(b, d.Site)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, d.URL)
	b = append(b, `,"published":"`...)
	b = d.Published.AppendFormat(b, time.RFC3339)
	b = append(b, `","text":"`...)
	for i, p := range d.Paragraphs {
		if i > 0 {
			b = append(b, `\n\n`...)
		}
		b = appendJSONChars(b, p)
	}
	return append(b, "\"}\n"...)
}

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONChars(b, s)
	return append(b, '"')
}

// appendJSONChars appends s escaped for a JSON string: quotes,
// backslashes and control characters, and U+2028/U+2029, which some
// JavaScript readers take for line ends. Invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func appendJSONChars(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\t':
				b = append(b, `\t`...)
			case '\r':
				b = append(b, `\r`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, `\u`...)
				b = strconv.AppendInt(b, int64(r), 16)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}
