package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/evidence"
)

// Masked is recorded instead of a secret: a password or a value taken from
// the environment.
const Masked = "•••"

// errNotFound is returned when a selector matches nothing on the page.
var errNotFound = errors.New("element not found")

// ErrBlocked is returned when the safety guard refused an action.
var ErrBlocked = errors.New("refused by the safety guard")

// jsFind resolves a darkaudit selector (CSS steps joined by ' >>> ') in the page.
const jsFind = `(sel) => (window.__da && window.__da.resolve) ? window.__da.resolve(sel) : document.querySelector(sel)`

// call evaluates fn (a JS function source) with args, decoding the result into T.
func call[T any](ctx context.Context, fn string, args ...any) (T, error) {
	parts := make([]string, len(args))
	for i, a := range args {
		b, _ := json.Marshal(a)
		parts[i] = string(b)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](fmt.Sprintf("(%s)(%s)", fn, strings.Join(parts, ","))))
}

// mouseClick dispatches a trusted left click at a point of the viewport.
func (t *Tab) mouseClick(ctx context.Context, x, y float64) error {
	for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMouseMoved, input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
		ev := input.DispatchMouseEventParams{Type: typ, X: x, Y: y}
		if typ != input.DispatchMouseEventTypeMouseMoved {
			ev.Button, ev.ClickCount, ev.Buttons = input.MouseButtonLeft, 1, 1
		}
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, ev); err != nil {
			return err
		}
	}
	return nil
}

// typeInto replaces the value of a text field with value, typed as trusted input.
func (t *Tab) typeInto(ctx context.Context, sel, value string) error {
	ok, err := call[bool](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (!el) return false;
	  try { el.scrollIntoView({block: 'center'}); } catch (e) {}
	  el.focus(); if ('value' in el) { el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true})); }
	  return true; }`, sel)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: %s", errNotFound, sel)
	}
	if value != "" {
		if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: value}); err != nil {
			return err
		}
	}
	_, err = call[chromedp.Void](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (!el) return;
	  el.dispatchEvent(new Event('change', {bubbles: true})); el.blur(); }`, sel)
	return err
}

// selectOption picks the option of a select whose value or visible text is want.
func (t *Tab) selectOption(ctx context.Context, sel, want string) (string, error) {
	got, err := call[*string](ctx, `(sel, want) => { const el = (`+jsFind+`)(sel); if (!el || !el.options) return null;
	  const w = String(want).trim().toLowerCase();
	  let o = Array.from(el.options).find(o => o.value.toLowerCase() === w || o.text.trim().toLowerCase() === w);
	  if (!o && w.length >= 4) o = Array.from(el.options).find(o => o.text.trim().toLowerCase().includes(w));
	  if (!o) return null;
	  try { el.scrollIntoView({block: 'center'}); } catch (e) {}
	  el.focus(); el.value = o.value; o.selected = true;
	  el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));
	  return o.text.trim(); }`, sel, want)
	if err != nil {
		return "", err
	}
	if got == nil {
		return "", fmt.Errorf("%w: no option %q in %s", errNotFound, want, sel)
	}
	return *got, nil
}

// exists reports whether a selector matches an element.
func (t *Tab) exists(ctx context.Context, sel string) bool {
	ok, err := call[bool](ctx, `(sel) => { try { return !!(`+jsFind+`)(sel); } catch (e) { return false; } }`, sel)
	return err == nil && ok
}

// bodyText is the visible text of the page.
func (t *Tab) bodyText(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	return s
}

// checkedState reports whether a checkbox-like control is on.
func (t *Tab) checkedState(ctx context.Context, sel string) (bool, error) {
	v, err := call[*bool](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (!el) return null;
	  if ('checked' in el && el.tagName === 'INPUT') return !!el.checked;
	  return el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true'; }`, sel)
	if err != nil {
		return false, err
	}
	if v == nil {
		return false, fmt.Errorf("%w: %s", errNotFound, sel)
	}
	return *v, nil
}

// fieldValue is the current value of a form field.
func (t *Tab) fieldValue(ctx context.Context, sel string) string {
	v, _ := call[string](ctx, `(sel) => { const el = (`+jsFind+`)(sel); return el && 'value' in el ? String(el.value) : ''; }`, sel)
	return v
}

// waitLoaded waits briefly for a navigation an action may have started to finish.
func (t *Tab) waitLoaded(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(300 * time.Millisecond):
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		qctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		st, err := chromedp.Run(qctx, chromedp.Evaluate[string](`document.readyState`))
		cancel()
		if err == nil && st == "complete" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tgt is something on the page the walker may act on.
type tgt struct {
	Selector string
	Name     string
	Box      evidence.Box
}

func targetOf(c evidence.Clickable) tgt { return tgt{Selector: c.Selector, Name: c.Name, Box: c.Box} }

func (tg tgt) action(typ evidence.ActionType) evidence.Action {
	a := evidence.Action{Type: typ, Selector: tg.Selector, Text: clip(tg.Name, 200)}
	if !tg.Box.Empty() {
		b := tg.Box
		a.Box = &b
	}
	return a
}

// blockedStep records a click the safety guard refused.
func (s *session) blockedStep(j *evidence.Journey, a evidence.Action, phrase string, depth int) *evidence.Step {
	st := &evidence.Step{Action: a, Depth: depth, At: time.Now().UTC(),
		Error: fmt.Sprintf("safety guard: refused to click %q (it commits money: %q)", clip(a.Text, 80), phrase)}
	s.appendStep(j, st)
	s.progress(j, st, nil)
	return st
}

// click clicks tg unless the safety guard refuses it, waits for the page and
// records a step with a fresh snapshot. onPayment tightens the guard on
// checkout and payment steps; on a page taken for the end of a checkout
// nothing that submits is clicked.
func (s *session) click(tab *Tab, j *evidence.Journey, tg tgt, depth int, onPayment bool, typ evidence.ActionType) (*evidence.Step, error) {
	return s.guardedStep(tab, j, tg, tg.action(typ), depth, clickReq{sel: tg.Selector, known: []string{tg.Name}, onPayment: onPayment, final: isFinalCheckout(lastSnapshot(j))})
}

// guardedStep clicks through guardedClick and records the step: refused,
// failed, or with a fresh snapshot.
func (s *session) guardedStep(tab *Tab, j *evidence.Journey, tg tgt, a evidence.Action, depth int, req clickReq) (*evidence.Step, error) {
	if err := s.wait(); err != nil {
		return nil, err
	}
	tab.resetRecords()
	ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
	phrase, blocked, err := s.guardedClick(tab, ctx, req)
	if blocked {
		cancel()
		s.blockedStep(j, a, phrase, depth)
		return nil, ErrBlocked
	}
	if err == nil {
		tab.waitLoaded(ctx)
	}
	cancel()
	if err != nil {
		st := &evidence.Step{Action: a, Depth: depth, At: time.Now().UTC(), Error: "click failed: " + err.Error()}
		s.appendStep(j, st)
		s.progress(j, st, err)
		return st, err
	}
	st := s.record(tab, j, a, depth)
	return st, nil
}

// quietStep records an action that needs no snapshot of its own (typing,
// choosing an option): the next snapshot shows its effect.
func (s *session) quietStep(j *evidence.Journey, a evidence.Action, pageURL string, depth int, err error) *evidence.Step {
	st := &evidence.Step{Action: a, URL: pageURL, Depth: depth, At: time.Now().UTC()}
	if err != nil {
		st.Error = err.Error()
	}
	s.appendStep(j, st)
	s.progress(j, st, err)
	return st
}
