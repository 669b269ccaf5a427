package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxHeaderBytes is the size limit of one record's header when
// Reader.MaxHeaderBytes is zero. Real headers take a few hundred bytes;
// a megabyte means the reader is not looking at a header at all.
const DefaultMaxHeaderBytes = 1 << 20

// ErrMalformed is matched (with errors.Is) by the Err of every
// *RecordError about the content of the file, as opposed to a failure to
// read it. A record cut short by the end of the stream also matches
// io.ErrUnexpectedEOF.
var ErrMalformed = errors.New("malformed WARC record")

// A Field is one line of a record's header.
type Field struct {
	Name, Value string
}

// Header holds a record's fields in the order they appear.
type Header []Field

// Get returns the value of the first field called name, compared without
// regard to case as the format says, or "" if there is none.
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// A Record is one WARC record. The named fields repeat the header's most
// used values; Header has them all.
type Record struct {
	Version     string    // "WARC/1.0" or "WARC/1.1"
	Header      Header    // every field, in order
	Type        string    // WARC-Type: "response", "request", "warcinfo"...
	TargetURI   string    // WARC-Target-URI, without the angle brackets some writers add
	Date        time.Time // WARC-Date: when the content was captured; zero if missing or unreadable
	RecordID    string    // WARC-Record-ID, such as "<urn:uuid:...>"
	ContentType string    // Content-Type of the block, such as "application/http; msgtype=response"
	Length      int64     // Content-Length: the size of the block

	// Offset is where the record starts in the decompressed stream: in a
	// plain file, its byte offset in the file. For a gzip file it is not
	// the offset of the record's gzip member, which CDX indexes give, but
	// the position in the gunzipped data, which every layout of gzip
	// (one member per record, one for the file) has.
	Offset int64

	// Body reads the block, Length bytes. It is valid until the next
	// call to Next, which skips what was not read. Reading it to the end
	// also checks the end of the record, so a record whose block is cut
	// short or not followed by CRLF CRLF gives an error from Read rather
	// than io.EOF; Next then does not report it a second time.
	Body io.Reader
}

// A RecordError reports a record that could not be read, and why.
type RecordError struct {
	Offset   int64  // where the record starts in the decompressed stream
	RecordID string // its WARC-Record-ID, "" when it could not be read
	Err      error  // the reason
}

