package main

import (
	"fmt"
	"io"

	"github.com/stemma-news/stemma/internal/progress"
)

// newMeter makes the progress line for a --progress setting.
func newMeter(stderr io.Writer, mode string) (*progress.Meter, error) {
	switch mode {
	case "auto", "":
		return progress.New(stderr, progress.Options{}), nil
	case "always":
		return progress.New(stderr, progress.Options{Force: true}), nil
	case "never":
		return progress.New(stderr, progress.Options{Disable: true}), nil
	}
	return nil, fmt.Errorf("unknown --progress %q: want auto, always or never", mode)
}
