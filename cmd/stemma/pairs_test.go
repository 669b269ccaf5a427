package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPairs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pairs.tsv")
	data := "label\tid1\tid2\tsentence1\tsentence2\n" +
		"1\ta1\ta2\tOfficials from Britain and Ukraine will meet in London on Wednesday.\tOn Wednesday, officials from Ukraine and Britain will meet in London.\n" +
		"0\tb1\tb2\tStocks rose on Wall Street after the jobs report.\tThe hurricane made landfall near the Texas coast.\n" +
		"x\tc1\tc2\tbad label\tline\n" +
		"1\td1\tonly four fields\n" +
		"\te1\te2\tUnlabelled pair one.\tUnlabelled pair two.\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, score := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		err := runPairs(&stdout, &stderr, nil, path, pairsFlags{score: score, idf: true})
		if !errors.Is(err, errInputsFailed) {
			t.Errorf("err = %v, want errInputsFailed for the bad lines", err)
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if len(lines) != 3 {
			t.Fatalf("got %d output lines, want 3:\n%s", len(lines), stdout.String())
		}
		wantFields := 3
		if score {
			wantFields = 4
		}
		for _, l := range lines {
			if n := len(strings.Split(l, "\t")); n != wantFields {
				t.Errorf("line %q has %d fields, want %d", l, n, wantFields)
			}
		}
		if !strings.HasPrefix(lines[0], "a1\ta2\t1") || !strings.HasPrefix(lines[1], "b1\tb2\t0") {
			t.Errorf("predictions wrong:\n%s", stdout.String())
		}
		for _, want := range []string{path + ":4:", path + ":5:", "accuracy 1.0000", "2 labelled pairs"} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
			}
		}
	}
}

func TestPairsStdinNoHeader(t *testing.T) {
	in := strings.NewReader("1\tx\ty\tThe cat sat on the mat.\tThe cat sat on the mat.\n")
	var stdout, stderr bytes.Buffer
	if err := runPairs(&stdout, &stderr, in, "-", pairsFlags{}); err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != "x\ty\t1\n" {
		t.Errorf("stdout = %q", got)
	}
}

func TestPairsMissingFile(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := runPairs(&stdout, &stderr, nil, filepath.Join(t.TempDir(), "nope.tsv"), pairsFlags{}); err == nil {
		t.Error("want an error for a missing file")
	}
}
