package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// DefaultMaxBytes is the size limit of one input when Options.MaxBytes is
// zero: far above any article, low enough that a stray dump or a gzip bomb
// cannot exhaust memory.
const DefaultMaxBytes = 32 << 20

// Options tunes the readers. The zero value is ready to use.
type Options struct {
	MaxBytes int64 // per input file, or per record of a JSONL or WARC file (after decompression); DefaultMaxBytes when 0
	KeepRaw  bool  // keep the bytes as read in Document.Raw
	// Workers bounds the pages of an archive parsed at once; one per CPU
	// when 0. Documents come out in the archive's order whatever it is.
	Workers int

	// Stdin is what "-" reads; os.Stdin when nil. Tests set it.
	Stdin io.Reader
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) stdin() io.Reader {
	if o.Stdin == nil {
		return os.Stdin
	}
	return o.Stdin
}

// The reasons an input is refused. Error.Err wraps one of them (or an I/O
// error), so callers can tell them apart with errors.Is.
var (
	ErrEmpty       = errors.New("empty input")
	ErrTooLarge    = errors.New("input too large")
	ErrBinary      = errors.New("binary input")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrNoText      = errors.New("no article text")
	ErrMalformed   = errors.New("malformed record")
	ErrUnknown     = errors.New("unknown format")
)

// Error is one input that could not be read; its message names the file
// and the reason, on one line.
type Error struct {
	Path   string // the file, "file:line" for a JSONL record, "file#offset" for a WARC record, "-" for stdin
	Reason string // why, for a human, one line
	Err    error  // the cause: one of the Err* values above or an I/O error
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// fail wraps err, which says why path could not be read, into an *Error.
func fail(path string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Path: path, Reason: oneLine(err.Error()), Err: err}
}

// reason is a refusal worded for a human that still matches its sentinel
// with errors.Is, so messages need not repeat the sentinel's own words.
type reason struct {
	msg string
	err error
}

func (r *reason) Error() string { return r.msg }
func (r *reason) Unwrap() error { return r.err }

func refuse(sentinel error, format string, args ...any) error {
	return &reason{msg: fmt.Sprintf(format, args...), err: sentinel}
}
