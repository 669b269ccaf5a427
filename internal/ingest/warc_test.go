package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/stemma-news/stemma/internal/warc"
)

var crawlDate = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func field(name, value string) warc.Field { return warc.Field{Name: name, Value: value} }

// greekPage is a page whose charset only its server declares.
func greekPage(t *testing.T) []byte {
	t.Helper()
	page := "<html><head><title>Καταιγίδα στο λιμάνι</title></head><body><article><h1>Καταιγίδα στο λιμάνι</h1>" +
		"<p>Το λιμάνι του Πειραιά έκλεισε τη Δευτέρα μετά από μια χειμερινή καταιγίδα που ξερίζωσε δύο δέστρες από την κύρια προβλήτα και πλημμύρισε το εκδοτήριο εισιτηρίων.</p>" +
		"<p>Τα πλοία θα ξεκινήσουν ξανά την Τρίτη, είπε ο λιμενάρχης, όταν τα συνεργεία του δήμου αντικαταστήσουν τις δέστρες και ελέγξουν την προβλήτα.</p>" +
		"</article></body></html>"
	b, err := charmap.ISO8859_7.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chunkedGzip is an HTTP response of page, gzip-encoded and chunked, as
// crawlers that keep the bytes on the wire store it.
func chunkedGzip(t *testing.T, page string) []byte {
	t.Helper()
	var chunks bytes.Buffer
	cw := httputil.NewChunkedWriter(&chunks)
	z := gz(t, page)
	cw.Write(z[:len(z)/2])
	cw.Write(z[len(z)/2:])
	cw.Close()
	return append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"),
		append(chunks.Bytes(), "\r\n"...)...)
}

// buildCrawl writes a WARC of a small crawl, each record a gzip member
// when gz is set: pages of article, and records that are not articles.
func buildCrawl(t *testing.T, gzip bool) []byte {
	t.Helper()
	harbour, err := os.ReadFile("testdata/harbour.html")
	if err != nil {
		t.Fatal(err)
	}
	results, err := os.ReadFile("testdata/results.htm")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := warc.NewWriter(&b, gzip)
	steps := []error{
		w.WriteInfo(warc.Header{field("software", "stemma test")}),
		w.WriteResponse("https://www.courier.example.com/news/harbour-ferry-resumes.html?utm=feed", crawlDate, 200, "text/html; charset=utf-8", harbour),
		w.WriteResponse("https://news.example.com/logo.png", crawlDate, 200, "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00")),
		w.WriteResponse("https://news.example.com/gone", crawlDate, 404, "text/html", []byte(samplePage)),
		w.WriteResponse("https://news.example.com/storm", crawlDate, 200, "text/html", []byte(samplePage)),
		w.WriteResponse("https://news.example.com/old", crawlDate, 301, "text/html", nil),
		w.WriteResponse("https://www.runners.example.org/results/city-marathon-2022", crawlDate, 200, "", results),
		w.WriteRecord(warc.Header{field("WARC-Type", "response"), field("WARC-Target-URI", "https://news.example.com/storm"),
			field("Content-Type", "application/http; msgtype=response")}, chunkedGzip(t, samplePage)),
		w.WriteRecord(warc.Header{field("WARC-Type", "metadata"), field("WARC-Target-URI", "https://news.example.com/storm"),
			field("Content-Type", "application/warc-fields")}, []byte("outlink: https://news.example.com/\r\n")),
		w.WriteRecord(warc.Header{field("WARC-Type", "revisit"), field("WARC-Target-URI", "https://news.example.com/storm"),
			field("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")}, []byte("HTTP/1.1 200 OK\r\n\r\n")),
		w.WriteRecord(warc.Header{field("WARC-Type", "resource"), field("WARC-Target-URI", "https://news.example.com/notes.txt"),
			field("Content-Type", "text/plain")}, []byte(sampleText)),
		w.WriteResponse("https://nea.example.gr/limani", crawlDate, 200, "text/html; charset=iso-8859-7", greekPage(t)),
		w.WriteRecord(warc.Header{field("WARC-Type", "response"), field("WARC-Target-URI", "dns:news.example.com"),
			field("Content-Type", "text/dns")}, []byte("news.example.com. 300 IN A 192.0.2.1\n")),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	return b.Bytes()
}

