package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

const crashBatch = 100

// crashDocs is how many documents the crash test stores: fewer under the
// race detector, which has nothing to find in a child process that is
// killed, and would take minutes over ten thousand.
func crashDocs() int {
	if raceEnabled {
		return 2_000
	}
	return 10_000
}

func crashBatchDocs(from int) []*document.Document {
	docs := make([]*document.Document, 0, crashBatch)
	for i := from; i < from+crashBatch; i++ {
		docs = append(docs, article(i, "a.example"))
	}
	return docs
}

// TestCrashSafety kills a process storing documents and checks that
// storing them all again afterwards leaves each exactly once.
func TestCrashSafety(t *testing.T) {
	if os.Getenv("STORE_CHILD") == "1" {
		crashChild(t, os.Getenv("STORE_CHILD_PATH"))
		return
	}
	n := crashDocs()
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestCrashSafety$", "-test.count=1")
	cmd.Env = append(os.Environ(), "STORE_CHILD=1", "STORE_CHILD_PATH="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported, killed := 0, false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		num, ok := strings.CutPrefix(sc.Text(), "stored ")
		if !ok {
			continue
		}
		if reported, err = strconv.Atoi(num); err != nil {
			t.Fatalf("child said %q", sc.Text())
		}
		if reported >= n/4 {
			killed = cmd.Process.Kill() == nil // SIGKILL: no deferred Close, no cleanup
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("the child stopped after reporting %d documents; its stderr:\n%s", reported, stderr.String())
	}

	ctx := t.Context()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var check string
	if err := s.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after the kill: %q, %v", check, err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO search(search, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Errorf("search index after the kill: %v", err)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every batch reported was committed, and whole batches only.
	if c.Documents < int64(reported) || c.Documents%crashBatch != 0 {
		t.Fatalf("%d documents after the kill; %d were reported stored, in batches of %d", c.Documents, reported, crashBatch)
	}
	t.Logf("killed after %d documents were reported and %d committed", reported, c.Documents)

	added := 0
	for from := 0; from < n; from += crashBatch {
		puts, err := s.PutDocuments(ctx, crashBatchDocs(from))
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range puts {
			if want := fmt.Sprintf("doc%d", from+i); p.ID != want {
				t.Fatalf("document %s stored as %s", want, p.ID)
			}
			if p.New {
				added++
			}
		}
	}
	if c2, err := s.Counts(ctx); err != nil || c2.Documents != int64(n) || c2.Inputs != int64(n) || int64(added) != int64(n)-c.Documents {
		t.Errorf("after storing all again: %+v (%d new), %v; want %d documents", c2, added, err, n)
	}
	var distinct int
	if err := s.r.QueryRowContext(ctx, "SELECT count(DISTINCT title) FROM documents").Scan(&distinct); err != nil || distinct != n {
		t.Errorf("%d distinct documents, %v; want %d", distinct, err, n)
	}
}

// crashChild stores the documents of the crash test in batches, saying on
// standard output how many it has stored, until it is killed.
func crashChild(t *testing.T, path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for from := 0; from < crashDocs(); from += crashBatch {
		if _, err := s.PutDocuments(context.Background(), crashBatchDocs(from)); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("stored %d\n", from+crashBatch)
	}
	// Finished before being killed: wait for the kill, so that the parent
	// does not mistake a fast child for a failure to kill one mid-way.
	time.Sleep(time.Minute)
}

// TestConcurrent reads while writing, for the race detector and for
// SQLITE_BUSY errors a misconfigured pool would give.
func TestConcurrent(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		defer close(done)
		for b := range 10 {
			var docs []*document.Document
			for i := range 20 {
				docs = append(docs, article(b*20+i, "a.example"))
			}
			puts, err := s.PutDocuments(ctx, docs)
			if err != nil {
				t.Error(err)
				return
			}
			var recs []Analysis
			var seqs []int64
			for _, p := range puts {
				recs = append(recs, Analysis{Seq: p.Seq})
				seqs = append(seqs, p.Seq)
			}
			if err := s.SaveAnalyses(ctx, recs); err != nil {
				t.Error(err)
				return
			}
			if err := s.SaveView(ctx, []Story{{ID: seqs[0], Documents: seqs}}, time.Now()); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := s.Stories(ctx, StoryQuery{Limit: 5}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Search(ctx, "article", 5); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Counts(ctx); err != nil {
					t.Error(err)
					return
				}
				for _, err := range s.Analysed(ctx) {
					if err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
