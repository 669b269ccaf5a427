//go:build unix

package server

// A small client of the W3C WebDriver protocol, just enough to drive a
// headless Chromium through chromedriver in TestBrowserStoryPage: no
// dependency beyond net/http. See https://www.w3.org/TR/webdriver2/.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// elementKey names an element reference in WebDriver's JSON.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// requestTimeout bounds each WebDriver request: chromedriver answers a
// navigation once the page has loaded, which the session's own page load
// timeout bounds more tightly.
const requestTimeout = 20 * time.Second

// driver is a chromedriver process, in a process group of its own with
// the browsers it starts, so that stop can kill them all.
type wdDriver struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	client *http.Client
	exited chan struct{} // closed once cmd.Wait returned
}

// startDriver starts chromedriver on a free loopback port, logging to
// logPath, and waits until it reports itself ready.
func startDriver(ctx context.Context, path, logPath string) (*wdDriver, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path, "--port="+strconv.Itoa(port), "--log-path="+logPath)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Stdout and stderr go to /dev/null rather than through a pipe the
	// browser would inherit and Wait would wait on: the log file has it all.
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("webdriver: start %s: %w", path, err)
	}
	d := &wdDriver{cmd: cmd, base: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{}, exited: make(chan struct{})}
	go func() { cmd.Wait(); close(d.exited) }()
	if err := d.waitReady(ctx); err != nil {
		d.stop()
		return nil, err
	}
	return d, nil
}

// freePort returns a loopback port nothing listened on a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("webdriver: free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls GET /status until chromedriver says it is ready.
func (d *wdDriver) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var last error
	for {
		var st struct {
			Ready   bool   `json:"ready"`
			Message string `json:"message"`
		}
		if last = d.call(ctx, http.MethodGet, "/status", nil, &st); last == nil {
			if st.Ready {
				return nil
			}
			last = fmt.Errorf("not ready: %s", st.Message)
		}
		select {
		case <-d.exited:
			return fmt.Errorf("webdriver: chromedriver exited before it was ready (%v): %w", d.cmd.ProcessState, last)
		case <-ctx.Done():
			return fmt.Errorf("webdriver: chromedriver not ready: %w", errors.Join(ctx.Err(), last))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// stop kills chromedriver and every process of its group (the browser
// and its helpers), and waits for chromedriver to be reaped.
func (d *wdDriver) stop() {
	if p := d.cmd.Process; p != nil {
		syscall.Kill(-p.Pid, syscall.SIGKILL)
	}
	select {
	case <-d.exited:
	case <-time.After(5 * time.Second):
	}
}

// wdError is an error as WebDriver answers it.
type wdError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// call sends a command and decodes the "value" of its answer into out
// (when not nil).
func (d *wdDriver) call(ctx context.Context, method, path string, in, out any) error {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("webdriver: %s %s: %w", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, body)
	if err != nil {
		return fmt.Errorf("webdriver: %s %s: %w", method, path, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("webdriver: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("webdriver: %s %s: reading the answer: %w", method, path, err)
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return fmt.Errorf("webdriver: %s %s: %s: %w in %.200q", method, path, resp.Status, err, b)
	}
	if resp.StatusCode != http.StatusOK {
		var e wdError
		if json.Unmarshal(env.Value, &e) == nil && e.Error != "" {
			return fmt.Errorf("webdriver: %s %s: %s: %s", method, path, e.Error, strings.TrimPrefix(e.Message, e.Error+": "))
		}
		return fmt.Errorf("webdriver: %s %s: %s: %.200q", method, path, resp.Status, b)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Value, out); err != nil {
		return fmt.Errorf("webdriver: %s %s: decoding %.200q: %w", method, path, env.Value, err)
	}
	return nil
}

// session is a browser session.
type wdSession struct {
	d    *wdDriver
	path string // /session/ID
}

// newSession starts a browser: the Chromium binary with args.
func (d *wdDriver) newSession(ctx context.Context, binary string, args []string) (*wdSession, error) {
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":      "chrome",
		"pageLoadStrategy": "normal",
		"timeouts":         map[string]int{"implicit": 0, "pageLoad": 15_000, "script": 5_000},
		"goog:chromeOptions": map[string]any{
			"binary": binary,
			"args":   args,
		},
	}}}
	var out struct {
		SessionID string `json:"sessionId"`
	}
	if err := d.call(ctx, http.MethodPost, "/session", caps, &out); err != nil {
		return nil, err
	}
	if out.SessionID == "" {
		return nil, errors.New("webdriver: new session: no session ID")
	}
	return &wdSession{d: d, path: "/session/" + out.SessionID}, nil
}

func (s *wdSession) call(ctx context.Context, method, path string, in, out any) error {
	return s.d.call(ctx, method, s.path+path, in, out)
}

// close ends the session, which closes the browser.
func (s *wdSession) close(ctx context.Context) error {
	return s.call(ctx, http.MethodDelete, "", nil, nil)
}

// navigate loads url and returns once it has loaded.
func (s *wdSession) navigate(ctx context.Context, url string) error {
	return s.call(ctx, http.MethodPost, "/url", map[string]string{"url": url}, nil)
}

// url is the address of the current page.
func (s *wdSession) url(ctx context.Context) (string, error) {
	var u string
	err := s.call(ctx, http.MethodGet, "/url", nil, &u)
	return u, err
}

// execute runs a script's body in the page, with args (a *wdElement is
// passed as the element), and decodes what it returns into out.
func (s *wdSession) execute(ctx context.Context, out any, script string, args ...any) error {
	if args == nil {
		args = []any{}
	}
	return s.call(ctx, http.MethodPost, "/execute/sync", map[string]any{"script": script, "args": args}, out)
}

// screenshot returns the viewport as a PNG.
func (s *wdSession) screenshot(ctx context.Context) ([]byte, error) {
	var b64 string
	if err := s.call(ctx, http.MethodGet, "/screenshot", nil, &b64); err != nil {
		return nil, err
	}
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("webdriver: screenshot: %w", err)
	}
	return png, nil
}

