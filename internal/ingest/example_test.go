package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/stemma-news/stemma/internal/ingest"
)

func ExampleRead() {
	dir, _ := os.MkdirTemp("", "ingest-example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "001_ferry.txt"), []byte("Ferry resumes after storm\n\nThe harbour ferry resumed on Tuesday.\nIslanders welcomed the news.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "002_broken.txt"), []byte{0x89, 'P', 'N', 'G', 0, 0}, 0o644)

	for doc, err := range ingest.Read(context.Background(), []string{dir}, ingest.Options{}) {
		if err != nil {
			fmt.Println("error:", filepath.Base(err.(*ingest.Error).Path), "-", err.(*ingest.Error).Reason)
			continue
		}
		fmt.Printf("%s %q: %d paragraphs\n", doc.ID, doc.Title, len(doc.Paragraphs))
	}
	// Output:
	// 001_ferry "Ferry resumes after storm": 2 paragraphs
	// error: 002_broken.txt - binary file, not text (NUL byte at offset 4)
}
