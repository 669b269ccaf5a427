package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// openTest opens a store in a new file of the test's temporary directory
// and closes it when the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "stemma.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// article returns a small document numbered n, from site.
func article(n int, site string) *document.Document {
	return &document.Document{
		ID:     fmt.Sprintf("doc%d", n),
		Origin: fmt.Sprintf("in/doc%d.html", n),
		Format: "html",
		Title:  fmt.Sprintf("Title of article %d", n),
		Site:   site,
		Paragraphs: []string{
			fmt.Sprintf("Article %d begins with a paragraph of words.", n),
			fmt.Sprintf("It ends with another, numbered %d.", n),
		},
		Raw: fmt.Appendf(nil, "<html><h1>Title of article %d</h1><p>Article %d begins...</p></html>", n, n),
	}
}

func put(t testing.TB, s *Store, docs ...*document.Document) []Put {
	t.Helper()
	puts, err := s.PutDocuments(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return puts
}

func TestOpenTwice(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "a.db")
	for range 2 {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := migrations()
		if err != nil {
			t.Fatal(err)
		}
		var n, v int
		if err := s.r.QueryRowContext(ctx, "SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &v); err != nil {
			t.Fatal(err)
		}
		if n != len(ms) || v != len(ms) {
			t.Errorf("schema_migrations: %d rows up to %d, want %d", n, v, len(ms))
		}
		var mode string
		var fk, sync int
		if err := s.r.QueryRowContext(ctx, "SELECT * FROM pragma_journal_mode, pragma_foreign_keys, pragma_synchronous").Scan(&mode, &fk, &sync); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || sync != 1 {
			t.Errorf("reader: journal_mode %s, foreign_keys %d, synchronous %d; want wal, 1, 1 (NORMAL)", mode, fk, sync)
		}
		if _, err := s.r.ExecContext(ctx, "INSERT INTO feeds (url) VALUES ('x')"); err == nil {
			t.Error("a reader connection wrote")
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMigrateFromV1(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v1.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("%d migrations; this test wants at least 2", len(ms))
	}
	old, err := open(ctx, path, ms[:1])
	if err != nil {
		t.Fatal(err)
	}
	// PutDocuments needs only the first version's tables.
	put(t, old, article(1, "a.example"), article(2, "b.example"))
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := version(ctx, s.r)
	if err != nil {
		t.Fatal(err)
	}
	if v != len(ms) {
		t.Errorf("version %d after migrating, want %d", v, len(ms))
	}
	d, err := s.DocumentByID(ctx, "doc2")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, []Analysis{{Seq: 1}, {Seq: d.Seq, Edges: []int64{1}, Pairs: []Pair{{A: 1, B: d.Seq, Relation: "rewrite"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, []Story{{ID: 1, Documents: []int64{1, 2}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeedState(ctx, FeedState{URL: "https://a.example/feed"}); err != nil {
		t.Fatal(err)
	}
	var check string
	if err := s.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}

func TestNewerSchema(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES (999, '0999_future', 0)"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if !errors.Is(err, ErrNewerSchema) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open of a newer file: %v, want ErrNewerSchema", err)
	}
	t.Log(err)
}

func TestCounts(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	a, b := article(1, "a.example"), article(2, "a.example")
	b.Raw = a.Raw
	c := article(3, "a.example")
	c.Raw = nil
	put(t, s, a, b, c)
	if err := s.SaveAnalyses(ctx, []Analysis{{Seq: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, []Story{{ID: 1, Documents: []int64{1, 2}}, {ID: 3, Documents: []int64{3}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Documents: 3, Analysed: 1, Stories: 2, Inputs: 1, RawBytes: int64(len(a.Raw))}
	if got != want {
		t.Errorf("Counts = %+v, want %+v", got, want)
	}
}

func TestOddPath(t *testing.T) {
	ctx := t.Context()
	dir := filepath.Join(t.TempDir(), "a dir?x=1#y%20")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "my store?.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, article(1, "a.example"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the store is not at the path given: %v", err)
	}
}

// TestTwoStores opens one file twice, as two processes would, and writes
// through both at once: the busy timeout and IMMEDIATE transactions make
// one wait for the other instead of failing.
func TestTwoStores(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "shared.db")
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			for b := range 10 {
				docs := []*document.Document{article(i*100+b, "a.example"), article(1000+b, "shared.example")}
				puts, err := s.PutDocuments(ctx, docs)
				if err != nil {
					t.Error(err)
					return
				}
				if err := s.SaveAnalyses(ctx, []Analysis{{Seq: puts[0].Seq}}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	c, err := stores[0].Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != 30 || c.Analysed != 20 {
		t.Errorf("Counts = %+v, want 30 documents, 20 analysed", c)
	}
}
