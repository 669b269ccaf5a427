package warc

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// A Writer writes WARC/1.1 records.
type Writer struct {
	w   io.Writer
	zw  *gzip.Writer // reset for each record; nil when not compressing
	hdr bytes.Buffer
}

// NewWriter returns a Writer to w. With gz set, each record is written as
// a gzip member of its own, as ".warc.gz" files are, so that a record can
// be read from its offset without the ones before it.
func NewWriter(w io.Writer, gz bool) *Writer {
	ww := &Writer{w: w}
	if gz {
		ww.zw = gzip.NewWriter(w)
	}
	return ww
}

// WriteRecord writes one record of block with the fields of h, which
// must have a WARC-Type. Content-Length is always set from block; a
// WARC-Record-ID and a WARC-Date of now are added when h has none.
func (w *Writer) WriteRecord(h Header, block []byte) error {
	if h.Get("WARC-Type") == "" {
		return errors.New("warc: record without a WARC-Type")
	}
	w.hdr.Reset()
	w.hdr.WriteString("WARC/1.1\r\n")
	for _, f := range h {
		if !validName(f.Name) || strings.ContainsAny(f.Value, "\r\n") {
			return fmt.Errorf("warc: invalid field %q: %q", f.Name, f.Value)
		}
		if strings.EqualFold(f.Name, "Content-Length") {
			continue
		}
		writeField(&w.hdr, f.Name, f.Value)
	}
	if h.Get("WARC-Record-ID") == "" {
		writeField(&w.hdr, "WARC-Record-ID", newRecordID())
	}
	if h.Get("WARC-Date") == "" {
		writeField(&w.hdr, "WARC-Date", time.Now().UTC().Format(time.RFC3339))
	}
	writeField(&w.hdr, "Content-Length", strconv.Itoa(len(block)))
	w.hdr.WriteString("\r\n")

	out := w.w
	if w.zw != nil {
		w.zw.Reset(w.w)
		out = w.zw
	}
	for _, part := range [][]byte{w.hdr.Bytes(), block, []byte("\r\n\r\n")} {
		if _, err := out.Write(part); err != nil {
			return fmt.Errorf("warc: %w", err)
		}
	}
	if w.zw != nil {
		if err := w.zw.Close(); err != nil {
			return fmt.Errorf("warc: %w", err)
		}
	}
	return nil
}

// WriteInfo writes a warcinfo record, which describes the file: fields
// such as "software" or "operator", written as its block.
func (w *Writer) WriteInfo(fields Header) error {
	var block bytes.Buffer
	for _, f := range fields {
		if !validName(f.Name) || strings.ContainsAny(f.Value, "\r\n") {
			return fmt.Errorf("warc: invalid field %q: %q", f.Name, f.Value)
		}
		writeField(&block, f.Name, f.Value)
	}
	return w.WriteRecord(Header{
		{"WARC-Type", "warcinfo"},
		{"Content-Type", "application/warc-fields"},
	}, block.Bytes())
}

// WriteResponse writes what a crawler writes for one fetch of uri at
// date: a response record holding the HTTP response (status, a
// Content-Type of contentType, body), with its payload digest, and the
// request record of a GET that asked for it.
func (w *Writer) WriteResponse(uri string, date time.Time, status int, contentType string, body []byte) error {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return fmt.Errorf("warc: target URI %q is not an absolute URL", uri)
	}
	if strings.ContainsAny(contentType, "\r\n") {
		return fmt.Errorf("warc: invalid content type %q", contentType)
	}
	d := date.UTC().Format(time.RFC3339)
	respID := newRecordID()

	var resp bytes.Buffer
	fmt.Fprintf(&resp, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	if contentType != "" {
		fmt.Fprintf(&resp, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&resp, "Content-Length: %d\r\n\r\n", len(body))
	resp.Write(body)
	if err := w.WriteRecord(Header{
		{"WARC-Type", "response"},
		{"WARC-Record-ID", respID},
		{"WARC-Date", d},
		{"WARC-Target-URI", uri},
		{"WARC-Payload-Digest", digest(body)},
		{"Content-Type", "application/http; msgtype=response"},
	}, resp.Bytes()); err != nil {
		return err
	}

	req := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: stemma\r\nAccept: */*\r\n\r\n", u.RequestURI(), u.Host)
	return w.WriteRecord(Header{
		{"WARC-Type", "request"},
		{"WARC-Date", d},
		{"WARC-Target-URI", uri},
		{"WARC-Concurrent-To", respID},
		{"Content-Type", "application/http; msgtype=request"},
	}, []byte(req))
}

func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("\r\n")
}

// validName accepts an HTTP token, which is what a field name must be.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}

// newRecordID returns a fresh "<urn:uuid:...>" of a random (version 4)
// UUID.
func newRecordID() string {
	var u [16]byte
	rand.Read(u[:]) // never fails: see crypto/rand.Read
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// digest is the "sha1:BASE32" form crawlers give payload digests in.
func digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}
