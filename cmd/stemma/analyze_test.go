package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the stemma command line with args, as main does.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newRootCmd()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetIn(strings.NewReader(stdin))
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func TestAnalyzeExample(t *testing.T) {
	out, stderr, err := run(t, "", "analyze", "--format", "json", "../../examples/seeds")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var res struct {
		Documents []struct{ ID string }
		Relations []struct {
			A, B, Relation string
			Source         *string
		}
		Stories []struct {
			Documents []string
			Origin    *string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(res.Documents) != 5 || len(res.Stories) != 1 || len(res.Stories[0].Documents) != 5 {
		t.Errorf("%d documents, %d stories; want 5 in one story", len(res.Documents), len(res.Stories))
	}
	if res.Stories[0].Origin == nil || !strings.HasPrefix(*res.Stories[0].Origin, "002_") {
		t.Errorf("origin %v, want the wire report 002_…", res.Stories[0].Origin)
	}
	for _, f := range []string{"text", "markdown"} {
		out, _, err := run(t, "", "analyze", "--format", f, "../../examples/seeds")
		if err != nil || !strings.Contains(out, "002_5abee7961dce3776") {
			t.Errorf("--format %s: err %v, output lacks the origin:\n%s", f, err, out)
		}
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.txt", "A ferry resumed service\n\nThe harbour ferry resumed on Tuesday after the storm, the operator said.\n")
	empty := write("empty.txt", "")
	bin := write("bin.txt", "\x00\x01\x02binary")
	out, stderr, err := run(t, "", "analyze", "--format", "json", good, empty, bin, filepath.Join(dir, "missing.txt"))
	if !errors.Is(err, errInputsFailed) {
		t.Fatalf("err = %v, want errInputsFailed", err)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 3 {
		t.Errorf("want one stderr line per bad input, got:\n%s", stderr)
	}
	for _, name := range []string{empty, bin, "missing.txt"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	if !strings.Contains(out, `"id": "good"`) {
		t.Errorf("the good input was not analysed:\n%s", out)
	}
}

func TestAnalyzeUnknownFormat(t *testing.T) {
	if _, _, err := run(t, "", "analyze", "--format", "xml", "../../examples/seeds"); err == nil || errors.Is(err, errInputsFailed) {
		t.Errorf("err = %v, want a usage error", err)
	}
}

func TestCompare(t *testing.T) {
	a, b := "../../examples/seeds/002_5abee7961dce3776.txt", "../../examples/seeds/003_2bdf8af0f159c7e7.txt"
	out, stderr, err := run(t, "", "compare", "--color", "never", "--width", "100", a, b)
	if err != nil {
		t.Fatalf("compare: %v\n%s", err, stderr)
	}
	for _, want := range []string{"rewrite", "source 002_5abee7961dce3776", "{+Zelensky", "[-Zelenskyy"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare output lacks %q", want)
		}
	}
	out, _, err = run(t, "", "compare", "--format", "json", a, b)
	var res struct {
		Relation  string
		Sentences []struct{ Kind string }
	}
	if err != nil || json.Unmarshal([]byte(out), &res) != nil || res.Relation != "rewrite" || len(res.Sentences) == 0 {
		t.Errorf("compare --format json: err %v, relation %q, %d rows", err, res.Relation, len(res.Sentences))
	}
	if _, _, err := run(t, "", "compare", a); err == nil {
		t.Error("compare with one argument: no error")
	}
}

// A 50 MB article is refused with a line naming it and why, and the rest
// of the run goes on.
func TestAnalyzeHugeArticle(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("The council met again today and voted on the harbour plan. ", 20) + "\n"
	for written := 0; written < 50<<20; written += len(line) {
		f.WriteString(line)
	}
	f.Close()
	os.WriteFile(filepath.Join(dir, "small.txt"), []byte("Harbour plan approved\n\nThe council approved the harbour plan on Monday, officials said.\n"), 0o644)
	out, stderr, err := run(t, "", "analyze", "--format", "json", "--progress", "never", dir)
	if !errors.Is(err, errInputsFailed) {
		t.Fatalf("err = %v, want errInputsFailed", err)
	}
	if !strings.Contains(stderr, "huge.txt") || !strings.Contains(stderr, "larger than") {
		t.Errorf("stderr %q does not say which file was refused and why", stderr)
	}
	var res struct{ Documents []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Documents) != 1 || res.Documents[0].ID != "small" {
		t.Errorf("want the small article analysed: %v %s", err, out)
	}
}
