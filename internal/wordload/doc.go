// Package wordload reads eight or four bytes of a string as one
// little-endian word, for the scanners that test a word of text at a time
// (cleaning, JSON escaping, tokenising, word lists). The compiler makes
// each call one load with one bounds check, inlined.
package wordload
