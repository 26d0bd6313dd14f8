package crawler

import "strings"

// Guard is the safety guard: darkaudit never commits money. It refuses to
// click a control whose name means placing an order or paying, and refuses to
// type card data, unless the user allowed submission for their own staging site.
type Guard struct {
	// AllowSubmit lifts the click guard (--allow-submit); card data still only
	// comes from the flow file.
	AllowSubmit bool
}

// Blocks reports whether clicking a control with this accessible name could
// commit money, and the phrase that decided it. onPayment is set on checkout
// and payment steps, where weaker words ("Buy", "Confirm") also commit.
func (g Guard) Blocks(name string, onPayment bool) (string, bool) {
	if g.AllowSubmit {
		return "", false
	}
	lx, err := Lexicons()
	if err != nil {
		return "lexicon unavailable", true // fail closed
	}
	n := Normalize(name)
	if p, ok := MatchAny(n, lx.CommitMoney); ok {
		return p, true
	}
	if onPayment {
		if p, ok := MatchAny(n, lx.CommitMoneyOnPayment); ok {
			return p, true
		}
	}
	return "", false
}

// cardHints mark form fields that take payment card data.
var cardHints = []string{"cc-number", "cc-csc", "cc-exp", "cardnumber", "card-number", "card number", "card_number", "cvc", "cvv", "security code", "kartennummer", "numéro de carte", "numero de carte", "prüfnummer", "expiry", "expiration", "ablaufdatum"}

// IsCardField reports whether a field (by its name, label or autocomplete
// token) takes payment card data, which darkaudit never types.
func IsCardField(nameLabelAutocomplete string) bool {
	s := strings.ToLower(nameLabelAutocomplete)
	for _, h := range cardHints {
		if strings.Contains(s, h) {
			return true
		}
	}
	return false
}
