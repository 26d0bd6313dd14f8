package crawler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// jsGuardPoint reads every name a control has, for the safety guard, and
// finds where a click on it lands, in one evaluation right before the click,
// so the page has no time to swap the control between check and click.
//
// Names: the accessible name the capture recorded is one of several a page
// can set, and a page can put "Place order" in any of them, or draw it:
//   - innerText and textContent in full (up to 2,000 characters), so a label
//     after a long off-screen prefix is read;
//   - the rendered text: ::before, text and ::after of the control and of
//     every descendant, open shadow roots and slots included, joined as a
//     reader sees them ("Place " + "order");
//   - the same pieces in visual order (rows top to bottom, left to right),
//     against flex or grid order and row-reverse;
//   - the rendered text reversed, against bidi-override, direction:rtl and
//     U+202E, which draw "redro ecalP" as "Place order";
//   - attributes (aria-label, title, alt, ...) of the control and its
//     descendants, value, the labels, and the aria-labelledby label whole as
//     well as piece by piece.
//
// opaque says the control has no readable name but hosts a custom element
// (whose closed shadow root no script can read) or a frame. The point is the
// centre of the control (or of its label, for a visually hidden box); hit
// says the element a trusted click there reaches is the control, a
// descendant of it (through open shadow roots and same-origin frames) or its
// label. The control is marked with the nonce so a script click goes to the
// element checked and no other.
const jsGuardPoint = `(sel, nonce) => {
  const el = (` + jsFind + `)(sel);
  if (!el) return null;
  try { Object.defineProperty(el, nonce, {value: true, configurable: true}); } catch (e) {}
  try { el.scrollIntoView({block: 'center', inline: 'center'}); } catch (e) {}
  const MAX = 2000;
  const names = [];
  const add = (s) => { if (s != null && String(s).trim() !== '') names.push(String(s).slice(0, MAX)); };
  const attrs = (e) => { for (const a of ['aria-label', 'title', 'alt', 'aria-description', 'data-label']) add(e.getAttribute(a)); };
  add(el.innerText);
  add(el.textContent);
  attrs(el);
  if (el.tagName === 'INPUT' || el.tagName === 'BUTTON') add(el.value);
  const doc = el.ownerDocument || document;
  const root = el.getRootNode ? el.getRootNode() : doc;
  const byId = (id) => (root.getElementById ? root.getElementById(id) : null) || doc.getElementById(id);
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  const joined = [];
  for (const id of ids) { const r = byId(id); if (r) { add(r.textContent); joined.push(r.textContent); } }
  add(joined.join(' '));
  if (el.labels) for (const l of el.labels) add(l.textContent);
  // A label clicks its control: the control's names are the label's too.
  if (el.tagName === 'LABEL' && el.control) { const c = el.control; add(c.value); attrs(c); add(c.textContent); }
  let n = 0;
  for (const d of el.querySelectorAll('[aria-label],[title],[alt]')) { attrs(d); if (++n >= 20) break; }
  // The rendered text, pseudo-elements and open shadow roots included.
  const pseudo = (e, p) => {
    try {
      const c = getComputedStyle(e, p).content;
      if (!c || c === 'none' || c === 'normal') return '';
      const m = c.match(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g);
      return m ? m.map(q => q.slice(1, -1).replace(/\\(.)/g, '$1')).join('') : '';
    } catch (e) { return ''; }
  };
  const pieces = [];
  let size = 0, visits = 0, rtl = false, opaque = false;
  const put = (t, r) => { if (!t) return; size += t.length; pieces.push({t, x: r ? r.left : 0, y: r ? r.top : 0, h: r ? r.height : 0, i: pieces.length}); };
  const walk = (node) => {
    if (size > MAX || ++visits > 800) return;
    if (node.nodeType === 3) {
      let r = null;
      try { const g = (node.ownerDocument || doc).createRange(); g.selectNodeContents(node); r = g.getBoundingClientRect(); } catch (e) {}
      put(node.nodeValue, r);
      if (/[\u202e\u202b\u2067\u200f]/.test(node.nodeValue)) rtl = true;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    let r = null;
    if (node.nodeType === 1) {
      const tag = node.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') return;
      if (tag === 'IFRAME' || tag === 'FRAME' || tag === 'OBJECT' || tag === 'EMBED' || tag.includes('-')) opaque = true;
      const st = getComputedStyle(node);
      if (st.direction === 'rtl' || /override/.test(st.unicodeBidi)) rtl = true;
      r = node.getBoundingClientRect();
      const b = pseudo(node, '::before');
      if (b) put(b, {left: r.left - 0.5, top: r.top, height: r.height});
    }
    let kids = node.childNodes;
    if (node.shadowRoot) kids = [node.shadowRoot];
    else if (node.tagName === 'SLOT') { const a = node.assignedNodes({flatten: true}); if (a.length) kids = a; }
    for (const k of kids) walk(k);
    if (node.nodeType === 1) {
      const a = pseudo(node, '::after');
      if (a) put(a, {left: r.right + 0.5, top: r.top, height: r.height});
    }
  };
  walk(el);
  const rendered = pieces.map(p => p.t).join('');
  add(rendered);
  const visual = pieces.slice().sort((a, b) => {
    const row = Math.max(2, Math.min(a.h || 0, b.h || 0) / 2);
    if (Math.abs(a.y - b.y) > row) return a.y - b.y;
    return (a.x - b.x) || (a.i - b.i);
  }).map(p => p.t).join('');
  add(visual);
  // Reversed always: a reversed harmless label is no refused phrase, and
  // bidi can be set where no style of the control shows it.
  add(Array.from(rendered).reverse().join(''));
  add(Array.from(visual).reverse().join(''));
  add(Array.from(String(el.textContent || '').slice(0, MAX)).reverse().join(''));
  if (names.length > 0) opaque = false;
  if (el.shadowRoot === null && el.tagName.includes('-') && !names.length) opaque = true;
  const tag = el.tagName, type = String(el.getAttribute('type') || '').toLowerCase();
  const role = String(el.getAttribute('role') || '').toLowerCase();
  const ctl = (tag === 'LABEL' && el.control) ? el.control : null;
  const form = el.form || (el.closest && el.closest('form')) || (ctl && ctl.form) || null;
  const isSubmit = (e) => !!e && ((e.tagName === 'INPUT' && (['submit', 'image'].includes(String(e.type).toLowerCase()))) || (e.tagName === 'BUTTON' && String(e.type).toLowerCase() === 'submit' && !!e.form));
  const submits = isSubmit(el) || isSubmit(ctl);
  const checkable = (tag === 'INPUT' && (type === 'checkbox' || type === 'radio')) || ['checkbox', 'switch', 'radio', 'menuitemcheckbox', 'menuitemradio'].includes(role) ||
    (tag === 'LABEL' && !!ctl && ctl.tagName === 'INPUT' && (ctl.type === 'checkbox' || ctl.type === 'radio'));
  const fields = [];
  if (form) {
    for (const f of form.querySelectorAll('input,select,textarea')) {
      const l = (f.labels && f.labels[0]) ? f.labels[0].textContent : '';
      fields.push([f.name || '', f.id || '', l, f.getAttribute('autocomplete') || '', f.getAttribute('aria-label') || '', f.getAttribute('placeholder') || ''].join(' ').slice(0, 300));
      if (fields.length >= 60) break;
    }
  }
  // Where a click lands.
  let r = el.getBoundingClientRect();
  if ((r.width < 4 || r.height < 4) && el.labels && el.labels.length) {
    for (const l of el.labels) { const lr = l.getBoundingClientRect(); if (lr.width >= 4 && lr.height >= 4) { r = lr; break; } }
  }
  let x = r.left + r.width / 2, y = r.top + r.height / 2;
  let w = doc.defaultView;
  while (w && w !== window.top) {
    try { const fe = w.frameElement; if (!fe) break; const fr = fe.getBoundingClientRect(); x += fr.left; y += fr.top; w = w.parent; } catch (e) { break; }
  }
  let hit = false;
  if (r.width > 0 && r.height > 0) {
    // Drill down through open shadow roots and same-origin frames to the
    // element a trusted click reaches.
    let top = document.elementFromPoint(x, y), fx = x, fy = y;
    for (let guard = 0; top && guard < 20; guard++) {
      if (top.shadowRoot) { const inner = top.shadowRoot.elementFromPoint(fx, fy); if (inner && inner !== top) { top = inner; continue; } }
      if (top.tagName === 'IFRAME' || top.tagName === 'FRAME') {
        try { const fr = top.getBoundingClientRect(); const d = top.contentDocument; if (d) { fx -= fr.left; fy -= fr.top; const inner = d.elementFromPoint(fx, fy); if (inner) { top = inner; continue; } } } catch (e) {}
      }
      break;
    }
    const inside = (t) => { for (let c = t; c; c = c.parentNode || c.host) if (c === el) return true; return false; };
    if (top && inside(top)) hit = true;
    if (!hit && top && el.labels) for (const l of el.labels) if (l === top || l.contains(top)) hit = true;
  }
  return {names, submits, fields, opaque, checkable, rtl, x, y, hit};
}`

