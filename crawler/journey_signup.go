package crawler

import (
	"context"
	"net/url"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

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
		if signupForm(snap) || (emailForm(snap) && s.isPayment(snap)) {
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
			// On a payment step (card fields, a final order page) weak words
			// such as "Start free trial" commit: the guard's payment tier applies.
			r.clickOn(c, s.isPayment(snap))
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

// emailForm reports a form asking for an e-mail address that is not a plain
// sign-in form (e-mail and password only on a login page). On a page whose
// next control commits (isPayment: "Subscribe and pay", card fields), such a
// form is the signup step, however few fields it has and whatever the page
// calls itself ("Anmelden" is also German for signing up).
func emailForm(snap *evidence.Snapshot) bool {
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
			case fieldSkip:
			default:
				other++
			}
		}
		if email && !(pw && other == 0 && snap.PageKind == KindLogin) {
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