// offsets gives where each record of a WARC file starts, by type and
// target, in the decompressed stream.
func offsets(t *testing.T, data []byte) map[string][]int64 {
	t.Helper()
	out := map[string][]int64{}
	r := warc.NewReader(bytes.NewReader(data))
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		key := rec.Type + " " + rec.TargetURI
		out[key] = append(out[key], rec.Offset)
	}
}

func TestReadWARC(t *testing.T) {
	type want struct {
		id, title, url, site, published string
		record                          string // type and target of the record, for Origin
		nth                             int    // which record of that key
		text                            string // in the text
	}
	wants := []want{
		{id: "courier.example.com-news-harbour-ferry-resumes", title: "Harbour ferry service resumes after storm",
			url: "https://www.courier.example.com/news/harbour-ferry-resumes.html?utm=feed", site: "Coastal Courier", published: "2024-03-05",
			record: "response https://www.courier.example.com/news/harbour-ferry-resumes.html?utm=feed", text: "Skarra"},
		{id: "news.example.com-storm", title: "Storm closes harbour", url: "https://news.example.com/storm", site: "news.example.com",
			record: "response https://news.example.com/storm", text: "Port Ellis"},
		{id: "runners.example.org-results-city-marathon-2022", title: "City marathon: record field as Okafor defends title",
			url: "https://www.runners.example.org/results/city-marathon-2022", site: "runners.example.org",
			record: "response https://www.runners.example.org/results/city-marathon-2022", text: "Okafor"},
		{id: "news.example.com-storm~2", title: "Storm closes harbour", url: "https://news.example.com/storm", site: "news.example.com",
			record: "response https://news.example.com/storm", nth: 1, text: "Port Ellis"},
		{id: "news.example.com-notes.txt", title: "Storm closes harbour", url: "https://news.example.com/notes.txt", site: "news.example.com",
			record: "resource https://news.example.com/notes.txt", text: "Ferries will resume"},
		{id: "nea.example.gr-limani", title: "Καταιγίδα στο λιμάνι", url: "https://nea.example.gr/limani", site: "nea.example.gr",
			record: "response https://nea.example.gr/limani", text: "Το λιμάνι του Πειραιά έκλεισε"},
	}
	tests := []struct {
		name, file string
		data       func(t *testing.T) (file, plain []byte)
	}{
		{"plain", "crawl.warc", func(t *testing.T) ([]byte, []byte) { d := buildCrawl(t, false); return d, d }},
		{"gzip member per record", "crawl.warc.gz", func(t *testing.T) ([]byte, []byte) {
			d := buildCrawl(t, true)
			return d, gunzipAll(t, d)
		}},
		{"whole-file gzip", "crawl.warc.gz", func(t *testing.T) ([]byte, []byte) { d := buildCrawl(t, false); return gz(t, string(d)), d }},
		{"unknown extension, sniffed", "crawl.dat", func(t *testing.T) ([]byte, []byte) { d := buildCrawl(t, true); return d, gunzipAll(t, d) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, plain := tt.data(t)
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			at := offsets(t, plain)
			r := readAll(t, []string{path}, Options{KeepRaw: true})
			if len(r.errs) > 0 || len(r.docs) != len(wants) {
				for _, d := range r.docs {
					t.Logf("doc %s", d.ID)
				}
				t.Fatalf("got %d docs, errors %v; want %d docs", len(r.docs), r.errs, len(wants))
			}
			for i, w := range wants {
				d := r.docs[i]
				off := at[w.record][w.nth]
				published := ""
				if !d.Published.IsZero() {
					published = d.Published.Format(time.DateOnly)
				}
				if d.ID != w.id || d.Title != w.title || d.URL != w.url || d.Site != w.site || published != w.published || d.Format != FormatWARC {
					t.Errorf("doc %d: got id %q title %q url %q site %q published %q format %q; want %+v",
						i, d.ID, d.Title, d.URL, d.Site, published, d.Format, w)
				}
				if wantOrigin := fmt.Sprintf("%s#%d", path, off); d.Origin != wantOrigin {
					t.Errorf("doc %d: origin %q, want %q", i, d.Origin, wantOrigin)
				}
				if !strings.Contains(d.Text(), w.text) {
					t.Errorf("doc %d: text %q does not hold %q", i, d.Text(), w.text)
				}
				// Raw is the record's payload: find it in the file.
				if !bytes.Contains(plain[off:], d.Raw) || !bytes.HasPrefix(d.Raw, []byte("HTTP/1.1 200 OK\r\n")) && w.record[:8] != "resource" {
					t.Errorf("doc %d: Raw %.60q... is not the record's payload", i, d.Raw)
				}
			}
		})
	}
}