// fullScreenshot returns the whole page, beyond the viewport, as a PNG,
// through chromedriver's DevTools command (WebDriver has none for it).
func (s *wdSession) fullScreenshot(ctx context.Context) ([]byte, error) {
	var out struct {
		Data string `json:"data"`
	}
	cmd := map[string]any{"cmd": "Page.captureScreenshot", "params": map[string]any{"format": "png", "captureBeyondViewport": true}}
	if err := s.call(ctx, http.MethodPost, "/goog/cdp/execute", cmd, &out); err != nil {
		return nil, err
	}
	png, err := base64.StdEncoding.DecodeString(out.Data)
	if err != nil {
		return nil, fmt.Errorf("webdriver: full screenshot: %w", err)
	}
	return png, nil
}

// saveScreenshot writes png to path.
func saveScreenshot(path string, png []byte) error {
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("webdriver: %w", err)
	}
	return nil
}

// element is an element of the current page.
type wdElement struct {
	s   *wdSession
	id  string
	css string // the selector that found it, for messages
}

// MarshalJSON passes an element to a script as WebDriver's reference.
func (e *wdElement) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{elementKey: e.id})
}

func (e *wdElement) String() string { return e.css }

type wdRef map[string]string

// find returns the first element matching a CSS selector, an error if
// none does.
func (s *wdSession) find(ctx context.Context, css string) (*wdElement, error) {
	return s.findFrom(ctx, "", css)
}

// findAll returns the elements matching a CSS selector, maybe none.
func (s *wdSession) findAll(ctx context.Context, css string) ([]*wdElement, error) {
	return s.findAllFrom(ctx, "", css)
}

// find returns the first element under e matching a CSS selector.
func (e *wdElement) find(ctx context.Context, css string) (*wdElement, error) {
	return e.s.findFrom(ctx, "/element/"+e.id, css)
}

// findAll returns the elements under e matching a CSS selector.
func (e *wdElement) findAll(ctx context.Context, css string) ([]*wdElement, error) {
	return e.s.findAllFrom(ctx, "/element/"+e.id, css)
}

func (s *wdSession) findFrom(ctx context.Context, from, css string) (*wdElement, error) {
	var ref wdRef
	if err := s.call(ctx, http.MethodPost, from+"/element", map[string]string{"using": "css selector", "value": css}, &ref); err != nil {
		return nil, err
	}
	return &wdElement{s: s, id: ref[elementKey], css: css}, nil
}

func (s *wdSession) findAllFrom(ctx context.Context, from, css string) ([]*wdElement, error) {
	var refs []wdRef
	if err := s.call(ctx, http.MethodPost, from+"/elements", map[string]string{"using": "css selector", "value": css}, &refs); err != nil {
		return nil, err
	}
	out := make([]*wdElement, len(refs))
	for i, r := range refs {
		out[i] = &wdElement{s: s, id: r[elementKey], css: css}
	}
	return out, nil
}

func (e *wdElement) call(ctx context.Context, method, path string, in, out any) error {
	return e.s.call(ctx, method, "/element/"+e.id+path, in, out)
}

// displayed says whether the element is rendered visibly, as WebDriver
// judges it.
func (e *wdElement) displayed(ctx context.Context) (bool, error) {
	var ok bool
	err := e.call(ctx, http.MethodGet, "/displayed", nil, &ok)
	return ok, err
}

// wdRect is an element's box in CSS pixels, relative to the document.
type wdRect struct{ X, Y, Width, Height float64 }

func (e *wdElement) rect(ctx context.Context) (wdRect, error) {
	var r wdRect
	err := e.call(ctx, http.MethodGet, "/rect", nil, &r)
	return r, err
}

// text is the element's rendered text.
func (e *wdElement) text(ctx context.Context) (string, error) {
	var s string
	err := e.call(ctx, http.MethodGet, "/text", nil, &s)
	return s, err
}

// attr is one of the element's attributes, "" when it has none.
func (e *wdElement) attr(ctx context.Context, name string) (string, error) {
	var s *string
	if err := e.call(ctx, http.MethodGet, "/attribute/"+name, nil, &s); err != nil || s == nil {
		return "", err
	}
	return *s, nil
}

// cssValue is the computed value of a CSS property of the element.
func (e *wdElement) cssValue(ctx context.Context, prop string) (string, error) {
	var s string
	err := e.call(ctx, http.MethodGet, "/css/"+prop, nil, &s)
	return s, err
}

// click clicks the element in its centre, scrolling it into view first;
// a link followed is loaded before it returns.
func (e *wdElement) click(ctx context.Context) error {
	return e.call(ctx, http.MethodPost, "/click", map[string]any{}, nil)
}

// setWindowSize resizes the browser's window, in headless mode its
// viewport.
func (s *wdSession) setWindowSize(ctx context.Context, width, height int) error {
	return s.call(ctx, http.MethodPost, "/window/rect", map[string]int{"width": width, "height": height}, nil)
}
