package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
)

// record returns a well-formed WARC/1.0 record of block, with id as the
// uuid part of its WARC-Record-ID.
func record(id, block string) string {
	return "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:" + id + ">\r\n" +
		"WARC-Date: 2024-03-05T09:30:00Z\r\nWARC-Target-URI: http://example.com/" + id + "\r\n" +
		fmt.Sprintf("Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n", len(block)) + block + "\r\n\r\n"
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var uuidRE = regexp.MustCompile(`^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$`)

func TestRoundTrip(t *testing.T) {
	date := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)
	page := []byte("<html><head><title>Storm</title></head><body><p>The harbour closed.</p></body></html>")
	write := func(t *testing.T, w *Writer) {
		t.Helper()
		steps := []error{
			w.WriteInfo(Header{{"software", "stemma"}, {"format", "WARC File Format 1.1"}}),
			w.WriteResponse("https://news.example.com/storm?x=1", date, 200, "text/html; charset=utf-8", page),
			w.WriteRecord(Header{{"WARC-Type", "resource"}, {"WARC-Target-URI", "<urn:x:notes>"}, {"Content-Type", "text/plain"}}, []byte("plain\r\n\r\nnotes")),
			w.WriteRecord(Header{{"WARC-Type", "metadata"}, {"Content-Length", "999"}}, nil),
			w.WriteResponse("https://news.example.com/logo.png", date, 404, "", nil),
		}
		for i, err := range steps {
			if err != nil {
				t.Fatalf("write %d: %v", i, err)
			}
		}
	}
	type want struct {
		typ, uri, ctype string
		suffix          string // of the block
		length          int
	}
	wants := []want{
		{typ: "warcinfo", ctype: "application/warc-fields", suffix: "software: stemma\r\nformat: WARC File Format 1.1\r\n"},
		{typ: "response", uri: "https://news.example.com/storm?x=1", ctype: "application/http; msgtype=response", suffix: string(page)},
		{typ: "request", uri: "https://news.example.com/storm?x=1", ctype: "application/http; msgtype=request", suffix: "Accept: */*\r\n\r\n"},
		{typ: "resource", uri: "urn:x:notes", ctype: "text/plain", suffix: "plain\r\n\r\nnotes"},
		{typ: "metadata", length: 0},
		{typ: "response", uri: "https://news.example.com/logo.png", ctype: "application/http; msgtype=response", suffix: "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"},
		{typ: "request", uri: "https://news.example.com/logo.png", ctype: "application/http; msgtype=request", suffix: "\r\n\r\n"},
	}
	tests := []struct {
		name string
		make func(t *testing.T) (file, plain []byte)
	}{
		{"plain", func(t *testing.T) ([]byte, []byte) {
			var b bytes.Buffer
			write(t, NewWriter(&b, false))
			return b.Bytes(), b.Bytes()
		}},
		{"gzip member per record", func(t *testing.T) ([]byte, []byte) {
			var b bytes.Buffer
			write(t, NewWriter(&b, true))
			return b.Bytes(), gunzip(t, b.Bytes())
		}},
		{"whole-file gzip", func(t *testing.T) ([]byte, []byte) {
			var b bytes.Buffer
			write(t, NewWriter(&b, false))
			return gzipBytes(t, b.Bytes()), b.Bytes()
		}},
	}
	for _, tt := range tests {
		// Bodies are read whole, or left for Next to skip, or read in part.
		for _, mode := range []string{"read", "skip", "part"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				file, plain := tt.make(t)
				r := NewReader(bytes.NewReader(file))
				var respID string
				for i, w := range wants {
					rec, err := r.Next()
					if err != nil {
						t.Fatalf("record %d: %v", i, err)
					}
					if rec.Type != w.typ || rec.TargetURI != w.uri || rec.ContentType != w.ctype || rec.Version != "WARC/1.1" {
						t.Errorf("record %d: got %s %q %q %s, want %+v", i, rec.Type, rec.TargetURI, rec.ContentType, rec.Version, w)
					}
					if !uuidRE.MatchString(rec.RecordID) {
						t.Errorf("record %d: id %q is not a urn:uuid", i, rec.RecordID)
					}
					if w.typ == "response" || w.typ == "request" {
						if !rec.Date.Equal(date) {
							t.Errorf("record %d: date %v, want %v", i, rec.Date, date)
						}
					} else if time.Since(rec.Date) > time.Hour {
						t.Errorf("record %d: date %v, want about now", i, rec.Date)
					}
					switch w.typ {
					case "response":
						respID = rec.RecordID
						if w.uri == wants[1].uri && rec.Header.Get("warc-payload-digest") != "sha1:Y33FXOGTJY6VEYTZBMV2Z4QESIVYSM25" {
							t.Errorf("payload digest %q", rec.Header.Get("WARC-Payload-Digest"))
						}
					case "request":
						if got := rec.Header.Get("WARC-Concurrent-To"); got != respID {
							t.Errorf("request concurrent to %q, want the response %q", got, respID)
						}
					}
					if !bytes.HasPrefix(plain[rec.Offset:], []byte("WARC/1.1\r\n")) ||
						!bytes.Contains(plain[rec.Offset:min(rec.Offset+500, int64(len(plain)))], []byte(rec.RecordID)) {
						t.Errorf("record %d: offset %d is not its start in the decompressed stream", i, rec.Offset)
					}
					switch mode {
					case "read":
						block, err := io.ReadAll(rec.Body)
						if err != nil {
							t.Fatalf("record %d: body: %v", i, err)
						}
						if int64(len(block)) != rec.Length || !strings.HasSuffix(string(block), w.suffix) || w.typ == "metadata" && len(block) != w.length {
							t.Errorf("record %d: block %q (length %d), want it to end with %q", i, block, rec.Length, w.suffix)
						}
					case "part":
						io.ReadFull(rec.Body, make([]byte, 3))
					}
				}
				if rec, err := r.Next(); err != io.EOF {
					t.Fatalf("after the last record: got %v, %v; want io.EOF", rec, err)
				}
				if _, err := r.Next(); err != io.EOF {
					t.Fatalf("io.EOF is not sticky: %v", err)
				}
			})
		}
	}
}

