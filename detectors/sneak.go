package detectors

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// The sneak-into-basket family compares what the walker chose (add-to-cart
// clicks with the product page's heading and price, quantities it filled or
// stepped, add-ons it ticked) with every later cart or order summary of the
// journey. A priced line that matches nothing chosen is
// sneak-into-basket-item; a chosen product with a higher quantity is
// sneak-into-basket-quantity; a total above the lines plus the charges shown
// on the page (charge rows, ticked extras with prices) is
// basket-total-mismatch. Each is reported once per journey, at the step it
// first appeared, with the previous cart (or the product page) as
// Evidence.Before and the page where it appeared as Evidence.After.
// Shipping, delivery upgrades, taxes, fees and discounts are disclosed
// charges; a line for a visible pre-ticked box is left to the preticked
// family; a cart the walk did not fill is not judged line by line.

// Rule IDs of the sneak-into-basket family.
const (
	RuleSneakItem     = "sneak-into-basket-item"
	RuleSneakQuantity = "sneak-into-basket-quantity"
	RuleTotalMismatch = "basket-total-mismatch"
)

func sneakIntoBasketFamily() Family {
	return Family{
		Name: evidence.FamilySneakIntoBasket,
		Scan: sneakIntoBasket,
		Rules: []evidence.RuleMeta{
			rule(RuleTotalMismatch, evidence.FamilySneakIntoBasket, evidence.SeverityMedium,
				"Total is above the items and charges shown",
				"The cart or order total is higher than the sum of its lines and the charges disclosed on the page, "+
					"by more than rounding: something is charged that the customer cannot see.",
				"List every amount that makes up the total, so the total is the sum of what the customer sees."),
			rule(RuleSneakItem, evidence.FamilySneakIntoBasket, evidence.SeverityHigh,
				"Item or charge added to the basket without the customer's choice",
				"A cart or order summary holds a line nobody chose: a product, insurance, a donation or a "+
					"protection plan that the walker never added, and that is not a disclosed shipping, tax or discount line.",
				"Only put in the basket what the customer added. Offer extras with an unticked box or a separate button, "+
					"and show their price before they are added."),
			rule(RuleSneakQuantity, evidence.FamilySneakIntoBasket, evidence.SeverityHigh,
				"Quantity raised without the customer's choice",
				"A product in the cart or order summary has a higher quantity than the walker chose.",
				"Keep the quantity the customer chose; never raise it by default or in a later step."),
		},
	}
}

// sneakIntoBasket compares what the walker chose with every later cart.
func sneakIntoBasket(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		out = append(out, sneakInJourney(j)...)
	}
	return out
}

func sneakInJourney(j *evidence.Journey) []evidence.Finding {
	var (
		out      []evidence.Finding
		b        basket
		prev     *observed // last step with a snapshot
		lastCart *observed // last step with a cart
		seen     = map[string]bool{}
		// seenLines are the line texts reported per rule: a checkout summary
		// often shortens the cart's line ("Care plan (12 months)" without
		// its description), which is still the same line.
		seenLines = map[string][]string{}
		// goods are the amounts earlier carts showed for the goods alone
		// (their subtotals, the sums of their item lines): a later summary
		// that folds the basket into one row ("Articles", "Items (2)",
		// "Warenwert") shows one of them.
		goods []float64
	)
	steps := journeySteps(j)
	for i := range steps {
		o := steps[i]
		b.apply(o, prev)
		b.notePreset(o.snap)
		if o.snap != nil {
			prev = &steps[i]
		}
		if o.snap == nil || o.snap.Cart == nil || len(o.snap.Cart.Lines) == 0 {
			continue
		}
		before := b.lastShot
		if lastCart != nil {
			before = lastCart.screenshot()
		}
		for _, f := range judgeCart(o, &b, goods) {
			// The same line on the cart and again on the checkout is one finding,
			// reported where it first appeared, whatever its selector there.
			key := f.Rule + "|" + fingerprintText(f.Location.Text)
			if f.Rule == RuleTotalMismatch {
				// the same unexplained gap on cart and checkout is one finding
				key = f.Rule + "|" + f.Message[strings.LastIndex(f.Message, " is "):]
			}
			if seen[key] || (f.Rule != RuleTotalMismatch && sameLineSeen(seenLines[f.Rule], f.Location.Text)) {
				continue
			}
			seen[key] = true
			seenLines[f.Rule] = append(seenLines[f.Rule], f.Location.Text)
			f.Evidence.Before = before
			f.Evidence.After = o.screenshot()
			if before != "" {
				f.Reasons = append(f.Reasons, "first seen at step "+strconv.Itoa(o.step.Index)+"; not in the basket before")
			} else {
				f.Reasons = append(f.Reasons, "first seen at step "+strconv.Itoa(o.step.Index))
			}
			out = append(out, f)
		}
		lastCart = &steps[i]
		goods = append(goods, goodsSums(o.snap.Cart, o.lexicons())...)
	}
	return out
}

