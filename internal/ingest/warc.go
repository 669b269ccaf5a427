package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
	"golang.org/x/net/html/charset"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/warc"
)

// ParseWARC reads the articles of a WARC file (see internal/warc) from r,
// decompressed already. name is the input's name, used in Origin and
// errors as "name#OFFSET", OFFSET being where the record starts in the
// decompressed file.
//
// Each response record holding a 2xx HTTP response of HTML (text/html,
// application/xhtml+xml, or no type and markup that sniffs as HTML), and
// each resource record of HTML, is read by the HTML reader; plain text is
// read as a text file. Every other record (requests, metadata, revisits,
// images, redirects, errors) is skipped without a word. A document's URL
// is the record's WARC-Target-URI and its ID is made from it (see
// idFromURI); its date is the page's own, never WARC-Date, which is when
// the crawler came by. Raw, when kept, is the record's payload: the HTTP
// response as received, headers and all.
//
// The file is streamed: opt.MaxBytes bounds each record that would become
// a document, not the file. A malformed record, or an HTML record with no
// article in it, yields an *Error and the next record is read.
func ParseWARC(ctx context.Context, r io.Reader, name string, opt Options) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		wr := warc.NewReader(r)
		s := newWARCState(opt)
		fallback := document.IDFromPath(name)
		if name == "-" {
			fallback = "stdin"
		}
		// Records are read in order; their pages, whose extraction is
		// most of the work, are parsed on every core, and come out in
		// order again.
		type loaded struct {
			p   *page
			err error // about the record: *Error
		}
		type parsed struct {
			doc *document.Document
			p   *page
			err error
		}
		records := func(yield func(loaded) bool) {
			for {
				if err := ctx.Err(); err != nil {
					yield(loaded{err: err})
					return
				}
				rec, err := wr.Next()
				if errors.Is(err, io.EOF) {
					return
				}
				if err != nil {
					if !yield(loaded{err: recordFail(name, err)}) {
						return
					}
					continue
				}
				p, err := s.load(rec)
				if err != nil {
					err = pageFail(name, rec, err)
				}
				if (p != nil || err != nil) && !yield(loaded{p, err}) {
					return
				}
			}
		}
		seen := map[uint64]int{} // hashes of the ids given so far, and how often
		for out := range inOrder(ctx, opt.workers(), records, func(l loaded) parsed {
			if l.err != nil {
				return parsed{err: l.err}
			}
			doc, err := s.parse(l.p)
			if err != nil {
				err = pageFail(name, &warc.Record{Offset: l.p.offset, TargetURI: l.p.uri}, err)
			}
			return parsed{doc, l.p, err}
		}) {
			if out.err != nil {
				if !yield(nil, out.err) || ctx.Err() != nil {
					return
				}
				continue
			}
			doc, p := out.doc, out.p
			doc.Origin = where(name, p.offset)
			id := idFromURI(p.uri)
			if id == "" {
				id = fallback + "#" + strconv.FormatInt(p.offset, 10)
			}
			// Crawls fetch a page more than once; each capture is a
			// document, told apart by the order they come in.
			h := xxh3.HashString(id)
			seen[h]++
			if n := seen[h]; n > 1 {
				id += "~" + strconv.Itoa(n)
			}
			doc.ID = id
			if !yield(doc, nil) {
				return
			}
		}
	}
}

func where(name string, offset int64) string {
	return name + "#" + strconv.FormatInt(offset, 10)
}

// recordFail turns an error of the WARC reader into an *Error naming the
// record as "name#OFFSET".
func recordFail(name string, err error) *Error {
	var re *warc.RecordError
	if !errors.As(err, &re) {
		return fail(name, err)
	}
	msg := re.Err.Error()
	if re.RecordID != "" {
		msg = "record " + re.RecordID + ": " + msg
	}
	cause := error(re)
	if errors.Is(err, warc.ErrMalformed) {
		cause = errors.Join(ErrMalformed, re)
	}
	return &Error{Path: where(name, re.Offset), Reason: oneLine(msg), Err: &reason{msg: msg, err: cause}}
}