func (e *RecordError) Error() string {
	if e.RecordID != "" {
		return fmt.Sprintf("warc: record %s at offset %d: %v", e.RecordID, e.Offset, e.Err)
	}
	return fmt.Sprintf("warc: record at offset %d: %v", e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// formatError is a reason worded for a human that still matches
// ErrMalformed, and io.ErrUnexpectedEOF when the stream ended too soon.
type formatError struct {
	msg       string
	truncated bool
}

func (e *formatError) Error() string { return e.msg }

func (e *formatError) Is(target error) bool {
	return target == ErrMalformed || e.truncated && target == io.ErrUnexpectedEOF
}

func malformed(format string, args ...any) error {
	return &formatError{msg: fmt.Sprintf(format, args...)}
}

func truncated(format string, args ...any) error {
	return &formatError{msg: fmt.Sprintf(format, args...), truncated: true}
}

// A Reader reads the records of a WARC file in order.
type Reader struct {
	// MaxHeaderBytes bounds one record's header, the only part of a
	// record the Reader holds; DefaultMaxHeaderBytes when zero. A record
	// with a longer header is reported and skipped.
	MaxHeaderBytes int

	cr      *countingReader // the decompressed stream, counting what was taken from it
	br      *bufio.Reader   // over cr
	started bool
	gzip    bool  // the stream is gunzipped
	body    *body // the current record's block, nil before the first
	resync  bool  // the stream is not at a record: look for one before reading
	done    bool  // nothing more can be read: Next returns io.EOF
}

// bufSize is the Reader's buffer. Records are streamed through it, so it
// bounds nothing but the cost of a read.
const bufSize = 64 << 10

// NewReader returns a Reader of the WARC file r, gzip-compressed or not:
// a stream that starts with the gzip magic is gunzipped, all its members
// in turn. Nothing is read before the first call to Next.
func NewReader(r io.Reader) *Reader {
	wr := &Reader{cr: &countingReader{r: r}}
	wr.br = bufio.NewReaderSize(wr.cr, bufSize)
	return wr
}

// Next returns the next record, or io.EOF after the last.
//
// A record that cannot be read gives a *RecordError, and the next call
// goes on with the following record: the reader looks for it at the next
// line that starts with "WARC/1.". When nothing more can be read (the
// stream ended inside a record, or reading it failed) the error is
// reported once and Next returns io.EOF from then on, so a loop that
// reads until io.EOF and reports other errors always ends.
func (r *Reader) Next() (*Record, error) {
	if !r.started {
		r.started = true
		if err := r.start(); err != nil {
			r.done = true
			return nil, &RecordError{Err: err}
		}
	}
	if b := r.body; b != nil {
		r.body = nil
		if err := b.skip(); err != nil {
			return nil, err
		}
	}
	if r.done {
		return nil, io.EOF
	}
	if r.resync {
		r.resync = false
		if err := r.findRecord(); err != nil {
			r.done = true
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, &RecordError{Offset: r.pos(), Err: r.readFailed(err)}
		}
	}
	return r.readHeader()
}

// start looks at the first bytes to decide whether the stream is gzip.
func (r *Reader) start() error {
	magic, _ := r.br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return nil
	}
	// bufio.Reader is an io.ByteReader, so gzip reads through it without
	// a buffer of its own; the offsets counted from here on are those of
	// the decompressed stream.
	zr, err := gzip.NewReader(r.br)
	if err != nil {
		return fmt.Errorf("corrupt gzip data: %w", err)
	}
	r.gzip = true
	r.cr = &countingReader{r: zr}
	r.br = bufio.NewReaderSize(r.cr, bufSize)
	return nil
}

// pos is the offset in the decompressed stream of the next byte to read.
func (r *Reader) pos() int64 { return r.cr.n - int64(r.br.Buffered()) }

func (r *Reader) maxHeader() int {
	if r.MaxHeaderBytes <= 0 {
		return DefaultMaxHeaderBytes
	}
	return r.MaxHeaderBytes
}

// readHeader reads a record's version line and fields, and sets up its
// body.
func (r *Reader) readHeader() (*Record, error) {
	limit := r.maxHeader()
	// Writers differ in how many line ends they put between records:
	// blank lines before a record are not an error.
	var start int64
	var line []byte
	var err error
	for {
		start = r.pos()
		line, err = r.readLine(limit)
		if len(bytes.TrimSpace(line)) > 0 || errors.Is(err, errLong) {
			break
		}
		if err != nil {
			r.done = true
			if err == io.EOF {
				return nil, io.EOF
			}
			return nil, &RecordError{Offset: start, Err: r.readFailed(err)}
		}
	}
	fail := func(rec *Record, reason error) (*Record, error) {
		e := &RecordError{Offset: start, Err: reason}
		if rec != nil {
			e.RecordID = rec.Header.Get("WARC-Record-ID")
		}
		return nil, e
	}
	version := string(bytes.TrimSpace(line))
	if errors.Is(err, errLong) || version != "WARC/1.0" && version != "WARC/1.1" {
		r.resync = true
		return fail(nil, malformed("bad version line %s (want WARC/1.0 or WARC/1.1)", quote(line)))
	}
	if err != nil {
		return r.endsInHeader(start, nil, err)
	}
	rec := &Record{Version: version, Offset: start}
	size := len(line)
	for {
		line, err = r.readLine(limit - size)
		size += len(line)
		if errors.Is(err, errLong) {
			r.resync = true
			return fail(rec, malformed("header longer than %d bytes", limit))
		}
		if err != nil {
			return r.endsInHeader(start, rec, err)
		}
		line = trimEOL(line)
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			// A folded line continues the previous field's value.
			if len(rec.Header) == 0 {
				r.resync = true
				return fail(rec, malformed("header starts with a continuation line %s", quote(line)))
			}
			f := &rec.Header[len(rec.Header)-1]
			f.Value = strings.TrimSpace(f.Value + " " + string(bytes.TrimSpace(line)))
			continue
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(bytes.TrimSpace(name)) == 0 {
			r.resync = true
			return fail(rec, malformed("malformed header line %s", quote(line)))
		}
		rec.Header = append(rec.Header, Field{Name: string(bytes.TrimSpace(name)), Value: string(bytes.TrimSpace(value))})
	}

	h := rec.Header
	cl := h.Get("Content-Length")
	if cl == "" {
		r.resync = true
		return fail(rec, malformed("missing Content-Length"))
	}
	n, perr := strconv.ParseInt(cl, 10, 64)
	if perr != nil || strings.Trim(cl, "0123456789") != "" {
		r.resync = true
		return fail(rec, malformed("invalid Content-Length %q", cl))
	}
	rec.Length = n
	rec.Type = h.Get("WARC-Type")
	rec.TargetURI = strings.TrimSuffix(strings.TrimPrefix(h.Get("WARC-Target-URI"), "<"), ">")
	rec.Date = parseDate(h.Get("WARC-Date"))
	rec.RecordID = h.Get("WARC-Record-ID")
	rec.ContentType = h.Get("Content-Type")
	r.body = &body{r: r, rec: rec, n: n}
	rec.Body = r.body
	return rec, nil
}

// endsInHeader reports a stream that ended, or failed, inside a header.
func (r *Reader) endsInHeader(start int64, rec *Record, err error) (*Record, error) {
	r.done = true
	e := &RecordError{Offset: start}
	if rec != nil {
		e.RecordID = rec.Header.Get("WARC-Record-ID")
	}
	if ended(err) {
		e.Err = truncated("truncated header: the stream ends before the blank line that closes it")
	} else {
		e.Err = r.readFailed(err)
	}
	return nil, e
}

// errLong is readLine's report of a line over its limit.
var errLong = errors.New("line too long")

// readLine returns the next line with its line end, valid until the next
// read. A line longer than limit is consumed to its end and reported with
// errLong; at the end of the stream it returns what is left and io.EOF.
func (r *Reader) readLine(limit int) ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if len(line) > limit {
		line, err = nil, r.skipLine(err)
		if err == nil {
			err = errLong
		}
		return line, err
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	// A line longer than the buffer: gather it, up to the limit.
	buf := bytes.Clone(line)
	for errors.Is(err, bufio.ErrBufferFull) {
		line, err = r.br.ReadSlice('\n')
		if len(buf)+len(line) > limit {
			if err = r.skipLine(err); err == nil {
				err = errLong
			}
			return nil, err
		}
		buf = append(buf, line...)
	}
	return buf, err
}

// skipLine consumes the rest of a line whose first piece ReadSlice
// returned with err, and returns the error that ended it, nil at a line
// end.
func (r *Reader) skipLine(err error) error {
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = r.br.ReadSlice('\n')
	}
	return err
}

