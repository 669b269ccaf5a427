package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"compress/gzip"

	"github.com/stemma-news/stemma/internal/progress"
)

// newMeter makes the progress line for a --progress setting.
func newMeter(stderr io.Writer, mode string) (*progress.Meter, error) {
	switch mode {
	case "auto", "":
		return progress.New(stderr, progress.Options{}), nil
	case "always":
		return progress.New(stderr, progress.Options{Force: true}), nil
	case "never":
		return progress.New(stderr, progress.Options{Disable: true}), nil
	}
	return nil, fmt.Errorf("unknown --progress %q: want auto, always or never", mode)
}

// countArticles counts the articles in paths, for the progress line's
// ETA: one per file, one per non-blank line of a JSONL file. It gives up
// (false) on standard input, which cannot be read twice.
func countArticles(ctx context.Context, paths []string) (int64, bool) {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // the reader reports it
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if d.IsDir() {
				return nil
			}
			name := strings.ToLower(path)
			if strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".jsonl.gz") || strings.HasSuffix(name, ".ndjson") {
				n += countLines(path)
			} else {
				n++
			}
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return n, true
}

// countLines counts the non-blank lines of a file, gzipped or not.
func countLines(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0
		}
		r = zr
	}
	var n int64
	br := bufio.NewReaderSize(r, 1<<20)
	blank := true
	buf := make([]byte, 1<<20)
	for {
		k, err := br.Read(buf)
		for _, line := range bytes.SplitAfter(buf[:k], []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				blank = false
			}
			if bytes.HasSuffix(line, []byte("\n")) {
				if !blank {
					n++
				}
				blank = true
			}
		}
		if err != nil {
			break
		}
	}
	if !blank {
		n++
	}
	return n
}
