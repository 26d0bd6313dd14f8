package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/temoto/robotstxt"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/time/rate"

	"github.com/darkaudit/darkaudit/evidence"
)

// ErrBadURL is returned for a target that is not an absolute http(s) URL.
var ErrBadURL = errors.New("bad URL")

// ParseTarget checks a target URL given on the command line.
func ParseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadURL, raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w %q: want an absolute http:// or https:// URL, e.g. https://shop.example/", ErrBadURL, raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w %q: no host name", ErrBadURL, raw)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.Fragment = ""
	return u, nil
}

// SiteOf names the site of a URL: its registrable domain (shop.example for
// www.shop.example), with the port when one is given, or the IP and port.
func SiteOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	site := host
	if net.ParseIP(host) == nil && host != "localhost" {
		if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
			site = d
		}
	}
	if p := u.Port(); p != "" {
		site += ":" + p
	}
	return site
}

// session is the state of one site's audit: its browser context, politeness,
// the target being filled and the errors met on the way.
type session struct {
	b       *Browser
	opts    Options
	bundle  *evidence.Bundle
	start   *url.URL
	site    string
	slug    string
	ctx     context.Context // the site's browser context
	user    context.Context // the caller's context: Ctrl-C and the site budget
	robots  *robotstxt.Group
	limiter *rate.Limiter
	guard   Guard

	mu       sync.Mutex
	target   *evidence.Target
	errs     []evidence.ErrorRecord
	visited  map[string]bool
	journeys int
	skipped  int
}

// AuditSite runs the configured journeys on one site and returns what was
// recorded, with the errors met. It always returns a target, partial when the
// site failed, ctx ended or the budget ran out.
func (b *Browser) AuditSite(ctx context.Context, start *url.URL, bundle *evidence.Bundle, opts Options) (*evidence.Target, []evidence.ErrorRecord) {
	opts.fill()
	site := SiteOf(start)
	name := opts.Name
	if name == "" {
		name = evidence.DefaultName(start.String())
	}
	t := &evidence.Target{URL: start.String(), Site: site, Name: name, Status: evidence.StatusComplete, Journeys: []*evidence.Journey{}}
	s := &session{
		b: b, opts: opts, bundle: bundle, start: start, site: site, slug: evidence.SafeName(site),
		guard: Guard{AllowSubmit: opts.AllowSubmit}, target: t, visited: map[string]bool{},
	}
	if opts.Rate > 0 {
		s.limiter = rate.NewLimiter(rate.Limit(opts.Rate), 1)
	}
	uctx, cancel := context.WithTimeout(ctx, opts.Budget)
	defer cancel()
	s.user = uctx
	if !opts.IgnoreRobots {
		s.robots = robotsRules(uctx, start)
	}
	// One browser context per site: cookies and storage never leak between sites.
	sctx, scancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer scancel()
	if err := chromedp.Do(sctx); err != nil {
		t.Status, t.Error = evidence.StatusFailed, "open browser context: "+err.Error()
		return t, []evidence.ErrorRecord{{URL: t.URL, Message: t.Error}}
	}
	s.ctx = sctx
	if !s.allowed(start) {
		t.Status, t.Error = evidence.StatusFailed, "robots.txt disallows the entry page for darkaudit (use --ignore-robots on a site you may audit)"
		return t, []evidence.ErrorRecord{{URL: t.URL, Message: t.Error}}
	}
	for _, name := range opts.Journeys {
		run, ok := journeyFunc(name)
		if !ok {
			s.addError(t.URL, "", nil, fmt.Errorf("unknown journey %q", name))
			continue
		}
		if uctx.Err() != nil {
			break
		}
		if err := run(s, uctx); err != nil {
			s.addError(t.URL, "", nil, fmt.Errorf("%s journey: %w", name, err))
		}
		if s.unreachable() {
			break
		}
	}
	if opts.Flow != nil && uctx.Err() == nil && !s.unreachable() {
		s.runFlow(uctx, opts.Flow)
	}
	s.finish(ctx, uctx)
	return t, s.errs
}

