package change

import (
	"bytes"
	"hash/maphash"
	"strings"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/textproc"
)

// wordOp is a step of align.Diff as the words it spans: a[a0:a1] of
// the first sentence, b[b0:b1] of the second.
type wordOp struct {
	kind           align.OpKind
	a0, a1, b0, b1 int
}

// differ is align.Diff as spans of words, with the working memory of one
// diff kept for the next. Added clauses are looked for in a diff of
// every linked sentence that may hold one, and few do: a diff that
// joins no words into strings until a step is read, and makes nothing
// of its own, costs a fraction of one that does.
type differ struct {
	a, b   []string // the words, as strings.Fields splits them
	na, nb [][]byte // the words normalised, as align.Diff compares them
	ha, hb []uint64 // hashes of na and nb
	norm   []byte   // the normalised words, one after another
	ends   []int    // where each normalised word ends in norm
	lcs    []int32
	ops    []wordOp
}

// diffSeed seeds the hashes a differ compares words by first.
var diffSeed = maphash.MakeSeed()

// diff returns the steps of align.Diff(a, b), valid until the next diff.
func (d *differ) diff(a, b string) []wordOp {
	d.a, d.b = appendFields(d.a[:0], a), appendFields(d.b[:0], b)
	d.norm, d.ends = d.norm[:0], d.ends[:0]
	for _, w := range d.a {
		d.norm = appendNormalized(d.norm, w)
		d.ends = append(d.ends, len(d.norm))
	}
	for _, w := range d.b {
		d.norm = appendNormalized(d.norm, w)
		d.ends = append(d.ends, len(d.norm))
	}
	d.na, d.nb = d.na[:0], d.nb[:0]
	d.ha, d.hb = d.ha[:0], d.hb[:0]
	from := 0
	for k, to := range d.ends {
		w := d.norm[from:to:to]
		h := maphash.Bytes(diffSeed, w)
		if k < len(d.a) {
			d.na, d.ha = append(d.na, w), append(d.ha, h)
		} else {
			d.nb, d.hb = append(d.nb, w), append(d.hb, h)
		}
		from = to
	}
	na, nb, ha, hb := d.na, d.nb, d.ha, d.hb
	same := func(i, j int) bool { return ha[i] == hb[j] && bytes.Equal(na[i], nb[j]) }
	// The walk below matches the words both sentences start with one
	// pair at a time, and a cell of the table holds the LCS of what
	// follows it: only the cells past that common start are read.
	p := 0
	for p < len(na) && p < len(nb) && same(p, p) {
		p++
	}
	// lcs[(i-p)*w+j-p] is the LCS length of na[i:] and nb[j:].
	w := len(nb) - p + 1
	d.lcs = grow(d.lcs, (len(na)-p+1)*w)
	lcs := d.lcs
	for i := len(na) - 1; i >= p; i-- {
		row := (i - p) * w
		for j := len(nb) - 1; j >= p; j-- {
			if same(i, j) {
				lcs[row+j-p] = lcs[row+w+j-p+1] + 1
			} else {
				lcs[row+j-p] = max(lcs[row+w+j-p], lcs[row+j-p+1])
			}
		}
	}
	ops := d.ops[:0]
	add := func(k align.OpKind, i, j int) {
		di, dj := 0, 0
		switch k {
		case align.Equal:
			di, dj = 1, 1
		case align.Delete:
			di = 1
		default:
			dj = 1
		}
		if n := len(ops); n > 0 && ops[n-1].kind == k {
			ops[n-1].a1 += di
			ops[n-1].b1 += dj
			return
		}
		ops = append(ops, wordOp{k, i, i + di, j, j + dj})
	}
	i, j := 0, 0
	for i < len(na) && j < len(nb) {
		switch {
		case same(i, j):
			add(align.Equal, i, j)
			i++
			j++
		case lcs[(i-p+1)*w+j-p] >= lcs[(i-p)*w+j-p+1]:
			add(align.Delete, i, j)
			i++
		default:
			add(align.Insert, i, j)
			j++
		}
	}
	for ; i < len(na); i++ {
		add(align.Delete, i, j)
	}
	for ; j < len(nb); j++ {
		add(align.Insert, i, j)
	}
	d.ops = ops
	return ops
}

// text is the text of a step as align.Diff gives it: its words of the
// first sentence for an Equal or a Delete, of the second for an Insert,
// space-separated.
func (d *differ) text(op wordOp) string {
	if op.kind == align.Insert {
		return strings.Join(d.b[op.b0:op.b1], " ")
	}
	return strings.Join(d.a[op.a0:op.a1], " ")
}

// release lets go of the words of the last diff.
func (d *differ) release() {
	clear(d.a[:cap(d.a)])
	clear(d.b[:cap(d.b)])
	d.a, d.b = d.a[:0], d.b[:0]
}

// appendFields appends the words of s, as strings.Fields splits them.
func appendFields(dst []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		dst = append(dst, w)
	}
	return dst
}

// appendNormalized appends textproc.Normalize(w) to dst, or w when that
// is empty, as align.Diff compares words: punctuation alone still has
// to match itself. A word of ASCII, most of them, is normalised here
// without a string made for it.
func appendNormalized(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			if n := textproc.Normalize(w); n != "" {
				return append(dst, n...)
			}
			return append(dst, w...)
		}
	}
	// Normalize of ASCII: letters and digits in lower case, a run of
	// anything else one space, none at the end.
	from := len(dst)
	space := true
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			dst = append(dst, c)
			space = false
		case 'A' <= c && c <= 'Z':
			dst = append(dst, c+'a'-'A')
			space = false
		case !space:
			dst = append(dst, ' ')
			space = true
		}
	}
	if len(dst) > from && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	if len(dst) == from {
		return append(dst, w...)
	}
	return dst
}
