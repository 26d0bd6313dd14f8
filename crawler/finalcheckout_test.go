package crawler

import (
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestFinalCheckout: a total alone is not the end of a checkout; a total
// with card fields, a chosen payment method or a review heading is.
func TestFinalCheckout(t *testing.T) {
	total := func() *evidence.Snapshot {
		return &evidence.Snapshot{Title: "Checkout", Nodes: []evidence.Node{{Tag: "p", Text: "Order total £89.00"}}}
	}
	if s := total(); isFinalCheckout(s) {
		t.Error("a total alone ends the checkout")
	}
	card := total()
	card.Forms = []evidence.Form{{Fields: []evidence.FormField{{Name: "cc-number", Autocomplete: "cc-number", Visible: true}}}}
	method := total()
	method.Controls = []evidence.Control{
		{Kind: evidence.ControlRadio, Label: "Kauf auf Rechnung", Checked: true, Visible: true},
	}
	review := total()
	review.Nodes = append(review.Nodes, evidence.Node{Tag: "h1", Text: "Bestellübersicht"})
	reviewTitle := total()
	reviewTitle.Title = "Review your order | Shop"
	for name, s := range map[string]*evidence.Snapshot{"card fields": card, "payment method": method, "review h1": review, "review title": reviewTitle} {
		if !isFinalCheckout(s) {
			t.Errorf("%s with a total is not taken for the end of a checkout", name)
		}
	}
	sidebar := total()
	sidebar.Nodes = append(sidebar.Nodes, evidence.Node{Tag: "h2", Text: "Order summary"})
	sidebar.Controls = []evidence.Control{{Kind: evidence.ControlRadio, Label: "Express delivery £6.99", Checked: true, Visible: true}}
	if isFinalCheckout(sidebar) {
		t.Error("a delivery step with an order-summary sidebar ends the checkout")
	}
	noTotal := &evidence.Snapshot{Title: "Review your order"}
	if isFinalCheckout(noTotal) {
		t.Error("a review heading without a total ends the checkout")
	}
}
