package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/paraphrase"
)

type pairsFlags struct {
	score bool
	idf   bool
}

func newPairsCmd() *cobra.Command {
	var f pairsFlags
	cmd := &cobra.Command{
		Use:   "pairs [flags] PATH",
		Short: "Decide which sentence pairs are paraphrases (MRPC format)",
		Long: `pairs reads sentence pairs as tab-separated lines
label, id1, id2, sentence1, sentence2 after a header line (the MRPC format;
PATH - is standard input) and prints id1, id2 and the predicted label (1 for
a paraphrase, 0 otherwise) for each pair. When the labels are there (0 or
1; an empty label means unknown), a summary of accuracy, precision, recall
and F1 goes to stderr.

Words are weighted by how rare they are among all the sentences of the
input (no labels are used), unless --idf=false.

Malformed lines are reported on stderr with their file and line, skipped,
and the exit status is 2.`,
		Example: `  stemma pairs eval/mrpc-dev/pairs.tsv > scores.tsv
  stemma pairs --score pairs.tsv | sort -t$'\t' -k4 -g`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPairs(cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.InOrStdin(), args[0], f)
		},
	}
	cmd.Flags().BoolVar(&f.score, "score", false, "add a fourth column: the paraphrase probability")
	cmd.Flags().BoolVar(&f.idf, "idf", true, "weigh words by their rarity among the input's sentences")
	return cmd
}

// sentencePair is one line of a pairs file.
type sentencePair struct {
	id1, id2, s1, s2 string
	label            int // 0, 1, or -1 when unknown
}

func runPairs(stdout, stderr io.Writer, stdin io.Reader, path string, f pairsFlags) error {
	in := stdin
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		defer file.Close()
		in = file
	}
	pairs, bad, err := readPairs(in, path, stderr)
	if err != nil {
		return err
	}
	// The weights come from the whole input before any pair is scored, so
	// every pair sees the same table whatever its position.
	var w paraphrase.Weights
	if f.idf {
		df := paraphrase.NewDocFreq()
		for _, p := range pairs {
			df.Add(p.s1)
			df.Add(p.s2)
		}
		w = df
	}
	out := bufio.NewWriter(stdout)
	var c confusion
	for _, p := range pairs {
		a, b := paraphrase.Prepare(p.s1, w), paraphrase.Prepare(p.s2, w)
		prob := paraphrase.Probability(&a, &b)
		pred := 0
		if paraphrase.IsParaphrase(&a, &b) {
			pred = 1
		}
		if f.score {
			fmt.Fprintf(out, "%s\t%s\t%d\t%.4f\n", p.id1, p.id2, pred, prob)
		} else {
			fmt.Fprintf(out, "%s\t%s\t%d\n", p.id1, p.id2, pred)
		}
		c.add(p.label, pred)
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "pairs: %d scored, %d skipped\n", len(pairs), bad)
	if c.n() > 0 {
		fmt.Fprintln(stderr, c.summary())
	}
	if bad > 0 {
		return errInputsFailed
	}
	return nil
}

// readPairs parses the pairs, reporting each malformed line on stderr.
func readPairs(r io.Reader, path string, stderr io.Writer) (pairs []sentencePair, bad int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 && strings.HasPrefix(strings.ToLower(text), "label\t") || strings.TrimSpace(text) == "" {
			continue
		}
		p, perr := parsePair(text)
		if perr != nil {
			fmt.Fprintf(stderr, "%s:%d: %v; line skipped\n", path, line, perr)
			bad++
			continue
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, bad, fmt.Errorf("%s: %w", path, err)
	}
	return pairs, bad, nil
}

func parsePair(text string) (sentencePair, error) {
	fs := strings.Split(text, "\t")
	if len(fs) != 5 {
		return sentencePair{}, fmt.Errorf("want 5 tab-separated fields (label, id1, id2, sentence1, sentence2), got %d", len(fs))
	}
	p := sentencePair{id1: fs[1], id2: fs[2], s1: fs[3], s2: fs[4]}
	switch strings.TrimSpace(fs[0]) {
	case "0":
		p.label = 0
	case "1":
		p.label = 1
	case "":
		p.label = -1
	default:
		return sentencePair{}, fmt.Errorf("label %q is not 0, 1 or empty", fs[0])
	}
	if p.id1 == "" || p.id2 == "" {
		return sentencePair{}, fmt.Errorf("empty id")
	}
	return p, nil
}

// confusion counts predictions against known labels.
type confusion struct{ tp, fp, tn, fn int }

func (c *confusion) add(label, pred int) {
	switch {
	case label < 0:
	case label == 1 && pred == 1:
		c.tp++
	case label == 0 && pred == 1:
		c.fp++
	case label == 0:
		c.tn++
	default:
		c.fn++
	}
}

func (c *confusion) n() int { return c.tp + c.fp + c.tn + c.fn }

func (c *confusion) summary() string {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	p, r := ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("accuracy %.4f precision %.4f recall %.4f F1 %.4f (%d labelled pairs: tp %d fp %d tn %d fn %d)",
		ratio(c.tp+c.tn, c.n()), p, r, f1, c.n(), c.tp, c.fp, c.tn, c.fn)
}