// guardInfo is what jsGuardPoint reports.
type guardInfo struct {
	Names     []string `json:"names"`
	Submits   bool     `json:"submits"`
	Fields    []string `json:"fields"`
	Opaque    bool     `json:"opaque"`
	Checkable bool     `json:"checkable"`
	RTL       bool     `json:"rtl"`
	X, Y      float64
	Hit       bool `json:"hit"`
}

// inPaymentForm reports whether the control sits in a form that takes card data.
func (c *guardInfo) inPaymentForm() bool {
	for _, f := range c.Fields {
		if IsCardField(f) {
			return true
		}
	}
	return false
}

// clickReq is one guarded click: the control, the names already known (the
// recorded accessible name, the flow step's text) and how strict to be.
// onPayment tightens the word list on cart, checkout and payment steps;
// final is set on a page taken for the end of a checkout (isFinalCheckout),
// where nothing that submits is clicked, whatever it says; box is set for a
// flow's check or uncheck step, which clicks only a checkbox, radio or switch.
type clickReq struct {
	sel              string
	known            []string
	onPayment, final bool
	box              bool
}

// judge is the guard's verdict on what jsGuardPoint read: the phrase or
// reason that refuses the click, or "" to allow it.
func (s *session) judge(req clickReq, info *guardInfo) (string, bool) {
	if s.guard.AllowSubmit {
		return "", false
	}
	if req.box && !info.Checkable {
		return "not a checkbox, radio or switch", true
	}
	if p, bad := s.guard.BlocksAny(info.Names, req.onPayment); bad {
		return p, true
	}
	// A box in a payment form (the terms) is ticked: ticking submits nothing.
	if req.final && !req.box && (info.Submits || info.inPaymentForm()) {
		return "submits on the final checkout page", true
	}
	if req.onPayment && info.Opaque {
		return "no readable name, hosts a custom element or frame", true
	}
	return "", false
}

