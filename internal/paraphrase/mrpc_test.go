package paraphrase

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// mrpcPath is the MRPC dev set, relative to this package's directory.
const mrpcPath = "../../../shared/eval/mrpc-dev/pairs.tsv"

type labelled struct {
	label  bool
	s1, s2 string
}

// loadMRPC reads the dev pairs, or skips the test when they are absent.
func loadMRPC(t testing.TB) []labelled {
	t.Helper()
	f, err := os.Open(mrpcPath)
	if os.IsNotExist(err) {
		t.Skipf("MRPC dev set not found at %s; skipping", mrpcPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 0; sc.Scan(); n++ {
		fs := strings.Split(sc.Text(), "\t")
		if n == 0 || len(fs) != 5 {
			continue
		}
		out = append(out, labelled{fs[0] == "1", fs[3], fs[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMRPCAccuracy(t *testing.T) {
	pairs := loadMRPC(t)
	df := docFreqOf(pairs)
	var ok, evenOK, oddOK, odd int
	for i, p := range pairs {
		a, b := Prepare(p.s1, df), Prepare(p.s2, df)
		hit := IsParaphrase(&a, &b) == p.label
		if hit {
			ok++
		}
		if i%2 == 1 {
			odd++
			if hit {
				oddOK++
			}
		} else if hit {
			evenOK++
		}
	}
	acc := float64(ok) / float64(len(pairs))
	t.Logf("MRPC dev: accuracy %.4f on %d pairs; fitting half (even) %.4f, held-out half (odd) %.4f",
		acc, len(pairs), float64(evenOK)/float64(len(pairs)-odd), float64(oddOK)/float64(odd))
	if acc < 0.75 {
		t.Errorf("MRPC dev accuracy %.4f < 0.75", acc)
	}
}
