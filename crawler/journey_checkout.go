package crawler

import (
	"context"
	"net/url"
	"strings"
	"unicode"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

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
		for _, k := range []evidence.PageKind{KindLogin, KindTerms, KindHelp, KindAccount} {
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