// goodsSums are the amounts a cart shows for its goods without charges: its
// subtotal and the sum of its item lines (as unit prices and as line totals).
func goodsSums(c *evidence.Cart, ls []*Lexicon) []float64 {
	var out []float64
	if c.Subtotal != nil && c.Subtotal.Amount > 0 {
		out = append(out, c.Subtotal.Amount)
	}
	if flat, byQty := itemSums(ls, c.Lines); flat > 0 {
		out = append(out, flat, byQty)
	}
	return out
}

// itemSums adds up what a subtotal counts: the priced lines the page does
// not mark as charges, less discounts (add-ons like "Gift wrap" are items),
// read as unit prices (flat) and as line totals (byQty).
func itemSums(ls []*Lexicon, lines []evidence.CartLine) (flat, byQty float64) {
	for _, l := range lines {
		if l.Price == nil || l.Charge {
			continue
		}
		kind, _ := classifyLine(ls, l)
		if kind == lineDiscount {
			continue
		}
		q := l.Quantity
		if q < 1 || kind == lineCharge {
			q = 1
		}
		flat += l.Price.Amount
		byQty += l.Price.Amount * float64(q)
	}
	return flat, byQty
}

// judgeCart compares the cart of o with the expected basket; goods are the
// goods sums of the earlier carts (see goodsSums).
func judgeCart(o observed, b *basket, goods []float64) []evidence.Finding {
	var out []evidence.Finding
	ls := o.lexicons()
	cart := o.snap.Cart
	var lines []cartLine
	products := 0
	for _, l := range cart.Lines {
		kind, word := classifyLine(ls, l)
		if kind == lineCharge || kind == lineDiscount {
			continue
		}
		if kind == lineProduct {
			products++
		}
		lines = append(lines, cartLine{l: l, kind: kind, word: word})
	}
	if len(b.items) > 0 { // a cart nobody filled on this walk is not judged line by line
		assigned := b.assignLines(ls, lines)
		// A summary that lists none of the chosen products (extras may be
		// listed apart) may fold them into one row.
		folded := !slices.ContainsFunc(assigned, func(it *chosenItem) bool { return it != nil && !it.extra })
		for i, it := range assigned {
			l := lines[i].l
			if it == nil {
				if l.Price == nil || l.Price.Amount <= 0 || price.IsFree(l.Name) {
					continue // a free sample costs nothing
				}
				if b.presetFor(l) != "" {
					continue // a pre-ticked control the customer can see: judged as preticked
				}
				if folded && lines[i].kind == lineProduct && amountIn(l.Price.Amount, goods, l.Price.Currency) {
					continue // the basket seen before, folded into one summary row
				}
				out = append(out, sneakedLine(o, l, lines[i].kind, lines[i].word, b))
				continue
			}
			if !b.qtyUnknown && !it.wildcard && l.Quantity > it.qty && it.qty > 0 {
				out = append(out, raisedLine(o, l, it))
			}
		}
	}
	if products > 0 {
		if f, ok := totalMismatch(o, ls); ok {
			out = append(out, f)
		}
	}
	return out
}

