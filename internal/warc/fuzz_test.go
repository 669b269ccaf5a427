package warc

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// FuzzReader holds the Reader to its promises on any input: no panic, no
// endless loop, errors of the documented kind, bodies no longer than
// their Content-Length, and no allocation that grows with what a header
// claims rather than with the header itself.
func FuzzReader(f *testing.F) {
	for _, tt := range malformedCases() {
		f.Add([]byte(strings.Join(tt.parts, "")))
	}
	var file bytes.Buffer
	w := NewWriter(&file, false)
	w.WriteInfo(Header{{"software", "stemma"}})
	w.WriteResponse("https://news.example.com/a", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), 200, "text/html", []byte("<p>x</p>"))
	f.Add(bytes.Clone(file.Bytes()))
	f.Add(gzipBytes(f, file.Bytes()))
	file.Reset()
	w = NewWriter(&file, true)
	w.WriteRecord(Header{{"WARC-Type", "resource"}}, []byte("abc"))
	w.WriteRecord(Header{{"WARC-Type", "resource"}}, []byte("def"))
	f.Add(bytes.Clone(file.Bytes()))

	const maxHeader = 4 << 10
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		r.MaxHeaderBytes = maxHeader
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		last := int64(-1)
		// Each result consumes at least a byte of the decompressed
		// stream, which a gzip bomb can make larger than data, but not
		// beyond this in the inputs the fuzzer makes.
		for range 1<<16 + 2*len(data) {
			rec, err := r.Next()
			if err == io.EOF {
				// The gzip decompressor and buffers, headers, records
				// and errors: a multiple of what was read, never of
				// what a header claims.
				runtime.ReadMemStats(&ms)
				if grew, limit := ms.TotalAlloc-before, uint64(256<<10+64*r.cr.n); grew > limit {
					t.Fatalf("reading %d bytes allocated %d", r.cr.n, grew)
				}
				return
			}
			var n int64
			var berr error
			if err == nil {
				n, berr = io.Copy(io.Discard, rec.Body)
			}
			for _, e := range []error{err, berr} {
				var re *RecordError
				if e != nil && (!errors.As(e, &re) || strings.Contains(e.Error(), "\n")) {
					t.Fatalf("error %q is %T, want a one-line *RecordError", e, e)
				}
			}
			if err != nil {
				continue
			}
			if n > rec.Length || berr == nil && n != rec.Length {
				t.Fatalf("read %d bytes of a %d-byte block (error %v)", n, rec.Length, berr)
			}
			if rec.Offset <= last {
				t.Fatalf("record at offset %d after one at %d", rec.Offset, last)
			}
			last = rec.Offset
		}
		t.Fatal("Next does not reach io.EOF")
	})
}
