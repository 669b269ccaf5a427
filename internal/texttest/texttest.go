package texttest

import (
	"math/rand/v2"
	"strings"
)

// Concat returns n pieces, each chosen by r, one after another. The same
// r, in the same state, gives the same string.
func Concat(r *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}
