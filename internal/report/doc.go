// Package report renders an analysis for people and programs: a terminal
// report, Markdown, and the JSON contract that quality is scored from
// (documented in DESIGN.md; fields may be added, never changed).
package report
