package crawler

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/rs/zerolog"

	"github.com/darkaudit/darkaudit/evidence"
)

// ErrNoChrome is returned when no Chromium can be found or started.
var ErrNoChrome = errors.New("no Chromium found: install it (Debian: sudo apt-get install chromium) or pass --chrome-path / set DARKAUDIT_CHROME")

// Default viewport, locale and timezone: fixed so that runs are comparable.
const (
	DefaultWidth    = 1280
	DefaultHeight   = 800
	DefaultLocale   = "en-GB"
	DefaultTimezone = "Europe/London"
)

// chromeCandidates are tried in order when no path is given.
var chromeCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell", "chrome"}

// FindChrome returns the Chromium to use: the explicit path, then
// $DARKAUDIT_CHROME, then the usual names on $PATH.
func FindChrome(explicit string) (string, error) {
	if explicit == "" {
		explicit = os.Getenv("DARKAUDIT_CHROME")
	}
	if explicit != "" {
		p, err := exec.LookPath(explicit)
		if err != nil {
			return "", fmt.Errorf("%w (%s: %v)", ErrNoChrome, explicit, err)
		}
		return p, nil
	}
	for _, c := range chromeCandidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChrome
}

// ChromeVersion runs `chrome --version` and returns its answer.
func ChromeVersion(path string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("run %s --version: %w", path, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Browser is one running Chromium shared by every site of a run.
type Browser struct {
	Path string
	Info evidence.Browser

	ctx         context.Context
	cancelAlloc context.CancelFunc
	cancel      context.CancelFunc
	log         zerolog.Logger
}

// Launch starts Chromium headless with the closed-network flags. The browser
// lives until Close or until ctx ends; per-step timeouts belong on child contexts.
func Launch(ctx context.Context, chromePath string, log zerolog.Logger) (*Browser, error) {
	path, err := FindChrome(chromePath)
	if err != nil {
		return nil, err
	}
	dataDir, err := os.MkdirTemp("", "darkaudit-profile-")
	if err != nil {
		return nil, fmt.Errorf("browser profile: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(DefaultWidth, DefaultHeight),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("lang", DefaultLocale),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,OptimizationHints,MediaRouter,AutofillServerCommunication"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	bctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(func(string, ...any) {}), chromedp.WithErrorf(func(f string, a ...any) {
		log.Debug().Msgf("chromedp: "+f, a...)
	}))
	b := &Browser{Path: path, ctx: bctx, cancelAlloc: func() { cancelAlloc(); os.RemoveAll(dataDir) }, cancel: cancel, log: log}
	// The first Do starts the browser; it must run without a deadline.
	if err := chromedp.Do(bctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	vctx, vcancel := context.WithTimeout(bctx, 15*time.Second)
	defer vcancel()
	v, err := chromedp.CallBrowser(vctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("browser version: %w", err)
	}
	b.Info = evidence.Browser{
		Product: v.Product, UserAgent: v.UserAgent, Path: path,
		Viewport: evidence.Size{Width: DefaultWidth, Height: DefaultHeight},
		Locale:   DefaultLocale, Timezone: DefaultTimezone,
	}
	return b, nil
}

// Close stops the browser and removes its temporary profile.
func (b *Browser) Close() {
	if b.cancel != nil {
		b.cancel()
	}
	if b.cancelAlloc != nil {
		b.cancelAlloc()
	}
}