// pageFail reports a record that should have been an article and is not,
// naming the page as well as the record.
func pageFail(name string, rec *warc.Record, err error) *Error {
	var re *warc.RecordError
	if errors.As(err, &re) {
		return recordFail(name, err)
	}
	if rec.TargetURI != "" {
		err = &reason{msg: rec.TargetURI + ": " + err.Error(), err: err}
	}
	return fail(where(name, rec.Offset), err)
}

// warcState is what reading one WARC file keeps from record to record.
type warcState struct {
	opt   Options
	block catcher       // the current record's block
	peek  *bufio.Reader // over block, to look at the HTTP header before reading on
}

// catcher keeps the error a record's block ended with. A block reports a
// broken record end once, to whoever reads it first: when that is the
// peek buffer, the record must not then be passed over in silence.
type catcher struct {
	r   io.Reader
	err error
}

func (c *catcher) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && c.err == nil {
		c.err = err
	}
	return n, err
}

// peekSize bounds the HTTP header of a record looked at: real ones take
// a kilobyte or two.
const peekSize = 64 << 10

func newWARCState(opt Options) *warcState {
	s := &warcState{opt: opt}
	s.peek = bufio.NewReaderSize(&s.block, peekSize)
	return s
}

// candidate is a record that is to become a document.
type candidate struct {
	format  string // FormatHTML or FormatText
	charset string // declared in the HTTP header
	http    bool   // the payload is an HTTP response, not the page itself
}

// classify decides from a record's header and the start of its block
// whether it is an article. It reads nothing: what it looks at is
// peeked through s.peek, which it resets to rec.Body. An error is about
// the record, article or not.
func (s *warcState) classify(rec *warc.Record) (candidate, bool, error) {
	s.block = catcher{r: rec.Body}
	s.peek.Reset(&s.block)
	c, ok, err := s.kind(rec)
	if s.block.err != nil {
		return c, false, s.block.err
	}
	return c, ok, err
}

func (s *warcState) kind(rec *warc.Record) (candidate, bool, error) {
	var c candidate
	switch rec.Type {
	case "response":
		mt, _, _ := mime.ParseMediaType(rec.ContentType)
		if mt != "application/http" && !(mt == "" && rec.ContentType == "") {
			return c, false, nil // DNS lookups and the like
		}
		c.http = true
	case "resource":
	default:
		return c, false, nil
	}
	ctype := rec.ContentType
	var entity []byte
	if c.http {
		resp, end, err := s.peekHTTP()
		if err != nil {
			return c, false, err
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return c, false, nil
		}
		ctype = resp.Header.Get("Content-Type")
		if ctype == "" && resp.Header.Get("Content-Encoding") == "" {
			p, _ := s.peek.Peek(end + 512)
			entity = p[min(end, len(p)):]
		}
	} else if ctype == "" {
		entity, _ = s.peek.Peek(512)
	}
	c.format, c.charset = payloadFormat(ctype, entity)
	return c, c.format != "", nil
}

// peekHTTP parses the HTTP header at the start of the peeked block, and
// returns it with its length. The header is peeked a little at a time,
// since most records are images and only their header is wanted.
func (s *warcState) peekHTTP() (*http.Response, int, error) {
	for n := 4 << 10; ; n *= 4 {
		n = min(n, s.peek.Size())
		p, perr := s.peek.Peek(n)
		resp, end, err := readHTTPHeader(p)
		if err == nil {
			return resp, end, nil
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) || perr != nil || n == s.peek.Size() {
			if len(p) == s.peek.Size() {
				return nil, 0, refuse(ErrMalformed, "HTTP header longer than %s", humanBytes(int64(len(p))))
			}
			return nil, 0, refuse(ErrMalformed, "malformed HTTP response: %s", oneLine(err.Error()))
		}
	}
}

