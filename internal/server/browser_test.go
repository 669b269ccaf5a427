//go:build unix

package server

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// browserArgs run Chromium headless on a machine with no network beyond
// loopback: without the background networking switched off it waits on
// services it cannot reach.
var browserArgs = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--window-size=1280,900", "--force-device-scale-factor=1",
}

// browserTimeout bounds the whole browser test.
const browserTimeout = 45 * time.Second

// TestBrowserStoryPage ingests the seeds, opens the index in a headless
// Chromium driven through chromedriver, follows the link to the story of
// five and checks what the browser renders, not the HTML: the lineage
// graph, the five versions and the changes highlighted, then the same
// change on the side-by-side view. It saves screenshots in
// $STEMMA_SCREENSHOTS, or in a temporary directory. Without chromium and
// chromedriver it is skipped, unless STEMMA_REQUIRE_BROWSER is set (as
// .ci/run does).
func TestBrowserStoryPage(t *testing.T) {
	chromium, chromedriver := browserPaths(t)
	began := time.Now()
	e := newEnv(t, Options{})
	e.ingest(seedsDir)
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := &browserCheck{t: t, ctx: ctx, s: startBrowser(t, ctx, chromium, chromedriver), shots: screenshotDir(t)}
	s := b.s
	t.Cleanup(b.shootFailure)

	// The index: the story of five, followed by its link.
	b.navigate(e.http.URL + "/")
	var link *wdElement
	for _, row := range b.findAll("table.stories tbody tr", 1) {
		if b.text(b.in(row, "td.num")) == "5" {
			link = b.in(row, "td a")
		}
	}
	if link == nil {
		t.Fatal("the index lists no story of 5 articles")
	}
	b.onScreen(link, "the link to the story")
	b.shoot("index.png", false)
	b.click(link)
	storyURL := b.waitPath("/stories/", "")
	b.fitsWidth("the story page")

	// The lineage graph: drawn, five nodes, labelled edges, none on top
	// of another.
	svg := b.find("figure.graph svg.lineage")
	b.displayed(svg, "the lineage graph")
	graph := b.rect(svg)
	if graph.Width < 100 || graph.Height < 50 {
		t.Errorf("the lineage graph is %gx%g pixels", graph.Width, graph.Height)
	}
	if box := b.box(svg); box.Top >= box.VH {
		t.Errorf("the lineage graph is below the fold: %+v", box)
	}
	type drawn struct {
		what string
		r    wdRect
	}
	var boxes []drawn
	nodes := b.findAll("svg.lineage a.node", 5)
	if len(nodes) != 5 {
		t.Errorf("%d nodes in the lineage graph, want 5", len(nodes))
	}
	for i, n := range nodes {
		b.displayed(n, fmt.Sprintf("node %d", i))
		site := b.text(b.in(n, "text.site"))
		id := b.text(b.in(n, "text.id"))
		if site == "" || id == "" {
			t.Errorf("node %d reads %q, %q", i, site, id)
		}
		boxes = append(boxes, drawn{"node " + id, b.within(n, graph, "node "+id)})
	}
	edges := b.findAll("svg.lineage g.edge", 1)
	for i, g := range edges {
		label := b.in(g, "text")
		b.displayed(label, fmt.Sprintf("the label of edge %d", i))
		text := b.text(label)
		if !slices.Contains([]string{"duplicate", "near-duplicate", "rewrite", "partial"}, text) {
			t.Errorf("edge %d is labelled %q", i, text)
		}
		boxes = append(boxes, drawn{"label " + text, b.within(label, graph, "label "+text)})
	}
	if len(edges) < 3 {
		t.Errorf("%d edges in the lineage graph, want the AP original's three rewrites at least", len(edges))
	}
	for i, p := range boxes {
		for _, q := range boxes[i+1:] {
			if p.r.X < q.r.X+q.r.Width && q.r.X < p.r.X+p.r.Width && p.r.Y < q.r.Y+q.r.Height && q.r.Y < p.r.Y+p.r.Height {
				t.Errorf("in the lineage graph, %s %+v overlaps %s %+v", p.what, p.r, q.what, q.r)
			}
		}
	}
	t.Logf("lineage graph %gx%g: %d nodes, %d labelled edges", graph.Width, graph.Height, len(nodes), len(edges))
	b.shoot("story.png", false)
	b.shoot("story-full.png", true)

	// The five versions.
	sections := b.findAll("section.version", 5)
	if len(sections) != 5 {
		t.Errorf("%d versions on the story page, want 5", len(sections))
	}
	var former, other *wdElement
	for _, sec := range sections {
		b.displayed(sec, "a version")
		if b.text(b.in(sec, "h3")) == "" {
			t.Errorf("a version has no heading")
		}
		switch {
		case b.text(b.in(sec, "p.meta code")) == seedFormer:
			former = sec
		case strings.Contains(b.attr(sec, "class"), "role-copy"):
			other = sec
		}
	}
	if former == nil || other == nil {
		t.Fatalf("no version %s, or no other copy, on the story page", seedFormer)
	}

	// 001's node in the graph leads to its version, whose changes show
	// the President made "former", highlighted.
	anchor := b.attr(former, "id")
	b.click(b.find(`svg.lineage a.node[href="#` + anchor + `"]`))
	b.waitFor("the URL to name #"+anchor, func() (bool, error) {
		u, err := s.url(ctx)
		return strings.HasSuffix(u, "#"+anchor), err
	})
	if box := b.box(former); box.Top < 0 || box.Top >= box.VH {
		t.Errorf("the version %s is not scrolled to when its node is selected: %+v", seedFormer, box)
	}
	if c, o := b.css(former, "border-top-color"), b.css(other, "border-top-color"); c == o {
		t.Errorf("the version selected is outlined as the others are: border %s", c)
	}
	title := b.change(former, "li.change.kind-title", "former")
	b.shoot("story-change.png", false)

	// Its side-by-side view, at the same change.
	b.click(b.in(title, "a.to-compare"))
	compareURL := b.waitPath("/compare", "#change-")
	u, err := url.Parse(compareURL)
	noError(t, err)
	q := u.Query()
	if q.Get("a") != seedWire || q.Get("b") != seedFormer {
		t.Errorf("the side-by-side link compares %s with %s, want %s with %s", q.Get("a"), q.Get("b"), seedWire, seedFormer)
	}
	b.fitsWidth("the side-by-side page")
	listed := b.change(b.find("ol.changes"), "li.change.kind-title:target", "former")
	if bg := b.css(listed, "background-color"); !highlight(bg) {
		t.Errorf("the change linked to is not marked: background %q", bg)
	}
	b.shoot("compare.png", false)
	b.displayed(b.find("table.compare tr.changed"), "a row marked as changed")
	b.mark(b.find("table.compare td.a del"), "a word only in the source")
	b.mark(b.insertion("former"), `"former" inserted`)
	b.shoot("compare-row.png", false)
	b.shoot("compare-full.png", true)

	// On a phone's width, neither page is wider than the screen: the
	// graph scrolls in its own frame.
	noError(t, s.setWindowSize(ctx, 390, 844))
	b.navigate(storyURL)
	b.fitsWidth("the story page on a phone")
	b.displayed(b.find("svg.lineage"), "the lineage graph on a phone")
	b.shoot("story-phone.png", false)
	b.navigate(compareURL)
	b.fitsWidth("the side-by-side page on a phone")
	b.mark(b.insertion("former"), `"former" inserted, on a phone`)
	b.shoot("compare-phone.png", false)

	t.Logf("browser test: %v", time.Since(began).Round(time.Millisecond))
}

