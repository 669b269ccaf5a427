package spill

import (
	"encoding/binary"
	"errors"
	"slices"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/document"
)

// A document is kept as its strings, each its length as a uvarint and its
// bytes, in this order: id, title, publication time (RFC 3339, "" for
// none), the number of credits and each one's kind, text and name, then
// the number of paragraphs plus one (0 for none at all) and each one.
// Encoding every evicted document is on the path each document takes
// through the index, one after another, and this costs a tenth of JSON.
//
// What is read back is what a round trip through JSON, which spill files
// were first written in, gave: invalid UTF-8 comes back with each bad byte
// replaced, a time comes back parsed from its RFC 3339 form, credits come
// back nil when there are none.

// errCorrupt says a record does not decode.
var errCorrupt = errors.New("corrupt record")

func encode(b []byte, d *document.Document) ([]byte, error) {
	var published []byte
	if !d.Published.IsZero() {
		var err error
		if published, err = d.Published.MarshalText(); err != nil {
			return nil, err
		}
	}
	n := len(d.ID) + len(d.Title) + len(published) + 4*binary.MaxVarintLen64
	for _, c := range d.Credits {
		n += len(c.Kind) + len(c.Text) + len(c.Name) + 3*binary.MaxVarintLen64
	}
	for _, p := range d.Paragraphs {
		n += len(p) + binary.MaxVarintLen64
	}
	b = slices.Grow(b, n)
	b = appendString(b, d.ID)
	b = appendString(b, d.Title)
	b = appendString(b, string(published))
	b = binary.AppendUvarint(b, uint64(len(d.Credits)))
	for _, c := range d.Credits {
		b = appendString(appendString(appendString(b, c.Kind), c.Text), c.Name)
	}
	if d.Paragraphs == nil {
		return binary.AppendUvarint(b, 0), nil
	}
	b = binary.AppendUvarint(b, uint64(len(d.Paragraphs))+1)
	for _, p := range d.Paragraphs {
		b = appendString(b, p)
	}
	return b, nil
}

// appendString appends s, each byte of it that is not valid UTF-8 as the
// replacement character, as encoding/json writes it.
func appendString(b []byte, s string) []byte {
	if utf8.ValidString(s) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		return append(b, s...)
	}
	var v []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			v = utf8.AppendRune(v, utf8.RuneError)
		} else {
			v = append(v, s[i:i+n]...)
		}
		i += n
	}
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// decoder reads a record's strings, as pieces of one string holding it
// all, so that a document read back is one allocation, not one a string.
type decoder struct {
	s   string
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.err = errCorrupt
	return 0
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)) {
		d.err = errCorrupt
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func decode(b []byte) (*document.Document, error) {
	d := &decoder{s: string(b)}
	doc := &document.Document{ID: d.string(), Title: d.string()}
	if published := d.string(); published != "" {
		if err := doc.Published.UnmarshalText([]byte(published)); err != nil {
			return nil, err
		}
	}
	for n := d.uvarint(); n > 0 && d.err == nil; n-- {
		if n > uint64(len(d.s)) {
			return nil, errCorrupt
		}
		doc.Credits = append(doc.Credits, document.Credit{Kind: d.string(), Text: d.string(), Name: d.string()})
	}
	if n := d.uvarint(); n > 0 {
		if n-1 > uint64(len(d.s)) {
			return nil, errCorrupt
		}
		doc.Paragraphs = make([]string, 0, n-1)
		for range n - 1 {
			doc.Paragraphs = append(doc.Paragraphs, d.string())
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.s != "" {
		return nil, errCorrupt
	}
	return doc, nil
}