// readHTTPHeader parses the status line and header of an HTTP response
// at the start of p, and says how many bytes they take.
func readHTTPHeader(p []byte) (*http.Response, int, error) {
	r := bytes.NewReader(p)
	var src io.Reader = r
	// Crawlers that speak HTTP/2 or 3 write its status line in the
	// HTTP/1 form, with their own version, which net/http refuses.
	shift := 0
	for _, v := range []string{"HTTP/2 ", "HTTP/2.0 ", "HTTP/3 ", "HTTP/3.0 "} {
		if bytes.HasPrefix(p, []byte(v)) {
			r.Seek(int64(len(v)), io.SeekStart)
			src = io.MultiReader(strings.NewReader("HTTP/1.1 "), r)
			shift = len(v) - len("HTTP/1.1 ")
			break
		}
	}
	br := bufio.NewReaderSize(src, 4096)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, 0, err
	}
	return resp, len(p) - r.Len() - br.Buffered() + shift, nil
}

// payloadFormat says what a payload of Content-Type ctype is read as, ""
// if it is not an article, and its declared charset. Without a type,
// markup that sniffs as HTML is HTML; anything else is passed over.
func payloadFormat(ctype string, head []byte) (format, cs string) {
	if strings.TrimSpace(ctype) == "" {
		if len(head) > 0 && strings.HasPrefix(http.DetectContentType(head), "text/html") {
			return FormatHTML, ""
		}
		return "", ""
	}
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		// Servers send types such as "text/html;;charset=utf-8": the
		// media type before the first ';' is still right.
		mt, _, _ = strings.Cut(strings.ToLower(ctype), ";")
		mt = strings.TrimSpace(mt)
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML, params["charset"]
	case "text/plain":
		return FormatText, params["charset"]
	}
	return "", ""
}

// page is an article record read whole, for parse.
type page struct {
	c       candidate
	uri     string
	offset  int64
	payload []byte
}

// load reads the article of rec whole: nil if rec is not one, or an error
// naming why it could not be read. It reads the file, so pages are
// loaded one at a time, in order.
func (s *warcState) load(rec *warc.Record) (*page, error) {
	c, ok, err := s.classify(rec)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	limit := s.opt.maxBytes()
	if rec.Length > limit {
		return nil, refuse(ErrTooLarge, "record larger than the %s limit (--max-bytes)", humanBytes(limit))
	}
	payload := make([]byte, rec.Length)
	if _, err := io.ReadFull(s.peek, payload); err != nil {
		return nil, err
	}
	// Read on to the end of the record, so that one whose end is broken
	// is reported instead of becoming a document.
	var one [1]byte
	if _, err := s.peek.Read(one[:]); !errors.Is(err, io.EOF) {
		return nil, err
	}
	return &page{c: c, uri: rec.TargetURI, offset: rec.Offset, payload: payload}, nil
}

// parse makes the document of a loaded page. It reads nothing but the
// page, so pages are parsed in parallel.
func (s *warcState) parse(p *page) (*document.Document, error) {
	limit := s.opt.maxBytes()
	entity, cs := p.payload, p.c.charset
	var err error
	if p.c.http {
		entity, err = httpEntity(p.payload, limit)
		if err != nil {
			return nil, err
		}
	}
	var doc *document.Document
	switch p.c.format {
	case FormatHTML:
		doc, err = parseHTML(entity, p.uri, cs)
	default:
		if cs != "" && !utf8.Valid(entity) {
			if enc, _ := charset.Lookup(cs); enc != nil {
				if dec, derr := enc.NewDecoder().Bytes(entity); derr == nil {
					entity = dec
				}
			}
		}
		doc, err = ParseText(bytes.NewReader(entity))
	}
	if err != nil {
		return nil, err
	}
	doc.Format = FormatWARC
	if uri := p.uri; uri != "" {
		// The page is where the crawler found it, whatever it calls
		// itself; a site name read off the canonical link follows it.
		if doc.Site == "" || doc.Site == hostOf(doc.URL, "") {
			doc.Site = hostOf(uri, doc.Site)
		}
		doc.URL = uri
	}
	if s.opt.KeepRaw {
		doc.Raw = p.payload
	}
	return doc, nil
}