// Readers meet files that keep to the letter of neither version.
func TestReadVariants(t *testing.T) {
	in := "\r\n" + // a stray line end before the first record
		"WARC/1.0\r\n" +
		"warc-type: response\r\n" + // names are case-insensitive
		"WARC-Target-URI: <http://example.com/a>\r\n" + // WARC/1.1's erratum
		"WARC-Date: 2024-03-05T09:30:00.123456Z\r\n" + // WARC/1.1 fractions
		"WARC-Record-ID: <urn:uuid:1>\r\n" +
		"X-Folded: one\r\n  two\r\n" +
		"content-length: 5\r\n\r\nhello\r\n\r\n\r\n\r\n" + // extra blank lines between records
		"WARC/1.1\n" + // bare LF
		"WARC-Type: metadata\n" +
		"WARC-Date: 2024-03-05\n" +
		"Content-Length: 2\n\nhi\n\n"
	r := NewReader(strings.NewReader(in))
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Type != "response" || rec.TargetURI != "http://example.com/a" || rec.Offset != 2 || rec.Version != "WARC/1.0" ||
		!rec.Date.Equal(time.Date(2024, 3, 5, 9, 30, 0, 123456000, time.UTC)) || rec.Header.Get("X-FOLDED") != "one two" {
		t.Errorf("got %+v", rec)
	}
	if got := fmt.Sprint(rec.Header[0]); got != "{warc-type response}" {
		t.Errorf("first field %s: the header keeps names as written, in order", got)
	}
	rec, err = r.Next()
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rec.Body)
	if rec.Type != "metadata" || string(body) != "hi" || !rec.Date.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v, body %q", rec, body)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("got %v, want io.EOF", err)
	}
}

func TestHeaderGet(t *testing.T) {
	h := Header{{"WARC-Type", "response"}, {"Content-Length", "5"}, {"content-length", "6"}}
	for name, want := range map[string]string{"warc-type": "response", "CONTENT-LENGTH": "5", "WARC-Date": ""} {
		if got := h.Get(name); got != want {
			t.Errorf("Get(%q) = %q, want %q", name, got, want)
		}
	}
}