func lineBox(l evidence.CartLine) *evidence.Box {
	if l.Box.Empty() {
		return nil
	}
	bx := l.Box
	return &bx
}

func sneakedLine(o observed, l evidence.CartLine, kind lineKind, word string, b *basket) evidence.Finding {
	reasons := []string{
		fmt.Sprintf("cart line %q matches nothing the customer added", clip(l.Name, 80)),
		"line costs " + money(*l.Price),
	}
	conf := 0.7
	if kind == lineAddon {
		reasons = append(reasons, "line matches add-on lexicon: "+word)
		conf += 0.15
	}
	if l.Charge {
		reasons = append(reasons, "listed among the charges, but it is not shipping, tax or a discount")
	}
	var chosen []string
	for _, it := range b.items {
		if len(it.names) > 0 {
			chosen = append(chosen, clip(it.names[0], 60))
		}
	}
	if len(chosen) > 0 {
		reasons = append(reasons, "customer chose: "+strings.Join(chosen, "; "))
	}
	return evidence.Finding{
		Rule: RuleSneakItem, Confidence: conf,
		Message: fmt.Sprintf("“%s” (%s) is in the basket although the customer never added it.",
			clip(l.Name, 120), money(*l.Price)),
		Reasons:  reasons,
		Location: o.location(l.Selector, l.Name, lineBox(l)),
		Evidence: o.evidenceRefs(),
	}
}

func raisedLine(o observed, l evidence.CartLine, it *chosenItem) evidence.Finding {
	return evidence.Finding{
		Rule: RuleSneakQuantity, Confidence: 0.85,
		Message: fmt.Sprintf("“%s” shows quantity %d although the customer chose %d.",
			clip(l.Name, 120), l.Quantity, it.qty),
		Reasons: []string{
			fmt.Sprintf("cart quantity %d is above the chosen quantity %d", l.Quantity, it.qty),
			fmt.Sprintf("line %q matches the chosen product %q", clip(l.Name, 80), clip(it.names[0], 80)),
		},
		Location: o.location(l.Selector, l.Name, lineBox(l)),
		Evidence: o.evidenceRefs(),
	}
}

