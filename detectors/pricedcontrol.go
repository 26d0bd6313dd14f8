package detectors

import (
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// pricedSpan is a price found in a text, with where it sits.
type pricedSpan struct {
	p          evidence.Price
	start, end int // byte offsets in the text; -1 when not located
	// bound marks an amount that is a limit, a range end or a saving ("Under
	// £20", "£50 and up", "£20 – £50", "£5 off"): it says nothing about what
	// the control costs.
	bound bool
}

// priceSpans finds every price of text and marks the bounds, using the
// bound and range words of the lexicons ls.
func priceSpans(ls []*Lexicon, text string) []pricedSpan {
	ps := price.FindAll(text)
	out := make([]pricedSpan, len(ps))
	cursor := 0
	for i, p := range ps {
		out[i] = pricedSpan{p: p, start: -1, end: -1}
		if k := strings.Index(text[cursor:], p.Text); k >= 0 {
			out[i].start, out[i].end = cursor+k, cursor+k+len(p.Text)
			cursor = out[i].end
		}
	}
	for i := range out {
		s := &out[i]
		if s.start < 0 {
			continue
		}
		before := normalize(text[:s.start])
		after := normalize(text[s.end:])
		if endsWithWord(ls, before, boundBeforeWords) || startsWithWord(ls, after, boundAfterWords) {
			s.bound = true
		}
		if i > 0 && out[i-1].end >= 0 && rangeJoined(ls, text[out[i-1].end:s.start]) {
			s.bound, out[i-1].bound = true, true
		}
	}
	return out
}

// rangeJoined reports whether the text between two amounts makes them a
// range: a dash, or a single joining word ("to", "bis", "à").
func rangeJoined(ls []*Lexicon, between string) bool {
	t := strings.TrimSpace(between)
	switch t {
	case "-", "–", "—", "‒", "~", "−":
		return true
	}
	n := normalize(between)
	if n == "" || strings.ContainsAny(t, "()|,;") {
		return false
	}
	for _, l := range ls {
		for _, w := range rangeJoinWords(l) {
			if n == normalize(w) {
				return true
			}
		}
	}
	return false
}

// endsWithWord reports whether normalised text ends with a whole entry of the list.
func endsWithWord(ls []*Lexicon, text string, field func(*Lexicon) []string) bool {
	if text == "" {
		return false
	}
	t := " " + text
	for _, l := range ls {
		for _, w := range field(l) {
			if n := normalize(w); n != "" && strings.HasSuffix(t, " "+n) {
				return true
			}
		}
	}
	return false
}

// startsWithWord reports whether normalised text starts with a whole entry of the list.
func startsWithWord(ls []*Lexicon, text string, field func(*Lexicon) []string) bool {
	if text == "" {
		return false
	}
	t := text + " "
	for _, l := range ls {
		for _, w := range field(l) {
			if n := normalize(w); n != "" && strings.HasPrefix(t, n+" ") {
				return true
			}
		}
	}
	return false
}

// costPrices returns the positive prices of text that state a cost: bounds
// and range ends are left out.
func costPrices(ls []*Lexicon, text string) []evidence.Price {
	var out []evidence.Price
	for _, s := range priceSpans(ls, text) {
		if !s.bound && s.p.Amount > 0 {
			out = append(out, s.p)
		}
	}
	return out
}

// controlPrices splits what a control costs into the prices in its label
// and the prices in the text near it that belong to it (see relatedNearby).
// allNearby are every positive cost in the nearby text, related or not,
// for the untick experiment to weigh.
func (sc stepContext) controlPrices(c *evidence.Control) (inLabel, nearby, allNearby []evidence.Price) {
	inLabel = costPrices(sc.ls, c.Label)
	labelAmounts := amounts(inLabel)
	if strings.TrimSpace(c.Nearby) == "" {
		// Prices recorded without the text they came from: keep those not in the label.
		for _, p := range positive(c.Prices) {
			if !amountIn(p.Amount, labelAmounts, p.Currency) {
				nearby = append(nearby, p)
			}
		}
		return inLabel, nearby, nearby
	}
	spans := priceSpans(sc.ls, c.Nearby)
	prevEnd := 0
	for _, s := range spans {
		clause := ""
		if s.start >= 0 {
			clause = c.Nearby[prevEnd:s.start]
			prevEnd = s.end
		}
		if s.bound || s.p.Amount <= 0 || amountIn(s.p.Amount, labelAmounts, s.p.Currency) {
			continue
		}
		allNearby = append(allNearby, s.p)
		if sc.priceBelongs(c, s, clause) {
			nearby = append(nearby, s.p)
		}
	}
	return inLabel, nearby, allNearby
}

// priceBelongs decides whether an amount near a control is the control's
// price. Shops write "name  price", so the words since the previous amount
// (the clause) are what the amount prices: it belongs to the control when
// the clause names an add-on, shares words with the label, or the amount
// carries a "+"; an amount whose clause names a product the customer chose
// (a product title beside an unrelated box) does not.
func (sc stepContext) priceBelongs(c *evidence.Control, s pricedSpan, clause string) bool {
	if strings.HasPrefix(strings.TrimSpace(s.p.Text), "+") || strings.HasSuffix(strings.TrimSpace(clause), "+") {
		return true
	}
	if addonMatch(sc.ls, clause) != "" {
		return true
	}
	for _, n := range sc.chosen {
		if sameName(clause, n) {
			return false
		}
	}
	return len(tokens(c.Label)) >= 2 && nameOverlap(clause, c.Label) >= 0.5
}

// isFilter reports whether a control is a filter of a product listing ("In
// stock", "Under £20", a brand): filters narrow what is shown and never put
// anything in the basket. Carts and checkouts have no filters.
func (sc stepContext) isFilter(c *evidence.Control) bool {
	s := sc.o.snap
	switch sc.o.pageKind() {
	case evidence.PageCart, evidence.PageCheckout:
		return false
	}
	if s.Cart != nil && len(s.Cart.Lines) > 0 {
		return false
	}
	if lexMatch(sc.ls, c.Label, facetWords) != "" || lexMatch(sc.ls, c.Label+" "+c.Nearby, filterWords) != "" {
		return true
	}
	if c.Box.Empty() {
		return false
	}
	// A heading above the control's column: "Filter", "Refine by".
	for _, n := range s.Nodes {
		if n.HiddenBy != "" || len([]rune(n.Text)) > 60 || n.Box.Empty() {
			continue
		}
		if n.Box.Y > c.Box.Y || c.Box.Y-n.Box.Y > 800 {
			continue
		}
		if n.Box.X > c.Box.X+c.Box.Width || n.Box.X+n.Box.Width < c.Box.X {
			continue
		}
		if lexMatch(sc.ls, n.Text, filterWords) != "" {
			return true
		}
	}
	return false
}

// addonMatch returns the add-on or paid-delivery words text names ("" for
// none): either makes a control an extra the customer pays for.
func addonMatch(ls []*Lexicon, text string) string {
	if m := lexMatch(ls, text, addonWords); m != "" {
		return m
	}
	return lexMatch(ls, text, deliveryWords)
}

// withoutPrices blanks out every price of text, so a label's name can be
// compared with a product's ("Blue Kettle £29.99" is the Blue Kettle).
func withoutPrices(text string) string {
	for _, p := range price.FindAll(text) {
		text = strings.ReplaceAll(text, p.Text, " ")
	}
	return text
}
