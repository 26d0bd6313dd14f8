package detectors

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"unicode"

	"github.com/darkaudit/darkaudit/evidence"
)

// The order-button family judges the control that finally places a paid
// order (CRD Art. 8(2), §312j(3) BGB, CCR reg. 14(3)): in the EU and the UK
// its own words must state the obligation to pay (CJEU C-249/21: only the
// button's label counts, not the text around it).
//
// It reads the last page of a checkout journey, where the walker stopped
// before paying, and fires order-button-unclear only when all of these hold:
//   - the site is an EU/UK one: a price on the page in EUR, GBP or another EU
//     currency (the site's currency, not the crawler's location); a page in
//     USD or without prices is not judged;
//   - the order is paid: a cart total or one-off price above zero, or a
//     recurring price above zero;
//   - the page is the final one: the safety guard refused a commit click
//     there, or it holds payment card fields and names no later review step
//     ("Review order", "Bestellung prüfen", lexicon list laterStep) in a
//     short text, a control or the card form's action ("/checkout/review");
//   - the final control is found: the refused click, else the visible
//     button nearest below the card fields in the main region;
//   - its whole label is a generic progress or free-trial word (lexicon list
//     unclear: "Continue", "Weiter", "Submit", "Start my free trial", …) and
//     it neither names paying (list clear: "Pay now", "Buy now",
//     "Zahlungspflichtig bestellen", …) nor carries an amount ("Pay £12").
//
// Decision on "Place order", "Bestellen", "Commander", "Realizar pedido":
// German courts read plain "Bestellen" as not stating the obligation to pay,
// while UK guidance and several EU authorities accept an order verb as an
// unambiguous equivalent. The label names a binding order, so the family is
// conservative and stays silent on it (a label in neither list is never
// reported): it reports only labels that state nothing about ordering or
// paying at all.
//
// It also reads the signup form of a signup journey (orderbutton_signup.go):
// a trial or subscription whose page states a recurring price above zero in
// an EU/UK currency is a paid contract, and the form's submit control must
// state the obligation to pay just like an order button.

// RuleOrderButtonUnclear is the one rule of the order-button family.
const RuleOrderButtonUnclear = "order-button-unclear"

func orderButtonFamily() Family {
	return Family{
		Name: evidence.FamilyOrderButton,
		Scan: orderButton,
		Rules: []evidence.RuleMeta{
			rule(RuleOrderButtonUnclear, evidence.FamilyOrderButton, evidence.SeverityMedium,
				"Order button does not state the obligation to pay",
				"On the last step of a paid order in the EU or the UK, the control that places the order is labelled "+
					"with a generic word (\"Continue\", \"Weiter\", \"Submit\", \"Start my free trial\") that does not say "+
					"the customer is about to pay. Only the button's own words count.",
				"Label the final button \"Order with obligation to pay\" (\"Zahlungspflichtig bestellen\", \"Commander avec "+
					"obligation de paiement\") or an unambiguous equivalent such as \"Buy now\" or \"Pay now\"."),
		},
	}
}

// euCurrencies are the currencies that place a shop in the EU or the UK.
var euCurrencies = map[string]bool{"EUR": true, "GBP": true, "SEK": true, "DKK": true, "PLN": true,
	"CZK": true, "HUF": true, "RON": true, "BGN": true}

// refusedPrefix starts the Error of a step the safety guard refused.
const refusedPrefix = "safety guard: refused"

func orderButton(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	seen := map[string]bool{}
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		var f evidence.Finding
		var ok bool
		switch j.Kind {
		case evidence.JourneyCheckout:
			f, ok = orderButtonInJourney(j)
		case evidence.JourneySignup:
			f, ok = orderButtonInSignup(j)
		}
		if !ok {
			continue
		}
		key := pathOf(f.Location.URL) + "|" + normalize(f.Location.Text)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
	}
	return out
}

// finalControl is the control that would place the order.
type finalControl struct {
	name, selector, how string
	box                 *evidence.Box
}

