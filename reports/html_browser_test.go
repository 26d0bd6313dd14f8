package reports

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/evidence"
)

// The payloads a hostile page could put into titles, texts, URLs, file names
// and messages. If any of them runs, it sets window.__pwned or opens a dialog.
var payloads = []string{
	`<script>window.__pwned=1</script>`,
	`"><img src=x onerror=window.__pwned=1>`,
	`'><svg/onload=window.__pwned=1>`,
	`javascript:window.__pwned=1`,
	`</textarea></style></script><script>alert(1)</script>`,
	`<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
	`{{.}} ${window.__pwned=1} <a href=javascript:alert(1)>x</a>`,
}

func hostile(i int) string { return payloads[i%len(payloads)] }

// hostileAudit is the shared test audit with every page-derived string and
// file name replaced or laced with payloads, and real PNG screenshots written
// into b.
func hostileAudit(t *testing.T, b *evidence.Bundle) *evidence.Audit {
	t.Helper()
	a := loadTestAudit(t)
	shot := writePNG(t, b, "step.png", 128, 300)
	crop := writePNG(t, b, "crop.png", 96, 32)
	n := 0
	next := func() string { n++; return hostile(n) }
	for _, tg := range a.Targets {
		tg.Site += next()
		// The name is shown as the site's label: lace it too, keeping its findings on it.
		name := tg.Name
		tg.Name += next()
		for i := range a.Findings {
			if a.Findings[i].Location.Site == name {
				a.Findings[i].Location.Site = tg.Name
			}
		}
		tg.Error = next()
		for _, j := range tg.Journeys {
			j.Name = next()
			j.Reason = next()
			for _, s := range j.Steps {
				s.Title = next() + s.Title
				s.Action.Text = next()
				s.Action.Target = hostile(3)
				s.Error = next()
				s.Screenshot = shot.Path
				s.Snapshot.Screenshot = shot
			}
			// One step points at a file name that is itself a payload.
			j.Steps[0].Screenshot = `evidence/"><img src=x onerror=window.__pwned=1>.png`
			j.Steps[0].Snapshot.Screenshot = evidence.FileRef{}
		}
	}
	a.Targets[1].Journeys[0].Steps[1].URL = hostile(3)
	for i := range a.Findings {
		f := &a.Findings[i]
		f.Title = next() + f.Title
		f.Message = next()
		f.Reasons = append(f.Reasons, next(), next())
		f.Location.Text = next()
		f.Location.Selector = next()
		f.Evidence.Excerpt = `</code></pre>` + next()
		f.Evidence.Screenshot = shot.Path
		f.Evidence.Crop = crop.Path
		f.Regulations = append(f.Regulations, evidence.Citation{Jurisdiction: next(), Citation: next()})
	}
	a.Findings[0].Location.URL = hostile(3)
	a.Findings[1].Evidence.Crop = hostile(3)
	a.Findings[2].Evidence.Crop = "../../etc/passwd"
	a.Findings[3].Evidence.Screenshot = "data:text/html,<script>alert(1)</script>"
	for i := range a.Rules {
		a.Rules[i].Description = next()
		a.Rules[i].Help = next()
	}
	a.Suppressed[0].Suppression = next()
	a.Errors = append(a.Errors, evidence.ErrorRecord{URL: next(), Journey: next(), Message: next()})
	a.Browser.UserAgent = next()
	a.Run.Command = append(a.Run.Command, next())
	a.Summarize()
	return a
}

