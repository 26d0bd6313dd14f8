package crawler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/evidence"
)

// ActionSnapshot is the action of a flow's snapshot step.
const ActionSnapshot = "snapshot"

// jsFindByText finds the element a flow step names by visible text, marks it
// with a data attribute and returns a selector for it ("" when none).
// want is "click" for buttons and links, "field" for inputs found by label,
// "box" for checkboxes found by label.
const jsFindByText = `(text, want, mark) => {
  const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim().toLowerCase();
  const t = norm(text);
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const nameOf = (el) => norm(el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title') || el.getAttribute('alt') || '');
  const tag = (el) => { el.setAttribute('data-darkaudit-flow', mark); return '[data-darkaudit-flow="' + mark + '"]'; };
  const all = Array.from(document.querySelectorAll('*'));
  if (want === 'click') {
    const inter = all.filter(el => el.matches('a[href],button,[role=button],[role=link],[role=tab],[role=menuitem],[role=checkbox],[role=switch],[role=radio],input[type=submit],input[type=button],summary,label,[onclick]') && shown(el));
    const chrome = (el) => !!el.closest('header,nav,footer,[role=banner],[role=navigation]');
    let el = inter.find(el => nameOf(el) === t && !chrome(el)) || inter.find(el => nameOf(el) === t) || inter.find(el => nameOf(el).includes(t) && !chrome(el)) || inter.find(el => nameOf(el).includes(t));
    if (!el) {
      const exact = all.filter(el => shown(el) && nameOf(el) === t);
      el = exact[exact.length - 1];
    }
    return el ? tag(el) : '';
  }
  const isField = (el) => el && el.matches && el.matches(want === 'box' ? 'input[type=checkbox],input[type=radio],[role=checkbox],[role=switch],[role=radio]' : 'input,select,textarea');
  for (const l of all.filter(el => el.tagName === 'LABEL')) {
    const n = norm(l.innerText);
    if ((n === t || n.includes(t)) && isField(l.control)) return tag(l.control);
  }
  const fields = all.filter(isField);
  let el = fields.find(el => norm(el.getAttribute('aria-label')) === t || norm(el.getAttribute('placeholder')) === t || norm(el.getAttribute('name')) === t || (want === 'box' && norm(el.innerText) === t));
  if (!el) el = fields.find(el => norm(el.getAttribute('aria-label')).includes(t) || norm(el.getAttribute('placeholder')).includes(t) || (want === 'box' && norm(el.innerText).includes(t)));
  return el ? tag(el) : '';
}`

// jsFieldInfo describes a field for the safety guard.
const jsFieldInfo = `(sel) => { const el = (` + jsFind + `)(sel); if (!el) return null;
  const l = (el.labels && el.labels[0]) ? el.labels[0].innerText : '';
  return {key: [el.name || '', el.id || '', l, el.getAttribute('aria-label') || '', el.getAttribute('placeholder') || '', el.getAttribute('autocomplete') || ''].join(' '), type: (el.type || el.tagName || '').toLowerCase(), name: l || el.getAttribute('aria-label') || el.name || ''}; }`