func orderButtonInJourney(j *evidence.Journey) (evidence.Finding, bool) {
	steps := journeySteps(j)
	// The page judged is the last one recorded; a refused click after it
	// names its final control.
	var page *observed
	var refused *observed
	for i := len(steps) - 1; i >= 0; i-- {
		o := steps[i]
		if refused == nil && page == nil && strings.HasPrefix(o.step.Error, refusedPrefix) {
			refused = &steps[i]
		}
		if o.snap != nil {
			page = &steps[i]
			break
		}
	}
	if page == nil {
		return evidence.Finding{}, false
	}
	snap := page.snap
	ls := page.lexicons()
	_, paid, ok := paidEUOrder(snap)
	if !ok {
		return evidence.Finding{}, false
	}
	var fc finalControl
	cards := cardFieldsOf(ls, snap)
	switch {
	case refused != nil && refused.step.Action.Text != "":
		a := refused.step.Action
		fc = finalControl{name: a.Text, selector: a.Selector, box: a.Box,
			how: "the safety guard refused to click it as the commit of the order"}
	case len(cards) > 0 && !namesLaterStep(ls, snap) && !cardFormGoesOn(ls, snap):
		c, found := buttonBelowCardFields(ls, snap, cards)
		if !found {
			return evidence.Finding{}, false
		}
		fc = finalControl{name: c.Name, selector: c.Selector, box: &c.Box,
			how: fmt.Sprintf("it is the first button below the %d payment card field(s) on the last checkout page", len(cards))}
	default:
		return evidence.Finding{}, false
	}
	label := strings.TrimSpace(fc.name)
	if label == "" || fc.box == nil || fc.box.Empty() {
		return evidence.Finding{}, false
	}
	if m := lexMatch(ls, label, familyWords(evidence.FamilyOrderButton, "clear")); m != "" {
		return evidence.Finding{}, false
	}
	if len(costPrices(ls, label)) > 0 {
		return evidence.Finding{}, false
	}
	generic := wholeLabel(ls, label, familyWords(evidence.FamilyOrderButton, "unclear"))
	if generic == "" {
		return evidence.Finding{}, false
	}
	reasons := []string{
		fmt.Sprintf("final control %q: %s", clip(label, 60), fc.how),
		fmt.Sprintf("its whole label is the generic word %q (lexicon list unclear); it names neither paying nor an obligation to pay", generic),
		fmt.Sprintf("paid order in the EU/UK: %s, page language %q", paid, snap.Lang),
	}
	if len(cards) > 0 {
		reasons = append(reasons, "payment card fields on the page: "+strings.Join(cards, ", "))
	}
	conf := 0.75
	if refused != nil {
		conf = 0.85
	}
	return evidence.Finding{
		Rule:       RuleOrderButtonUnclear,
		Confidence: conf,
		Message: fmt.Sprintf("The button that places this paid order (%s) is labelled %q, which does not state the obligation to pay.",
			paid, clip(label, 60)),
		Reasons:  reasons,
		Location: page.location(fc.selector, label, fc.box),
		Evidence: page.evidenceRefs(),
	}, true
}

// paidEUOrder reports an EU/UK currency on the page and an amount above
// zero to pay, described for a reason.
func paidEUOrder(s *evidence.Snapshot) (currency, paid string, ok bool) {
	if s == nil {
		return "", "", false
	}
	eu := ""
	for _, p := range s.Prices {
		if euCurrencies[p.Currency] {
			eu = p.Currency
			break
		}
	}
	if s.Cart != nil && s.Cart.Total != nil && euCurrencies[s.Cart.Total.Currency] {
		eu = s.Cart.Total.Currency
	}
	if eu == "" {
		return "", "", false
	}
	if tot, found := pageTotal(s); found && tot.Amount > 0 && !math.IsInf(tot.Amount, 0) && (tot.Currency == "" || euCurrencies[tot.Currency]) {
		return eu, "total " + money(tot), true
	}
	for _, p := range s.Prices {
		if p.Period != evidence.PeriodOnce && p.Amount > 0 && euCurrencies[p.Currency] {
			return eu, "recurring price " + money(p) + "/" + p.Period, true
		}
	}
	return "", "", false
}

// cardFieldsOf names the visible or required payment card fields of the
// page's forms.
func cardFieldsOf(ls []*Lexicon, s *evidence.Snapshot) []string {
	var out []string
	for _, f := range s.Forms {
		for _, ff := range f.Fields {
			if !ff.Visible && !ff.Required {
				continue
			}
			if isCardField(ls, ff) {
				name := ff.Label
				if name == "" {
					name = ff.Name
				}
				if ff.Required {
					name += " (required)"
				}
				out = append(out, clip(name, 40))
			}
		}
	}
	return out
}

// isCardField reports a field that takes card data: its autocomplete token
// (cc-number, cc-exp, cc-csc) or its name or label (lexicon cardField).
func isCardField(ls []*Lexicon, ff evidence.FormField) bool {
	ac := strings.ToLower(ff.Autocomplete)
	for _, tok := range strings.Fields(ac) {
		if strings.HasPrefix(tok, "cc-") && tok != "cc-name" && tok != "cc-type" {
			return true
		}
	}
	if ff.Type == "hidden" || ff.Type == "checkbox" || ff.Type == "radio" {
		return false
	}
	return lexMatch(ls, ff.Name, cardFieldWords) != "" || lexMatch(ls, ff.Label, cardFieldWords) != ""
}