// unreachable reports whether the entry page itself could not be loaded.
func (s *session) unreachable() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.target.Journeys {
		for _, st := range j.Steps {
			if st.Snapshot != nil {
				return false
			}
		}
	}
	return len(s.target.Journeys) > 0
}

// finish sets the target's status and metrics.
func (s *session) finish(parent, uctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.target
	t.Metrics.PagesVisited = len(s.visited)
	ok := false
	for _, j := range t.Journeys {
		for _, st := range j.Steps {
			if st.Snapshot != nil {
				ok = true
			}
		}
	}
	switch {
	case !ok:
		t.Status = evidence.StatusFailed
		if t.Error == "" {
			t.Error = "site unreachable: no page could be loaded"
			for _, e := range s.errs {
				t.Error = "site unreachable: " + e.Message
				break
			}
		}
	case parent.Err() != nil:
		t.Status, t.Error = evidence.StatusIncomplete, "audit interrupted"
	case uctx.Err() != nil:
		t.Status, t.Error = evidence.StatusIncomplete, fmt.Sprintf("site budget of %s spent", s.opts.Budget)
	case len(s.errs) > 0:
		t.Status, t.Error = evidence.StatusIncomplete, fmt.Sprintf("%d step(s) failed; see errors", len(s.errs))
	}
	summarizeJourneys(t)
}

// summarizeJourneys fills the journey metrics of a target.
func summarizeJourneys(t *evidence.Target) {
	for _, j := range t.Journeys {
		switch j.Kind {
		case evidence.JourneyCheckout:
			t.Metrics.CheckoutReached = t.Metrics.CheckoutReached || j.Reached
		case evidence.JourneySignup:
			if j.Reached && !t.Metrics.SignupReached {
				n := clicks(j)
				t.Metrics.SignupSteps = &n
			}
			t.Metrics.SignupReached = t.Metrics.SignupReached || j.Reached
		case evidence.JourneyCancel:
			if j.Reached && !t.Metrics.CancelReached {
				n := clicks(j)
				t.Metrics.CancelSteps = &n
			}
			t.Metrics.CancelReached = t.Metrics.CancelReached || j.Reached
		}
	}
}

// clicks counts the customer actions of a journey (clicks, selections, ticks), not the first goto.
func clicks(j *evidence.Journey) int {
	n := 0
	for _, s := range j.Steps {
		switch s.Action.Type {
		case evidence.ActionClick, evidence.ActionSelect, evidence.ActionCheck, evidence.ActionUncheck:
			n++
		}
	}
	return n
}

// newJourney adds a journey to the target.
func (s *session) newJourney(kind evidence.JourneyKind, name string) *evidence.Journey {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journeys++
	j := &evidence.Journey{ID: fmt.Sprintf("j%d", s.journeys), Kind: kind, Name: name, Steps: []*evidence.Step{}}
	s.target.Journeys = append(s.target.Journeys, j)
	return j
}

// addError records a failure that does not stop the audit.
func (s *session) addError(u, journey string, step *int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs = append(s.errs, evidence.ErrorRecord{URL: u, Journey: journey, Step: step, Message: err.Error()})
	s.opts.Log.Warn().Str("site", s.site).Str("url", u).Str("journey", journey).Err(err).Msg("step failed")
}

// sameSite reports whether u belongs to the audited site.
func (s *session) sameSite(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && SiteOf(u) == s.site
}

// allowed applies robots.txt.
func (s *session) allowed(u *url.URL) bool {
	if s.robots == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return s.robots.Test(p)
}

// openTab opens a tab in the site's browser context.
func (s *session) openTab() (*Tab, error) { return newTab(s.ctx) }

// stepCtx bounds one step by d, the site budget and the caller's context.
func (s *session) stepCtx(tab *Tab, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(tab.ctx, d)
	stop := context.AfterFunc(s.user, cancel)
	return ctx, func() { stop(); cancel() }
}

// wait applies the per-site rate limit.
func (s *session) wait() error {
	if s.limiter == nil {
		return s.user.Err()
	}
	return s.limiter.Wait(s.user)
}

// canonical is the form of a URL used to tell pages apart.
func canonical(u *url.URL) string {
	c := *u
	c.Fragment = ""
	if c.Path == "" {
		c.Path = "/"
	}
	return c.String()
}

