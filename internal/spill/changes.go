package spill

import (
	"encoding/binary"
	"fmt"

	"github.com/stemma-news/stemma/internal/change"
)

// A change list is kept as the number of its changes plus one (0 for a
// nil list of changes), each change's kind, old, new and who as strings,
// its two sentence numbers as varints and its two sentences as strings;
// then the number of quotes kept and each one, and the number reworded.
// What is read back is what a round trip through JSON gives.

// PutChanges writes a change list, so that the analysis of a large
// stream need not hold the change lists of all its pairs until they are
// reported.
func (s *File) PutChanges(l *change.List) (Ref, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := encodeChanges(s.enc[:0], l) // as Put
	if cap(b) <= maxKeptBuffer {
		s.enc = b
	}
	r, err := s.put(b)
	if err != nil {
		return Ref{}, fmt.Errorf("spill changes: %w", err)
	}
	return r, nil
}

// GetChanges reads back the change list at r.
func (s *File) GetChanges(r Ref) (*change.List, error) {
	b, err := s.get(r)
	if err != nil {
		return nil, err
	}
	l, err := decodeChanges(b)
	if err != nil {
		return nil, fmt.Errorf("spill: reading back changes at %d: %w", r.off, err)
	}
	return l, nil
}

func encodeChanges(b []byte, l *change.List) []byte {
	b = appendCount(b, len(l.Changes), l.Changes == nil)
	for _, c := range l.Changes {
		b = appendString(b, string(c.Kind))
		b = appendString(b, c.Old)
		b = appendString(b, c.New)
		b = appendString(b, c.Who)
		b = binary.AppendVarint(b, int64(c.Source))
		b = binary.AppendVarint(b, int64(c.Copy))
		b = appendString(b, c.SourceText)
		b = appendString(b, c.CopyText)
	}
	b = binary.AppendUvarint(b, uint64(len(l.QuotesKept)))
	for _, q := range l.QuotesKept {
		b = appendString(b, q)
	}
	return binary.AppendVarint(b, int64(l.Reworded))
}

// appendCount appends n+1, or 0 for a nil slice: "changes" is written
// as null for a nil list and [] for an empty one.
func appendCount(b []byte, n int, isNil bool) []byte {
	if isNil {
		return binary.AppendUvarint(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func decodeChanges(b []byte) (*change.List, error) {
	d := &decoder{s: string(b)}
	l := &change.List{}
	if n := d.count(); n > 0 {
		l.Changes = make([]change.Change, 0, n-1)
		for range n - 1 {
			c := change.Change{Kind: change.Kind(d.string()), Old: d.string(), New: d.string(), Who: d.string()}
			c.Source, c.Copy = int(d.varint()), int(d.varint())
			c.SourceText, c.CopyText = d.string(), d.string()
			l.Changes = append(l.Changes, c)
		}
	}
	if n := d.uvarint(); n > uint64(len(d.s)) {
		d.err = errCorrupt
	} else if n > 0 {
		l.QuotesKept = make([]string, 0, n)
		for range n {
			l.QuotesKept = append(l.QuotesKept, d.string())
		}
	}
	l.Reworded = int(d.varint())
	if d.err != nil {
		return nil, d.err
	}
	if d.s != "" {
		return nil, errCorrupt
	}
	return l, nil
}

// count reads a count written by appendCount. A count larger than what
// is left to read is corrupt: each item takes a byte at least, and a
// corrupt count must not size an allocation.
func (d *decoder) count() uint64 {
	n := d.uvarint()
	if n > 0 && n-1 > uint64(len(d.s)) {
		d.err = errCorrupt
		return 0
	}
	return n
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}
