package detectors

import (
	"fmt"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// Toggles of the preticked family (see preticked.go): a checkbox, switch,
// custom checkbox or toggle button that is on before the customer does
// anything, judged by its label (a price, add-on or consent words), the text
// beside a thin label, and the untick experiment (preticked_untick.go).

// isToggle reports whether c is switched on and off (a checkbox, switch or
// toggle button) rather than chosen among options (a radio or select).
func isToggle(c *evidence.Control) bool {
	switch {
	case c.Kind == evidence.ControlRadio || c.Role == "radio" || c.Kind == evidence.ControlSelect:
		return false
	case c.Kind == evidence.ControlCheckbox || c.Kind == evidence.ControlSwitch:
		return true
	}
	return c.Role == "checkbox" || c.Role == "switch" || c.Role == "menuitemcheckbox"
}

// amounts lists the amounts of ps.
func amounts(ps []evidence.Price) []float64 {
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = p.Amount
	}
	return out
}

// Confidence of the toggle rules, before the untick experiment.
const (
	confAddonBase     = 0.55 // plus 0.15 per feature: a price, an add-on word
	confConsentLabel  = 0.75
	confConsentNearby = 0.6
	confDropOnly      = 0.6  // only the untick experiment shows a cost
	confDropBonus     = 0.25 // unticking lowered the total
	confNoDropPenalty = 0.1  // unticking left the total unchanged
)

// judgeToggle judges a checkbox, switch or toggle button that is on.
func (sc stepContext) judgeToggle(c *evidence.Control) (evidence.Finding, bool) {
	s := sc.o.snap
	if c.Touched || !c.Checked || c.Disabled || c.Required || sc.customerSet(c.Selector) {
		return evidence.Finding{}, false
	}
	label := strings.TrimSpace(c.Label)
	thin := len(tokens(label)) < 2
	if label == "" {
		label = strings.TrimSpace(c.Nearby)
	}
	var reasons []string
	if !c.Visible {
		if !labelShown(s, c) {
			return evidence.Finding{}, false
		}
		reasons = append(reasons, "native control hidden; its label is visible")
	}
	ls := sc.ls
	if lexMatch(ls, label+" "+c.Nearby, cookieWords) != "" {
		return evidence.Finding{}, false // cookie purposes: the consent family judges banners
	}
	if sc.isFilter(c) {
		return evidence.Finding{}, false // a listing filter buys nothing
	}
	inLabel, nearby, allNearby := sc.controlPrices(c)
	addon := addonMatch(ls, label)
	recurring := lexMatch(ls, label, recurringWords)
	if addon == "" {
		addon = recurring
	}
	functional := lexMatch(ls, label, functionalWords)
	// "Send me delivery updates by SMS" is a service message, not marketing:
	// consent words inside a functional phrase do not count.
	consent := lexMatch(ls, withoutWords(ls, label, functionalWords), consentWords)
	if consent == "" {
		consent = sc.grammarConsent(label) // "Email me about…": see consentgrammar.go
	}
	free := price.IsFree(label)
	addonWhere, consentWhere := "label", "label"
	if addon == "" && consent == "" && functional == "" && thin && c.Nearby != "" {
		// A thin label ("Yes", "Add") leans on the text beside it.
		addon = addonMatch(ls, c.Nearby)
		consent = lexMatch(ls, c.Nearby, consentWords)
		addonWhere, consentWhere = "text near the control", "text near the control"
	}
	if addon == "" && consent == "" && len(inLabel) == 0 {
		// No words and no price of its own: only the untick experiment can
		// show that the box costs money.
		if functional != "" {
			return evidence.Finding{}, false
		}
		if len(allNearby) == 0 && (s.Cart == nil || s.Cart.Total == nil) {
			return evidence.Finding{}, false
		}
		if exp, ok := sc.untick(c, nil); ok && exp.dropped {
			reasons = append(reasons, stateReasons(c)...)
			if len(allNearby) > 0 {
				reasons = append(reasons, "text near the control contains price "+money(allNearby[0]))
			}
			return sc.toggleFinding(c, RulePretickedPaidAddon, reasons, exp, confDropOnly), true
		}
		return evidence.Finding{}, false
	}
	// A box that lowers the price (store credit, points, a voucher) costs nothing.
	if addon == "" && consent == "" && lexMatch(ls, label, discountWords) != "" {
		return evidence.Finding{}, false
	}
	// The customer's own product ("select item" boxes in a cart) is not an add-on.
	if addon == "" && consent == "" && sc.isChosen(label) {
		return evidence.Finding{}, false
	}
	if functional != "" && len(inLabel) == 0 && addon == "" && consent == "" {
		return evidence.Finding{}, false
	}
	reasons = append(reasons, stateReasons(c)...)
	score := 0.0
	// "Free" clears a one-off extra ("Gift wrap (free)") but not a trial or
	// membership that bills later.
	// A price beside consent words alone ("newsletter, £5 welcome gift") does
	// not make the consent a paid add-on.
	paid := (len(inLabel) > 0 && (addon != "" || consent == "")) ||
		(addon != "" && consent == "" && (!free || recurring != ""))
	if paid {
		var cost []evidence.Price
		if len(inLabel) > 0 {
			reasons = append(reasons, "label contains price "+money(inLabel[0]))
			cost = inLabel
			score++
		} else if len(nearby) > 0 {
			reasons = append(reasons, "text near the control contains price "+money(nearby[0]))
			cost = nearby
			score += 0.5
		}
		if addon != "" {
			reasons = append(reasons, addonWhere+" matches add-on lexicon: "+addon)
			score++
		}
		if recurring != "" && free {
			reasons = append(reasons, "a free "+recurring+" bills later: \"free\" does not clear it")
		}
		if consent != "" {
			reasons = append(reasons, consentWhere+" also matches consent lexicon: "+consent)
		}
		exp, _ := sc.untick(c, cost)
		return sc.toggleFinding(c, RulePretickedPaidAddon, reasons, exp, confAddonBase+0.15*score), true
	}
	if consent == "" {
		return evidence.Finding{}, false
	}
	reasons = append(reasons, consentWhere+" matches consent lexicon: "+consent)
	conf := confConsentLabel
	if consentWhere != "label" {
		conf = confConsentNearby
	}
	return sc.toggleFinding(c, RulePretickedConsent, reasons, untickResult{}, conf), true
}

