package detectors

import (
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// Word lists alone miss real wording: a shop asks "Email me about new
// arrivals" and no noun in it is on the consent list. The grammar of the
// request gives it away: a first-person request to be contacted, in a signup
// or checkout form, is a marketing consent box whatever it is about. Two
// shapes are recognised, both from lexicon data:
//
//   - a direct request: "email me", "send me", "text me", "keep me posted",
//     "informieren Sie mich", "envoyez-moi", "stuur mij";
//   - a wish followed by a verb of being contacted: "I'd like to hear
//     about", "ich möchte … erhalten", "je souhaite recevoir", "ik wil …
//     ontvangen".
//
// Requests about this order or account ("send me a copy of my order",
// "email me my receipt", "text me delivery updates", "remember me") are
// functional and never count.

// functionalRequestWords picks the requests about this order or account.
func functionalRequestWords(l *Lexicon) []string { return l.FunctionalRequest }

// contactRequest returns the request to be contacted that label makes, as a
// short description for a finding's reasons, or "" when it makes none.
func contactRequest(ls []*Lexicon, label string) string {
	t := normalize(label)
	if t == "" || lexMatch(ls, t, functionalRequestWords) != "" {
		return ""
	}
	padded := " " + t + " "
	for _, l := range ls {
		// A bare "Email me" does not say about what: only a request with a
		// topic after it counts ("Email me about new arrivals").
		for _, w := range l.ContactRequest {
			p := normalize(w)
			if i := strings.Index(padded, " "+p+" "); p != "" && i >= 0 && strings.TrimSpace(padded[i+len(p)+1:]) != "" {
				return "first-person request to be contacted: " + w
			}
		}
		for _, w := range l.WishOpener {
			op := normalize(w)
			if op == "" {
				continue
			}
			i := strings.Index(padded, " "+op+" ")
			if i < 0 {
				continue
			}
			// The verb must follow the wish: "receive … I'd like" is no request.
			if v := matchWords(padded[i+len(op)+1:], l.ReceiveVerb); v != "" {
				return "first-person request to be contacted: " + w + " … " + v
			}
		}
	}
	return ""
}

// formAsksConsent reports whether a page is one where a box that asks to be
// contacted is a consent box: a signup, login (registration) or account
// form, a cart or checkout.
func formAsksConsent(snap *evidence.Snapshot, j *evidence.Journey) bool {
	if j != nil && (j.Kind == evidence.JourneySignup || j.Kind == evidence.JourneyCheckout) {
		return true
	}
	if snap == nil {
		return false
	}
	switch snap.PageKind {
	case evidence.PageSignup, evidence.PageCheckout, evidence.PageCart, evidence.PageLogin, evidence.PageAccount:
		return true
	}
	return false
}

// grammarConsent is the consent a toggle's label asks for by its grammar on
// a signup or checkout form, or "".
func (sc stepContext) grammarConsent(label string) string {
	if !formAsksConsent(sc.o.snap, sc.o.journey) {
		return ""
	}
	return contactRequest(sc.ls, label)
}
