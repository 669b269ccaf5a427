package clean

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Most rules are anchored at the start of a paragraph and begin with a
// handful of words ("advertisement", "read more", "follow"), so what a
// paragraph starts with rules most of them out. A startFilter runs the
// expression's program over the first bytes of a text, as a plain NFA:
// ASCII only (a text that is not ASCII there is let through), empty-width
// assertions other than the anchor taken as satisfied. Both can only let
// more texts through, never stop one the expression matches.

// startBytes is how far into a text a startFilter looks; a program still
// running there lets the text through.
const startBytes = 32

// maxStartProg bounds the programs a startFilter runs (bit sets of
// instructions live on the stack).
const maxStartProg = 1024

// startFilter says from the start of a text whether a match of an
// anchored expression may start it.
type startFilter struct {
	// The first two bytes, looked up.
	first  [2]uint64      // ASCII first bytes (bit b of word b/64)
	second [128][2]uint64 // for each ASCII first byte, the ASCII second bytes
	other  []rune         // non-ASCII first runes, sorted
	// anyOther says any non-ASCII first rune may start a match.
	anyOther bool

	// The program, to run it further.
	after1  [128][]uint32 // the rune instructions running after each ASCII first byte
	masks   [][2]uint64   // for each rune instruction, the ASCII bytes it accepts
	follow  [][]uint32    // for each rune instruction, those running after it
	accepts []bool        // for each rune instruction, whether a match is reachable after it
}

// newStartFilter makes the startFilter of a compiled program; nil when
// the program is not anchored at the start of the text, matches the empty
// string there (then any text may match) or is too large.
func newStartFilter(prog *syntax.Prog) *startFilter {
	if prog.StartCond()&syntax.EmptyBeginText == 0 || len(prog.Inst) > maxStartProg {
		return nil
	}
	start, match := closure(prog, []uint32{uint32(prog.Start)})
	if match {
		return nil
	}
	f := &startFilter{
		masks:   make([][2]uint64, len(prog.Inst)),
		follow:  make([][]uint32, len(prog.Inst)),
		accepts: make([]bool, len(prog.Inst)),
	}
	for pc := range prog.Inst {
		inst := &prog.Inst[pc]
		if !isRune(inst.Op) {
			continue
		}
		f.masks[pc] = asciiMask(inst)
		f.follow[pc], f.accepts[pc] = closure(prog, []uint32{inst.Out})
	}
	for _, pc := range start {
		other, anyOther := nonASCII(&prog.Inst[pc])
		f.anyOther = f.anyOther || anyOther
		f.other = append(f.other, other...)
	}
	slices.Sort(f.other)
	f.other = slices.Compact(f.other)

	for b1 := range byte(utf8.RuneSelf) {
		var after []uint32
		accepts := false
		for _, pc := range start {
			if has(f.masks[pc], b1) {
				after = union32(after, f.follow[pc])
				accepts = accepts || f.accepts[pc]
			}
		}
		if after == nil && !accepts {
			continue
		}
		f.first[b1/64] |= 1 << (b1 % 64)
		if accepts {
			// A one-byte match: anything may follow.
			f.second[b1] = [2]uint64{^uint64(0), ^uint64(0)}
			continue
		}
		f.after1[b1] = after
		// A row left empty rules out only texts whose second byte is
		// ASCII: may leaves the others to the expression.
		for _, pc := range after {
			f.second[b1][0] |= f.masks[pc][0]
			f.second[b1][1] |= f.masks[pc][1]
		}
	}
	return f
}

// may reports whether s may start a match.
func (f *startFilter) may(s string) bool {
	if s == "" {
		return true
	}
	c := s[0]
	if c >= utf8.RuneSelf {
		if f.anyOther {
			return true
		}
		r, _ := utf8.DecodeRuneInString(s)
		_, ok := slices.BinarySearch(f.other, r)
		return ok
	}
	if !has(f.first, c) {
		return false
	}
	if len(s) == 1 {
		return f.after1[c] == nil // a one-byte match
	}
	if s[1] >= utf8.RuneSelf {
		return true
	}
	if !has(f.second[c], s[1]) {
		return false
	}
	cur := f.after1[c]
	if cur == nil {
		return true // a one-byte match
	}
	// Run the program on from the second byte.
	var mark [maxStartProg / 64]uint64
	var bufs [2][32]uint32
	for i := 1; i < min(len(s), startBytes); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		next := bufs[i%2][:0]
		for _, pc := range cur {
			if !has(f.masks[pc], c) {
				continue
			}
			if f.accepts[pc] {
				return true
			}
			for _, q := range f.follow[pc] {
				if mark[q/64]&(1<<(q%64)) == 0 {
					mark[q/64] |= 1 << (q % 64)
					next = append(next, q)
				}
			}
		}
		if len(next) == 0 {
			return false
		}
		for _, q := range next {
			mark[q/64] &^= 1 << (q % 64)
		}
		cur = next
	}
	// Still running when the text, or the part looked at, ends: a match
	// was not reached, but the text was consumed without ruling one out
	// only if it goes on. At the end of the text nothing more can match.
	return len(s) > startBytes
}

