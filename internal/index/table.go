package index

import "github.com/stemma-news/stemma/internal/fingerprint"

// termTable maps term ids to slots. It is an open-addressing hash table
// with linear probing, in place of a Go map: the index looks up every term
// of every document, and forgets millions of terms over a long run. A Go
// map leaves a tombstone for each deleted key, and its probes lengthen
// until it grows again; here the ids forgotten are taken out in one pass
// that moves the entries after each hole back, so a table that has
// forgotten millions of terms probes as short as a fresh one. Each cell is
// one word, id and slot together, so that a lookup usually reads one
// cache line.
type termTable struct {
	cells []uint64 // id<<32 | slot+1; 0 is an empty cell
	n     int
	shift uint8 // 64 minus the log2 of len(cells)
}

const minTableBits = 10

func newTermTable(size int) termTable {
	bits := uint8(minTableBits)
	for 1<<bits*3/4 < size {
		bits++
	}
	return termTable{cells: make([]uint64, 1<<bits), shift: 64 - bits}
}

// home is the cell a probe for id starts at. Term ids are hashes, but a
// caller may use small numbers: multiplying spreads them all the same.
func (t *termTable) home(id uint32) int {
	return int((uint64(id) * 0x9E3779B97F4A7C15) >> t.shift)
}

func cellOf(id uint32, slot int32) uint64 { return uint64(id)<<32 | uint64(uint32(slot+1)) }

// get returns the slot of id, and whether it is in the table.
func (t *termTable) get(id uint32) (int32, bool) {
	mask := len(t.cells) - 1
	for i := t.home(id); ; i = (i + 1) & mask {
		c := t.cells[i]
		if c == 0 {
			return 0, false
		}
		if uint32(c>>32) == id {
			return int32(uint32(c)) - 1, true
		}
	}
}

// touch reads the home cells of the ids of p, and returns nothing of
// use: a loop of loads alone, with no branch to mispredict, has the
// processor fetch all their cache lines at once, and the lookups that
// follow find them in its cache.
func (t *termTable) touch(p fingerprint.Print) uint64 {
	var sink uint64
	for _, term := range p {
		sink += t.cells[t.home(term.ID)]
	}
	return sink
}

// put adds id, which must not be in the table, with its slot.
func (t *termTable) put(id uint32, slot int32) {
	if (t.n+1)*4 > len(t.cells)*3 {
		t.grow()
	}
	mask := len(t.cells) - 1
	i := t.home(id)
	for t.cells[i] != 0 {
		i = (i + 1) & mask
	}
	t.cells[i] = cellOf(id, slot)
	t.n++
}

// removeSlots removes every id whose slot is in the set gone, a bit by
// slot, in one pass over the table: removing millions of ids one at a
// time, each a cache miss and a shift of the entries after it (Knuth's
// algorithm R), took several times as long. Each entry left is moved back
// to the first free cell from its home, so that no probe steps over a
// hole.
func (t *termTable) removeSlots(gone []uint64) {
	mask := len(t.cells) - 1
	start := 0
	for t.cells[start] != 0 {
		start++ // the table is never full
	}
	// Walking from an empty cell, no entry's probe began before the walk.
	// Until a cell is emptied, every entry after the last empty cell met
	// is where it belongs.
	moved := false
	for k := 1; k < len(t.cells); k++ {
		i := (start + k) & mask
		c := t.cells[i]
		if c == 0 {
			moved = false
			continue
		}
		if s := uint32(c) - 1; gone[s/64]&(1<<(s%64)) != 0 {
			t.cells[i] = 0
			t.n--
			moved = true
			continue
		}
		if !moved {
			continue
		}
		for p := t.home(uint32(c >> 32)); p != i; p = (p + 1) & mask {
			if t.cells[p] == 0 {
				t.cells[p], t.cells[i] = c, 0
				break
			}
		}
	}
}

// grow doubles the table.
func (t *termTable) grow() {
	old := t.cells
	t.cells = make([]uint64, 2*len(old))
	t.shift--
	mask := len(t.cells) - 1
	for _, c := range old {
		if c == 0 {
			continue
		}
		i := t.home(uint32(c >> 32))
		for t.cells[i] != 0 {
			i = (i + 1) & mask
		}
		t.cells[i] = c
	}
}

// len returns the number of ids in the table.
func (t *termTable) len() int { return t.n }
