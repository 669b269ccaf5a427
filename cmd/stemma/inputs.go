package main

import (
	"context"
	"fmt"
	"io"
	"iter"

	"github.com/stemma-news/stemma/internal/arena"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
)

// inputs reads the inputs of a command: it reports each one that cannot
// be read on stderr and counts it, cleans each document with clean (when
// set), and keeps ids unique, so that every command treats bad input and
// name clashes the same way.
type inputs struct {
	stderr io.Writer
	clean  func(*document.Document)
	failed int
	seen   map[string]int
	// ids holds the keys of seen: a run over a million documents holds a
	// million IDs to its end, and as one object each they were marked at
	// every collection.
	ids arena.Strings
}

// documents yields the readable documents of paths. When ctx ends it
// stops; the caller checks ctx.Err().
func (in *inputs) documents(ctx context.Context, paths []string, opt ingest.Options) iter.Seq[*document.Document] {
	if in.seen == nil {
		in.seen = map[string]int{}
	}
	return func(yield func(*document.Document) bool) {
		for doc, err := range ingest.Read(ctx, paths, opt) {
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				fmt.Fprintln(in.stderr, "stemma:", err)
				in.failed++
				continue
			}
			if in.clean != nil {
				in.clean(doc)
			}
			// Two inputs with one name (a.txt and a.html) must stay apart
			// in every output.
			n, ok := in.seen[doc.ID]
			if ok {
				in.seen[doc.ID]++
			} else {
				in.seen[in.ids.Copy(doc.ID)] = 1
			}
			if n > 0 {
				doc.ID = fmt.Sprintf("%s~%d", doc.ID, n+1)
			}
			if !yield(doc) {
				return
			}
		}
	}
}

// err is errInputsFailed when some input failed, for the exit status.
func (in *inputs) err() error {
	if in.failed > 0 {
		return errInputsFailed
	}
	return nil
}