func gunzipAll(t *testing.T, data []byte) []byte {
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

// pageRecord is a WARC/1.0 response record of page at uri, written out
// by hand so that it can be broken.
func pageRecord(uri, page string) string {
	payload := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"+
		"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", uri, uri, len(payload), payload)
}

// Bad records among good ones: the good ones come out, each bad one is
// an *Error naming the file and the record's offset.
func TestReadWARCMalformed(t *testing.T) {
	good := func(n int) string { return pageRecord(fmt.Sprintf("https://news.example.com/%d", n), samplePage) }
	parts := []string{
		good(1),
		strings.Replace(good(2), "Content-Length: ", "Content-Length: x", 1),
		good(3),
		"some junk\r\n",
		good(4),
		pageRecord("https://news.example.com/empty", "<html><body><script>var a=1;</script></body></html>"),
		strings.Replace(good(5), "HTTP/1.1 200 OK", "HTTP/1.1 2OO OK", 1),
		strings.Replace(good(6), "</html>\r\n\r\n", "</html>", 1), // no record end: the next record is found all the same
		good(7),
		good(8)[:len(good(8))-100], // truncated at the end of the file
	}
	type result struct {
		part     int
		id       string
		reason   string
		sentinel error
	}
	wants := []result{
		{part: 0, id: "news.example.com-1"},
		{part: 1, reason: `record <urn:uuid:https://news.example.com/2>: invalid Content-Length "x`, sentinel: ErrMalformed},
		{part: 2, id: "news.example.com-3"},
		{part: 3, reason: `bad version line "some junk"`, sentinel: ErrMalformed},
		{part: 4, id: "news.example.com-4"},
		{part: 5, reason: "https://news.example.com/empty: no article text", sentinel: ErrNoText},
		{part: 6, reason: "https://news.example.com/5: malformed HTTP response", sentinel: ErrMalformed},
		{part: 7, reason: "no CRLF CRLF after the", sentinel: ErrMalformed},
		{part: 8, id: "news.example.com-7"},
		{part: 9, reason: "truncated block", sentinel: ErrMalformed},
	}
	data := strings.Join(parts, "")
	starts := []int{}
	off := 0
	for _, p := range parts {
		starts = append(starts, off)
		off += len(p)
	}
	for _, readBody := range []string{"read", "count"} {
		path := filepath.Join(t.TempDir(), "bad.warc")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if readBody == "count" {
			if n, ok := Count(context.Background(), []string{path}); !ok || n != int64(len(wants)) {
				t.Errorf("Count = %d, %v; want %d", n, ok, len(wants))
			}
			continue
		}
		var got []result
		for doc, err := range Read(context.Background(), []string{path}, Options{}) {
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || strings.Contains(e.Error(), "\n") {
					t.Fatalf("error %q is %T, want a one-line *Error", err, err)
				}
				p, offStr, _ := strings.Cut(e.Path, "#")
				var o int
				fmt.Sscan(offStr, &o)
				if p != path {
					t.Errorf("error %q does not name the file", err)
				}
				got = append(got, result{part: indexOf(starts, o), reason: e.Reason, sentinel: e.Err})
				continue
			}
			p, offStr, _ := strings.Cut(doc.Origin, "#")
			var o int
			fmt.Sscan(offStr, &o)
			if p != path {
				t.Errorf("origin %q does not name the file", doc.Origin)
			}
			got = append(got, result{part: indexOf(starts, o), id: doc.ID})
		}
		if len(got) != len(wants) {
			t.Fatalf("got %+v\nwant %+v", got, wants)
		}
		for i, w := range wants {
			g := got[i]
			if g.part != w.part || g.id != w.id || !strings.Contains(g.reason, w.reason) || w.sentinel != nil && !errors.Is(g.sentinel, w.sentinel) {
				t.Errorf("result %d: got %+v, want %+v", i, g, w)
			}
		}
	}
}