func writePNG(t *testing.T, b *evidence.Bundle, name string, w, h int) evidence.FileRef {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{246, 247, 249, 255}
			if y%24 > 16 && x > 8 && x < w-16 {
				c = color.RGBA{190, 195, 205, 255}
			}
			if y > h/2 && y < h/2+20 && x > 16 && x < w/2 {
				c = color.RGBA{21, 128, 61, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	ref, err := b.WriteEvidence(name, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("no Chromium found; the hostile-report browser test needs one")
	return ""
}

// TestHTMLReportHostileInChromium writes a report full of injection payloads
// through WriteAll, opens index.html from file:// in headless Chromium, and
// checks that nothing from the page ran, that the CSP is in force, that the
// evidence images load, and that the filter and search work.
func TestHTMLReportHostileInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := findChromium(t)
	dir := t.TempDir()
	b, err := evidence.NewBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := hostileAudit(t, b)
	outs, err := ParseFormats("html,json,sarif,junit,md")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(b, a, outs); err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		if _, err := os.Stat(filepath.Join(dir, o.Path)); err != nil {
			t.Errorf("%s report not written: %v", o.Format, err)
		}
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // start the browser, no deadline
		t.Fatalf("start chromium: %v", err)
	}

	var dialogs atomic.Int32
	var dialogText atomic.Value
	dialogCtx, stopDialogs := context.WithCancel(ctx)
	defer stopDialogs()
	events := chromedp.Events(dialogCtx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			dialogText.Store(ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()

	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.Join(dir, "index.html")),
		chromedp.WaitVisible(chromedp.CSS("#findings"))); err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) bool {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	count := func(sel string) int {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return v
	}
	// Give any injected handler (onerror of a broken image, onload) time to fire.
	if err := chromedp.Do(tctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}

	if eval(`typeof window.__pwned !== 'undefined'`) {
		t.Error("window.__pwned is set: a payload from the page executed")
	}
	if got := count("script"); got != 1 {
		t.Errorf("the report has %d <script> elements, want exactly the embedded one", got)
	}
	if got := count("iframe, object, embed, img[src='x'], svg[onload], [onerror], [onload], [onclick]"); got != 0 {
		t.Errorf("%d injected elements or event-handler attributes in the DOM", got)
	}
	if got := count(`a[href^="javascript:"], img[src^="javascript:"], img[src^="data:"]`); got != 0 {
		t.Errorf("%d javascript:/data: links or images in the DOM", got)
	}
	csp, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`(document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || ''`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"default-src 'none'", "script-src 'sha256-", "style-src 'sha256-", "img-src 'self' data:"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows unsafe-inline: %q", csp)
	}
	if !eval(`document.documentElement.classList.contains('js')`) {
		t.Error("the embedded script did not run: its CSP hash does not match")
	}
	if !eval(`getComputedStyle(document.querySelector('.finding')).borderLeftStyle === 'solid'`) {
		t.Error("the embedded style sheet did not apply: its CSP hash does not match")
	}
	if !eval(`Array.from(document.images).some(i => i.complete && i.naturalWidth > 0)`) {
		t.Error("no evidence image loaded from file://")
	}

	// Filters: unticking a severity hides its findings and only those.
	total := count("#findings .finding")
	high := count(`#findings .finding[data-severity="high"]:not([hidden])`)
	if total == 0 || high == 0 {
		t.Fatalf("want findings with severity high in the report, have %d of %d", high, total)
	}
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`#filters input[data-filter="severity"][value="high"]`))); err != nil {
		t.Fatal(err)
	}
	if got := count(`#findings .finding[data-severity="high"]:not([hidden])`); got != 0 {
		t.Errorf("after unticking high, %d high findings still shown", got)
	}
	if got := count("#findings .finding:not([hidden])"); got != total-high {
		t.Errorf("after unticking high, %d findings shown, want %d", got, total-high)
	}
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`#filters input[data-filter="severity"][value="high"]`)),
		chromedp.SendKeys(chromedp.CSS("#search"), "only through a form")); err != nil {
		t.Fatal(err)
	}
	if got := count("#findings .finding:not([hidden])"); got != 1 {
		t.Errorf("search for a phrase of one finding shows %d findings, want 1", got)
	}
	shown, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS("#shown")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(shown, "1 of ") {
		t.Errorf("count line says %q", shown)
	}
	if eval(`typeof window.__pwned !== 'undefined'`) {
		t.Error("window.__pwned is set after filtering")
	}

	if out := os.Getenv("DARKAUDIT_REPORT_SCREENSHOT"); out != "" {
		screenshotReport(t, tctx, "file://"+filepath.Join(dir, "index.html"), out)
	}
	stopDialogs()
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d JavaScript dialog(s) opened, last: %v", n, dialogText.Load())
	}
}

// screenshotReport saves a full-page PNG of the report, for a person to look
// at: DARKAUDIT_REPORT_SCREENSHOT=/tmp/report.png go test ./reports -run Chromium
func screenshotReport(t *testing.T, ctx context.Context, u, out string) {
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#findings")),
		chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(out, filepath.Ext(out))+".pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the report: %s", out)
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
