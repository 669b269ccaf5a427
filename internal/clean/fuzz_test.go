package clean

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

// FuzzClean checks what must hold for any input: Clean does not panic,
// loses nothing (every paragraph is kept, in order, or recorded as
// removed under its own index) and is idempotent.
func FuzzClean(f *testing.F) {
	f.Add("ARTICLE AD BOX", "LONDON -- Officials met.\n___\nNovikov reported from Kyiv. Angela Charlton in Paris contributed.\n___\nFollow AP's coverage at https://apnews.com/hub/x")
	f.Add("", "By Ministry of Defense of Ukraine\n"+strings.Join(filler, "\n")+"\n"+strings.Join(filler[:3], "\n"))
	f.Add("Title", "0\n46\n"+filler[0]+"\nAuthor profile\nJane Doe is a reporter at the Planet. She has 12 years of experience.\nWe appreciate your thoughts. Please leave a comment.")
	f.Add("By Staff, Agencies", filler[1]+"\nimage source from:https://www.npr.org/2025/04/23/x\n(AP Photo/Jane Doe)")
	f.Add("", "\u200b\n* * *\n\n"+filler[2]+" "+filler[3]+"\n"+filler[3]+"\n"+filler[2])
	f.Add("Фото:", "Что вас вдохновило?\nЧто вас вдохновило?\n中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。\n中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。中文段落。")
	f.Fuzz(func(t *testing.T, title, body string) {
		in := strings.Split(body, "\n")
		doc := &document.Document{Title: title, Paragraphs: slices.Clone(in)}
		Clean(doc)

		// Nothing lost.
		removed := map[int]string{}
		for _, r := range doc.Removed {
			if r.Paragraph == -1 {
				if r.Text != title || doc.Title != "" {
					t.Fatalf("title removal %q, title %q -> %q", r.Text, title, doc.Title)
				}
				continue
			}
			if r.Paragraph < 0 || r.Paragraph >= len(in) || in[r.Paragraph] != r.Text {
				t.Fatalf("removal %+v does not name an input paragraph", r)
			}
			if _, dup := removed[r.Paragraph]; dup {
				t.Fatalf("paragraph %d removed twice", r.Paragraph)
			}
			removed[r.Paragraph] = r.Reason
		}
		var want []string
		for i, p := range in {
			if _, ok := removed[i]; !ok {
				want = append(want, p)
			}
		}
		if !slices.Equal(want, doc.Paragraphs) && !(len(want) == 0 && len(doc.Paragraphs) == 0) {
			t.Fatalf("kept %q, want %q", doc.Paragraphs, want)
		}
		if doc.Title != title && !slices.ContainsFunc(doc.Removed, func(r document.Removal) bool { return r.Paragraph == -1 }) {
			t.Fatalf("title changed from %q to %q without a removal", title, doc.Title)
		}

		// Idempotent.
		once := *doc
		once.Paragraphs = slices.Clone(doc.Paragraphs)
		once.Removed = slices.Clone(doc.Removed)
		once.Credits = slices.Clone(doc.Credits)
		Clean(doc)
		if !reflect.DeepEqual(once, *doc) {
			t.Fatalf("second Clean changed the document:\nonce  %+v\ntwice %+v", once, *doc)
		}
	})
}