var magic = []byte("WARC/1.")

// findRecord moves to the next record start: here, if the stream is at
// "WARC/1.", else the next line that starts so. At the end of the stream
// it returns io.EOF.
func (r *Reader) findRecord() error {
	for {
		p, err := r.br.Peek(len(magic))
		if bytes.Equal(p, magic) {
			return nil
		}
		if err != nil {
			if _, derr := r.br.Discard(len(p)); derr != nil {
				return derr
			}
			return err
		}
		_, err = r.br.ReadSlice('\n')
		if err = r.skipLine(err); err != nil {
			return err
		}
	}
}

// body reads one record's block.
type body struct {
	r        *Reader
	rec      *Record
	n        int64 // bytes of the block not yet read
	err      error // once the block is over: io.EOF if the record ended well, else why not
	reported bool  // err, not io.EOF, was returned by Read
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.read(p)
	if err != nil && err != io.EOF {
		b.reported = true
	}
	return n, err
}

func (b *body) read(p []byte) (int, error) {
	if b.err == nil && b.n == 0 {
		b.err = b.r.endRecord(b.rec)
	}
	if b.err != nil {
		return 0, b.err
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.br.Read(p)
	b.n -= int64(n)
	if err != nil {
		b.r.done = true
		reason := b.r.readFailed(err)
		if ended(err) {
			reason = truncated("truncated block: the stream ends %d bytes short of Content-Length %d", b.n, b.rec.Length)
		}
		b.err = &RecordError{Offset: b.rec.Offset, RecordID: b.rec.RecordID, Err: reason}
		if n > 0 {
			return n, nil // the error comes with the next call
		}
		return 0, b.err
	}
	return n, nil
}

// skip reads what is left of the block and returns the error that ended
// the record, if Read has not returned it already.
func (b *body) skip() error {
	// io.Discard reads with a pooled buffer: skipping allocates nothing
	// whatever the size of the block.
	io.Copy(io.Discard, drain{b})
	if b.err == io.EOF || b.reported {
		return nil
	}
	b.reported = true
	return b.err
}

// drain reads a body for skip, which reports its error itself.
type drain struct{ b *body }

func (d drain) Read(p []byte) (int, error) { return d.b.read(p) }

// endRecord checks the two line ends that close a record after its
// block. Without them, Content-Length was wrong or the record is cut:
// the block read may hold the next record's start, so the reader looks
// for one from where the block ended.
func (r *Reader) endRecord(rec *Record) error {
	p, err := r.br.Peek(4)
	if n := eols(p); n > 0 {
		r.br.Discard(n)
		return io.EOF
	}
	e := &RecordError{Offset: rec.Offset, RecordID: rec.RecordID}
	switch {
	case len(p) == 4 || err == nil:
		r.resync = true
		e.Err = malformed("no CRLF CRLF after the %d-byte block (wrong Content-Length?)", rec.Length)
	case ended(err):
		r.done = true
		r.br.Discard(len(p))
		e.Err = truncated("truncated record: the stream ends before the CRLF CRLF after the block")
	default:
		r.done = true
		e.Err = r.readFailed(err)
	}
	return e
}

// eols returns the length of the two line ends at the start of p: CRLF
// CRLF as the format says, or bare LFs as some hand-made files have.
func eols(p []byte) int {
	n := 0
	for range 2 {
		switch {
		case bytes.HasPrefix(p[n:], []byte("\r\n")):
			n += 2
		case bytes.HasPrefix(p[n:], []byte("\n")):
			n++
		default:
			return 0
		}
	}
	return n
}

func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// ended reports an error that means the data stopped: the end of the
// stream, or of a gzip stream cut short.
func ended(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// readFailed words an error of the underlying stream.
func (r *Reader) readFailed(err error) error {
	if r.gzip {
		return fmt.Errorf("corrupt gzip data: %w", err)
	}
	return fmt.Errorf("read failed: %w", err)
}

// quote shows the start of a line in an error message.
func quote(line []byte) string {
	line = trimEOL(line)
	if len(line) > 40 {
		return strconv.Quote(string(line[:40])) + "..."
	}
	return strconv.Quote(string(line))
}

// dateLayouts are the forms of W3C-ISO8601 the format allows, most
// precise first; WARC/1.1 added fractions of a second.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02", "2006-01", "2006"}

func parseDate(s string) time.Time {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// countingReader counts the bytes read through it, for Record.Offset.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