func cardFieldWords(l *Lexicon) []string { return l.CardField }

// namesLaterStep reports a short visible text on the page naming a review
// step, so the card page may not be the last one.
func namesLaterStep(ls []*Lexicon, s *evidence.Snapshot) bool {
	later := familyWords(evidence.FamilyOrderButton, "laterStep")
	for _, n := range s.Nodes {
		if n.HiddenBy == "" && len([]rune(n.Text)) <= 40 && lexMatch(ls, n.Text, later) != "" {
			return true
		}
	}
	for _, c := range s.Clickables {
		if c.Visible && len([]rune(c.Name)) <= 40 && lexMatch(ls, c.Name, later) != "" {
			return true
		}
	}
	return false
}

// cardFormGoesOn reports a card form whose action names a later step
// ("/checkout/review", "/kasse/pruefen"): its submit leads on, not to the order.
func cardFormGoesOn(ls []*Lexicon, s *evidence.Snapshot) bool {
	later := familyWords(evidence.FamilyOrderButton, "laterStep")
	for _, f := range s.Forms {
		holds := false
		for _, ff := range f.Fields {
			holds = holds || isCardField(ls, ff)
		}
		if !holds || f.Action == "" {
			continue
		}
		u, err := url.Parse(f.Action)
		if err != nil {
			continue
		}
		path := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return ' '
		}, u.Path)
		if lexMatch(ls, path, later) != "" {
			return true
		}
	}
	return false
}

// buttonBelowCardFields finds the visible button of the main region nearest
// below the card fields' labels, overlapping them horizontally.
func buttonBelowCardFields(ls []*Lexicon, s *evidence.Snapshot, cards []string) (evidence.Clickable, bool) {
	var top, bottom, left, right float64 = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, n := range s.Nodes {
		if n.HiddenBy != "" || n.Box.Empty() || len([]rune(n.Text)) > 60 {
			continue
		}
		if lexMatch(ls, n.Text, cardFieldWords) == "" && !labelsCardField(n.Text, s) {
			continue
		}
		top, bottom = math.Min(top, n.Box.Y), math.Max(bottom, n.Box.Y+n.Box.Height)
		left, right = math.Min(left, n.Box.X), math.Max(right, n.Box.X+n.Box.Width)
	}
	if math.IsInf(bottom, -1) {
		return evidence.Clickable{}, false
	}
	best, bestD := evidence.Clickable{}, math.Inf(1)
	for _, c := range s.Clickables {
		if !c.Visible || !c.Enabled || c.Box.Empty() || inChrome(c.Region) {
			continue
		}
		// A button, not a switch, checkbox or tab styled as one.
		if c.Role != "" && c.Role != "button" || c.Tag != "button" && c.Tag != "input" && c.Role != "button" {
			continue
		}
		if c.Box.Y < bottom || c.Box.Y-bottom > 600 {
			continue
		}
		if c.Box.X > right+200 || c.Box.X+c.Box.Width < left-200 {
			continue
		}
		if d := c.Box.Y - bottom; d < bestD {
			best, bestD = c, d
		}
	}
	return best, !math.IsInf(bestD, 1)
}

// labelsCardField reports a node whose text is the label of a card field.
func labelsCardField(text string, s *evidence.Snapshot) bool {
	t := normalize(text)
	if t == "" {
		return false
	}
	for _, f := range s.Forms {
		for _, ff := range f.Fields {
			if ff.Label != "" && normalize(ff.Label) == t && strings.HasPrefix(strings.ToLower(ff.Autocomplete), "cc-") {
				return true
			}
		}
	}
	return false
}

func inChrome(region string) bool {
	return region == "header" || region == "nav" || region == "footer"
}

// wholeLabel returns the entry of the list that is the whole label, once
// normalised and stripped of punctuation and arrows, or "".
func wholeLabel(ls []*Lexicon, label string, field func(*Lexicon) []string) string {
	l := strings.Join(strings.FieldsFunc(normalize(label), func(r rune) bool {
		return !(r == '\'' || r == '’' || isLetterOrDigit(r))
	}), " ")
	if l == "" {
		return ""
	}
	for _, lx := range ls {
		for _, w := range field(lx) {
			nw := strings.Join(strings.FieldsFunc(normalize(w), func(r rune) bool {
				return !(r == '\'' || r == '’' || isLetterOrDigit(r))
			}), " ")
			if nw == l {
				return w
			}
		}
	}
	return ""
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// pathOf is the path of a URL, for de-duplicating findings across journeys.
func pathOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.TrimSuffix(p.Path, "/")
}
