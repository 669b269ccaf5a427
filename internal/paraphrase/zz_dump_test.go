package paraphrase

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	if os.Getenv("STEMMA_DUMP") == "" {
		t.Skip()
	}
	pairs := loadMRPC(t)
	f, _ := os.Create("/tmp/dump_sim.tsv")
	for _, p := range pairs {
		a, b := Prepare(p.s1, nil), Prepare(p.s2, nil)
		am, bm, an, bn := overlap(&a, &b)
		fmt.Fprintf(f, "%d\t%.4f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\n", map[bool]int{true: 1}[p.label], Similarity(&a, &b), am, a.total, bm, b.total, an, bn)
	}
	f.Close()
}
