package ingest

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

func TestZZMeasure(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip()
	}
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	for doc, err := range Read(context.Background(), []string{"/work/shared/eval/extraction-zyte/html"}, Options{}) {
		if err != nil {
			t.Log(err)
			continue
		}
		enc.Encode(map[string]any{"id": doc.ID, "text": doc.Text(), "title": doc.Title, "byline": doc.Byline, "site": doc.Site, "url": doc.URL, "published": doc.Published})
	}
}