// outcome is one result of Next, or an error from a body: a record by its
// id, or an error, found at the start of part of the input.
type outcome struct {
	part int
	id   string // the record's uuid, or the error's RecordID uuid
	err  string // part of the error message; "" for a record
	eof  bool   // the error is a truncation
}

type malformedCase struct {
	name      string
	parts     []string
	maxHeader int
	want      []outcome
}

func malformedCases() []malformedCase {
	good := record("good", "a fine block")
	return []malformedCase{
		{name: "empty", parts: []string{""}},
		{name: "only blank lines", parts: []string{"\r\n\n\r\n"}},
		{name: "bad version line", parts: []string{strings.Replace(record("v", "x"), "WARC/1.0", "WARC/0.18", 1), good},
			want: []outcome{{part: 0, err: `bad version line "WARC/0.18"`}, {part: 1, id: "good"}}},
		{name: "junk before a record", parts: []string{"HTTP/1.1 200 OK\r\nnot warc\r\n", good},
			want: []outcome{{part: 0, err: `bad version line "HTTP/1.1 200 OK"`}, {part: 1, id: "good"}}},
		{name: "junk after the last record", parts: []string{good, "trailing junk"},
			want: []outcome{{part: 0, id: "good"}, {part: 1, err: "bad version line"}}},
		{name: "missing Content-Length", parts: []string{strings.Replace(record("m", "xyz"), "Content-Length: 3\r\n", "", 1), good},
			want: []outcome{{part: 0, id: "m", err: "missing Content-Length"}, {part: 1, id: "good"}}},
		{name: "invalid Content-Length", parts: []string{strings.Replace(record("i", "xyz"), "Content-Length: 3", "Content-Length: 3x", 1), good},
			want: []outcome{{part: 0, id: "i", err: `invalid Content-Length "3x"`}, {part: 1, id: "good"}}},
		{name: "negative Content-Length", parts: []string{strings.Replace(record("n", "xyz"), "Content-Length: 3", "Content-Length: -3", 1), good},
			want: []outcome{{part: 0, id: "n", err: `invalid Content-Length "-3"`}, {part: 1, id: "good"}}},
		{name: "overflowing Content-Length", parts: []string{strings.Replace(record("o", "xyz"), "Content-Length: 3", "Content-Length: 99999999999999999999", 1), good},
			want: []outcome{{part: 0, id: "o", err: "invalid Content-Length"}, {part: 1, id: "good"}}},
		{name: "Content-Length too short", parts: []string{strings.Replace(record("s", "a longer block"), "Content-Length: 14", "Content-Length: 4", 1), good},
			want: []outcome{{part: 0, id: "s"}, {part: 0, id: "s", err: "no CRLF CRLF after the 4-byte block"}, {part: 1, id: "good"}}},
		{name: "no terminator at all", parts: []string{strings.TrimSuffix(record("t", "abc"), "\r\n\r\n"), good},
			want: []outcome{{part: 0, id: "t"}, {part: 0, id: "t", err: "no CRLF CRLF"}, {part: 1, id: "good"}}},
		{name: "malformed header line", parts: []string{strings.Replace(record("h", "abc"), "WARC-Date", "WARC-Date without colon\r\nX", 1), good},
			want: []outcome{{part: 0, id: "h", err: `malformed header line "WARC-Date without colon"`}, {part: 1, id: "good"}}},
		{name: "continuation first", parts: []string{"WARC/1.0\r\n folded\r\nContent-Length: 0\r\n\r\n\r\n\r\n", good},
			want: []outcome{{part: 0, err: "continuation line"}, {part: 1, id: "good"}}},
		{name: "header too long", maxHeader: 200, parts: []string{strings.Replace(record("l", "abc"), "WARC-Date", "X-Long: "+strings.Repeat("x", 300)+"\r\nWARC-Date", 1), good},
			want: []outcome{{part: 0, id: "l", err: "header longer than 200 bytes"}, {part: 1, id: "good"}}},
		{name: "version line too long", maxHeader: 200, parts: []string{strings.Repeat("W", 500) + "\r\n", good},
			want: []outcome{{part: 0, err: "bad version line"}, {part: 1, id: "good"}}},
		{name: "truncated header", parts: []string{good, "WARC/1.0\r\nWARC-Record-ID: <urn:uuid:th>\r\nWARC-Type: resource"},
			want: []outcome{{part: 0, id: "good"}, {part: 1, id: "th", err: "truncated header", eof: true}}},
		{name: "version line then end", parts: []string{good, "WARC/1.1"},
			want: []outcome{{part: 0, id: "good"}, {part: 1, err: "truncated header", eof: true}}},
		{name: "truncated block", parts: []string{good, strings.TrimSuffix(record("tb", "0123456789"), "56789\r\n\r\n")},
			want: []outcome{{part: 0, id: "good"}, {part: 1, id: "tb"}, {part: 1, id: "tb", err: "5 bytes short of Content-Length 10", eof: true}}},
		{name: "huge Content-Length", parts: []string{strings.Replace(record("hg", "abc"), "Content-Length: 3", "Content-Length: 999999999999999", 1), good},
			want: []outcome{{part: 0, id: "hg"}, {part: 0, id: "hg", err: "short of Content-Length 999999999999999", eof: true}}},
		{name: "truncated terminator", parts: []string{strings.TrimSuffix(record("tt", "abc"), "\r\n")},
			want: []outcome{{part: 0, id: "tt"}, {part: 0, id: "tt", err: "truncated record", eof: true}}},
		{name: "bad records between good ones", parts: []string{good, "WARC/1.0\r\nContent-Length: x\r\n\r\n", good, "WARC/2.0\r\n", good},
			want: []outcome{{part: 0, id: "good"}, {part: 1, err: "invalid Content-Length"}, {part: 2, id: "good"}, {part: 3, err: "bad version line"}, {part: 4, id: "good"}}},
	}
}

