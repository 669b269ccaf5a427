// Package clean takes page furniture out of an article's text: ad slots,
// counters, separators, author bios, comment, share and newsletter
// prompts, follow-our-coverage lines, bylines, contributor lines, image
// credits and repeated paragraphs.
//
// Nothing is thrown away. Every removal is recorded in Document.Removed
// with a short, stable reason, and lines that say who wrote or supplied a
// text (bylines, contributor lines, image sources) are also kept in
// Document.Credits, because they are evidence about where a copy came
// from: a ministry named as the author of wire copy is a false
// attribution, an image source naming another outlet betrays a rewrite.
//
// The rules favour precision: removing a real paragraph loses content,
// while leaving a stray "Share this" costs little. Patterns are English;
// text in other languages passes through untouched except for rules that
// do not depend on language (separators, bare counters, repetition).
package clean