// browserPaths finds Chromium and chromedriver, skipping the test when
// either is missing, or failing it when STEMMA_REQUIRE_BROWSER is set.
func browserPaths(t *testing.T) (chromium, chromedriver string) {
	t.Helper()
	look := func(names ...string) string {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		return ""
	}
	chromium, chromedriver = look("chromium", "chromium-browser"), look("chromedriver")
	var missing []string
	if chromium == "" {
		missing = append(missing, "chromium")
	}
	if chromedriver == "" {
		missing = append(missing, "chromedriver")
	}
	if len(missing) > 0 {
		msg := strings.Join(missing, " and ") + " not found in PATH; install them (Debian: apt-get install chromium chromium-driver) to run the browser test"
		if os.Getenv("STEMMA_REQUIRE_BROWSER") != "" {
			t.Fatal(msg + " (STEMMA_REQUIRE_BROWSER is set)")
		}
		t.Skip(msg)
	}
	return chromium, chromedriver
}

// startBrowser starts chromedriver and a headless Chromium with a fresh
// profile; both are stopped, whatever becomes of the test, when it ends.
func startBrowser(t *testing.T, ctx context.Context, chromium, chromedriver string) *wdSession {
	t.Helper()
	dir := t.TempDir()
	logPath := filepath.Join(dir, "chromedriver.log")
	d, err := startDriver(ctx, chromedriver, logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.stop()
		if t.Failed() {
			if b, err := os.ReadFile(logPath); err == nil {
				t.Logf("the end of chromedriver's log:\n%s", b[max(0, len(b)-4000):])
			}
		}
	})
	s, err := d.newSession(ctx, chromium, append(slices.Clone(browserArgs), "--user-data-dir="+filepath.Join(dir, "profile")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.close(cctx); err != nil {
			t.Logf("closing the browser: %v", err)
		}
	})
	return s
}

