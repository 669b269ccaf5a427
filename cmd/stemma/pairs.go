package main

import "github.com/spf13/cobra"

func newPairsCmd() *cobra.Command {
	return &cobra.Command{Use: "pairs", Short: "not yet written"}
}
