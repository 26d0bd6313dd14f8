package crawler

import (
	"strings"

	"github.com/darkaudit/darkaudit/evidence/price"
	"github.com/darkaudit/darkaudit/evidence/text"
)

// Guard is the safety guard: darkaudit never commits money. It refuses to
// click a control whose name means placing an order, paying or finally ending
// a contract, and refuses to type card data, unless the user allowed
// submission for their own staging site.
//
// Names go through evidence/text, so soft hyphens, zero-width characters,
// odd spaces, full-width, mathematical or upper-case letters and Cyrillic or
// Greek look-alikes do not disguise a refused phrase.
type Guard struct {
	// AllowSubmit lifts the click guard (--allow-submit); card data still only
	// comes from the flow file.
	AllowSubmit bool
}

// Blocks reports whether clicking a control with this name could commit
// money, and the phrase that decided it. onPayment is set on cart, checkout
// and payment steps, where weaker words ("Buy", "Confirm") also commit.
func (g Guard) Blocks(name string, onPayment bool) (string, bool) {
	return g.BlocksAny([]string{name}, onPayment)
}

// BlocksAny is Blocks over every name a control has: its accessible name,
// visible text, textContent, aria-label, title, value. A control is refused
// when any of them is; a page cannot hide "Place order" in a title behind an
// innocent visible label.
func (g Guard) BlocksAny(names []string, onPayment bool) (string, bool) {
	if g.AllowSubmit {
		return "", false
	}
	lx, err := Lexicons()
	if err != nil {
		return "lexicon unavailable", true // fail closed
	}
	for _, name := range names {
		n := Normalize(name)
		if p, ok := lx.commit.MatchNormalized(n); ok {
			return p, true
		}
		if onPayment {
			if p, ok := lx.commitOnPayment.MatchNormalized(withoutSteps(n, lx.ProceedTo)); ok {
				return p, true
			}
		}
		// A pay verb with an amount pays: "Zahlen 49,00 €", "Pagar 12 €".
		if p, ok := lx.payWithAmount.MatchNormalized(n); ok && len(price.FindAll(text.Clean(name))) > 0 {
			return p + " (with an amount)", true
		}
		// A label spaced out letter by letter ("P l a c e  o r d e r") or
		// split across block elements ("Pla|ce or|der") is refused when,
		// without its spaces, it is a refused phrase without its spaces, or
		// holds one of at least squeezeMin letters anywhere ("Pla\nce
		// or\nder\n£89.00"). Short phrases must match whole: "paynow"
		// inside other words is too often innocent. "Replace order" holding
		// "placeorder" is accepted collateral.
		sq := strings.ReplaceAll(n, " ", "")
		if p, ok := squeezedIn(sq, lx.squeezedCommit); ok {
			return p, true
		}
		if onPayment {
			if p, ok := squeezedIn(sq, lx.squeezedOnPayment); ok {
				return p, true
			}
		}
	}
	return "", false
}

// squeezeMin is the length a squeezed phrase needs to be refused inside a
// longer squeezed name, not only as the whole of it.
const squeezeMin = 8

// squeezedIn finds a squeezed phrase that is the whole of sq or, when it has
// squeezeMin letters or more, a part of it.
func squeezedIn(sq string, phrases map[string]string) (string, bool) {
	if p, ok := phrases[sq]; ok {
		return p, true
	}
	best := ""
	for q := range phrases {
		// The smallest match, so the reported phrase does not depend on map order.
		if len(q) >= squeezeMin && len(q) < len(sq) && strings.Contains(sq, q) && (best == "" || q < best) {
			best = q
		}
	}
	if best == "" {
		return "", false
	}
	return phrases[best], true
}

// IsCardField reports whether a field (by its name, label or autocomplete
// token) takes payment card data, which darkaudit never types. Hints match
// anywhere in the normalised key, not only as whole words, so "ccNumber2"
// and "cardnumber_field" count: a false alarm costs a skipped field, a miss
// a typed card number.
func IsCardField(nameLabelAutocomplete string) bool {
	lx, err := Lexicons()
	if err != nil {
		return true // fail closed
	}
	return containsHint(nameLabelAutocomplete, lx.CardField)
}

// containsHint reports whether any of hints (normalised) occurs anywhere in
// the normalised key, spaces ignored: field names run words together.
func containsHint(key string, hints []string) bool {
	k := Normalize(key)
	squeezed := strings.ReplaceAll(k, " ", "")
	for _, h := range hints {
		if strings.Contains(k, h) || strings.Contains(squeezed, strings.ReplaceAll(h, " ", "")) {
			return true
		}
	}
	return false
}

// withoutSteps blanks the checkout steps a normalised label names ("verder
// naar betalen", "valider la livraison") so that a weak on-payment word
// inside one does not refuse it, while a weak word beside one still does:
// "Valider mon adresse et acheter" keeps "acheter".
func withoutSteps(n string, steps []string) string {
	padded := " " + n + " "
	for _, s := range steps {
		padded = strings.ReplaceAll(padded, " "+s+" ", "  ")
	}
	return strings.TrimSpace(padded)
}
