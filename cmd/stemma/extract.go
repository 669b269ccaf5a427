package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
)

type extractFlags struct {
	format   string
	maxBytes int64
	raw      bool
}

func newExtractCmd() *cobra.Command {
	var f extractFlags
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "Print the clean article text and metadata of each input",
		Long: `extract reads articles (.txt, .html, .jsonl, .gz of these, folders, or - for
standard input), removes page furniture and prints, one JSON line per
article: id, title, byline, published (RFC 3339, omitted when unknown),
site, url, text (paragraphs separated by blank lines), credits (bylines and
sources the cleaner kept aside) and removed (what it took out, and why).

Inputs that cannot be read are reported on stderr, one line each; the rest
are printed and the exit status is 2.`,
		Example: `  stemma extract --format jsonl page.html.gz
  stemma extract articles/ > articles.jsonl
  curl -s https://example.com/story | stemma extract -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f, clean.Clean)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "jsonl", "output format: jsonl")
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "skip input files (after decompression) larger than this many bytes")
	cmd.Flags().BoolVar(&f.raw, "raw", false, "also print the input as read (base64) in a \"raw\" field")
	return cmd
}

// extracted is one line of extract's output.
type extracted struct {
	ID        string             `json:"id"`
	Origin    string             `json:"origin"`
	Format    string             `json:"format"`
	Title     string             `json:"title"`
	Byline    string             `json:"byline"`
	Published string             `json:"published,omitempty"`
	Site      string             `json:"site"`
	URL       string             `json:"url"`
	Text      string             `json:"text"`
	Words     int                `json:"words"`
	Credits   []document.Credit  `json:"credits"`
	Removed   []document.Removal `json:"removed"`
	Raw       []byte             `json:"raw,omitempty"`
}

// runExtract prints every input as cleaned by cleanDoc, which is a
// parameter so that tests can see the reader's output unchanged.
func runExtract(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, paths []string, f extractFlags, cleanDoc func(*document.Document)) error {
	if f.format != "jsonl" && f.format != "" {
		return fmt.Errorf("unknown format %q: want jsonl", f.format)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	in := &inputs{stderr: stderr, clean: cleanDoc}
	for doc := range in.documents(ctx, paths, ingest.Options{MaxBytes: f.maxBytes, KeepRaw: f.raw, Stdin: stdin}) {
		if err := enc.Encode(toExtracted(doc)); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return in.err()
}

func toExtracted(doc *document.Document) extracted {
	e := extracted{
		ID: doc.ID, Origin: doc.Origin, Format: doc.Format,
		Title: doc.Title, Byline: doc.Byline, Site: doc.Site, URL: doc.URL,
		Text: doc.Text(), Words: doc.Words(),
		// Empty lists print as [] so consumers need not test for null.
		Credits: append([]document.Credit{}, doc.Credits...),
		Removed: append([]document.Removal{}, doc.Removed...),
		Raw:     doc.Raw,
	}
	if !doc.Published.IsZero() {
		e.Published = doc.Published.Format(time.RFC3339)
	}
	return e
}
