// Package texttest makes random text for tests. The project reads text
// fast, eight bytes at a time or by jumps, and checks each such reading
// against a plain one on many strings made of pieces chosen for where the
// two could part: bounds of byte ranges, runes of several bytes, broken
// UTF-8.
package texttest