// guardedClick clicks the control at req.sel unless the guard refuses it.
// It waits for the rate limiter first; then one evaluation reads the names
// and hit-tests the click point, the guard judges, and the click follows at
// once: a trusted mouse click where the hit-test reached the control, else a
// script click on the very element checked (found by its nonce). A selector
// that matches nothing is not clicked. A control whose names cannot be read
// is refused: the guard fails closed. blocked is the guard's refusal; err a
// click that failed.
func (s *session) guardedClick(tab *Tab, ctx context.Context, req clickReq) (phrase string, blocked bool, err error) {
	if !s.guard.AllowSubmit {
		if p, bad := s.guard.BlocksAny(req.known, req.onPayment); bad {
			return p, true, nil
		}
	}
	nonce := newNonce()
	var info *guardInfo
	// Once more after a pause: a page still settling can lose its execution
	// context under the first read.
	for try := 0; try < 2; try++ {
		if try > 0 {
			time.Sleep(300 * time.Millisecond)
		}
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		info, err = call[*guardInfo](rctx, jsGuardPoint, req.sel, nonce)
		cancel()
		if err == nil {
			break
		}
	}
	if err != nil {
		if s.guard.AllowSubmit {
			return "", false, err
		}
		return fmt.Sprintf("names unreadable: %v", err), true, nil
	}
	if info == nil {
		return "", false, fmt.Errorf("%w: %s", errNotFound, req.sel)
	}
	if p, bad := s.judge(req, info); bad {
		return p, true, nil
	}
	if !info.Hit {
		ok, err := call[bool](ctx, `(sel, nonce) => { const el = (`+jsFind+`)(sel); if (!el || !Object.getOwnPropertyDescriptor(el, nonce)) return false; el.click(); return true; }`, req.sel, nonce)
		if err == nil && !ok {
			err = fmt.Errorf("%w: %s changed before the click", errNotFound, req.sel)
		}
		return "", false, err
	}
	return "", false, tab.mouseClick(ctx, info.X, info.Y)
}

// newNonce is a property name a page cannot guess.
func newNonce() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "__da_" + hex.EncodeToString(b[:])
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
