package ingest

import (
	"context"
	"iter"
	"runtime"
	"sync"
)

// workers is the number of inputs parsed at once.
func (o Options) workers() int {
	if o.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Workers
}

// inOrder calls f on each item of in, on up to workers goroutines at
// once, and yields the results in the order of in. At most 4×workers
// items are in hand at a time. When the caller stops early, or ctx ends,
// it returns only once it has stopped reading in and every call of f has
// returned, so that the caller may close what in reads.
func inOrder[T, R any](ctx context.Context, workers int, in iter.Seq[T], f func(T) R) iter.Seq[R] {
	return func(yield func(R) bool) {
		if workers <= 1 {
			for t := range in {
				if !yield(f(t)) {
					return
				}
			}
			return
		}
		ctx, cancel := context.WithCancel(ctx)
		type slot struct {
			r    R
			done chan struct{}
		}
		slots := make(chan *slot, 4*workers) // in the order of in
		jobs := make(chan func(), workers)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for job := range jobs {
					job()
				}
			})
		}
		go func() {
			defer close(jobs)
			defer close(slots)
			for t := range in {
				sl := &slot{done: make(chan struct{})}
				select {
				case slots <- sl:
				case <-ctx.Done():
					return
				}
				jobs <- func() { sl.r = f(t); close(sl.done) }
			}
		}()
		defer func() {
			cancel()
			for range slots { // until in is let go
			}
			wg.Wait()
		}()
		for sl := range slots {
			<-sl.done
			if !yield(sl.r) {
				return
			}
		}
	}
}