// totalMismatch checks that the total is not above the lines plus the
// charges disclosed on the page.
func totalMismatch(o observed, ls []*Lexicon) (evidence.Finding, bool) {
	cart := o.snap.Cart
	if cart.Total == nil || cart.Total.Amount <= 0 {
		return evidence.Finding{}, false
	}
	total := *cart.Total
	cur := total.Currency
	var flat, byQty float64
	counted := []float64{total.Amount}
	if cart.Subtotal != nil {
		counted = append(counted, cart.Subtotal.Amount)
	}
	for _, l := range cart.Lines {
		if l.Price == nil {
			return evidence.Finding{}, false // a line without an amount: cannot add up
		}
		if cur != "" && l.Price.Currency != "" && l.Price.Currency != cur {
			return evidence.Finding{}, false
		}
		amt := l.Price.Amount
		kind, _ := classifyLine(ls, l)
		if kind == lineDiscount && amt > 0 {
			amt = -amt
		}
		counted = append(counted, abs(amt))
		flat += amt
		q := l.Quantity
		if q < 1 || kind == lineCharge || kind == lineDiscount {
			q = 1
		}
		byQty += amt * float64(q)
	}
	// Line prices may be unit prices or line totals. A subtotal that equals
	// one reading decides it; otherwise judge against the larger reading.
	expected := max(flat, byQty)
	if st := cart.Subtotal; st != nil && flat != byQty {
		itemsFlat, itemsByQty := itemSums(ls, cart.Lines)
		switch t := rounding(len(cart.Lines), cur); {
		case abs(st.Amount-itemsFlat) <= t:
			expected = flat
		case abs(st.Amount-itemsByQty) <= t:
			expected = byQty
		}
	}
	tol := rounding(len(cart.Lines), cur)
	diff := total.Amount - expected
	if diff <= tol {
		return evidence.Finding{}, false
	}
	// Charges shown on the page outside the line list (a "Shipping £3.99" row) are disclosed.
	disclosed := 0.0
	for _, n := range o.snap.Nodes {
		if n.HiddenBy != "" || lexMatch(ls, n.Text, chargeWords) == "" || lexMatch(ls, n.Text, discountWords) != "" {
			continue
		}
		for _, p := range price.FindAll(n.Text) {
			if p.Amount > 0 && !amountIn(p.Amount, counted, cur) {
				disclosed += p.Amount
				counted = append(counted, p.Amount)
			}
		}
	}
	// So are the prices of the extras switched on in plain view (a pre-ticked
	// box, a selected paid option): the preticked family judges those.
	for _, x := range selectedExtraPrices(o.snap, ls) {
		if !extraListed(x, cart.Lines, cur) {
			disclosed += x.price.Amount
		}
	}
	if diff-disclosed <= tol {
		return evidence.Finding{}, false
	}
	gap := diff - disclosed
	var box *evidence.Box
	if total.Box != nil {
		bx := *total.Box
		box = &bx
	}
	text := total.Text
	if text == "" {
		text = money(total)
	}
	reasons := []string{
		fmt.Sprintf("total %s is %s above the items and charges shown (%s)",
			money(total), moneyAmount(gap, cur), moneyAmount(expected+disclosed, cur)),
		fmt.Sprintf("%d cart lines summed; rounding tolerance %s", len(cart.Lines), moneyAmount(tol, cur)),
	}
	return evidence.Finding{
		Rule: RuleTotalMismatch, Confidence: 0.75,
		Message: fmt.Sprintf("The total %s is %s more than the items and charges shown.",
			money(total), moneyAmount(gap, cur)),
		Reasons:  reasons,
		Location: o.location(total.Selector, text, box),
		Evidence: o.evidenceRefs(),
	}, true
}

// extra is the price of a control switched on in plain view, with its label.
type extra struct {
	label string
	price evidence.Price
}

// extraListed reports whether a cart line already charges an extra: same
// amount and a name sharing the label's first words. Amount alone is not
// enough — a £0.99 offset and a £1.00 donation are different things.
func extraListed(x extra, lines []evidence.CartLine, cur string) bool {
	for _, l := range lines {
		if l.Price == nil || abs(l.Price.Amount-x.price.Amount) > rounding(0, cur)/2 {
			continue
		}
		if sameLineSeen([]string{l.Name}, x.label) || strings.Contains(fingerprintText(x.label), fingerprintText(l.Name)) {
			return true
		}
	}
	return false
}

// selectedExtraPrices are the one-off prices of the visible controls that
// are on: checked boxes and switches, selected radios and select options.
func selectedExtraPrices(s *evidence.Snapshot, ls []*Lexicon) []extra {
	var out []extra
	for i := range s.Controls {
		c := &s.Controls[i]
		if c.Disabled || !c.Visible {
			continue
		}
		var text string
		switch {
		case c.Kind == evidence.ControlSelect:
			for _, op := range c.Options {
				if op.Selected {
					text = op.Text
				}
			}
		case c.Checked:
			text = c.Label
		}
		for _, p := range costPrices(ls, text) {
			if p.Period == evidence.PeriodOnce {
				out = append(out, extra{label: text, price: p})
			}
		}
	}
	return out
}

func amountIn(a float64, list []float64, cur string) bool {
	for _, b := range list {
		if abs(a-b) <= rounding(0, cur)/2 {
			return true
		}
	}
	return false
}

// sameLineSeen reports whether text names a line already reported: one text's
// words start the other's, with at least two words in common.
func sameLineSeen(seen []string, text string) bool {
	a := strings.Fields(fingerprintText(text))
	for _, t := range seen {
		b := strings.Fields(fingerprintText(t))
		n := min(len(a), len(b))
		if n < 2 {
			continue
		}
		same := true
		for i := 0; i < n; i++ {
			if a[i] != b[i] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}
