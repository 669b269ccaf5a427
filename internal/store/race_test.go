//go:build race

package store

// raceEnabled is set when the race detector is on, which makes the
// transpiled SQLite some twenty times slower.
const raceEnabled = true
