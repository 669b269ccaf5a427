package progress

import (
	"bytes"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that the test can read while the meter's
// goroutine writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// lastLine is what a terminal would show: the text after the last carriage
// return that has any.
func lastLine(out string) string {
	parts := strings.Split(out, "\r")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimSpace(strings.ReplaceAll(parts[i], "\x1b[0K", "")); p != "" && p != "\x1b[2K" {
			return p
		}
	}
	return ""
}

// waitFor polls until the meter's output satisfies ok, failing after a
// generous timeout.
func waitFor(t *testing.T, buf *syncBuffer, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		out := buf.String()
		if ok(out) {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; output so far: %q", what, out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNotTerminalWithoutForceDrawsNothing(t *testing.T) {
	var buf bytes.Buffer // not an *os.File, so not a terminal
	m := New(&buf, Options{Total: 100, Delay: NoDelay})
	if m.stop != nil {
		t.Fatal("a meter on a non-terminal writer started its drawing goroutine")
	}
	m.Add(10)
	time.Sleep(3 * refresh)
	m.Finish()
	if buf.Len() != 0 {
		t.Fatalf("output on a non-terminal writer without Force: %q", buf.String())
	}
	if got := m.Count(); got != 10 {
		t.Fatalf("Count() = %d, want 10", got)
	}
}

func TestPipeIsNotATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if ok, _ := terminal(w); ok {
		t.Fatal("a pipe was taken for a terminal")
	}
	m := New(w, Options{Delay: NoDelay})
	defer m.Finish()
	if m.stop != nil {
		t.Fatal("a meter on a pipe started its drawing goroutine")
	}
}

func TestDisableWinsOverForce(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Total: 10, Delay: NoDelay, Force: true, Disable: true})
	m.Add(5)
	time.Sleep(3 * refresh)
	m.Finish()
	if out := buf.String(); out != "" {
		t.Fatalf("Disable drew: %q", out)
	}
}

var etaRE = regexp.MustCompile(`\[\d+s:\d+s\]`)

func TestForceKnownTotal(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Total: 1000, Delay: NoDelay, Force: true})
	m.Add(250)
	out := waitFor(t, &buf, "250 of 1000", func(s string) bool {
		return strings.Contains(s, "250/1000")
	})
	line := lastLine(out)
	for _, want := range []string{"250/1000", "25%", "articles/", "|"} {
		if !strings.Contains(line, want) {
			t.Errorf("line %q lacks %q", line, want)
		}
	}
	if !etaRE.MatchString(line) {
		t.Errorf("line %q lacks an [elapsed:ETA] part", line)
	}
	m.Finish()
	if out := buf.String(); !strings.HasSuffix(out, "\x1b[2K\r") {
		t.Errorf("Finish did not erase the line; output ends %q", out[max(0, len(out)-40):])
	}
}

func TestForceUnknownTotal(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Delay: NoDelay, Force: true, Unit: "files"})
	m.Add(42)
	out := waitFor(t, &buf, "a count of 42", func(s string) bool {
		return strings.Contains(s, "(42, ")
	})
	line := lastLine(out)
	if !strings.Contains(line, "files/") {
		t.Errorf("line %q lacks the unit's rate", line)
	}
	if strings.Contains(line, "%") || strings.Contains(line, "/-") {
		t.Errorf("line %q shows a percentage or a total with no total known", line)
	}
	if !regexp.MustCompile(`\[\d+s\]`).MatchString(line) {
		t.Errorf("line %q lacks the elapsed time", line)
	}
	m.Finish()
	if out := buf.String(); !strings.HasSuffix(out, "\x1b[2K\r") {
		t.Errorf("Finish did not erase the line; output ends %q", out[max(0, len(out)-40):])
	}
}

// SetTotal after the meter has drawn with no total must give the right
// percentage; progressbar on its own shows 60 of 100 as 20% there.
func TestSetTotalLater(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Delay: NoDelay, Force: true})
	defer m.Finish()
	m.Add(57)
	waitFor(t, &buf, "a count of 57", func(s string) bool { return strings.Contains(s, "(57, ") })
	m.Add(3)
	m.SetTotal(100)
	out := waitFor(t, &buf, "60 of 100", func(s string) bool { return strings.Contains(s, "60/100") })
	if line := lastLine(out); !strings.Contains(line, "60%") || !etaRE.MatchString(line) {
		t.Fatalf("after SetTotal(100) at 60 done the line is %q, want 60%% and an ETA", line)
	}
}

// A total that turns out too small must not end the meter early.
func TestCountPastTotal(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Total: 10, Delay: NoDelay, Force: true})
	defer m.Finish()
	m.Add(5)
	waitFor(t, &buf, "5 of 10", func(s string) bool { return strings.Contains(s, "5/10") })
	m.Add(10)
	waitFor(t, &buf, "a count of 15", func(s string) bool { return strings.Contains(s, "(15, ") })
	m.Add(5)
	out := waitFor(t, &buf, "a count of 20", func(s string) bool { return strings.Contains(s, "(20, ") })
	if strings.Contains(out, "\x1b[2K") {
		t.Fatalf("the meter erased itself before Finish: %q", out)
	}
	m.SetTotal(40)
	waitFor(t, &buf, "20 of 40", func(s string) bool { return strings.Contains(s, "20/40") })
	if line := lastLine(buf.String()); !strings.Contains(line, "50%") {
		t.Fatalf("after SetTotal(40) at 20 done the line is %q, want 50%%", line)
	}
}

