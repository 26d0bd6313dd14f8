package crawler

import (
	"context"
	"net/url"
	"strings"
	"unicode"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
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

// checkoutJourney walks home → product → cart → checkout → payment step.
func (s *session) checkoutJourney(ctx context.Context) error {
	r, ok := s.startRun(evidence.JourneyCheckout)
	if !ok {
		return nil
	}
	defer r.close()
	j := r.j
	var id *Identity
	added, sawCart := false, false
	filled := map[string]int{}
	clicked := map[string]int{}
	unticked := map[string]bool{}
	seen := map[string]bool{}
	productVisits := 0
	optionTries := 0
	home := r.snap
	for !r.over(ctx) {
		snap := r.snap
		if u, err := url.Parse(snap.FinalURL); err == nil {
			seen[canonical(u)] = true
		}
		if id == nil && len(snap.Prices) > 0 {
			v := IdentityFor(CountryOf(snap))
			id = &v
		}
		if added && s.isPayment(snap) {
			j.Reached, j.Reason = true, ""
			return nil
		}
		kind := snap.PageKind
		if kind == KindCart || kind == KindCheckout || (added && snap.Cart != nil) {
			r.snap = s.untickExperiment(r.tab, j, snap, r.depth, unticked)
			snap = r.snap
		}
		// Only a cart page counts: a drawer or toast listing the lines hides
		// the add-ons a cart page offers, so the walk still visits the page.
		if kind == KindCart {
			sawCart = true
		}
		// 1. Add to cart.
		if !added {
			if c, ok := pick(snap, "addToCart", mainRegions, inChrome); ok {
				if s.pickOptions(r.tab, j, snap, r.depth) && optionTries < 3 {
					optionTries++
					r.refresh()
					continue
				}
				if r.clickOn(c, false) {
					added = true
				}
				continue
			}
			if _, ok := disabledIntent(snap, "addToCart"); ok {
				if optionTries < 3 && s.pickOptions(r.tab, j, snap, r.depth) {
					optionTries++
					r.refresh()
					continue
				}
				j.Reason = ReasonAddDisabled
				return nil
			}
			// Find a product page.
			if productVisits >= maxProductPageVisit {
				j.Reason = ReasonNoProduct
				return nil
			}
			links := s.rankLinks(snap, seen, productScore)
			if len(links) == 0 && snap != home {
				links = s.rankLinks(home, seen, productScore)
			}
			if len(links) == 0 {
				// Product cards are often clickable <div>s with no href.
				if c, ok := productCard(snap, clicked); ok {
					clicked[snap.FinalURL+"|"+c.Selector]++
					productVisits++
					r.clickOn(c, false)
					continue
				}
				j.Reason = ReasonNoProduct
				return nil
			}
			productVisits++
			r.follow(links[0].c, links[0].u)
			continue
		}
		// 2. On to the cart, then to checkout.
		key := snap.FinalURL
		if !sawCart && kind != KindCheckout {
			notAdd := func(c evidence.Clickable) bool { return matchScore(c.Name, intent("addToCart")) > 0 }
			if c, ok := pick(snap, "cart", map[string]int{"dialog": 4, "main": 3, "header": 2, "": 1}, notAdd); ok && clicked[key+"|cart"] == 0 {
				clicked[key+"|cart"]++
				r.clickOn(c, false)
				sawCart = true
				continue
			}
		}
		if kind == KindLogin || (hasPasswordForm(snap) && kind != KindCheckout) {
			if c, ok := pick(snap, "guest", mainRegions, nil); ok && clicked[key+"|guest"] == 0 {
				clicked[key+"|guest"]++
				r.clickOn(c, false)
				continue
			}
		}
		if c, ok := pick(snap, "guest", mainRegions, nil); ok && clicked[key+"|guest"] == 0 {
			clicked[key+"|guest"]++
			r.clickOn(c, false)
			continue
		}
		// One-page checkouts show step after step on one URL: a new set of
		// fields is a new form to fill.
		fkey := key + "|" + fieldSignature(snap)
		if id != nil && filled[fkey] == 0 && (kind == KindCheckout || kind == KindOther || hasAddressFields(snap)) {
			n, st := s.fillForms(r.tab, j, snap, *id, r.depth, false)
			filled[fkey] = n + 1
			if st != nil && st.Snapshot != nil {
				r.snap = st.Snapshot
				snap = r.snap
			}
		}
		if filled[fkey] == 0 && id == nil && hasAddressFields(snap) {
			v := IdentityFor(CountryOf(snap))
			id = &v
			continue
		}
		onPay := kind == KindCheckout
		next := []string{"continue", "checkout"}
		if kind == KindCart || !sawCart {
			next = []string{"checkout", "continue"}
		}
		moved := false
		for _, in := range next {
			c, ok := pick(snap, in, mainRegions, func(c evidence.Clickable) bool { return clicked[key+"|"+c.Selector] >= 2 })
			if !ok {
				continue
			}
			clicked[key+"|"+c.Selector]++
			r.clickOn(c, onPay)
			moved = true
			break
		}
		if moved {
			continue
		}
		if kind == KindLogin || hasPasswordForm(snap) {
			j.Reason = ReasonLoginWall
		} else if !sawCart {
			j.Reason = ReasonNoCart
		} else {
			j.Reason = ReasonNoCheckout
		}
		return nil
	}
	return nil
}

// refresh records the page again after options were chosen.
func (r *journeyRun) refresh() {
	st := r.s.record(r.tab, r.j, evidence.Action{Type: evidence.ActionWait, Target: r.snap.FinalURL}, r.depth)
	r.acts++
	if st != nil && st.Snapshot != nil {
		r.snap = st.Snapshot
	}
}

// fieldSignature names the visible form fields of a page, in order.
func fieldSignature(snap *evidence.Snapshot) string {
	var b strings.Builder
	for _, f := range snap.Forms {
		for _, fld := range f.Fields {
			if fld.Visible {
				b.WriteString(fld.Selector + ",")
			}
		}
	}
	return b.String()
}

func hasAddressFields(snap *evidence.Snapshot) bool {
	for _, f := range snap.Forms {
		for _, fld := range f.Fields {
			switch classifyField(fld) {
			case fieldStreet, fieldPostcode, fieldCity:
				if fld.Visible {
					return true
				}
			}
		}
	}
	return false
}

// productCard returns the first not yet clicked link-less clickable in the
// page body whose name carries a price and a word, like a product tile
// wired up with a click listener; never a button or a cart, checkout, signup
// or contact control.
func productCard(snap *evidence.Snapshot, clicked map[string]int) (evidence.Clickable, bool) {
	for _, c := range snap.Clickables {
		if c.Href != "" || !c.Visible || !c.Enabled || c.Box.Empty() || c.Tag == "button" || c.Tag == "input" || c.Role == "button" {
			continue
		}
		if (c.Region != "main" && c.Region != "") || clicked[snap.FinalURL+"|"+c.Selector] > 0 {
			continue
		}
		if len(price.FindAll(c.Name)) == 0 || !strings.ContainsFunc(c.Name, unicode.IsLetter) {
			continue
		}
		bad := false
		for _, in := range []string{"cart", "checkout", "addToCart", "signup", "contact"} {
			if matchScore(c.Name, intent(in)) > 0 {
				bad = true
			}
		}
		if !bad {
			return c, true
		}
	}
	return evidence.Clickable{}, false
}

// productScore ranks links for the search of a product page: product pages
// first, then categories, never the cart, login, help or legal pages.
func productScore(c evidence.Clickable, u *url.URL) int {
	name := Normalize(c.Name)
	for _, in := range []string{"cart", "checkout", "signup", "contact"} {
		if matchScore(c.Name, intent(in)) >= 2 || pathHas(u, in) {
			return -1
		}
	}
	lx, _ := Lexicons()
	if lx != nil {
		for _, k := range []string{KindLogin, KindTerms, KindHelp, KindAccount} {
			if _, ok := MatchAny(name, lx.PageKinds[k]); ok {
				return -1
			}
		}
	}
	score := 1
	if pathHas(u, "product") || strings.Contains(u.Path, "/p/") {
		score += 6
	}
	if c.Region == "main" || c.Region == "" {
		score += 2
	}
	if strings.Contains(u.Path, "categor") || strings.Contains(u.Path, "kategor") || strings.Contains(u.Path, "/c/") || strings.Contains(u.Path, "collection") {
		score += 3
	}
	if u.Path == "/" || u.Path == "" {
		return -1
	}
	return score
}

// signupJourney walks from home or pricing to the signup form and fills it.
func (s *session) signupJourney(ctx context.Context) error {
	r, ok := s.startRun(evidence.JourneySignup)
	if !ok {
		return nil
	}
	defer r.close()
	j := r.j
	clicked := map[string]bool{}
	seen := map[string]bool{}
	pricingTried := false
	for !r.over(ctx) {
		snap := r.snap
		if u, err := url.Parse(snap.FinalURL); err == nil {
			seen[canonical(u)] = true
		}
		if signupForm(snap) {
			id := IdentityFor(CountryOf(snap))
			n, _ := s.fillForms(r.tab, j, snap, id, r.depth, true)
			if n > 0 {
				j.Reached, j.Reason = true, ""
			} else {
				j.Reason = ReasonNoSignupForm
			}
			return nil
		}
		c, ok := pick(snap, "signup", map[string]int{"main": 3, "dialog": 3, "": 2, "header": 1, "nav": 1}, func(c evidence.Clickable) bool { return clicked[snap.FinalURL+"|"+c.Selector] })
		if ok {
			clicked[snap.FinalURL+"|"+c.Selector] = true
			r.clickOn(c, false)
			continue
		}
		if !pricingTried {
			pricingTried = true
			links := s.rankLinks(snap, seen, func(c evidence.Clickable, u *url.URL) int {
				if matchScore(c.Name, intent("pricing")) > 0 || pathHas(u, "pricing") {
					return 1
				}
				return -1
			})
			if len(links) > 0 {
				r.follow(links[0].c, links[0].u)
				continue
			}
		}
		if snap.PageKind == KindLogin || hasPasswordForm(snap) {
			j.Reason = ReasonLoginWall
		} else {
			j.Reason = ReasonNoSignup
		}
		return nil
	}
	return nil
}

// signupForm reports a page with a form asking for an e-mail address (and
// usually a password) on a signup page, or a form with e-mail and a new password.
func signupForm(snap *evidence.Snapshot) bool {
	for _, f := range snap.Forms {
		email, pw, other := false, false, 0
		for _, fld := range f.Fields {
			if !fld.Visible {
				continue
			}
			switch classifyField(fld) {
			case fieldEmail:
				email = true
			case fieldPassword:
				pw = true
			case fieldSkip, fieldCard:
			default:
				other++
			}
		}
		if email && (snap.PageKind == KindSignup || (pw && (other > 0 || strings.Contains(strings.ToLower(fieldsAutocomplete(f)), "new-password")))) {
			return true
		}
	}
	return false
}

func fieldsAutocomplete(f evidence.Form) string {
	var b strings.Builder
	for _, fld := range f.Fields {
		b.WriteString(fld.Autocomplete + " ")
	}
	return b.String()
}

// contactJourney searches breadth-first over same-site links from home for a
// phone number, an e-mail address, a postal address and a contact form, and
// records the shortest click path to each.
func (s *session) contactJourney(ctx context.Context) error {
	r, ok := s.startRun(evidence.JourneyContact)
	if !ok {
		return nil
	}
	defer r.close()
	j := r.j
	depths := map[string]int{}
	note := func(snap *evidence.Snapshot, depth int) {
		for _, c := range snap.Contacts {
			if d, ok := depths[c.Kind]; !ok || depth < d {
				depths[c.Kind] = depth
			}
		}
	}
	note(r.snap, 0)
	all := func() bool { return len(depths) >= 4 }
	seen := map[string]bool{}
	if u, err := url.Parse(r.snap.FinalURL); err == nil {
		seen[canonical(u)] = true
	}
	seen[canonical(s.start)] = true
	score := func(c evidence.Clickable, u *url.URL) int {
		sc := 0
		if matchScore(c.Name, intent("contact")) > 0 || pathHas(u, "contact") {
			sc += 5
		}
		if c.Region == "footer" || c.Region == "header" || c.Region == "nav" {
			sc++
		}
		return sc
	}
	pages := 1
	limit := min(s.opts.MaxPages, 15)
	type item struct {
		c     evidence.Clickable
		u     *url.URL
		depth int
		score int
	}
	var frontier []item
	for _, l := range s.rankLinks(r.snap, seen, score) {
		seen[canonical(l.u)] = true
		frontier = append(frontier, item{l.c, l.u, 1, l.score})
	}
	for depth := 1; len(frontier) > 0 && !all() && depth <= max(s.opts.MaxDepth, 1); depth++ {
		var next []item
		// Within a level, contact-looking links first.
		sortItems := frontier
		for i := 1; i < len(sortItems); i++ {
			for k := i; k > 0 && sortItems[k].score > sortItems[k-1].score; k-- {
				sortItems[k], sortItems[k-1] = sortItems[k-1], sortItems[k]
			}
		}
		for _, it := range frontier {
			if all() || pages >= limit || ctx.Err() != nil || s.user.Err() != nil {
				break
			}
			// Pages that do not look like contact pages are only worth a visit
			// while the budget is wide.
			if it.score == 0 && pages >= limit/2 {
				continue
			}
			box := it.c.Box
			st, t := s.goTo(r.tab, j, it.u.String(), it.depth, evidence.Action{Type: evidence.ActionGoto, Target: it.u.String(), Selector: it.c.Selector, Text: clip(it.c.Name, 200), Box: &box})
			r.tab = t
			pages++
			if st == nil || st.Snapshot == nil {
				continue
			}
			note(st.Snapshot, it.depth)
			for _, l := range s.rankLinks(st.Snapshot, seen, score) {
				seen[canonical(l.u)] = true
				next = append(next, item{l.c, l.u, it.depth + 1, l.score})
			}
		}
		frontier = next
	}
	s.mu.Lock()
	cd := &s.target.Metrics.ContactDepth
	set := func(p **int, kind string) {
		if d, ok := depths[kind]; ok && (*p == nil || d < **p) {
			v := d
			*p = &v
		}
	}
	set(&cd.Phone, evidence.ContactPhone)
	set(&cd.Email, evidence.ContactEmail)
	set(&cd.Address, evidence.ContactAddress)
	set(&cd.Form, evidence.ContactForm)
	s.mu.Unlock()
	j.Reached = len(depths) > 0
	switch {
	case !j.Reached && (ctx.Err() != nil || s.user.Err() != nil || pages >= limit):
		j.Reason = ReasonBudget
	case !j.Reached:
		j.Reason = ReasonNoContact
	}
	return nil
}
