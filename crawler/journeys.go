package crawler

import (
	"context"
	"net/url"

	"github.com/darkaudit/darkaudit/evidence"
)

// Reasons a journey stopped short of its goal.
const (
	ReasonNoProduct     = "no product found"
	ReasonAddDisabled   = "add-to-cart stayed disabled"
	ReasonLoginWall     = "login wall"
	ReasonChallenge     = "bot challenge"
	ReasonBudget        = "budget spent"
	ReasonUnreachable   = "entry page could not be loaded"
	ReasonNoCart        = "cart not found"
	ReasonNoCheckout    = "checkout not found"
	ReasonStuck         = "no way forward found"
	ReasonNoSignup      = "no signup found"
	ReasonNoSignupForm  = "signup form not found"
	ReasonNoContact     = "no way to contact found"
	maxJourneyActions   = 40
	maxProductPageVisit = 8
)

// journeyRun holds the state of one goal-directed walk on one tab.
type journeyRun struct {
	s     *session
	j     *evidence.Journey
	tab   *Tab
	snap  *evidence.Snapshot
	depth int
	acts  int
}

func (s *session) startRun(kind evidence.JourneyKind) (*journeyRun, bool) {
	j := s.newJourney(kind, string(kind))
	tab, err := s.openTab()
	if err != nil {
		s.addError(s.target.URL, j.ID, nil, err)
		j.Reason = err.Error()
		return nil, false
	}
	r := &journeyRun{s: s, j: j, tab: tab}
	st, t := s.goTo(tab, j, s.start.String(), 0, evidence.Action{Type: evidence.ActionGoto, Target: s.start.String()})
	r.tab = t
	if st == nil || st.Snapshot == nil {
		j.Reason = ReasonUnreachable
		if s.user.Err() != nil {
			j.Reason = ReasonBudget
		}
		r.tab.Close()
		return nil, false
	}
	r.snap = s.dismissOverlays(r.tab, j, st.Snapshot, 0)
	return r, true
}

func (r *journeyRun) close() { r.tab.Close() }

// take moves on to the page a step shows.
func (r *journeyRun) take(st *evidence.Step) bool {
	r.acts++
	if st == nil || st.Snapshot == nil {
		return false
	}
	r.depth++
	r.snap = r.s.dismissOverlays(r.tab, r.j, st.Snapshot, r.depth)
	return true
}

// clickOn clicks a clickable and moves on to the page it shows.
func (r *journeyRun) clickOn(c evidence.Clickable, onPayment bool) bool {
	st, err := r.s.click(r.tab, r.j, targetOf(c), r.depth+1, onPayment, evidence.ActionClick)
	if err != nil {
		r.acts++
		return false
	}
	return r.take(st)
}

// follow goes to a link: by navigation when it has an address, else by a click.
func (r *journeyRun) follow(c evidence.Clickable, u *url.URL) bool {
	if u == nil {
		return r.clickOn(c, false)
	}
	box := c.Box
	st, t := r.s.goTo(r.tab, r.j, u.String(), r.depth+1, evidence.Action{Type: evidence.ActionGoto, Target: u.String(), Selector: c.Selector, Text: clip(c.Name, 200), Box: &box})
	r.tab = t
	return r.take(st)
}

// over reports whether the walk must stop, setting the reason.
func (r *journeyRun) over(ctx context.Context) bool {
	switch {
	case ctx.Err() != nil || r.s.user.Err() != nil:
		r.j.Reason = ReasonBudget
	case r.acts >= maxJourneyActions:
		r.j.Reason = ReasonBudget
	case isChallenge(r.snap):
		r.j.Reason = ReasonChallenge
	default:
		return false
	}
	return true
}

var mainRegions = map[string]int{"main": 3, "dialog": 4, "": 1, "aside": 1}

func inChrome(c evidence.Clickable) bool { return c.Region == "header" || c.Region == "nav" }

// refresh records the page again after options were chosen.
func (r *journeyRun) refresh() {
	st := r.s.record(r.tab, r.j, evidence.Action{Type: evidence.ActionWait, Target: r.snap.FinalURL}, r.depth)
	r.acts++
	if st != nil && st.Snapshot != nil {
		r.snap = st.Snapshot
	}
}