// screenshotDir is $STEMMA_SCREENSHOTS, made if need be, or a temporary
// directory.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("STEMMA_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// noError fails the test at once on an error.
func noError(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// browserCheck is the browser of a test and the checks made with it,
// each failing the test.
type browserCheck struct {
	t     *testing.T
	ctx   context.Context
	s     *wdSession
	shots string
}

func (b *browserCheck) navigate(u string) {
	b.t.Helper()
	noError(b.t, b.s.navigate(b.ctx, u))
}

func (b *browserCheck) find(css string) *wdElement {
	b.t.Helper()
	e, err := b.s.find(b.ctx, css)
	noError(b.t, err)
	return e
}

// findAll returns what matches css, failing the test when fewer than
// least do.
func (b *browserCheck) findAll(css string, least int) []*wdElement {
	b.t.Helper()
	els, err := b.s.findAll(b.ctx, css)
	noError(b.t, err)
	if len(els) < least {
		b.t.Fatalf("%d elements match %q, want %d at least", len(els), css, least)
	}
	return els
}

// in returns the first element under e matching css.
func (b *browserCheck) in(e *wdElement, css string) *wdElement {
	b.t.Helper()
	el, err := e.find(b.ctx, css)
	noError(b.t, err)
	return el
}

// all returns the elements under e matching css, maybe none.
func (b *browserCheck) all(e *wdElement, css string) []*wdElement {
	b.t.Helper()
	els, err := e.findAll(b.ctx, css)
	noError(b.t, err)
	return els
}

func (b *browserCheck) text(e *wdElement) string {
	b.t.Helper()
	s, err := e.text(b.ctx)
	noError(b.t, err)
	return s
}

func (b *browserCheck) attr(e *wdElement, name string) string {
	b.t.Helper()
	s, err := e.attr(b.ctx, name)
	noError(b.t, err)
	return s
}

func (b *browserCheck) css(e *wdElement, prop string) string {
	b.t.Helper()
	s, err := e.cssValue(b.ctx, prop)
	noError(b.t, err)
	return s
}

func (b *browserCheck) rect(e *wdElement) wdRect {
	b.t.Helper()
	r, err := e.rect(b.ctx)
	noError(b.t, err)
	return r
}

// click clicks e, which WebDriver scrolls into view first.
func (b *browserCheck) click(e *wdElement) {
	b.t.Helper()
	noError(b.t, e.click(b.ctx))
}

// waitFor polls cond for up to five seconds.
func (b *browserCheck) waitFor(what string, cond func() (bool, error)) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	for {
		ok, err := cond()
		noError(b.t, err)
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			b.t.Fatalf("waiting for %s: %v", what, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitPath waits for the browser to be on a page at path (a prefix) with
// a fragment starting with fragment, and returns its URL.
func (b *browserCheck) waitPath(path, fragment string) string {
	b.t.Helper()
	var u string
	b.waitFor("a page at "+path, func() (bool, error) {
		var err error
		if u, err = b.s.url(b.ctx); err != nil {
			return false, err
		}
		p, err := url.Parse(u)
		return err == nil && strings.HasPrefix(p.Path, path) && strings.HasPrefix(p.Fragment, strings.TrimPrefix(fragment, "#")), nil
	})
	return u
}

// displayed fails the test unless WebDriver finds e rendered.
func (b *browserCheck) displayed(e *wdElement, what string) {
	b.t.Helper()
	ok, err := e.displayed(b.ctx)
	noError(b.t, err)
	if !ok {
		b.t.Errorf("%s (%s) is not displayed", what, e)
	}
}

// within returns e's box, failing the test when it is empty or outside
// the box of its container.
func (b *browserCheck) within(e *wdElement, container wdRect, what string) wdRect {
	b.t.Helper()
	r := b.rect(e)
	if r.Width <= 0 || r.Height <= 0 || r.X < container.X || r.Y < container.Y ||
		r.X+r.Width > container.X+container.Width+0.5 || r.Y+r.Height > container.Y+container.Height+0.5 {
		b.t.Errorf("%s is drawn at %+v, outside the graph's %+v", what, r, container)
	}
	return r
}

// viewBox is an element's box relative to the viewport, the size of the
// viewport, and whether the element is the one hit at its own centre:
// that nothing covers it.
type viewBox struct {
	Top, Bottom, Left, Right, Width, Height float64
	VW, VH                                  float64
	OnTop                                   bool
}

// boxScript hits the centre of the element's first box: a link wrapped
// on two lines has nothing at the centre of the two.
const boxScript = `const e = arguments[0], r = e.getBoundingClientRect(), f = e.getClientRects()[0] || r;
const hit = document.elementFromPoint((f.left + f.right) / 2, (f.top + f.bottom) / 2);
return {Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Width: r.width, Height: r.height,
	VW: document.documentElement.clientWidth, VH: document.documentElement.clientHeight,
	OnTop: hit !== null && (hit === e || e.contains(hit))};`

func (b *browserCheck) box(e *wdElement) viewBox {
	b.t.Helper()
	var v viewBox
	noError(b.t, b.s.execute(b.ctx, &v, boxScript, e))
	return v
}

func (v viewBox) inViewport() bool {
	return v.Width > 0 && v.Height > 0 && v.Top >= 0 && v.Left >= 0 && v.Bottom <= v.VH && v.Right <= v.VW
}

// onScreen checks e is displayed; scrolled into view if it is below the
// fold, it must then be wholly within the viewport, not covered.
func (b *browserCheck) onScreen(e *wdElement, what string) {
	b.t.Helper()
	b.displayed(e, what)
	v := b.box(e)
	if !v.inViewport() {
		noError(b.t, b.s.execute(b.ctx, nil, `arguments[0].scrollIntoView({block: "center", inline: "nearest"});`, e))
		v = b.box(e)
	}
	if !v.inViewport() || !v.OnTop {
		b.t.Errorf("%s (%s) is not on the screen after scrolling to it: %+v", what, e, v)
	}
}

// mark checks that e is on the screen and highlighted: a background of
// its own.
func (b *browserCheck) mark(e *wdElement, what string) {
	b.t.Helper()
	b.onScreen(e, what)
	if bg := b.css(e, "background-color"); !highlight(bg) {
		b.t.Errorf("%s (%s) is not highlighted: background %q", what, e, bg)
	}
}

// change finds, among the changes under in that match css, the first
// whose text holds word; checks it is on the screen with its old and new
// words highlighted, word among them; and returns it.
func (b *browserCheck) change(in *wdElement, css, word string) *wdElement {
	b.t.Helper()
	var found *wdElement
	for _, li := range b.all(in, css) {
		if strings.Contains(b.text(li), word) {
			found = li
			break
		}
	}
	if found == nil {
		b.t.Fatalf("no change %s holding %q", css, word)
	}
	b.onScreen(found, "the change "+css)
	marks := b.all(found, "del, ins")
	var holds bool
	for _, m := range marks {
		b.mark(m, "a changed word")
		holds = holds || strings.Contains(b.text(m), word)
	}
	if !holds {
		b.t.Errorf("the change %s does not mark %q", css, word)
	}
	return found
}

// insertion returns the words inserted in a changed row of the
// side-by-side view that hold word.
func (b *browserCheck) insertion(word string) *wdElement {
	b.t.Helper()
	for _, ins := range b.findAll("table.compare tr.changed td.b ins", 1) {
		if strings.Contains(b.text(ins), word) {
			return ins
		}
	}
	b.t.Fatalf("%q is not marked as inserted in a changed row of the side-by-side view", word)
	return nil
}

// fitsWidth fails the test when the page is wider than the viewport.
func (b *browserCheck) fitsWidth(what string) {
	b.t.Helper()
	var w struct{ Scroll, Client float64 }
	noError(b.t, b.s.execute(b.ctx, &w, `const d = document.documentElement; return {Scroll: d.scrollWidth, Client: d.clientWidth};`))
	if w.Scroll > w.Client {
		b.t.Errorf("%s is %g pixels wide in a viewport of %g", what, w.Scroll, w.Client)
	}
}

// shoot saves a screenshot, of the viewport or of the whole page, after
// checking it is an image of something.
func (b *browserCheck) shoot(name string, full bool) {
	b.t.Helper()
	shot := b.s.screenshot
	if full {
		shot = b.s.fullScreenshot
	}
	data, err := shot(b.ctx)
	noError(b.t, err)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if blank(img) {
		b.t.Errorf("screenshot %s is blank", name)
	}
	path := filepath.Join(b.shots, name)
	noError(b.t, saveScreenshot(path, data))
	b.t.Logf("screenshot %s (%dx%d)", path, img.Bounds().Dx(), img.Bounds().Dy())
}

// shootFailure saves what the browser shows when the test has failed.
func (b *browserCheck) shootFailure() {
	if !b.t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	data, err := b.s.screenshot(ctx)
	if err == nil {
		path := filepath.Join(b.shots, "failure.png")
		if err = saveScreenshot(path, data); err == nil {
			b.t.Logf("screenshot at the failure: %s", path)
		}
	}
	if err != nil {
		b.t.Logf("no screenshot at the failure: %v", err)
	}
}

// blank says whether img is of one colour.
func blank(img image.Image) bool {
	r := img.Bounds()
	first := img.At(r.Min.X, r.Min.Y)
	for y := r.Min.Y; y < r.Max.Y; y += 7 {
		for x := r.Min.X; x < r.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// highlight says whether a computed background colour is one: not
// transparent, not white.
func highlight(bg string) bool {
	switch bg {
	case "", "transparent", "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)", "rgba(255, 255, 255, 1)":
		return false
	}
	return true
}
