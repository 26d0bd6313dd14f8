package crawler

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/evidence"
)

//go:embed js/init.js
var initJS string

// Limits that keep one hostile page from stalling or swamping an audit.
const (
	maxDialogsPerPage  = 50
	maxRequestsPerPage = 2000
	maxConsolePerPage  = 200
)

// Tab is one browser tab of a site's browser context, with a recorder of the
// events a page raises: dialogs (answered at once), pop-ups (recorded and
// closed), console errors and the network log.
type Tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	id     target.ID

	mu       sync.Mutex
	dialogs  []evidence.Dialog
	popups   []string
	console  []evidence.ConsoleLine
	requests []evidence.Request
	byID     map[network.RequestID]int
	inflight map[network.RequestID]bool
	lastNet  time.Time
}

// newTab opens a tab in the browser context of parent.
func newTab(parent context.Context) (*Tab, error) {
	t := &Tab{byID: map[network.RequestID]int{}, inflight: map[network.RequestID]bool{}}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithListener(t.on))
	t.ctx, t.cancel = ctx, cancel
	// The first Do attaches the tab; it gets no deadline of its own.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	if c := chromedp.FromContext(ctx); c != nil && c.Target != nil {
		t.id = c.Target.TargetID
	}
	sctx, scancel := context.WithTimeout(ctx, 20*time.Second)
	defer scancel()
	if _, err := chromedp.Call(sctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: initJS}); err != nil {
		t.Close()
		return nil, fmt.Errorf("install init script: %w", err)
	}
	// Fixed locale and timezone so that two runs see the same page.
	_, _ = chromedp.Call(sctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: DefaultLocale})
	_, _ = chromedp.Call(sctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: DefaultTimezone})
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() {
	if t.cancel != nil {
		t.cancel()
	}
}

// on runs in the tab's event loop: it must return fast and send no command
// itself, so dialogs and pop-ups are answered from goroutines.
func (t *Tab) on(ev any) {
	switch ev := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		t.mu.Lock()
		if len(t.dialogs) < maxDialogsPerPage {
			t.dialogs = append(t.dialogs, evidence.Dialog{Type: string(ev.Type), Message: clip(ev.Message, 2000), Accepted: true, At: time.Now().UTC()})
		}
		t.mu.Unlock()
		go func() {
			_, _ = chromedp.Call(t.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}()
	case *target.EventTargetCreated:
		info := ev.TargetInfo
		if info == nil || t.id == "" || info.OpenerID != t.id || info.Type != "page" {
			return
		}
		t.mu.Lock()
		t.popups = append(t.popups, info.URL)
		t.mu.Unlock()
		go func() {
			_, _ = chromedp.CallBrowser(t.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: info.TargetID})
		}()
	case *runtime.EventExceptionThrown:
		if ev.ExceptionDetails != nil {
			text := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
				text = ev.ExceptionDetails.Exception.Description
			}
			t.addConsole(evidence.ConsoleLine{Level: "exception", Text: clip(text, 1000), URL: ev.ExceptionDetails.URL})
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if a.Description != "" {
					parts = append(parts, a.Description)
				} else if len(a.Value) > 0 {
					parts = append(parts, strings.Trim(string(a.Value), `"`))
				}
			}
			t.addConsole(evidence.ConsoleLine{Level: "error", Text: clip(strings.Join(parts, " "), 1000)})
		}
	case *log.EventEntryAdded:
		if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError {
			t.addConsole(evidence.ConsoleLine{Level: "error", Text: clip(ev.Entry.Text, 1000), URL: ev.Entry.URL})
		}
	case *network.EventRequestWillBeSent:
		t.mu.Lock()
		defer t.mu.Unlock()
		t.lastNet = time.Now()
		t.inflight[ev.RequestID] = true
		if ev.Request == nil || len(t.requests) >= maxRequestsPerPage {
			return
		}
		t.byID[ev.RequestID] = len(t.requests)
		t.requests = append(t.requests, evidence.Request{URL: clip(ev.Request.URL, 2000), Method: ev.Request.Method, Type: string(ev.Type)})
	case *network.EventResponseReceived:
		t.mu.Lock()
		defer t.mu.Unlock()
		if i, ok := t.byID[ev.RequestID]; ok && ev.Response != nil {
			t.requests[i].Status = int(ev.Response.Status)
			t.requests[i].MimeType = ev.Response.MimeType
		}
	case *network.EventLoadingFinished:
		t.mu.Lock()
		defer t.mu.Unlock()
		t.lastNet = time.Now()
		delete(t.inflight, ev.RequestID)
		if i, ok := t.byID[ev.RequestID]; ok {
			t.requests[i].Bytes = ev.EncodedDataLength
		}
	case *network.EventLoadingFailed:
		t.mu.Lock()
		defer t.mu.Unlock()
		t.lastNet = time.Now()
		delete(t.inflight, ev.RequestID)
		if i, ok := t.byID[ev.RequestID]; ok {
			t.requests[i].Failed = ev.ErrorText
			t.requests[i].Blocked = ev.BlockedReason != ""
		}
	}
}

func (t *Tab) addConsole(l evidence.ConsoleLine) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.console) < maxConsolePerPage {
		t.console = append(t.console, l)
	}
}

// resetRecords starts a new page's records.
func (t *Tab) resetRecords() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.dialogs, t.popups, t.console, t.requests = nil, nil, nil, nil
	t.byID = map[network.RequestID]int{}
	t.inflight = map[network.RequestID]bool{}
}

// takeRecords hands over what the current page raised so far and keeps recording.
func (t *Tab) takeRecords(s *evidence.Snapshot) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.Dialogs = append([]evidence.Dialog(nil), t.dialogs...)
	s.Popups = append([]string(nil), t.popups...)
	s.Console = append([]evidence.ConsoleLine(nil), t.console...)
	s.Network = append([]evidence.Request(nil), t.requests...)
}

// dialogCount is the number of dialogs the current page raised.
func (t *Tab) dialogCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.dialogs)
}

// settle waits until the network has been quiet for quiet, but at least min
// and at most max, so script-set state (a box ticked 300 ms after load) is seen.
func (t *Tab) settle(ctx context.Context, min, quiet, max time.Duration) {
	start := time.Now()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		el := time.Since(start)
		if el >= max {
			return
		}
		if el < min {
			continue
		}
		t.mu.Lock()
		idle := len(t.inflight) == 0 && time.Since(t.lastNet) >= quiet
		t.mu.Unlock()
		if idle {
			return
		}
	}
}
