// Package warc reads and writes WARC files (ISO 28500, WARC/1.0 and
// WARC/1.1), the format web crawlers and archives store pages in, so that
// stemma can read articles straight from a crawl. No maintained Go WARC
// library could be used here, so this one keeps to the standard library.
//
// A Reader streams: it holds one record's header in memory, never a body,
// so files of many gigabytes are read in constant memory. It reads plain
// and gzip-compressed files, whether each record is its own gzip member
// (the norm, ".warc.gz") or the whole file is one. A malformed record is
// reported as a *RecordError naming it and the reader moves on to the next
// record it can find, as archive tools do: one bad record in a crawl of
// millions must not cost the rest.
//
// A Writer writes records, one gzip member each when asked, with the
// fields the format requires; it exists for tests and benchmarks that
// need WARC files, not to be a crawler.
package warc
