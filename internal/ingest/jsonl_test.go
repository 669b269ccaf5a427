package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseJSONLFields(t *testing.T) {
	in := `{"id": 42, "title": "T", "content": "Body one.\nBody two.", "date": "Tue, 05 Mar 2024 09:30:00 +0000", "author": ["Ann Lee", "Bo Ng"], "url": "https://www.example.com/x"}
{"id": "h", "url": "https://news.example.com/storm", "title": "From the record", "html": ` + jsonString(samplePage) + `}
{"text": "Unix time.", "published": 1709631000}
`
	var got []string
	for doc, err := range ParseJSONL(context.Background(), strings.NewReader(in), "in.jsonl", Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{doc.ID, doc.Origin, doc.Title, doc.Byline, doc.Site, doc.URL,
			doc.Published.UTC().Format(time.RFC3339), strings.Join(doc.Paragraphs, "/")}, "|"))
	}
	want := []string{
		"42|in.jsonl:1|T|Ann Lee, Bo Ng|example.com|https://www.example.com/x|2024-03-05T09:30:00Z|Body one./Body two.",
		"h|in.jsonl:2|From the record||news.example.com|https://news.example.com/storm|0001-01-01T00:00:00Z|" +
			"The harbour at Port Ellis closed on Monday after a winter storm tore two mooring posts from the main pier and flooded the ticket office./" +
			"Ferries will resume on Tuesday, the harbour master said, once crews from the county works department have replaced the posts and checked the pier.",
		"in#3|in.jsonl:3|||||2024-03-05T09:30:00Z|Unix time.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// ParseJSONL used on its own (not through Read) still bounds each line.
func TestParseJSONLLongLine(t *testing.T) {
	in := `{"text":"` + strings.Repeat("x", 10000) + `"}` + "\n" + `{"text":"short"}` + "\n"
	var docs, tooLarge int
	for doc, err := range ParseJSONL(context.Background(), strings.NewReader(in), "s.jsonl", Options{MaxBytes: 1000}) {
		switch {
		case errors.Is(err, ErrTooLarge) && strings.HasPrefix(err.Error(), "s.jsonl:1: "):
			tooLarge++
		case err != nil:
			t.Fatal(err)
		case doc.Text() == "short" && doc.Origin == "s.jsonl:2":
			docs++
		}
	}
	if docs != 1 || tooLarge != 1 {
		t.Errorf("got %d docs and %d too-large errors; want 1 and 1", docs, tooLarge)
	}
}
