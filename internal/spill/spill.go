package spill

import (
	"bufio"
	"fmt"
	"os"
	"sync"

	"github.com/stemma-news/stemma/internal/document"
)

// File is a spill file. It is safe for concurrent use.
type File struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	size int64 // bytes written, buffered or not
	// flushed is the size known to be on disk, readable with ReadAt.
	flushed int64
	// linked is set when the file could not be unlinked as it was made,
	// and Close must remove it.
	linked bool
	enc    []byte // Put's
}

// Ref locates a document in a File.
type Ref struct {
	off int64
	n   int32
}

// Create makes a spill file in dir (the system's temporary directory when
// dir is "").
//
// Where the system allows it (not on Windows), the file is unlinked as
// soon as it is open: it takes no name, a run killed or crashed leaves
// nothing behind, and a File nobody closes gives its space back when the
// garbage collector closes it.
func Create(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, "stemma-spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	linked := os.Remove(f.Name()) != nil
	return &File{f: f, w: bufio.NewWriterSize(f, 1<<20), linked: linked}, nil
}

// Put writes the parts of d that comparing it needs: id, title, date,
// credits and paragraphs.
func (s *File) Put(d *document.Document) (Ref, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Encoded into one buffer kept from Put to Put: nearly every document
	// of a long run is put, on the index stage's one goroutine, where a
	// buffer of its own for each was allocated and cleared every time.
	b, err := encode(s.enc[:0], d)
	if err == nil {
		if cap(b) <= maxKeptBuffer {
			s.enc = b
		}
		var r Ref
		if r, err = s.put(b); err == nil {
			return r, nil
		}
	}
	return Ref{}, fmt.Errorf("spill %s: %w", d.ID, err)
}

// maxKeptBuffer bounds the buffer Put keeps: a 50 MB article is encoded
// in a buffer of its own, let go at once.
const maxKeptBuffer = 1 << 20

// put writes a record; s.mu must be held.
func (s *File) put(b []byte) (Ref, error) {
	if _, err := s.w.Write(b); err != nil {
		return Ref{}, err
	}
	r := Ref{s.size, int32(len(b))}
	s.size += int64(len(b))
	return r, nil
}

// get reads back the record at r.
func (s *File) get(r Ref) ([]byte, error) {
	s.mu.Lock()
	if r.off+int64(r.n) > s.flushed {
		if err := s.w.Flush(); err != nil {
			s.mu.Unlock()
			return nil, fmt.Errorf("spill: %w", err)
		}
		s.flushed = s.size
	}
	s.mu.Unlock()
	b := make([]byte, r.n)
	if _, err := s.f.ReadAt(b, r.off); err != nil {
		return nil, fmt.Errorf("spill: reading back at %d: %w", r.off, err)
	}
	return b, nil
}

// Get reads back the document at r.
func (s *File) Get(r Ref) (*document.Document, error) {
	b, err := s.get(r)
	if err != nil {
		return nil, err
	}
	d, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("spill: reading back at %d: %w", r.off, err)
	}
	return d, nil
}

// Size returns the bytes written so far.
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Close closes and deletes the file.
func (s *File) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.f.Close()
	if s.linked {
		if rerr := os.Remove(s.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}
