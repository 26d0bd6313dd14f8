package crawler

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/evidence"
)

// The operations of a flow step, one method each; flowRun.step dispatches.
// depth is the index the step's record gets in the journey.

// gotoStep loads a URL, resolved against the start page.
func (r *flowRun) gotoStep(st flow.Step, depth int) error {
	s := r.s
	u, err := s.start.Parse(st.URL)
	a := evidence.Action{Type: evidence.ActionGoto, Target: st.URL}
	if err != nil {
		return r.fail(a, fmt.Errorf("bad URL %q: %v", st.URL, err))
	}
	a.Target = u.String()
	rec, tab := s.goTo(r.tab, r.j, u.String(), depth, r.scrubAction(a))
	r.tab = tab
	if rec == nil || rec.Snapshot == nil || rec.Error != "" {
		msg := "page did not load"
		if rec != nil && rec.Error != "" {
			msg = rec.Error
		}
		return errors.New(msg)
	}
	r.seen(rec)
	return nil
}

// reload loads the current page again and records it.
func (r *flowRun) reload(depth int) error {
	s := r.s
	a := evidence.Action{Type: evidence.ActionReload, Target: r.url}
	if err := s.wait(); err != nil {
		return err
	}
	r.tab.resetRecords()
	ctx, cancel := s.stepCtx(r.tab, s.opts.PageTimeout)
	err := chromedp.Do(ctx, chromedp.Reload())
	cancel()
	if err != nil {
		return r.fail(a, fmt.Errorf("reload: %w", err))
	}
	r.seen(s.record(r.tab, r.j, r.scrubAction(a), depth))
	return nil
}

// snapshot records the page as it is, under the step's name.
func (r *flowRun) snapshot(st flow.Step, depth int) error {
	r.seen(r.s.record(r.tab, r.j, evidence.Action{Type: ActionSnapshot, Text: st.Name, Target: r.url}, depth))
	return nil
}

// click clicks the element a step names, unless the safety guard refuses it.
func (r *flowRun) click(st flow.Step, depth int) error {
	s := r.s
	a := evidence.Action{Type: evidence.ActionClick, Text: st.Text, Selector: st.Selector}
	sel, err := r.locate(st, "click")
	if err != nil {
		return r.fail(a, err)
	}
	name := r.nameOf(sel, st.Text)
	a.Selector, a.Text = sel, name
	// The same final-checkout test the walker uses: on the last page of a
	// checkout nothing that submits is clicked, whatever it says.
	req := clickReq{sel: sel, known: []string{name, st.Text}, onPayment: r.kind == KindCheckout || r.kind == KindCart, final: isFinalCheckout(lastSnapshot(r.j))}
	rec, err := s.guardedStep(r.tab, r.j, tgt{Selector: sel, Name: name}, r.scrubAction(a), depth, req)
	if errors.Is(err, ErrBlocked) {
		return fmt.Errorf("%w: %q commits money; pass --allow-submit only on your own staging site", ErrBlocked, name)
	}
	if err != nil {
		return err
	}
	r.seen(rec)
	return nil
}

