package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// Defaults for the zero fields of Options.
const (
	DefaultMaxBytes     = 8 << 20
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
)

// ErrTooLarge is matched, with errors.Is, by the error of a response whose
// body exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("response too large")

// Options configures a Client. The zero value is a safe default.
type Options struct {
	// AllowPrivate lets the client connect to loopback, private,
	// link-local and other non-public addresses. Off by default, so that
	// addresses from feeds and redirects cannot reach local services.
	AllowPrivate bool
	// MaxBytes bounds a response body, after decompression;
	// DefaultMaxBytes when 0.
	MaxBytes int64
	// Timeout bounds a whole request, redirects and body included;
	// DefaultTimeout when 0.
	Timeout time.Duration
	// UserAgent is sent with every request; when empty,
	// "stemma/<version> (+https://github.com/stemma-news/stemma)".
	UserAgent string
	// MaxRedirects is how many redirects a request may follow:
	// DefaultMaxRedirects when 0, none when negative.
	MaxRedirects int
	// Logger receives a debug record for each request; nil discards them.
	Logger *slog.Logger
}

// Conditional holds the validators of a copy already held, from an
// earlier Response; a server that has nothing newer answers 304 Not
// Modified instead of sending the body again.
type Conditional struct {
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
}

// Response is a completed request.
type Response struct {
	URL          string // the final address, after redirects
	Status       int    // the HTTP status code
	NotModified  bool   // the server answered 304: Body is empty, the copy held is current
	ETag         string // validators to send next time; on 304, those sent when the server gave none
	LastModified string
	ContentType  string // the Content-Type header as sent
	Body         []byte // decompressed; at most Options.MaxBytes long
	Fetched      time.Time
}

// StatusError is the error of a response whose status is neither 2xx nor
// 304 Not Modified.
type StatusError struct {
	URL    string // the address that answered, after redirects
	Code   int    // 404
	Status string // "404 Not Found"
}

func (e *StatusError) Error() string {
	return "server answered " + e.Status
}

// Client fetches untrusted URLs. It is safe for concurrent use.
type Client struct {
	opt  Options
	http *http.Client
	log  *slog.Logger

	// allow, when set, lets addresses through before the private-address
	// check. Tests use it to reach one httptest server on loopback while
	// every other loopback address is still refused.
	allow func(netip.AddrPort) bool
}

// New returns a Client configured by opt.
func New(opt Options) *Client {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.UserAgent == "" {
		opt.UserAgent = defaultUserAgent()
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	c := &Client{opt: opt, log: opt.Logger}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	dialer := &net.Dialer{
		Timeout:   min(opt.Timeout, 10*time.Second),
		KeepAlive: 30 * time.Second,
		Control:   c.control,
	}
	transport := &http.Transport{
		// No Proxy: through a proxy the dial check would only see the
		// proxy's address, never the one the request is for.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	c.http = &http.Client{
		Transport:     transport,
		Timeout:       opt.Timeout,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// defaultUserAgent names stemma and its version, as the build recorded it,
// and where to find out what it is.
func defaultUserAgent() string {
	version := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		version = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "stemma/" + version + " (+https://github.com/stemma-news/stemma)"
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.opt.MaxRedirects < 0 {
		return http.ErrUseLastResponse
	}
	if len(via) > c.opt.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", c.opt.MaxRedirects)
	}
	return checkScheme(req.URL)
}

func checkScheme(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	default:
		return fmt.Errorf("unsupported scheme %q: only http and https are fetched", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("no host in URL")
	}
	return nil
}

// accepted is sent as the Accept header: pages and feeds, which is what
// stemma reads, and anything else rather than a 406.
const accepted = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, " +
	"application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// Get fetches rawURL, sending the validators of cond when they are set.
// It follows redirects, and refuses non-public addresses unless allowed.
// A status other than 2xx or 304 is an error (a *StatusError within);
// a 304 is a Response with NotModified set and no Body.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: invalid URL: %w", rawURL, err)
	}
	name := u.Redacted()
	if err := checkScheme(u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", accepted)
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, requestError(name, err))
	}
	defer resp.Body.Close()

	r := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		ContentType:  resp.Header.Get("Content-Type"),
		Fetched:      start,
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified = true
		// A 304 need not repeat the validators; the ones sent still hold.
		if r.ETag == "" {
			r.ETag = cond.ETag
		}
		if r.LastModified == "" {
			r.LastModified = cond.LastModified
		}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("fetch %s: %w", name, &StatusError{URL: r.URL, Code: resp.StatusCode, Status: resp.Status})
	default:
		if r.Body, err = c.readBody(resp); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", name, err)
		}
	}
	c.log.DebugContext(ctx, "fetched", "url", name, "final", r.URL, "status", r.Status,
		"bytes", len(r.Body), "elapsed", time.Since(start).Round(time.Millisecond))
	return r, nil
}

// readBody reads resp's body, at most MaxBytes of it. The limit applies to
// the bytes after decompression, so a small gzip bomb is stopped too.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	limit := c.opt.MaxBytes
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	return body, nil
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: body exceeds the limit of %s", ErrTooLarge, size(limit))
}

// size writes n bytes the way a limit is usually given.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// requestError rewords an error of http.Client.Do, whose *url.Error would
// repeat the method and URL the caller already names: only a refusal, or
// the address a redirect led to, is worth adding.
func requestError(name string, err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	cause := ue.Err
	var r *refusal
	if errors.As(cause, &r) {
		cause = r // the dial error around it only repeats the address
	}
	if ue.URL != name {
		return fmt.Errorf("redirected to %s: %w", ue.URL, cause)
	}
	return cause
}