// httpEntity returns the body of the HTTP response payload, undoing its
// transfer and content encodings. The WARC record, not the HTTP
// Content-Length, says where the response ends: writers that store a
// decoded body often leave the original length in place.
func httpEntity(payload []byte, limit int64) ([]byte, error) {
	resp, end, err := readHTTPHeader(payload)
	if err != nil {
		return nil, refuse(ErrMalformed, "malformed HTTP response: %s", oneLine(err.Error()))
	}
	entity := payload[end:]
	if slices.Contains(resp.TransferEncoding, "chunked") && chunkSize.Match(entity) {
		// Some writers store the body de-chunked and keep the header,
		// hence the look at the first line; a body cut short (crawlers
		// truncate large ones) keeps the chunks it has.
		entity, _ = io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(entity)))
	}
	codings := strings.Split(resp.Header.Get("Content-Encoding"), ",")
	for _, coding := range slices.Backward(codings) {
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" || coding == "identity" || isMarkup(entity) {
			continue // not encoded, or stored decoded as some writers do
		}
		switch coding {
		case "gzip", "x-gzip", "deflate":
			if entity, err = inflate(entity, coding, limit); err != nil {
				return nil, err
			}
		default:
			return nil, refuse(ErrMalformed, "unsupported Content-Encoding %q", coding)
		}
	}
	return entity, nil
}

// chunkSize matches the first line of a chunked body.
var chunkSize = regexp.MustCompile(`^[0-9a-fA-F]{1,8}[ \t]*(;[^\r\n]*)?\r?\n`)

// isMarkup reports a body that is already text: encoded ones never are.
func isMarkup(body []byte) bool {
	return strings.HasPrefix(http.DetectContentType(body), "text/")
}

// inflate decodes a gzip or deflate body, refusing more than limit bytes
// of output: a small record may be a compression bomb.
func inflate(data []byte, coding string, limit int64) ([]byte, error) {
	var zr io.Reader
	var err error
	switch coding {
	case "deflate":
		// "deflate" is meant to be zlib, but servers send raw deflate too.
		if zr, err = zlib.NewReader(bytes.NewReader(data)); err != nil {
			zr, err = flate.NewReader(bytes.NewReader(data)), nil
		}
	default:
		zr, err = gzip.NewReader(bytes.NewReader(data))
	}
	if err != nil {
		return nil, refuse(ErrMalformed, "corrupt %s content: %s", coding, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, refuse(ErrMalformed, "corrupt %s content: %s", coding, err)
	}
	if int64(len(out)) > limit {
		return nil, refuse(ErrTooLarge, "page larger than the %s limit (--max-bytes) once decompressed", humanBytes(limit))
	}
	return out, nil
}

// idFromURI makes a document id of a page address: its host without
// "www." and its path, lower case, every run of other characters than
// letters, digits and dots turned into one '-', and a page extension
// such as ".html" dropped: "https://www.example.com/news/Storm.html?x=1"
// gives "example.com-news-storm". It is "" for an address without host.
func idFromURI(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	p := u.Path
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp":
		p = strings.TrimSuffix(p, path.Ext(p))
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimPrefix(u.Hostname(), "www.") + "/" + p) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= maxIDBytes {
				break
			}
			continue
		}
		dash = true
	}
	return b.String()
}

// maxIDBytes keeps ids from long addresses readable.
const maxIDBytes = 120

// countWARC counts the records of a WARC file that ParseWARC would make
// a document or an error of: it reads each record's header and, for
// responses, the HTTP header, but parses no page.
func countWARC(r io.Reader) int64 {
	wr := warc.NewReader(r)
	s := newWARCState(Options{})
	var n int64
	for {
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			n++ // a malformed record: ParseWARC yields an error for it
			continue
		}
		_, ok, err := s.classify(rec)
		if ok || err != nil {
			n++
		}
		if ok {
			// Read the block as ParseWARC does, so that a broken record
			// end is not counted a second time by Next.
			io.Copy(io.Discard, s.peek)
		}
	}
}
