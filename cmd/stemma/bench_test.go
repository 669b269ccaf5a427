package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// TestMain lets bench's child processes be this test binary: bench runs
// os.Executable() with a subcommand, which under `go test` is the test
// binary, so with beMain set it behaves as the stemma command.
func TestMain(m *testing.M) {
	if os.Getenv("STEMMA_TEST_BE_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// The benchmark command on a small generated corpus: every method runs,
// and the figures say what they must: stemma finds the planted rewrites
// that MinHash misses, and loses nothing against exhaustive alignment.
func TestBench(t *testing.T) {
	eval := filepath.Join("..", "..", "..", "shared", "eval")
	if _, err := os.Stat(eval); err != nil {
		t.Skipf("no raw material for a generated corpus (%v)", err)
	}
	t.Setenv("STEMMA_TEST_BE_MAIN", "1")
	out, stderr, err := run(t, "", "bench", "--sizes", "500", "--eval", eval, "--dir", t.TempDir())
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr)
	}
	rows := map[string][]string{}
	var header []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "  ")
		var cells []string
		for _, c := range f {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		if cells[0] == "method" {
			header = cells
			continue
		}
		rows[cells[0]] = cells
	}
	col := func(method, name string) float64 {
		t.Helper()
		for i, h := range header {
			if h == name {
				v, err := strconv.ParseFloat(rows[method][i], 64)
				if err != nil {
					t.Fatalf("%s %s: %q: %v\n%s", method, name, rows[method][i], err, out)
				}
				return v
			}
		}
		t.Fatalf("no column %q in\n%s", name, out)
		return 0
	}
	for _, m := range []string{"stemma", "minhash", "exhaustive"} {
		if rows[m] == nil {
			t.Fatalf("no %s row in\n%s\n%s", m, out, stderr)
		}
		if col(m, "articles/s") <= 0 || col(m, "peak MB") <= 0 {
			t.Errorf("%s: no speed or memory measured\n%s", m, out)
		}
	}
	if r := col("stemma", "recall"); r < 0.85 {
		t.Errorf("stemma recall %.3f on the planted pairs, want >= 0.85\n%s", r, out)
	}
	if p := col("stemma", "precision"); p < 0.9 {
		t.Errorf("stemma precision %.3f, want >= 0.9\n%s", p, out)
	}
	if s, m := col("stemma", "heavy"), col("minhash", "heavy"); s < 0.9 || m > 0.2 {
		t.Errorf("heavy rewrites found: stemma %.3f (want >= 0.9), minhash %.3f (want <= 0.2)\n%s", s, m, out)
	}
	if r := col("stemma", "of exhaustive"); r < 0.97 {
		t.Errorf("stemma finds %.3f of what exhaustive alignment finds, want >= 0.97\n%s", r, out)
	}
}

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"3GiB", 3 << 30, true},
		{"512MiB", 512 << 20, true},
		{"1.5GiB", 3 << 29, true},
		{"100KiB", 100 << 10, true},
		{"4096", 4096, true},
		{"0", 0, true},
		{"lots", 0, false},
		{"-1GiB", 0, false},
	}
	for _, tt := range tests {
		got, err := parseBytes(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestSetMemoryLimit checks the pace --memory-limit sets: 200 under a
// limit unless GOGC says otherwise, Go's own with none.
func TestSetMemoryLimit(t *testing.T) {
	limit, pace := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(limit); debug.SetGCPercent(pace) })
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		if v, ok := os.LookupEnv(env); ok {
			os.Unsetenv(env)
			t.Cleanup(func() { os.Setenv(env, v) })
		}
	}
	tests := []struct {
		flag, gogc string
		limit      int64
		pace       int
		err        bool
	}{
		{flag: "1GiB", limit: 1 << 30, pace: gcPercent},
		{flag: "1GiB", gogc: "50", limit: 1 << 30, pace: 100},
		{flag: "0", limit: math.MaxInt64, pace: 100},
		{flag: "a lot", limit: math.MaxInt64, pace: 100, err: true},
	}
	for _, tt := range tests {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
		if tt.gogc != "" {
			os.Setenv("GOGC", tt.gogc)
		} else {
			os.Unsetenv("GOGC")
		}
		err := setMemoryLimit(tt.flag)
		os.Unsetenv("GOGC")
		if (err != nil) != tt.err {
			t.Errorf("setMemoryLimit(%q) error %v, want error %v", tt.flag, err, tt.err)
		}
		// SetGCPercent returns the pace it replaces; GOGC in the
		// environment is read at start, so here 100 stands for it.
		if got, gotPace := debug.SetMemoryLimit(-1), debug.SetGCPercent(100); got != tt.limit || gotPace != tt.pace {
			t.Errorf("setMemoryLimit(%q), GOGC=%q: limit %d pace %d, want %d and %d", tt.flag, tt.gogc, got, gotPace, tt.limit, tt.pace)
		}
	}
}