// weak reports whether the filter lets through most texts by their first
// byte.
func (f *startFilter) weak() bool {
	return f.anyOther || bits.OnesCount64(f.first[0])+bits.OnesCount64(f.first[1]) > 64
}

func has(set [2]uint64, b byte) bool { return set[b/64]&(1<<(b%64)) != 0 }

func isRune(op syntax.InstOp) bool {
	switch op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// asciiMask returns the ASCII bytes a rune instruction accepts, as
// syntax.Inst.MatchRune decides: a literal (one rune, and its case
// variants when folding) or ranges of runes.
func asciiMask(inst *syntax.Inst) (m [2]uint64) {
	set := func(r rune) {
		if r < utf8.RuneSelf {
			m[r/64] |= 1 << (r % 64)
		}
	}
	switch inst.Op {
	case syntax.InstRune1:
		set(inst.Rune[0])
	case syntax.InstRune:
		if len(inst.Rune) == 1 {
			r0 := inst.Rune[0]
			set(r0)
			if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					set(r)
				}
			}
			break
		}
		for i := 0; i+1 < len(inst.Rune); i += 2 {
			for r := inst.Rune[i]; r <= min(inst.Rune[i+1], utf8.RuneSelf-1); r++ {
				set(r)
			}
		}
	case syntax.InstRuneAny:
		m = [2]uint64{^uint64(0), ^uint64(0)}
	case syntax.InstRuneAnyNotNL:
		m = [2]uint64{^uint64(0) &^ (1 << '\n'), ^uint64(0)}
	}
	return m
}

// consumes reports whether a rune instruction accepts r.
func consumes(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRune:
		return inst.MatchRune(r)
	case syntax.InstRune1:
		return r == inst.Rune[0]
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// nonASCII returns the runes beyond ASCII that a rune instruction
// accepts, or all when they are too many to list.
func nonASCII(inst *syntax.Inst) (runes []rune, all bool) {
	switch inst.Op {
	case syntax.InstRune1:
		if r := inst.Rune[0]; r >= utf8.RuneSelf {
			return []rune{r}, false
		}
		return nil, false
	case syntax.InstRune:
		if len(inst.Rune) == 1 {
			// A literal, with its case variants when folding (as
			// MatchRune takes them).
			r0 := inst.Rune[0]
			orbit := []rune{r0}
			if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					orbit = append(orbit, r)
				}
			}
			for _, r := range orbit {
				if r >= utf8.RuneSelf {
					runes = append(runes, r)
				}
			}
			return runes, false
		}
		for i := 0; i+1 < len(inst.Rune); i += 2 {
			lo, hi := max(inst.Rune[i], utf8.RuneSelf), inst.Rune[i+1]
			if hi-lo >= 64 {
				return nil, true
			}
			for r := lo; r <= hi; r++ {
				runes = append(runes, r)
			}
		}
		return runes, false
	}
	return nil, true
}

// closure returns the rune instructions reachable from pcs without
// consuming input, and whether a match is.
func closure(prog *syntax.Prog, pcs []uint32) (states []uint32, match bool) {
	var seen []uint32 // few: a slice beats a set the size of the program
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if slices.Contains(seen, pc) {
			return
		}
		seen = append(seen, pc)
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(inst.Out)
			walk(inst.Arg)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			walk(inst.Out)
		case syntax.InstMatch:
			match = true
		default:
			if isRune(inst.Op) {
				states = append(states, pc)
			}
		}
	}
	for _, pc := range pcs {
		walk(pc)
	}
	return states, match
}

// union32 adds to a the elements of b it lacks.
func union32(a, b []uint32) []uint32 {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}