// withoutWords returns the normalised text with every entry of the list
// that occurs in it blanked out.
func withoutWords(ls []*Lexicon, text string, field func(*Lexicon) []string) string {
	t := normalize(text)
	for range 8 {
		m := lexMatch(ls, t, field)
		if m == "" {
			break
		}
		n := normalize(m)
		if !strings.Contains(t, n) {
			break
		}
		t = strings.Join(strings.Fields(strings.Replace(t, n, " ", 1)), " ")
	}
	return t
}

// isChosen reports whether text names a product the customer put in the basket.
func (sc stepContext) isChosen(text string) bool {
	stripped := withoutPrices(text)
	for _, n := range sc.chosen {
		if sameName(stripped, n) {
			return true
		}
	}
	return false
}

func (sc stepContext) toggleFinding(c *evidence.Control, id string, reasons []string, exp untickResult, conf float64) evidence.Finding {
	o := sc.o
	label := strings.TrimSpace(c.Label)
	if label == "" {
		label = strings.TrimSpace(c.Nearby)
	}
	box := c.Box
	f := evidence.Finding{
		Rule:     id,
		Reasons:  reasons,
		Location: o.location(c.Selector, label, &box),
		Evidence: o.evidenceRefs(),
	}
	when := "is ticked on first load"
	if !c.CheckedAtFirstPaint {
		when = "was switched on by a script after the page loaded"
	}
	f.Message = fmt.Sprintf("“%s” %s, without any action by the customer.", clip(label, 120), when)
	if exp.done {
		f.Reasons = append(f.Reasons, exp.reasons...)
		f.Evidence.Before, f.Evidence.After = exp.before, exp.after
		if exp.dropped {
			conf += confDropBonus
			f.Message += fmt.Sprintf(" Unticking it lowered the total from %s to %s.", exp.from, exp.to)
		} else if id == RulePretickedPaidAddon {
			// The price or the add-on words still stand; a total that did not move
			// (an add-on charged later, or a recurring one) weakens, not clears, it.
			conf -= confNoDropPenalty
		}
	}
	f.Confidence = clamp(conf, 0.3, 0.99)
	return f
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }
