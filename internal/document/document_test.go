package document

import (
	"fmt"
	"testing"
)

func TestIDFromPath(t *testing.T) {
	tests := map[string]string{
		"a/001_x.txt":          "001_x",
		"a/001_x.html.gz":      "001_x",
		"feed.JSONL.GZ":        "feed",
		"noext":                "noext",
		"/tmp/dir.d/story.htm": "story",
	}
	for in, want := range tests {
		if got := IDFromPath(in); got != want {
			t.Errorf("IDFromPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextAndWords(t *testing.T) {
	d := &Document{Paragraphs: []string{"One two three.", "Four  five."}}
	if d.Text() != "One two three.\n\nFour  five." || d.Words() != 5 {
		t.Errorf("Text %q Words %d", d.Text(), d.Words())
	}
}

func ExampleIDFromPath() {
	fmt.Println(IDFromPath("corpus/seeds/002_5abee7961dce3776.txt"))
	// Output: 002_5abee7961dce3776
}