func TestNothingBeforeDelay(t *testing.T) {
	const delay = 300 * time.Millisecond
	var buf syncBuffer
	start := time.Now()
	m := New(&buf, Options{Total: 100, Delay: delay, Force: true})
	defer m.Finish()
	m.Add(1)
	time.Sleep(delay / 3)
	if out := buf.String(); out != "" && time.Since(start) < delay {
		t.Fatalf("drawn before the delay: %q", out)
	}
	waitFor(t, &buf, "the first drawing", func(s string) bool { return s != "" })
	if el := time.Since(start); el < delay {
		t.Fatalf("first drawing after %v, before the %v delay", el, delay)
	}
}

func TestDefaultDelay(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Force: true})
	m.Add(3)
	time.Sleep(3 * refresh)
	m.Finish() // well before DefaultDelay
	if out := buf.String(); out != "" {
		t.Fatalf("drawn before the default delay: %q", out)
	}
}

func TestFinishBeforeDelayIsQuietAndPrompt(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Delay: time.Hour, Force: true})
	m.Add(7)
	done := make(chan struct{})
	go func() { m.Finish(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Finish waited for the delay")
	}
	if out := buf.String(); out != "" {
		t.Fatalf("output from a run shorter than the delay: %q", out)
	}
}

func TestConcurrentAdd(t *testing.T) {
	const workers, each = 8, 5000
	var buf syncBuffer
	m := New(&buf, Options{Total: workers * each, Delay: NoDelay, Force: true})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				m.Add(1)
				if i%1000 == 0 {
					m.SetTotal(workers * each)
					runtime.Gosched()
				}
			}
		}()
	}
	wg.Wait()
	m.Finish()
	if got := m.Count(); got != workers*each {
		t.Fatalf("Count() = %d, want %d", got, workers*each)
	}
	if out := buf.String(); !strings.Contains(out, "articles/") {
		t.Fatalf("nothing drawn: %q", out)
	}
}

func TestFinishIdempotentAndFinal(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Total: 100, Delay: NoDelay, Force: true})
	m.Add(10)
	waitFor(t, &buf, "10 of 100", func(s string) bool { return strings.Contains(s, "10/100") })
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); m.Finish() }()
	}
	wg.Wait()
	m.Finish()
	after := buf.String()
	if n := strings.Count(after, "\x1b[2K"); n != 1 {
		t.Fatalf("the line was erased %d times, want 1: %q", n, after)
	}
	m.Add(50)
	m.SetTotal(200)
	time.Sleep(3 * refresh)
	m.Finish()
	if out := buf.String(); out != after {
		t.Fatalf("drawn after Finish: %q", strings.TrimPrefix(out, after))
	}
	if got := m.Count(); got != 60 {
		t.Fatalf("Count() = %d, want 60", got)
	}
}

func TestAddIgnoresNonPositive(t *testing.T) {
	m := New(nil, Options{})
	m.Add(5)
	m.Add(0)
	m.Add(-3)
	m.Finish()
	if got := m.Count(); got != 5 {
		t.Fatalf("Count() = %d, want 5", got)
	}
}

func TestNilMeter(t *testing.T) {
	var m *Meter
	m.Add(1)
	m.SetTotal(10)
	m.Finish()
	if m.Count() != 0 {
		t.Fatal("nil meter counted")
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, opt := range []Options{
		{Force: true, Delay: NoDelay},                         // unknown total, drawing
		{Force: true, Delay: NoDelay, Total: 50},              // known total, drawing
		{Force: true, Delay: time.Hour},                       // still in its delay
		{Force: true, Delay: 20 * time.Millisecond, Total: 5}, // finished after the delay
		{}, // not drawing at all
	} {
		var buf syncBuffer
		m := New(&buf, opt)
		m.Add(3)
		time.Sleep(2 * refresh)
		m.Finish()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBarWidth(t *testing.T) {
	if got := barWidth(0, "articles", 0); got != 40 {
		t.Errorf("unknown terminal width: %d, want 40", got)
	}
	if got := barWidth(20, "articles", 1000); got != 10 {
		t.Errorf("narrow terminal: %d, want the minimum 10", got)
	}
	for _, cols := range []int{80, 100, 120, 200} {
		w := barWidth(cols, "articles", 1_000_000)
		line := " 42% |" + strings.Repeat("x", w) + "| (420000/1000000, 53210 articles/s) [1h19m0s:1h49m0s]"
		if len(line) > cols && w > 10 {
			t.Errorf("%d columns: bar width %d gives a %d-column line", cols, w, len(line))
		}
	}
}

func TestWriteAboveTheLine(t *testing.T) {
	var buf syncBuffer
	m := New(&buf, Options{Total: 100, Delay: NoDelay, Force: true})
	m.Add(10)
	waitFor(t, &buf, "10 of 100", func(s string) bool { return strings.Contains(s, "10/100") })
	if _, err := m.Write([]byte("warning: bad article\n")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\r\x1b[2Kwarning: bad article\n") {
		t.Fatalf("Write did not erase the line first; output ends %q", out[max(0, len(out)-60):])
	}
	m.Add(10)
	out = waitFor(t, &buf, "the line back", func(s string) bool {
		_, after, _ := strings.Cut(s, "warning: bad article\n")
		return strings.Contains(after, "20/100")
	})
	m.Finish()
	if _, err := m.Write([]byte("done\n")); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.HasPrefix(got, out) || !strings.HasSuffix(got, "\x1b[2K\rdone\n") {
		t.Fatalf("Write after Finish: output ends %q", got[max(0, len(got)-60):])
	}

	// Not drawing: Write only passes p on.
	var plain bytes.Buffer
	q := New(&plain, Options{})
	q.Write([]byte("x\n"))
	q.Finish()
	if plain.String() != "x\n" {
		t.Fatalf("Write on a quiet meter wrote %q", plain.String())
	}
}
