package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// After Freeze, Cosine reads norms and IDF from tables made once, from
// several goroutines at once; it must give what computing them gives.
func TestFreezeCosine(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	x := New(Options{Budget: 5000, Keep: 25})
	for range 400 {
		x.Add(randomPrint(r, 30+r.IntN(40), 3000))
	}
	n := x.Len()
	want := make([]float64, n*n)
	for a := range n {
		for b := range n {
			want[a*n+b] = x.Cosine(a, b)
		}
	}
	x.Freeze(3)
	var wg sync.WaitGroup
	errs := make(chan string, 3)
	for k := range 3 {
		wg.Go(func() {
			for a := k; a < n; a += 3 {
				for b := range n {
					// The frozen norms are float32s.
					if got := x.Cosine(a, b); math.Abs(got-want[a*n+b]) > 1e-6 {
						errs <- fmt.Sprintf("Cosine(%d, %d) = %v after Freeze, %v before", a, b, got, want[a*n+b])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