// appendStep adds a step to a journey and numbers it.
func (s *session) appendStep(j *evidence.Journey, st *evidence.Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st.Index = len(j.Steps)
	j.Steps = append(j.Steps, st)
}

// goTo navigates the tab to target and records the step. It returns the tab
// to go on with: a fresh one when the old one hung.
func (s *session) goTo(tab *Tab, j *evidence.Journey, target string, depth int, action evidence.Action) (*evidence.Step, *Tab) {
	if err := s.wait(); err != nil {
		return nil, tab
	}
	tab.resetRecords()
	ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
	err := chromedp.Do(ctx, chromedp.Navigate(target))
	hung := ctx.Err() != nil && s.user.Err() == nil
	cancel()
	if err != nil && !hung {
		st := &evidence.Step{Action: action, URL: target, Depth: depth, At: time.Now().UTC(), Error: "navigation failed: " + err.Error()}
		s.appendStep(j, st)
		idx := st.Index
		s.addError(target, j.ID, &idx, errors.New(st.Error))
		s.progress(j, st, errors.New(st.Error))
		return st, tab
	}
	st := s.record(tab, j, action, depth)
	if hung {
		msg := fmt.Sprintf("page did not finish loading within %s", s.opts.PageTimeout)
		if n := tab.dialogCount(); n >= 5 {
			msg += fmt.Sprintf(" (it raised %d dialogs)", n)
		}
		if st.Error == "" {
			st.Error = msg
		}
		idx := st.Index
		s.addError(target, j.ID, &idx, errors.New(msg))
		tab = s.replaceTab(tab)
	}
	return st, tab
}

// replaceTab closes a tab that may be wedged and opens a fresh one.
func (s *session) replaceTab(old *Tab) *Tab {
	old.Close()
	t, err := s.openTab()
	if err != nil {
		s.addError(s.target.URL, "", nil, fmt.Errorf("reopen tab: %w", err))
		return old
	}
	return t
}

// record settles the page, captures it and appends the step.
func (s *session) record(tab *Tab, j *evidence.Journey, action evidence.Action, depth int) *evidence.Step {
	st := &evidence.Step{Action: action, Depth: depth, At: time.Now().UTC()}
	s.appendStep(j, st)
	name := fmt.Sprintf("%s-%s-%02d", s.slug, j.ID, st.Index)
	ctx, cancel := s.stepCtx(tab, s.opts.PageTimeout)
	defer cancel()
	tab.settle(ctx, s.opts.SettleMin, 300*time.Millisecond, 4*time.Second)
	snap, err := tab.capture(ctx, s.bundle, name)
	if err != nil && snap == nil && ctx.Err() == nil {
		// A page that navigated itself during capture: wait and try once more.
		time.Sleep(500 * time.Millisecond)
		snap, err = tab.capture(ctx, s.bundle, name)
	}
	if snap != nil {
		snap.PageKind = ClassifyPage(snap)
		if action.Type == evidence.ActionGoto {
			snap.URL = action.Target
		}
		st.URL, st.Title, st.PageKind = snap.FinalURL, snap.Title, snap.PageKind
		st.Screenshot, st.HTML = snap.Screenshot.Path, snap.HTML.Path
		st.Snapshot = snap
		if serr := s.bundle.SaveSnapshot(name, st); serr != nil && err == nil {
			err = serr
		}
		if u, perr := url.Parse(snap.FinalURL); perr == nil {
			s.mu.Lock()
			s.visited[canonical(u)] = true
			s.mu.Unlock()
		}
	}
	if err != nil {
		st.Error = err.Error()
		if st.URL == "" {
			st.URL = action.Target
		}
		idx := st.Index
		s.addError(st.URL, j.ID, &idx, err)
	}
	s.progress(j, st, err)
	return st
}

func (s *session) progress(j *evidence.Journey, st *evidence.Step, err error) {
	if s.opts.Progress != nil {
		s.opts.Progress(Progress{Site: s.target.Name, Journey: j.Kind, Step: st.Index, URL: st.URL, Err: err})
	}
}
