package main

import "github.com/spf13/cobra"

func newExtractCmd() *cobra.Command {
	return &cobra.Command{Use: "extract", Short: "not yet written"}
}
