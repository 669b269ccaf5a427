package align

import (
	"strings"

	"github.com/stemma-news/stemma/internal/textproc"
)

// Op is one step of a word diff.
type Op struct {
	Kind OpKind
	Text string // the words, space-separated, as written in their text (A's for Equal)
	// B holds, for Equal, the words as written in B: equal after
	// normalisation, they may differ in case or punctuation.
	B string
}

// OpKind says whether words are common to both sentences or only in one.
type OpKind uint8

const (
	Equal  OpKind = iota // in both
	Delete               // only in A
	Insert               // only in B
)

// Diff returns the word-level differences between two sentences: a
// longest common subsequence over words compared after normalisation, so
// that typography and case are not reported as changes.
func Diff(a, b string) []Op {
	wa, wb := strings.Fields(a), strings.Fields(b)
	na, nb := normWords(wa), normWords(wb)
	// lcs[i][j] is the LCS length of na[i:] and nb[j:].
	lcs := make([][]int32, len(na)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(nb)+1)
	}
	for i := len(na) - 1; i >= 0; i-- {
		for j := len(nb) - 1; j >= 0; j-- {
			if na[i] == nb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []Op
	add := func(k OpKind, w, b string) {
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			ops[n-1].Text += " " + w
			if k == Equal {
				ops[n-1].B += " " + b
			}
			return
		}
		ops = append(ops, Op{Kind: k, Text: w, B: b})
	}
	i, j := 0, 0
	for i < len(na) && j < len(nb) {
		switch {
		case na[i] == nb[j]:
			add(Equal, wa[i], wb[j])
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			add(Delete, wa[i], "")
			i++
		default:
			add(Insert, wb[j], "")
			j++
		}
	}
	for ; i < len(na); i++ {
		add(Delete, wa[i], "")
	}
	for ; j < len(nb); j++ {
		add(Insert, wb[j], "")
	}
	return ops
}

func normWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		n := textproc.Normalize(w)
		if n == "" {
			n = w // punctuation alone still has to match itself
		}
		out[i] = n
	}
	return out
}
