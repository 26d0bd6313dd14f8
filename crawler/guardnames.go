package crawler

import (
	"fmt"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// jsControlNames reads every name a control has, for the safety guard: the
// accessible name the capture recorded is one of several a page can set, and
// a page can put "Place order" in any of them. It also says whether clicking
// the control submits a form, and lists the fields of that form.
const jsControlNames = `(sel) => {
  const el = (` + jsFind + `)(sel);
  if (!el) return null;
  const names = [];
  const add = (s) => { if (s != null && String(s).trim() !== '') names.push(String(s).slice(0, 300)); };
  const attrs = (e) => { for (const a of ['aria-label', 'title', 'alt', 'aria-description', 'data-label']) add(e.getAttribute(a)); };
  add(el.innerText);
  add(el.textContent);
  attrs(el);
  if (el.tagName === 'INPUT' || el.tagName === 'BUTTON') add(el.value);
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  const doc = el.ownerDocument || document;
  for (const id of ids) { const r = doc.getElementById(id); if (r) add(r.textContent); }
  if (el.labels) for (const l of el.labels) add(l.textContent);
  let n = 0;
  for (const d of el.querySelectorAll('[aria-label],[title],[alt]')) { attrs(d); if (++n >= 20) break; }
  for (const p of ['::before', '::after']) {
    try {
      const c = getComputedStyle(el, p).content;
      if (c && c !== 'none' && c !== 'normal') add(c.replace(/^["']|["']$/g, ''));
    } catch (e) {}
  }
  const tag = el.tagName, type = String(el.getAttribute('type') || '').toLowerCase();
  const form = el.form || (el.closest && el.closest('form'));
  let submits = (tag === 'INPUT' && (type === 'submit' || type === 'image')) || (tag === 'BUTTON' && (type === '' || type === 'submit') && !!form);
  const fields = [];
  if (form) {
    for (const f of form.querySelectorAll('input,select,textarea')) {
      const l = (f.labels && f.labels[0]) ? f.labels[0].textContent : '';
      fields.push([f.name || '', f.id || '', l, f.getAttribute('autocomplete') || '', f.getAttribute('aria-label') || '', f.getAttribute('placeholder') || ''].join(' ').slice(0, 300));
      if (fields.length >= 60) break;
    }
  }
  return {names, submits, fields};
}`

// controlNames is what jsControlNames reports.
type controlNames struct {
	Names   []string `json:"names"`
	Submits bool     `json:"submits"`
	Fields  []string `json:"fields"`
}

// inPaymentForm reports whether the control sits in a form that takes card data.
func (c *controlNames) inPaymentForm() bool {
	for _, f := range c.Fields {
		if IsCardField(f) {
			return true
		}
	}
	return false
}

// guardCheck asks the guard about the control at sel before a click, with
// every name the page gives it as well as the names already known (the
// recorded accessible name, the flow step's text). final is set on a page
// the walker takes for the end of a checkout (see isFinalCheckout): there
// nothing that submits is clicked, whatever it says. A control whose names
// cannot be read is refused: the guard fails closed.
func (s *session) guardCheck(tab *Tab, sel string, known []string, onPayment, final bool) (string, bool) {
	if s.guard.AllowSubmit {
		return "", false
	}
	if p, bad := s.guard.BlocksAny(known, onPayment); bad {
		return p, true
	}
	var info *controlNames
	var err error
	// Once more after a pause: a page still settling can lose its execution
	// context under the first read.
	for try := 0; try < 2; try++ {
		if try > 0 {
			time.Sleep(300 * time.Millisecond)
		}
		ctx, cancel := s.stepCtx(tab, 5*time.Second)
		info, err = call[*controlNames](ctx, jsControlNames, sel)
		cancel()
		if err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Sprintf("names unreadable: %v", err), true
	}
	if info == nil {
		return "", false // nothing there: the click fails on its own
	}
	if p, bad := s.guard.BlocksAny(info.Names, onPayment); bad {
		return p, true
	}
	if final && (info.Submits || info.inPaymentForm()) {
		return "submits on the final checkout page", true
	}
	return "", false
}

// lastSnapshot is the latest page a journey recorded, or nil.
func lastSnapshot(j *evidence.Journey) *evidence.Snapshot {
	for i := len(j.Steps) - 1; i >= 0; i-- {
		if j.Steps[i].Snapshot != nil {
			return j.Steps[i].Snapshot
		}
	}
	return nil
}