// collect reads data and returns what came out, in order. With
// readBodies, each body is read to its end, else left for Next to skip.
func collect(t testing.TB, data []byte, maxHeader int, readBodies bool) []outcome {
	var out []outcome
	r := NewReader(bytes.NewReader(data))
	r.MaxHeaderBytes = maxHeader
	uuid := func(id string) string { return strings.TrimSuffix(strings.TrimPrefix(id, "<urn:uuid:"), ">") }
	addErr := func(err error) {
		var re *RecordError
		if !errors.As(err, &re) {
			t.Fatalf("error %v is %T, want *RecordError", err, err)
		}
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("error %v is not ErrMalformed", err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error %q spans lines", err)
		}
		out = append(out, outcome{part: int(re.Offset), id: uuid(re.RecordID), err: err.Error(), eof: errors.Is(err, io.ErrUnexpectedEOF)})
	}
	for range len(data) + 2 { // every result consumes input
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			addErr(err)
			continue
		}
		out = append(out, outcome{part: int(rec.Offset), id: uuid(rec.RecordID)})
		if readBodies {
			n, err := io.Copy(io.Discard, rec.Body)
			if n > rec.Length {
				t.Fatalf("read %d bytes of a %d-byte block", n, rec.Length)
			}
			if err != nil {
				addErr(err)
			}
		}
	}
	t.Fatalf("Next did not reach io.EOF")
	return nil
}

func TestMalformed(t *testing.T) {
	for _, tt := range malformedCases() {
		for _, readBodies := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/readBodies=%v", tt.name, readBodies), func(t *testing.T) {
				data := []byte(strings.Join(tt.parts, ""))
				got := collect(t, data, tt.maxHeader, readBodies)
				// Offsets come out in bytes: turn them into parts.
				starts := map[int]int{}
				off := 0
				for i, p := range tt.parts {
					starts[off] = i
					off += len(p)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %+v, want %+v", got, tt.want)
				}
				for i, w := range tt.want {
					g := got[i]
					part, ok := starts[g.part]
					if !ok || part != w.part || g.id != w.id || !strings.Contains(g.err, w.err) || (w.err == "") != (g.err == "") || g.eof != w.eof {
						t.Errorf("result %d: got %+v (part %d), want %+v", i, g, part, w)
					}
					if w.err != "" && !strings.Contains(g.err, fmt.Sprintf("offset %d", g.part)) {
						t.Errorf("result %d: error %q does not name the offset", i, g.err)
					}
				}
			})
		}
	}
}

