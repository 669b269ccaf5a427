// Package progress shows how far a long run has got: a one-line meter on a
// terminal with the number of articles done, the rate (articles/s) and, when
// the total is known, a bar, a percentage and an estimate of the time left.
//
// A Meter is quiet unless it is worth showing: nothing is drawn before
// Options.Delay (one second by default), so short runs print nothing, and
// nothing is drawn at all unless the writer is a terminal (an *os.File whose
// descriptor is a TTY and TERM is not "dumb") or Options.Force is set. When
// stderr is piped or redirected the meter only counts.
//
// Typical use in a command:
//
//	m := progress.New(os.Stderr, progress.Options{Total: int64(len(paths))})
//	defer m.Finish()
//	for _, p := range paths { // or from many worker goroutines
//		analyse(p)
//		m.Add(1)
//	}
//	m.Finish() // clears the line before the results are printed
//
// Add is a single atomic addition, so it is cheap enough to call once per
// article from any number of goroutines. Drawing happens in one goroutine of
// the Meter at a fixed refresh rate (10 times a second), which is started
// only when the meter may draw and is stopped by Finish; callers must call
// Finish (a deferred call is fine: Finish is idempotent).
//
// Messages written to stderr while the line is shown would be appended to it;
// write them through the Meter instead (it is an io.Writer, e.g. for
// log.New(m, "", 0)): it erases the line, writes the message, and the line
// is redrawn below it.
//
// Drawing uses github.com/schollz/progressbar/v3. The line is redrawn in
// place with a carriage return and the ANSI "erase to end of line" sequence;
// Finish erases it, leaving the cursor at the start of an empty line.
package progress