func indexOf(starts []int, off int) int {
	for i, s := range starts {
		if s == off {
			return i
		}
	}
	return -1
}

// The size limit applies to each record that would be a document, and
// only to those: a large image is passed over as any image is.
func TestReadWARCLimit(t *testing.T) {
	var b bytes.Buffer
	w := warc.NewWriter(&b, true)
	big := strings.Repeat("<p>The harbour at Port Ellis closed on Monday after a winter storm.</p>\n", 100)
	for _, err := range []error{
		w.WriteResponse("https://news.example.com/big", crawlDate, 200, "text/html", []byte("<html><body><article>"+big+"</article></body></html>")),
		w.WriteResponse("https://news.example.com/photo.jpg", crawlDate, 200, "image/jpeg", bytes.Repeat([]byte{0xff, 0xd8, 0}, 5000)),
		w.WriteResponse("https://news.example.com/storm", crawlDate, 200, "text/html", []byte(samplePage)),
		w.WriteRecord(warc.Header{field("WARC-Type", "response"), field("WARC-Target-URI", "https://news.example.com/bomb")},
			append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"), gz(t, "<p>"+strings.Repeat("a", 1<<20))...)),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "limit.warc.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := readAll(t, []string{path}, Options{MaxBytes: 4096})
	if len(r.docs) != 1 || r.docs[0].ID != "news.example.com-storm" || len(r.errs) != 2 {
		t.Fatalf("got %d docs and errors %v; want the small page and two errors", len(r.docs), r.errs)
	}
	for i, want := range []string{"https://news.example.com/big: record larger than the 4 KiB limit", "https://news.example.com/bomb: page larger than the 4 KiB limit"} {
		if !errors.Is(r.errs[i], ErrTooLarge) || !strings.Contains(r.errs[i].Error(), want) {
			t.Errorf("error %v: want ErrTooLarge saying %q", r.errs[i], want)
		}
	}
}

func TestReadWARCStdin(t *testing.T) {
	data := buildCrawl(t, true)
	r := readAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(data)})
	if len(r.errs) > 0 || len(r.docs) != 6 {
		t.Fatalf("got %d docs, errors %v; want 6", len(r.docs), r.errs)
	}
	if d := r.docs[0]; d.Format != FormatWARC || !strings.HasPrefix(d.Origin, "-#") || d.Raw != nil {
		t.Errorf("got format %q origin %q, raw %d bytes; want warc from -#OFFSET, no raw", d.Format, d.Origin, len(d.Raw))
	}
	r = readAll(t, []string{"-"}, Options{Stdin: strings.NewReader("WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n")})
	if len(r.docs)+len(r.errs) != 0 {
		t.Errorf("a WARC of no pages gave %+v", r)
	}
}

func TestReadWARCEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.warc")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := readAll(t, []string{path}, Options{})
	if len(r.errs) != 1 || !errors.Is(r.errs[0], ErrEmpty) {
		t.Errorf("got %v, want one ErrEmpty", r.errs)
	}
}

