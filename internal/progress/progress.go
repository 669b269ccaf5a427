package progress

import (
	"io"
	"math"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// DefaultDelay is the Delay used when Options.Delay is zero.
const DefaultDelay = time.Second

// NoDelay, as Options.Delay, draws from the start (a zero Delay means
// DefaultDelay).
const NoDelay time.Duration = -1

// DefaultUnit is the Unit used when Options.Unit is empty.
const DefaultUnit = "articles"

// refresh is how often the line is redrawn once it is shown.
const refresh = 100 * time.Millisecond

// unboundedMax is the maximum given to the known-total bar while no usable
// total is known, so that it keeps counting exactly (see drawer).
const unboundedMax = math.MaxInt64 / 4

// Options configures a Meter. The zero value is the usual choice for a
// command: unknown total, one second delay, draw only on a terminal.
type Options struct {
	// Total is the number of articles expected; <= 0 when unknown, in which
	// case the meter shows the count, the rate and the elapsed time but no
	// bar or ETA. It can be set later with SetTotal. Should the count reach
	// Total before Finish, the meter goes back to the unknown-total form.
	Total int64
	// Delay: nothing is drawn before it has passed since New, so runs
	// shorter than Delay print nothing. Zero means DefaultDelay (1s);
	// a negative Delay (NoDelay) draws from the start.
	Delay time.Duration
	// Force draws even when the writer is not a terminal (for tests and
	// --progress=always).
	Force bool
	// Disable never draws; it wins over Force.
	Disable bool
	// Unit names what is counted; default DefaultUnit ("articles").
	Unit string
}

// Meter counts work done and draws it on w. Safe for concurrent use: Add,
// SetTotal, Count, Write and Finish may be called from any goroutine. The
// methods of a nil *Meter do nothing (Count returns 0).
type Meter struct {
	count atomic.Int64
	total atomic.Int64

	finish sync.Once
	stop   chan struct{} // closed by Finish; nil when the meter never draws
	done   chan struct{} // closed by the drawer goroutine when it returns

	mu sync.Mutex // serialises writes to w: drawing and Write
	w  io.Writer
	d  *drawer // nil when the meter never draws
}

// New returns a Meter drawing on w. It draws only if w is a terminal (an
// *os.File whose descriptor is a TTY, with TERM not "dumb") or opt.Force is
// set, and never if opt.Disable is set; otherwise it only counts. When it may
// draw, New starts a goroutine that sleeps until opt.Delay has passed and
// then redraws the line 10 times a second until Finish.
func New(w io.Writer, opt Options) *Meter {
	m := &Meter{w: w}
	m.total.Store(opt.Total)
	if opt.Disable || w == nil {
		return m
	}
	tty, cols := terminal(w)
	if !tty && !opt.Force {
		return m
	}
	delay := opt.Delay
	switch {
	case delay == 0:
		delay = DefaultDelay
	case delay < 0:
		delay = 0
	}
	unit := opt.Unit
	if unit == "" {
		unit = DefaultUnit
	}
	m.d = newDrawer(w, unit, barWidth(cols, unit, opt.Total), opt.Total)
	m.stop = make(chan struct{})
	m.done = make(chan struct{})
	go m.run(delay)
	return m
}

// Add records n more units done. n <= 0 is ignored, so the count never goes
// down. Add after Finish still counts but draws nothing.
func (m *Meter) Add(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.count.Add(int64(n))
}

// SetTotal sets the number of units expected, for when it becomes known
// after New (or changes); n <= 0 means unknown. It takes effect at the next
// redraw.
func (m *Meter) SetTotal(n int64) {
	if m == nil {
		return
	}
	m.total.Store(n)
}

// Active reports whether the meter may draw: false when it only counts,
// so a caller can skip work, like counting the total, that only the line
// would show.
func (m *Meter) Active() bool { return m != nil && m.d != nil }

// Count returns the number of units added so far.
func (m *Meter) Count() int64 {
	if m == nil {
		return 0
	}
	return m.count.Load()
}

// Finish stops the meter: it stops the timer and the drawing goroutine and,
// if the line was drawn, erases it. It returns once that is done, so output
// written after it does not mix with the meter. Finish is idempotent and safe
// to call concurrently; nothing is drawn after the first call returns.
func (m *Meter) Finish() {
	if m == nil {
		return
	}
	m.finish.Do(func() {
		if m.stop == nil {
			return
		}
		close(m.stop)
		<-m.done
	})
}

// Write writes p to the meter's writer above the meter line: it erases the
// line if it is shown, writes p, and the line comes back at the next redraw.
// p should end with a newline. Use it (for instance as a log.Logger's
// output) for messages to stderr during a run, which would otherwise be
// appended to the meter line. Safe to call after Finish, and when the meter
// does not draw (then it only writes p).
func (m *Meter) Write(p []byte) (int, error) {
	if m == nil || m.w == nil {
		return len(p), nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.d != nil && m.d.visible {
		if _, err := io.WriteString(m.w, "\r\x1b[2K"); err != nil {
			return 0, err
		}
		m.d.visible = false
	}
	return m.w.Write(p)
}

// run is the drawing goroutine: it waits out the delay, then redraws every
// refresh until Finish closes m.stop, and erases the line on the way out.
func (m *Meter) run(delay time.Duration) {
	defer close(m.done)
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-m.stop:
			t.Stop()
			return
		case <-t.C:
		}
	}
	tick := time.NewTicker(refresh)
	defer tick.Stop()
	m.draw()
	for {
		select {
		case <-m.stop:
			m.mu.Lock()
			m.d.clear()
			m.mu.Unlock()
			return
		case <-tick.C:
			m.draw()
		}
	}
}

