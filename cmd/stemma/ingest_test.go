package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/store"
)

func TestIngestSeeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, stderr, err := run(t, "", "ingest", "--db", db, "../../examples/seeds")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "5 new") || !strings.Contains(out, "1 stories") {
		t.Errorf("first ingest says %q", out)
	}
	if out, _, err = run(t, "", "ingest", "--db", db, "../../examples/seeds"); err != nil || !strings.Contains(out, "0 new, 5 already stored") {
		t.Errorf("second ingest says %q (%v)", out, err)
	}
	out, _, err = run(t, "", "export", "--db", db, "--no-text")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 5 {
		t.Errorf("export wrote %d lines, want 5", n)
	}
}

// tinyArticles writes n short distinct articles as JSONL.
func tinyArticles(t *testing.T, path string, n int) {
	t.Helper()
	words := strings.Fields(`the council said on monday that a new bridge over the river would
		open next spring after years of delays and rising costs while residents asked
		why the budget had doubled and officials blamed steel prices weather and a
		shortage of engineers across the region according to a report published today`)
	r := rand.New(rand.NewPCG(1, 2))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range n {
		var text []string
		for range 4 {
			s := make([]string, 8+r.IntN(8))
			for k := range s {
				s[k] = words[r.IntN(len(words))]
			}
			text = append(text, strings.Join(s, " ")+".")
		}
		if err := enc.Encode(map[string]string{"id": fmt.Sprintf("a%05d", i), "title": fmt.Sprintf("Article %d", i), "text": strings.Join(text, " ")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// An ingest killed with SIGKILL part way, while storing or while
// analysing, loses nothing stored, and the same ingest again completes
// it without doubling anything.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("a long test")
	}
	const n = 10000
	dir := t.TempDir()
	input := filepath.Join(dir, "in.jsonl")
	tinyArticles(t, input, n)
	// The command as users run it, built without the race detector this
	// test binary may carry: under it, 10^4 articles take minutes.
	exe := filepath.Join(dir, "stemma")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name string
		kill func(store.Counts) bool
	}{
		{"storing", func(c store.Counts) bool { return c.Documents > 0 }},
		{"analysing", func(c store.Counts) bool { return c.Documents == n }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			child := exec.Command(exe, "ingest", "--db", db, input)
			var stderr strings.Builder
			child.Stderr = &stderr
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			done := make(chan error, 1)
			go func() { done <- child.Wait() }()
			var at store.Counts
		poll:
			for {
				select {
				case err := <-done:
					t.Skipf("the ingest ended (%v) before it could be killed %s\n%s", err, tc.name, stderr.String())
				case <-time.After(5 * time.Millisecond):
				}
				if c, ok := counts(ctx, db); ok && tc.kill(c) {
					break poll
				}
			}
			if err := child.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-done
			at, _ = counts(ctx, db)
			t.Logf("killed with %d documents stored, %d analysed", at.Documents, at.Analysed)

			again := exec.Command(exe, "ingest", "--db", db, input)
			var errOut strings.Builder
			again.Stderr = &errOut
			o, err := again.Output()
			if err != nil {
				t.Fatalf("ingest again: %v\n%s", err, errOut.String())
			}
			c, ok := counts(ctx, db)
			if !ok || c.Documents != n || c.Analysed != n || c.Stories == 0 {
				t.Fatalf("after a second ingest: %+v, want %d documents, all analysed, in stories\n%s", c, n, o)
			}
			if want := fmt.Sprintf("%d new, %d already stored", n-at.Documents, at.Documents); !strings.Contains(string(o), want) {
				t.Errorf("the second ingest says %q, want %q", o, want)
			}
		})
	}
}

func counts(ctx context.Context, db string) (store.Counts, bool) {
	if _, err := os.Stat(db); err != nil {
		return store.Counts{}, false
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return store.Counts{}, false // still being made
	}
	defer st.Close()
	c, err := st.Counts(ctx)
	return c, err == nil
}
