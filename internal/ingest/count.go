package ingest

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Count counts the documents Read would yield from paths, without parsing
// them: one per file, one per non-blank line of a JSONL file, one per
// record of a WARC file that is an HTML or text page, or malformed (which
// means reading the whole WARC file, but no page in it). It walks
// folders by Read's rules, so a progress line's total agrees with what is
// read. It gives up (false) on standard input, which cannot be read
// twice, and when ctx ends. Unreadable inputs count as nothing.
func Count(ctx context.Context, paths []string) (int64, bool) {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			n += countFile(p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && formatOf(path) != "" {
				n += countFile(path)
			}
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return n, true
}

// countFile counts the documents of one file, sniffing a name of unknown
// extension as ReadFile does.
func countFile(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r, _, err := decompress(f)
	if err != nil {
		return 0
	}
	br := bufio.NewReaderSize(r, 1<<20)
	format := formatOf(path)
	if format == "" {
		head, _ := br.Peek(8192)
		format = sniff(head)
	}
	if format == FormatWARC {
		if head, _ := br.Peek(8192); len(bytes.TrimSpace(head)) == 0 {
			return 1 // Read reports the empty file
		}
		return countWARC(br)
	}
	if format != FormatJSONL {
		return 1
	}
	var n int64
	for {
		line, err := br.ReadSlice('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
		// A line longer than the buffer comes in pieces: count it once,
		// by skipping to its end.
		for err == bufio.ErrBufferFull {
			_, err = br.ReadSlice('\n')
		}
		if err != nil {
			return n
		}
	}
}