// A gzip stream that is corrupt or cut short ends the reading with an
// error, after the records that could be read.
func TestBrokenGzip(t *testing.T) {
	var plain bytes.Buffer
	w := NewWriter(&plain, true)
	for i := range 3 {
		// Its own id and date, not a random one and now: where a cut
		// lands in what a member holds, header or block, depends on how
		// the member compressed, and the test failed about once in a
		// hundred runs.
		h := Header{{"WARC-Type", "resource"}, {"WARC-Record-ID", fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i)},
			{"WARC-Date", "2025-01-02T03:04:05Z"}}
		if err := w.WriteRecord(h, bytes.Repeat([]byte{byte('a' + i)}, 1000)); err != nil {
			t.Fatal(err)
		}
	}
	file := plain.Bytes()
	corrupt := bytes.Clone(file)
	corrupt[len(corrupt)-8] ^= 0xff // the last member's CRC-32
	tests := []struct {
		name string
		data []byte
		recs int
		err  string
	}{
		{"bad header", []byte{0x1f, 0x8b, 0, 0}, 0, "corrupt gzip data"},
		{"cut in the last member", file[:len(file)-20], 2, "truncated block"},
		{"bad checksum", corrupt, 3, "corrupt gzip data: gzip: invalid checksum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tt.data))
			recs := 0
			var errs []error
			for range 100 {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if _, err := io.Copy(io.Discard, rec.Body); err != nil {
					errs = append(errs, err)
					continue
				}
				recs++
			}
			if recs != tt.recs || len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.err) {
				t.Errorf("got %d records and errors %v; want %d and one saying %q", recs, errs, tt.recs, tt.err)
			}
		})
	}
}

func TestWriterErrors(t *testing.T) {
	w := NewWriter(io.Discard, false)
	tests := []struct {
		name string
		err  error
	}{
		{"no type", w.WriteRecord(Header{{"WARC-Target-URI", "http://x/"}}, nil)},
		{"newline in value", w.WriteRecord(Header{{"WARC-Type", "resource"}, {"X", "a\r\nWARC-Type: evil"}}, nil)},
		{"bad name", w.WriteRecord(Header{{"WARC-Type", "resource"}, {"X Y", "a"}}, nil)},
		{"empty name", w.WriteInfo(Header{{"", "a"}})},
		{"relative URI", w.WriteResponse("/a", time.Now(), 200, "text/html", nil)},
		{"newline in content type", w.WriteResponse("http://x/a", time.Now(), 200, "text/html\r\nX: y", nil)},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.HasPrefix(tt.err.Error(), "warc: ") {
			t.Errorf("%s: got %v, want a warc error", tt.name, tt.err)
		}
	}
	fail := errors.New("disk full")
	if err := NewWriter(failWriter{fail}, true).WriteRecord(Header{{"WARC-Type", "resource"}}, []byte("x")); !errors.Is(err, fail) {
		t.Errorf("got %v, want it to wrap the write error", err)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// benchFile builds a WARC of n response records of article-sized pages.
func benchFile(b *testing.B, n int, gz bool) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf, gz)
	para := strings.Repeat("The harbour ferry resumed on Tuesday after a winter storm tore two mooring posts from the pier. ", 8)
	date := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		page := fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><p>%s</p><p>%s</p><p>%s</p></article></body></html>", i, para, para, para)
		if err := w.WriteResponse(fmt.Sprintf("https://news.example.com/story/%d", i), date, 200, "text/html", []byte(page)); err != nil {
			b.Fatal(err)
		}
	}
	return buf.Bytes()
}

func BenchmarkReader(b *testing.B) {
	for _, gz := range []bool{false, true} {
		b.Run(fmt.Sprintf("gzip=%v", gz), func(b *testing.B) {
			const n = 2000
			data := benchFile(b, n, gz)
			plain := data
			if gz {
				plain = gunzip(b, data)
			}
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewReader(bytes.NewReader(data))
				recs := 0
				for {
					rec, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					if _, err := io.Copy(io.Discard, rec.Body); err != nil {
						b.Fatal(err)
					}
					recs++
				}
				if recs != 2*n {
					b.Fatalf("read %d records, want %d", recs, 2*n)
				}
			}
			b.ReportMetric(float64(2*n*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
