package texttest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestConcat(t *testing.T) {
	pieces := []string{"a", "bc", "\u00e9"}
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	for n := range 50 {
		s := Concat(r, pieces, n%6)
		// Every piece is one of pieces, and there are n%6 of them.
		rest, count := s, 0
		for rest != "" {
			found := false
			for _, p := range pieces {
				if strings.HasPrefix(rest, p) {
					rest, found = rest[len(p):], true
					count++
					break
				}
			}
			if !found {
				t.Fatalf("Concat gave %q, which is not made of %q", s, pieces)
			}
		}
		if count != n%6 {
			t.Errorf("Concat(_, _, %d) = %q, %d pieces", n%6, s, count)
		}
		seen[s] = true
	}
	if len(seen) < 20 {
		t.Errorf("50 strings, only %d distinct", len(seen))
	}
	a, b := rand.New(rand.NewPCG(3, 4)), rand.New(rand.NewPCG(3, 4))
	if x, y := Concat(a, pieces, 10), Concat(b, pieces, 10); x != y {
		t.Errorf("one seed, two strings: %q and %q", x, y)
	}
}

func ExampleConcat() {
	r := rand.New(rand.NewPCG(1, 2))
	s := Concat(r, []string{"a", " ", "\u00a0"}, 8)
	fmt.Println(len([]rune(s)))
	// Output: 8
}
