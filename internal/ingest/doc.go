// Package ingest reads articles into documents: plain text, HTML pages,
// JSONL records, the pages of WARC files (web crawls and archives),
// gzip-compressed files of any of these, whole directories and standard
// input.
//
// Readers keep the text as found, one paragraph an element, and fill what
// metadata the input carries (title, byline, date, site, URL). They do not
// remove page furniture: that is internal/clean's job, so that what was
// removed is decided, and recorded, in one place.
//
// A bad input never stops a run: each one that cannot be read is reported
// as an *Error naming the file (or "file:line" for a JSONL record,
// "file#offset" for a WARC record) and the reason, and reading goes on
// with the next.
package ingest
