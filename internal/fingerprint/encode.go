package fingerprint

import (
	"encoding/binary"
	"errors"
	"math"
)

// AppendBinary appends p's encoding to b, for a store to keep: each
// term's ID as the uvarint of its gap from the one before (IDs are
// sorted), then its TF's bits. Prints of a few hundred terms take about
// six bytes a term.
func (p Print) AppendBinary(b []byte) ([]byte, error) {
	b = binary.AppendUvarint(b, uint64(len(p)))
	var last uint32
	for _, t := range p {
		b = binary.AppendUvarint(b, uint64(t.ID-last))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.TF))
		last = t.ID
	}
	return b, nil
}

// errCorrupt says an encoded print does not decode.
var errCorrupt = errors.New("fingerprint: corrupt encoding")

// Decode decodes a print encoded by AppendBinary.
func Decode(b []byte) (Print, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errCorrupt
	}
	b = b[k:]
	p := make(Print, 0, n)
	var last uint32
	for range n {
		gap, k := binary.Uvarint(b)
		if k <= 0 || len(b) < k+4 || gap > math.MaxUint32 {
			return nil, errCorrupt
		}
		id := last + uint32(gap)
		if len(p) > 0 && id <= last {
			return nil, errCorrupt
		}
		p = append(p, Term{ID: id, TF: math.Float32frombits(binary.LittleEndian.Uint32(b[k:]))})
		b, last = b[k+4:], id
	}
	if len(b) != 0 {
		return nil, errCorrupt
	}
	return p, nil
}