// Count agrees with Read on a folder that holds WARC files.
func TestCountWARC(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.warc.gz"), buildCrawl(t, true), 0o644)
	os.WriteFile(filepath.Join(dir, "b.warc"), buildCrawl(t, false), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte(sampleText), 0o644)
	read := 0
	for range Read(context.Background(), []string{dir}, Options{}) {
		read++
	}
	got, ok := Count(context.Background(), []string{dir})
	if !ok || got != int64(read) || read != 13 {
		t.Errorf("Count = %d, %v; Read yields %d, want 13", got, ok, read)
	}
}

func TestIDFromURI(t *testing.T) {
	tests := []struct{ uri, want string }{
		{"https://www.example.com/news/Storm.html?x=1#top", "example.com-news-storm"},
		{"http://example.com/", "example.com"},
		{"http://example.com", "example.com"},
		{"https://example.com/2024/03/05/storm_closes-harbour/", "example.com-2024-03-05-storm-closes-harbour"},
		{"https://example.com/a%20b/index.php", "example.com-a-b-index"},
		{"https://例え.jp/ニュース/記事", "例え.jp-ニュース-記事"},
		{"https://example.com/report.pdf", "example.com-report.pdf"},
		{"https://example.com/" + strings.Repeat("word-", 60), "example.com-" + strings.Repeat("word-", 60)[:maxIDBytes-len("example.com-")]},
		{"urn:x:notes", ""},
		{"/relative", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := idFromURI(tt.uri); got != tt.want {
			t.Errorf("idFromURI(%q) = %q, want %q", tt.uri, got, tt.want)
		}
	}
}

// articlePage writes a plausible news page: navigation, a headline, a
// byline and date, eight to fourteen paragraphs, a sidebar and a footer.
func articlePage(rng *rand.Rand, i int) string {
	words := strings.Fields("the council said on monday that the harbour would reopen after repairs to the pier " +
		"officials warned residents of further storms while ferry operators reported delays and " +
		"the minister announced new funding for coastal defences in a statement to reporters " +
		"police confirmed two arrests after the protest outside parliament where thousands gathered " +
		"economists expect inflation to ease as energy prices fall and the central bank holds rates")
	sentence := func() string {
		n := 12 + rng.IntN(18)
		s := make([]string, n)
		for j := range s {
			s[j] = words[rng.IntN(len(words))]
		}
		s[0] = strings.ToUpper(s[0][:1]) + s[0][1:]
		return strings.Join(s, " ") + "."
	}
	var b strings.Builder
	title := strings.TrimSuffix(sentence(), ".")
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Daily Example</title>
<meta property="og:site_name" content="Daily Example"><meta name="author" content="Reporter %d">
<meta property="article:published_time" content="2025-01-%02dT08:00:00Z"><script>window.dataLayer=[];</script></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/business">Business</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By Reporter %d</p>`, title, i%50, 1+i%28, title, i%50)
	for range 8 + rng.IntN(7) {
		b.WriteString("<p>")
		for range 2 + rng.IntN(3) {
			b.WriteString(sentence() + " ")
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article></main><aside><h3>Most read</h3><ul><li><a href="/a">Council approves budget</a></li><li><a href="/b">Team wins cup</a></li></ul></aside>
<footer><p>&copy; 2025 Daily Example</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}

// BenchmarkReadWARC reads a gzipped WARC of article pages, each with its
// request record beside it as crawlers write them, through Read.
func BenchmarkReadWARC(b *testing.B) {
	const n = 3000
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, true)
	w.WriteInfo(warc.Header{field("software", "stemma benchmark")})
	for i := range n {
		uri := fmt.Sprintf("https://news%d.example.com/2025/01/story-%d", i%40, i)
		if err := w.WriteResponse(uri, crawlDate, 200, "text/html; charset=utf-8", []byte(articlePage(rng, i))); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(b.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	docs := 0
	for b.Loop() {
		for doc, err := range Read(context.Background(), []string{path}, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			_ = doc
			docs++
		}
	}
	if docs != n*b.N {
		b.Fatalf("read %d documents in %d runs of %d", docs, b.N, n)
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(buf.Len())/float64(n), "gzip-bytes/article")
}