type fieldInfo struct {
	Key  string `json:"key"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// runFlow runs every journey of the flow file.
func (s *session) runFlow(ctx context.Context, f *flow.Flow) {
	for _, fj := range f.Journeys {
		if ctx.Err() != nil {
			return
		}
		s.runFlowJourney(ctx, f, fj)
	}
}

// flowRun is the state of one scripted journey.
type flowRun struct {
	s     *session
	f     *flow.Flow
	j     *evidence.Journey
	tab   *Tab
	url   string
	kind  string
	marks int
}

func (s *session) runFlowJourney(ctx context.Context, f *flow.Flow, fj flow.Journey) {
	j := s.newJourney(fj.Kind, fj.Name)
	tab, err := s.openTab()
	if err != nil {
		j.Reason = err.Error()
		s.addError(s.target.URL, j.ID, nil, err)
		return
	}
	r := &flowRun{s: s, f: f, j: j, tab: tab}
	defer func() {
		r.tab.Close()
		s.scrubJourney(f, j)
	}()
	for i, st := range fj.Steps {
		if ctx.Err() != nil || s.user.Err() != nil {
			j.Reason = ReasonBudget
			return
		}
		if err := r.step(i, st); err != nil {
			msg := fmt.Sprintf("step %d (%s, line %d) failed: %v", i+1, st.Op, st.Pos.Line, err)
			j.Reason = f.Scrub(msg, Masked)
			return
		}
	}
	j.Reached = true
}

// fail records a failing step with a screenshot of the page as it is.
func (r *flowRun) fail(a evidence.Action, err error) error {
	a = r.scrubAction(a)
	st := r.s.record(r.tab, r.j, a, len(r.j.Steps))
	st.Error = r.f.Scrub(err.Error(), Masked)
	idx := st.Index
	r.s.addError(firstNonEmpty(st.URL, r.url), r.j.ID, &idx, errors.New(st.Error))
	return err
}

func (r *flowRun) scrubAction(a evidence.Action) evidence.Action {
	a.Target = r.f.Scrub(a.Target, Masked)
	a.Value = r.f.Scrub(a.Value, Masked)
	a.Text = r.f.Scrub(a.Text, Masked)
	a.Selector = r.f.Scrub(a.Selector, Masked)
	return a
}

// scrubJourney removes every secret from what a journey recorded.
func (s *session) scrubJourney(f *flow.Flow, j *evidence.Journey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range j.Steps {
		st.Action.Target = f.Scrub(st.Action.Target, Masked)
		st.Action.Value = f.Scrub(st.Action.Value, Masked)
		st.Action.Text = f.Scrub(st.Action.Text, Masked)
		st.Action.Selector = f.Scrub(st.Action.Selector, Masked)
		st.URL = f.Scrub(st.URL, Masked)
		st.Title = f.Scrub(st.Title, Masked)
		st.Error = f.Scrub(st.Error, Masked)
	}
	j.Reason = f.Scrub(j.Reason, Masked)
	for i := range s.errs {
		s.errs[i].Message = f.Scrub(s.errs[i].Message, Masked)
		s.errs[i].URL = f.Scrub(s.errs[i].URL, Masked)
	}
}

// locate turns a step's selector or text into a selector.
func (r *flowRun) locate(st flow.Step, want string) (string, error) {
	ctx, cancel := r.s.stepCtx(r.tab, r.s.opts.PageTimeout)
	defer cancel()
	if st.Selector != "" {
		if !r.tab.exists(ctx, st.Selector) {
			return "", fmt.Errorf("%w: no element matches selector %q", errNotFound, st.Selector)
		}
		return st.Selector, nil
	}
	r.marks++
	sel, err := call[string](ctx, jsFindByText, st.Text, want, fmt.Sprintf("%d", r.marks))
	if err != nil {
		return "", err
	}
	if sel == "" {
		return "", fmt.Errorf("%w: nothing shows the text %q", errNotFound, st.Text)
	}
	return sel, nil
}

func (r *flowRun) step(i int, st flow.Step) error {
	s := r.s
	depth := len(r.j.Steps)
	switch st.Op {
	case flow.OpGoto:
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
	case flow.OpReload:
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
	case flow.OpSnapshot:
		r.seen(s.record(r.tab, r.j, evidence.Action{Type: ActionSnapshot, Text: st.Name, Target: r.url}, depth))
		return nil
	case flow.OpClick:
		a := evidence.Action{Type: evidence.ActionClick, Text: st.Text, Selector: st.Selector}
		sel, err := r.locate(st, "click")
		if err != nil {
			return r.fail(a, err)
		}
		name := r.nameOf(sel, st.Text)
		a.Selector, a.Text = sel, name
		if phrase, bad := s.guardCheck(r.tab, sel, []string{name, st.Text}, r.kind == KindCheckout || r.kind == KindCart, false); bad {
			s.blockedStep(r.j, r.scrubAction(a), phrase, depth)
			return fmt.Errorf("%w: %q commits money (%q); pass --allow-submit only on your own staging site", ErrBlocked, name, phrase)
		}
		rec, err := s.doClick(r.tab, r.j, tgt{Selector: sel, Name: name}, r.scrubAction(a), depth)
		if err != nil {
			return err
		}
		r.seen(rec)
		return nil
	case flow.OpFill, flow.OpSelect:
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
	case flow.OpCheck, flow.OpUncheck:
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
		rec, err := s.doClick(r.tab, r.j, tgt{Selector: sel, Name: a.Text}, r.scrubAction(a), depth)
		if err != nil {
			return err
		}
		r.seen(rec)
		return nil
	case flow.OpWait, flow.OpExpect:
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
	return fmt.Errorf("unknown step %q", st.Op)
}

// seen notes the page a recorded step shows.
func (r *flowRun) seen(st *evidence.Step) {
	if st == nil {
		return
	}
	if st.URL != "" {
		r.url = st.URL
	}
	if st.Snapshot != nil {
		r.kind = st.Snapshot.PageKind
		if r.s.isPayment(st.Snapshot) {
			r.kind = KindCheckout
		}
	}
}

// nameOf is the accessible name of an element.
func (r *flowRun) nameOf(sel, fallback string) string {
	ctx, cancel := r.s.stepCtx(r.tab, 5*time.Second)
	defer cancel()
	n, err := call[string](ctx, `(sel) => { const el = (`+jsFind+`)(sel); if (!el) return '';
	  return String(el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim().slice(0, 200); }`, sel)
	if err != nil || n == "" {
		return fallback
	}
	return n
}