func (m *Meter) draw() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.d.draw(m.count.Load(), m.total.Load())
}

// drawer holds the two progressbar bars of a Meter. It is used under
// Meter.mu, by the drawing goroutine and by Write.
//
// Two bars, because progressbar cannot turn an unknown-total bar into a
// known-total one once it has counted: in unknown mode it keeps its internal
// position modulo the bar width, and after ChangeMax64 the percentage and
// ETA are computed from that position (60 done of 100 shows as 20%). So the
// known-total bar is fed the count from the start, with an unbounded maximum
// and its output muted while no total applies, and its rate history is
// ready when the total arrives. Neither bar starts a goroutine of its own
// (the spinner advances on each redraw instead of on a library ticker).
type drawer struct {
	known, unknown *progressbar.ProgressBar
	kOut, uOut     *gate
	knownMax       int64 // the max last given to known
	visible        bool  // the line is on the screen
}

func newDrawer(w io.Writer, unit string, width int, total int64) *drawer {
	d := &drawer{kOut: &gate{w: w}, uOut: &gate{w: w}, knownMax: unboundedMax}
	if total > 0 {
		d.knownMax = total
	}
	common := []progressbar.Option{
		progressbar.OptionSetWidth(width),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(unit),
		// The drawer redraws every refresh itself; a library throttle would
		// only drop the redraw that follows a ChangeMax64.
		progressbar.OptionThrottle(0),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionClearOnFinish(),
		// No library goroutine: with a non-zero interval an unknown-total
		// bar starts a ticker goroutine that renders on its own (before our
		// Delay) and lives until the bar is finished.
		progressbar.OptionSetSpinnerChangeInterval(0),
		progressbar.OptionSpinnerType(14),
	}
	d.known = progressbar.NewOptions64(d.knownMax, append(common,
		progressbar.OptionSetWriter(d.kOut),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowTotalBytes(true),
	)...)
	d.unknown = progressbar.NewOptions64(-1, append(common,
		progressbar.OptionSetWriter(d.uOut),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionShowTotalBytes(false), // "123" rather than "123/-"
	)...)
	// Rates and elapsed time count from New, not from the first drawing.
	d.known.StartWithoutRender()
	d.unknown.StartWithoutRender()
	return d
}

// draw brings both bars to count and shows the one that fits: the
// known-total bar while 0 < count < total, else the unknown-total one. The
// known-total bar is never allowed to reach its maximum, since progressbar
// then marks it finished and erases it for good.
func (d *drawer) draw(count, total int64) {
	useKnown := total > 0 && count > 0 && count < total
	d.kOut.open = useKnown
	d.uOut.open = !useKnown
	want := int64(unboundedMax)
	if useKnown {
		want = total
	}
	_ = d.unknown.Set64(count)
	if want != d.knownMax {
		d.known.ChangeMax64(want)
		d.knownMax = want
	}
	_ = d.known.Set64(count)
	d.visible = true
}

// clear erases the line if it is shown.
func (d *drawer) clear() {
	if !d.visible {
		return
	}
	// Finish of the bar currently shown erases its line (ClearOnFinish with
	// ANSI codes writes "\x1b[2K\r"); the other one is muted.
	if d.kOut.open {
		_ = d.known.Finish()
	} else {
		_ = d.unknown.Finish()
	}
	d.kOut.open, d.uOut.open = false, false
	d.visible = false
}

// gate passes writes to w while open and swallows them otherwise.
type gate struct {
	w    io.Writer
	open bool
}

func (g *gate) Write(p []byte) (int, error) {
	if !g.open {
		return len(p), nil
	}
	return g.w.Write(p)
}

// terminal reports whether w is a terminal that can show the meter, and its
// width in columns (0 if unknown).
func terminal(w io.Writer) (ok bool, cols int) {
	f, isFile := w.(*os.File)
	if !isFile || os.Getenv("TERM") == "dumb" {
		return false, 0
	}
	// Control rather than Fd, which would switch the file to blocking mode.
	rc, err := f.SyscallConn()
	if err != nil {
		return false, 0
	}
	_ = rc.Control(func(fd uintptr) {
		ok = term.IsTerminal(int(fd))
		if ok {
			if c, _, err := term.GetSize(int(fd)); err == nil {
				cols = c
			}
		}
	})
	return ok, cols
}

// barWidth picks the width of the bar itself so that the whole line, e.g.
// " 42% |█████     | (420000/1000000, 5321 articles/s) [1m19s:1m49s]",
// fits in cols columns; a line that wraps cannot be redrawn in place.
func barWidth(cols int, unit string, total int64) int {
	const maxWidth, minWidth = 40, 10
	if cols <= 0 {
		return maxWidth
	}
	digits := len(strconv.FormatInt(max(total, 9_999_999), 10))
	// percentage, brackets, separators and the two durations: about 34.
	rest := 34 + 2*digits + len(unit) + 8
	return min(max(cols-rest, minWidth), maxWidth)
}
