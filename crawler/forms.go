package crawler

import (
	"fmt"
	"strings"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// dismissOverlays records the consent banner or pop-up the snapshot shows
// (it is in the snapshot already), then dismisses it, preferring reject,
// then close, then accept. It returns the latest snapshot.
func (s *session) dismissOverlays(tab *Tab, j *evidence.Journey, snap *evidence.Snapshot, depth int) *evidence.Snapshot {
	for range 3 {
		if snap == nil || s.user.Err() != nil {
			return snap
		}
		overlay := map[string]int{"dialog": 5, "aside": 2}
		var c evidence.Clickable
		found := false
		for _, in := range []string{"reject", "close", "accept"} {
			c, found = pick(snap, in, overlay, func(c evidence.Clickable) bool {
				if c.Href != "" && !strings.HasSuffix(c.Href, "#") {
					return true
				}
				// A plain "Close"/"×" counts only inside a dialog.
				return in == "close" && c.Region != "dialog"
			})
			if found {
				break
			}
		}
		if !found {
			return snap
		}
		before := len(snap.Clickables)
		st, err := s.click(tab, j, targetOf(c), depth, false, evidence.ActionDismiss)
		if err != nil || st == nil || st.Snapshot == nil {
			return snap
		}
		snap = st.Snapshot
		if len(snap.Clickables) == before && stillThere(snap, c) {
			return snap
		}
	}
	return snap
}

func stillThere(snap *evidence.Snapshot, c evidence.Clickable) bool {
	for _, x := range snap.Clickables {
		if x.Selector == c.Selector && x.Visible {
			return true
		}
	}
	return false
}

// pickOptions chooses the required options of a product: selects left on a
// placeholder and radio groups (native or role=radio) with nothing chosen.
// It returns whether anything was chosen.
func (s *session) pickOptions(tab *Tab, j *evidence.Journey, snap *evidence.Snapshot, depth int) bool {
	did := false
	groups := map[string][]evidence.Control{}
	var order []string
	for _, c := range snap.Controls {
		if !c.Visible || c.Disabled {
			continue
		}
		switch c.Kind {
		case evidence.ControlSelect:
			if !placeholderSelected(c) {
				continue
			}
			for _, o := range c.Options {
				if strings.TrimSpace(o.Value) == "" || soldOut(o.Text) {
					continue
				}
				ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
				text, err := tab.selectOption(ctx, c.Selector, o.Value)
				cancel()
				tg := tgt{Selector: c.Selector, Name: c.Label, Box: c.Box}
				a := tg.action(evidence.ActionSelect)
				a.Value = text
				s.quietStep(j, a, snap.FinalURL, depth, err)
				did = did || err == nil
				break
			}
		case evidence.ControlRadio:
			key := c.Name
			if key == "" {
				if i := strings.LastIndex(c.Selector, " > "); i > 0 {
					key = c.Selector[:i]
				}
			}
			if _, ok := groups[key]; !ok {
				order = append(order, key)
			}
			groups[key] = append(groups[key], c)
		}
	}
	for _, key := range order {
		g := groups[key]
		chosen := false
		for _, c := range g {
			chosen = chosen || c.Checked
		}
		if chosen || len(g) == 0 {
			continue
		}
		c := g[0]
		tg := tgt{Selector: c.Selector, Name: c.Label, Box: c.Box}
		if _, err := s.click(tab, j, tg, depth, false, evidence.ActionCheck); err == nil {
			did = true
		}
	}
	return did
}

// placeholderSelected reports a select showing a placeholder ("Select size").
func placeholderSelected(c evidence.Control) bool {
	for _, o := range c.Options {
		if o.Selected {
			return strings.TrimSpace(o.Value) == ""
		}
	}
	return len(c.Options) > 0 && strings.TrimSpace(c.Options[0].Value) == ""
}

// fillForms types the identity into the empty visible fields of the page's
// forms, picks the country and required selects and ticks required boxes.
// Card fields are never typed. The last action is recorded with a fresh
// snapshot; it returns the number of fields filled and that step.
func (s *session) fillForms(tab *Tab, j *evidence.Journey, snap *evidence.Snapshot, id Identity, depth int, password bool) (int, *evidence.Step) {
	var acts []evidence.Action
	for _, f := range snap.Forms {
		kinds := 0
		for _, fld := range f.Fields {
			if k := classifyField(fld); fld.Visible && k != fieldSkip && k != fieldUnknown && k != fieldCard {
				kinds++
			}
		}
		if kinds == 0 {
			continue
		}
		for _, fld := range f.Fields {
			if !fld.Visible || s.user.Err() != nil {
				continue
			}
			k := classifyField(fld)
			if k == fieldCard || k == fieldSkip || (k == fieldPassword && !password) {
				continue
			}
			tg := tgt{Selector: fld.Selector, Name: firstNonEmpty(fld.Label, fld.Name)}
			ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
			if fld.Type == "select" {
				want := ""
				if k == fieldCountry {
					want = id.CountryNm
				} else if k == fieldState {
					want = id.State
				}
				cur := tab.fieldValue(ctx, fld.Selector)
				var text string
				var err error
				if want != "" {
					if text, err = tab.selectOption(ctx, fld.Selector, want); err != nil && k == fieldCountry {
						text, err = tab.selectOption(ctx, fld.Selector, id.Country)
					}
					if err != nil && k == fieldState && id.StateNm != "" {
						text, err = tab.selectOption(ctx, fld.Selector, id.StateNm)
					}
					// No option spells the identity's value (a county list
					// without "Greater London"): an empty select still needs one.
					if err != nil && cur == "" {
						text, err = s.firstOption(tab, fld.Selector)
					}
				} else if cur == "" && fld.Required {
					text, err = s.firstOption(tab, fld.Selector)
				} else {
					cancel()
					continue
				}
				cancel()
				if err == nil {
					a := tg.action(evidence.ActionSelect)
					a.Value = text
					acts = append(acts, a)
				}
				continue
			}
			v, ok := id.value(k)
			if !ok {
				if fld.Required && fld.Type == "date" {
					v, ok = "1990-01-01", true
				} else if fld.Required && (k == fieldUnknown || k == fieldCompany || k == fieldAddress2) && fld.Type == "text" {
					v, ok = "Test", true
				}
			}
			if !ok || tab.fieldValue(ctx, fld.Selector) != "" {
				cancel()
				continue
			}
			err := tab.typeInto(ctx, fld.Selector, v)
			cancel()
			if err != nil {
				s.addError(snap.FinalURL, j.ID, nil, fmt.Errorf("fill %s: %w", fld.Selector, err))
				continue
			}
			a := tg.action(evidence.ActionFill)
			a.Value = v
			if k == fieldPassword {
				a.Value = Masked
			}
			acts = append(acts, a)
		}
	}
	// Required boxes (terms) are ticked; optional ones are left as they are.
	for _, c := range snap.Controls {
		if c.Kind == evidence.ControlCheckbox && c.Required && !c.Checked && c.Visible && !c.Disabled {
			if err := s.tick(tab, c.Selector, c.Label, true); err == nil {
				acts = append(acts, tgt{Selector: c.Selector, Name: c.Label, Box: c.Box}.action(evidence.ActionCheck))
			}
		}
	}
	if len(acts) == 0 {
		return 0, nil
	}
	for _, a := range acts[:len(acts)-1] {
		s.quietStep(j, a, snap.FinalURL, depth, nil)
	}
	time.Sleep(150 * time.Millisecond)
	st := s.record(tab, j, acts[len(acts)-1], depth)
	return len(acts), st
}

// firstOption selects the first real option of a select.
func (s *session) firstOption(tab *Tab, sel string) (string, error) {
	ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
	defer cancel()
	v, err := call[string](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (!el || !el.options) return '';
	  const o = Array.from(el.options).find(o => o.value && !o.disabled); return o ? o.value : ''; }`, sel)
	if err != nil || v == "" {
		return "", fmt.Errorf("%w: no option in %s", errNotFound, sel)
	}
	return tab.selectOption(ctx, sel, v)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// untickExperiment unticks, one at a time, every box the page shows ticked
// that the walker did not touch and whose label carries a price or add-on
// words: a step with a fresh snapshot records the page after unticking, and
// a second click restores the box so the journey goes on unchanged.
func (s *session) untickExperiment(tab *Tab, j *evidence.Journey, snap *evidence.Snapshot, depth int, done map[string]bool) *evidence.Snapshot {
	addon := intent("addon")
	for _, c := range snap.Controls {
		if c.Kind != evidence.ControlCheckbox && c.Kind != evidence.ControlSwitch {
			continue
		}
		if !(c.CheckedAtFirstPaint || c.Checked) || !c.Checked || c.Touched || !c.Visible || c.Disabled {
			continue
		}
		key := snap.FinalURL + "|" + c.Selector
		if done[key] {
			continue
		}
		words := Normalize(c.Label + " " + c.Nearby)
		_, isAddon := MatchAny(words, addon)
		if len(c.Prices) == 0 && !isAddon {
			continue
		}
		done[key] = true
		tg := tgt{Selector: c.Selector, Name: c.Label, Box: c.Box}
		st, err := s.click(tab, j, tg, depth, false, evidence.ActionUncheck)
		if err != nil || st == nil {
			continue
		}
		if st.Snapshot != nil && st.Snapshot.FinalURL != snap.FinalURL {
			// Unticking navigated away: go on from where it led.
			return st.Snapshot
		}
		// Restore the box.
		ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
		on, _ := tab.checkedState(ctx, c.Selector)
		var rerr error
		cancel()
		if !on {
			rerr = s.tick(tab, c.Selector, c.Label, false)
			time.Sleep(200 * time.Millisecond)
		}
		s.quietStep(j, tg.action(evidence.ActionCheck), snap.FinalURL, depth, rerr)
	}
	return snap
}

// tick clicks a checkbox, radio or switch through the safety guard: the
// control must be a box, and its names must not commit money.
func (s *session) tick(tab *Tab, sel, label string, onPayment bool) error {
	ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
	defer cancel()
	phrase, blocked, err := s.guardedClick(tab, ctx, clickReq{sel: sel, known: []string{label}, onPayment: onPayment, box: true})
	if blocked {
		return fmt.Errorf("%w: %q", ErrBlocked, phrase)
	}
	return err
}
