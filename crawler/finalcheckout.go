package crawler

import (
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// isFinalCheckout reports a page the unaided walker takes for the end of a
// checkout: it shows an order total together with card fields, a chosen
// payment method, or a "review your order" heading. Whatever its buttons
// say, the next click there could place the order, so the checkout journey
// ends and nothing that submits is clicked: defence in depth behind the
// word list, for the wording no list foresaw.
func isFinalCheckout(snap *evidence.Snapshot) bool {
	if snap == nil || !showsOrderTotal(snap) {
		return false
	}
	return cardFields(snap) > 0 || paymentMethodChosen(snap) || reviewHeading(snap)
}

// showsOrderTotal reports a total on the page: the cart the capture built,
// or a short visible line that names a total and carries an amount.
func showsOrderTotal(snap *evidence.Snapshot) bool {
	if snap.Cart != nil && snap.Cart.Total != nil {
		return true
	}
	lx, err := Lexicons()
	if err != nil {
		return false
	}
	for _, n := range snap.Nodes {
		if n.HiddenBy != "" || len(n.Text) > 80 {
			continue
		}
		if _, ok := lx.cartTotal.Match(n.Text); ok && len(price.FindAll(n.Text)) > 0 {
			return true
		}
	}
	return false
}

// paymentMethodChosen reports a ticked radio, switch or selected option
// naming a payment method ("PayPal", "Kauf auf Rechnung").
func paymentMethodChosen(snap *evidence.Snapshot) bool {
	lx, err := Lexicons()
	if err != nil {
		return false
	}
	for _, c := range snap.Controls {
		if !c.Visible || c.Kind == evidence.ControlCheckbox {
			continue
		}
		if c.Kind == evidence.ControlSelect {
			for _, o := range c.Options {
				if o.Selected {
					if _, ok := lx.paymentMethod.Match(o.Text); ok {
						return true
					}
				}
			}
			continue
		}
		if !c.Checked {
			continue
		}
		if _, ok := lx.paymentMethod.Match(c.Label + " " + c.Value); ok {
			return true
		}
	}
	return false
}

// reviewHeading reports a title or top heading that names a final order
// review ("Review your order", "Bestellübersicht", "Récapitulatif"). Only
// the title and h1 count: a side panel headed "Order summary" sits on every
// step of a checkout.
func reviewHeading(snap *evidence.Snapshot) bool {
	lx, err := Lexicons()
	if err != nil {
		return false
	}
	if _, ok := lx.orderReview.Match(snap.Title); ok {
		return true
	}
	for _, n := range snap.Nodes {
		if n.HiddenBy == "" && n.Tag == "h1" {
			if _, ok := lx.orderReview.Match(n.Text); ok {
				return true
			}
		}
	}
	return false
}
