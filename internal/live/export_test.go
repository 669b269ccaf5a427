package live

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
)

func TestExport(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "s.db"))
	k, err := Open(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	docs := readSeeds(t)
	hostile := &document.Document{ID: "=cmd", Title: "=HYPERLINK(\"http://x\",\"click\")", Paragraphs: []string{"A short unrelated note about gardening and tomatoes in the spring."}}
	if _, err := k.Ingest(ctx, slices.Values(append(docs, hostile))); err != nil {
		t.Fatal(err)
	}

	var b bytes.Buffer
	if err := JSONL(ctx, &b, st, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	var got []Exported
	for line := range strings.Lines(b.String()) {
		var e Exported
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, e)
	}
	if len(got) != 6 {
		t.Fatalf("%d lines, want 6", len(got))
	}
	origins, titled := 0, false
	for _, e := range got[:5] {
		if e.Story == 0 || e.Text == "" {
			t.Errorf("%s: story %d, %d bytes of text", e.ID, e.Story, len(e.Text))
		}
		if e.ID == e.Origin {
			origins++
			if e.Source != "" {
				t.Errorf("%s is its story's origin but has a source, %s", e.ID, e.Source)
			}
		}
		if e.Source != "" && e.Relation == "" {
			t.Errorf("%s: a source %s but no relation", e.ID, e.Source)
		}
		for _, c := range e.Changes {
			if strings.HasPrefix(e.ID, "001") && c.Kind == change.Title && strings.Contains(c.New, "former") {
				titled = true
			}
		}
	}
	if origins != 1 {
		t.Errorf("%d documents of the seeds are exported as the origin, want 1", origins)
	}
	if !titled {
		t.Error("001's change of title (\"former President\") is not exported")
	}

	b.Reset()
	if err := CSV(ctx, &b, st); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	last := rows[6]
	if last[1] != "'=cmd" || !strings.HasPrefix(last[2], "'=HYPERLINK") {
		t.Errorf("a formula is not defused: id %q, title %q", last[1], last[2])
	}
}