// fill types a value into a field (OpFill) or chooses an option (OpSelect);
// card fields only with --allow-submit, secrets masked in records and screenshots.
func (r *flowRun) fill(st flow.Step, depth int) error {
	s := r.s
	typ := evidence.ActionFill
	if st.Op == flow.OpSelect {
		typ = evidence.ActionSelect
	}
	a := evidence.Action{Type: typ, Text: st.Text, Selector: st.Selector, Value: st.Value}
	if st.Secret {
		a.Value = Masked
	}
	sel, err := r.locate(st, "field")
	if err != nil {
		return r.fail(a, err)
	}
	a.Selector = sel
	ctx, cancel := s.stepCtx(r.tab, s.opts.PageTimeout)
	defer cancel()
	info, _ := call[*fieldInfo](ctx, jsFieldInfo, sel)
	if info != nil {
		if a.Text == "" {
			a.Text = info.Name
		}
		if info.Type == "password" {
			a.Value = Masked
		}
		if IsCardField(info.Key) && !s.opts.AllowSubmit {
			return r.fail(a, fmt.Errorf("%w: %q is a payment card field; darkaudit types card data only with --allow-submit", ErrBlocked, info.Name))
		}
	}
	if st.Op == flow.OpSelect {
		text, err := r.tab.selectOption(ctx, sel, st.Value)
		if err != nil {
			return r.fail(a, err)
		}
		if !st.Secret {
			a.Value = text
		}
	} else {
		if err := r.tab.typeInto(ctx, sel, st.Value); err != nil {
			return r.fail(a, err)
		}
		if st.Secret && (info == nil || info.Type != "password") {
			// Keep the secret out of the screenshots too.
			_, _ = call[chromedp.Void](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (el) el.style.setProperty('-webkit-text-security', 'disc', 'important'); }`, sel)
		}
	}
	s.quietStep(r.j, r.scrubAction(a), r.url, depth, nil)
	return nil
}

// setChecked ticks (OpCheck) or unticks (OpUncheck) a box, clicking only
// when its state differs.
func (r *flowRun) setChecked(st flow.Step, depth int) error {
	s := r.s
	typ := evidence.ActionCheck
	if st.Op == flow.OpUncheck {
		typ = evidence.ActionUncheck
	}
	a := evidence.Action{Type: typ, Text: st.Text, Selector: st.Selector}
	sel, err := r.locate(st, "box")
	if err != nil {
		return r.fail(a, err)
	}
	a.Selector = sel
	if a.Text == "" {
		a.Text = r.nameOf(sel, "")
	}
	ctx, cancel := s.stepCtx(r.tab, s.opts.PageTimeout)
	on, err := r.tab.checkedState(ctx, sel)
	cancel()
	if err != nil {
		return r.fail(a, err)
	}
	if on == (st.Op == flow.OpCheck) {
		s.quietStep(r.j, r.scrubAction(a), r.url, depth, nil)
		return nil
	}
	// A check step clicks only a checkbox, radio or switch, and the guard
	// still reads its names: "check" on a submit button would place an order.
	req := clickReq{sel: sel, known: []string{a.Text, st.Text}, onPayment: r.kind == KindCheckout || r.kind == KindCart, final: isFinalCheckout(lastSnapshot(r.j)), box: true}
	rec, err := s.guardedStep(r.tab, r.j, tgt{Selector: sel, Name: a.Text}, r.scrubAction(a), depth, req)
	if errors.Is(err, ErrBlocked) {
		return fmt.Errorf("%w: %q is not a box to tick or commits money", ErrBlocked, a.Text)
	}
	if err != nil {
		return err
	}
	r.seen(rec)
	return nil
}

// waitFor polls until a selector or text appears (OpWait), or checks that it
// is there within a short time (OpExpect).
func (r *flowRun) waitFor(st flow.Step, depth int) error {
	s := r.s
	a := evidence.Action{Type: evidence.ActionWait, Text: st.Text, Selector: st.Selector, Target: r.url}
	timeout := st.Timeout
	if st.Op == flow.OpExpect && timeout == flow.DefaultWait {
		timeout = 3 * time.Second
	}
	ctx, cancel := s.stepCtx(r.tab, timeout)
	defer cancel()
	want := Normalize(st.Text)
	for {
		if st.Selector != "" && r.tab.exists(ctx, st.Selector) {
			break
		}
		if st.Text != "" && strings.Contains(Normalize(r.tab.bodyText(ctx)), want) {
			break
		}
		select {
		case <-ctx.Done():
			what := fmt.Sprintf("text %q", st.Text)
			if st.Selector != "" {
				what = fmt.Sprintf("selector %q", st.Selector)
			}
			verb := "did not appear within " + timeout.String()
			if st.Op == flow.OpExpect {
				verb = "expected on the page but not found"
			}
			return r.fail(a, fmt.Errorf("%s %s", what, verb))
		case <-time.After(200 * time.Millisecond):
		}
	}
	s.quietStep(r.j, r.scrubAction(a), r.url, depth, nil)
	return nil
}
