package ingest

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func TestInOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var got []int
		for r := range inOrder(context.Background(), workers, slices.Values(rangeN(200)), func(i int) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return i * i
		}) {
			got = append(got, r)
		}
		for i, r := range got {
			if r != i*i {
				t.Fatalf("%d workers: result %d is %d, want %d", workers, i, r, i*i)
			}
		}
		if len(got) != 200 {
			t.Fatalf("%d workers: %d results, want 200", workers, len(got))
		}
	}
}

// Stopping early returns once nothing reads the input any more.
func TestInOrderStop(t *testing.T) {
	var reading atomic.Bool
	in := func(yield func(int) bool) {
		reading.Store(true)
		defer reading.Store(false)
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
	n := 0
	for range inOrder(context.Background(), 3, in, func(i int) int { return i }) {
		if n++; n == 10 {
			break
		}
	}
	if reading.Load() {
		t.Fatal("the input is still being read after the loop stopped")
	}
}

func rangeN(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
