package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

func TestExtract(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("001_story.txt", "Ferry resumes after storm\n\nBy Maren Holt\nThe harbour ferry resumed on Tuesday.\n\nIslanders welcomed the news.\n")
	feed := write("feed.jsonl", `{"id":"j1","title":"T","text":"One.\n\nTwo.","published":"2024-03-05T09:30:00+01:00","url":"https://example.com/j1"}`+"\n{broken\n")
	bad := write("002_bin.txt", "\x00\x01binary")

	var stdout, stderr bytes.Buffer
	err := runExtract(context.Background(), nil, &stdout, &stderr, []string{good, bad, feed}, extractFlags{format: "jsonl"}, nil)
	if !errors.Is(err, errInputsFailed) {
		t.Fatalf("err = %v, want errInputsFailed (exit status 2)", err)
	}
	errLines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(errLines) != 2 || !strings.HasPrefix(errLines[0], "stemma: "+bad+": binary file") ||
		!strings.HasPrefix(errLines[1], "stemma: "+feed+":2: malformed JSON") {
		t.Errorf("stderr:\n%s", stderr.String())
	}

	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		out = append(out, m)
	}
	if len(out) != 2 {
		t.Fatalf("got %d documents, want 2:\n%s", len(out), stdout.String())
	}
	if out[0]["id"] != "001_story" || out[0]["title"] != "Ferry resumes after storm" ||
		out[0]["text"] != "By Maren Holt\n\nThe harbour ferry resumed on Tuesday.\n\nIslanders welcomed the news." {
		t.Errorf("text document: %v", out[0])
	}
	if _, ok := out[0]["published"]; ok {
		t.Errorf("unknown date printed: %v", out[0]["published"])
	}
	if out[1]["id"] != "j1" || out[1]["published"] != "2024-03-05T09:30:00+01:00" || out[1]["text"] != "One.\n\nTwo." {
		t.Errorf("JSONL document: %v", out[1])
	}
	for _, key := range []string{"credits", "removed"} {
		if _, ok := out[0][key].([]any); !ok {
			t.Errorf("%s is %v, want a list", key, out[0][key])
		}
	}
}

// The cleaner's work shows in the output: removed text leaves "text" and
// is listed with its reason; credits are kept.
func TestExtractCleanerOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("Title line\nBody text here.\nShare this\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fake := func(d *document.Document) {
		d.Removed = append(d.Removed, document.Removal{Text: d.Paragraphs[1], Reason: "share-prompt", Paragraph: 1})
		d.Paragraphs = d.Paragraphs[:1]
		d.Credits = append(d.Credits, document.Credit{Kind: "byline", Text: "By A", Name: "A"})
	}
	var stdout, stderr bytes.Buffer
	if err := runExtract(context.Background(), nil, &stdout, &stderr, []string{path}, extractFlags{}, fake); err != nil {
		t.Fatal(err, stderr.String())
	}
	want := `"text":"Body text here.","words":3,"credits":[{"kind":"byline","text":"By A","name":"A"}],"removed":[{"text":"Share this","reason":"share-prompt","paragraph":1}]`
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("got %s\nwant it to contain %s", stdout.String(), want)
	}
}

func TestExtractCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("word ", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := newRootCmd()
	var stdout, stderr bytes.Buffer
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	cmd.SetIn(strings.NewReader(""))
	cmd.SetArgs([]string{"extract", "--format", "jsonl", "--max-bytes", "1000", path})
	err := cmd.ExecuteContext(context.Background())
	if !errors.Is(err, errInputsFailed) || !strings.Contains(stderr.String(), path+": larger than the 1000-byte limit") {
		t.Errorf("err %v, stderr %q", err, stderr.String())
	}
	stdout.Reset()
	cmd.SetIn(strings.NewReader(`{"id":"s1","text":"From a pipe."}`))
	cmd.SetArgs([]string{"extract", "-"})
	if err := cmd.ExecuteContext(context.Background()); err != nil || !strings.Contains(stdout.String(), `"id":"s1","origin":"-:1"`) {
		t.Errorf("stdin: err %v, stdout %s", err, stdout.String())
	}
	cmd.SetArgs([]string{"extract", "--format", "xml", path})
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("bad format: err %v", err)
	}
}
