package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

func newExportCmd() *cobra.Command {
	var f storeFlags
	var format, out string
	var noText bool
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write every document of the store with its story, source, relation and changes",
		Long: `export writes the documents of the store (--db) in arrival order, each with
its story, the story's origin, the document it was made from, the relation
to it and what it changed: as JSON lines (--format jsonl, with the text
unless --no-text) or CSV (--format csv: no text, the changes in one cell,
cells that would start a spreadsheet formula prefixed with an apostrophe).`,
		Example: `  stemma export --format jsonl > stemma.jsonl
  stemma export --db news.db --format csv -o news.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if format != "jsonl" && format != "csv" {
				return fmt.Errorf("unknown format %q: jsonl or csv", format)
			}
			if _, err := os.Stat(f.db); err != nil {
				return fmt.Errorf("no store at %s (ingest something first, or name one with --db)", f.db)
			}
			st, err := store.Open(ctx, f.db)
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = cmd.OutOrStdout()
			var file *os.File
			if out != "" && out != "-" {
				if file, err = os.Create(out); err != nil {
					return err
				}
				defer file.Close()
				w = file
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			if format == "csv" {
				err = live.CSV(ctx, bw, st)
			} else {
				err = live.JSONL(ctx, bw, st, live.ExportOptions{NoText: noText})
			}
			if err == nil {
				err = bw.Flush()
			}
			if err == nil && file != nil {
				err = file.Close()
			}
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			return nil
		},
	}
	f.add(cmd)
	cmd.Flags().StringVarP(&format, "format", "f", "jsonl", "jsonl or csv")
	cmd.Flags().StringVarP(&out, "output", "o", "-", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&noText, "no-text", false, "leave the documents' text out of JSON lines")
	return cmd
}
