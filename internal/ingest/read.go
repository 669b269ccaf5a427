package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/stemma-news/stemma/internal/document"
)

// Read reads every input named by paths: files, directories (recursively,
// in lexical order, skipping hidden entries and files of unknown
// extensions), and "-" for standard input, whose format is sniffed.
//
// It yields each document, or an *Error for each input (or JSONL line)
// that failed; iteration goes on after an error. When ctx is cancelled it
// yields ctx.Err() once and stops.
func Read(ctx context.Context, paths []string, opt Options) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		for _, p := range paths {
			if !readPath(ctx, p, opt, yield) {
				return
			}
		}
	}
}

// ReadFile reads one file (JSONL files hold many documents). A name of
// unknown extension is read by its content.
func ReadFile(ctx context.Context, path string, opt Options) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(nil, fail(path, openReason(err)))
			return
		}
		defer f.Close()
		readInput(ctx, path, document.IDFromPath(path), f, formatOf(path), opt, yield)
	}
}

// readPath reads one argument of Read; it returns false once yield asked
// to stop or ctx ended.
func readPath(ctx context.Context, p string, opt Options, yield func(*document.Document, error) bool) bool {
	if err := ctx.Err(); err != nil {
		yield(nil, err)
		return false
	}
	if p == "-" {
		return readInput(ctx, "-", "stdin", opt.stdin(), "", opt, yield)
	}
	info, err := os.Stat(p)
	if err != nil {
		return yield(nil, fail(p, openReason(err)))
	}
	if !info.IsDir() {
		return keepGoing(ReadFile(ctx, p, opt), yield)
	}
	stopped := false
	werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(nil, fail(path, openReason(err))) {
				stopped = true
				return fs.SkipAll
			}
			return nil // WalkDir skips an unreadable directory by itself
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || formatOf(path) == "" {
			return nil
		}
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			stopped = true
			return fs.SkipAll
		}
		if !keepGoing(ReadFile(ctx, path, opt), yield) {
			stopped = true
			return fs.SkipAll
		}
		return nil
	})
	return werr == nil && !stopped
}

// keepGoing passes seq on to yield and says whether reading should go
// on: not when yield asked to stop, nor after seq reported that ctx ended.
func keepGoing(seq iter.Seq2[*document.Document, error], yield func(*document.Document, error) bool) bool {
	for doc, err := range seq {
		if !yield(doc, err) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return false
		}
	}
	return true
}

// readInput reads one input from r: name is what errors and Origin call
// it, id its document id, format "" when it must be sniffed.
func readInput(ctx context.Context, name, id string, r io.Reader, format string, opt Options, yield func(*document.Document, error) bool) bool {
	src, what, err := decompress(r)
	if err != nil {
		return yield(nil, fail(name, err))
	}
	br := bufio.NewReaderSize(src, 64<<10)
	head, _ := br.Peek(8192)
	if format == "" {
		format = sniff(head)
	}
	if format == FormatJSONL {
		// A JSONL file is read as a stream, a record at a time, so it may
		// be any size: the limit applies to each record. Lines are checked
		// one by one, so that one bad record does not cost the file; but
		// a binary file is refused whole.
		if err := checkText(head); err != nil {
			return yield(nil, fail(name, err))
		}
		return keepGoing(ParseJSONL(ctx, br, name, opt), yield)
	}
	if format == FormatWARC {
		// A WARC file is a stream of records, read one at a time; its
		// payloads may be binary, so it is not checked as text.
		if len(bytes.TrimSpace(head)) == 0 {
			return yield(nil, fail(name, refuse(ErrEmpty, "empty file")))
		}
		return keepGoing(ParseWARC(ctx, br, name, opt), yield)
	}
	data, err := loadAll(br, what, opt.maxBytes())
	if err != nil {
		return yield(nil, fail(name, err))
	}
	var doc *document.Document
	switch format {
	case FormatHTML:
		doc, err = ParseHTML(bytes.NewReader(data), "")
	default:
		doc, err = ParseText(bytes.NewReader(data))
	}
	if err != nil {
		return yield(nil, fail(name, err))
	}
	doc.ID, doc.Origin = id, name
	if opt.KeepRaw {
		doc.Raw = data
	}
	return yield(doc, nil)
}

// openReason words a file-system error without repeating the path, which
// *Error already names.
func openReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &reason{msg: "cannot read: " + pe.Err.Error(), err: err}
	}
	return err
}
