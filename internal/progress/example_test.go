package progress_test

import (
	"fmt"
	"os"
	"sync"

	"github.com/stemma-news/stemma/internal/progress"
)

// A command shows progress on stderr while workers analyse articles. On a
// terminal, a run longer than a second shows a line such as
//
//	42% |████████          | (420000/1000000, 5321 articles/s) [1m19s:1m49s]
//
// which Finish erases; piped or short runs print nothing.
func Example() {
	articles := []string{"a.html", "b.html", "c.html", "d.html", "e.html"}

	m := progress.New(os.Stderr, progress.Options{Total: int64(len(articles))})
	defer m.Finish()

	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 2 { // workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				// ... analyse the article ...
				m.Add(1)
			}
		}()
	}
	for _, a := range articles {
		jobs <- a
	}
	close(jobs)
	wg.Wait()
	m.Finish() // erase the line before printing results

	fmt.Println(m.Count(), "articles")
	// Output: 5 articles
}

// The total can become known later, e.g. when a directory walk that runs
// alongside the analysis ends.
func ExampleMeter_SetTotal() {
	m := progress.New(os.Stderr, progress.Options{})
	defer m.Finish()
	m.Add(120)
	m.SetTotal(1000)
	m.Finish()
	fmt.Println(m.Count())
	// Output: 120
}
