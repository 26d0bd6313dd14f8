package detectors

import (
	"fmt"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// The preticked family: a control that adds cost or consent and is on
// before the customer does anything.
//
// A checkbox, switch (role=switch), custom checkbox (role=checkbox with
// aria-checked) or toggle button (aria-pressed), native or in shadow DOM or
// a same-origin iframe, is judged when it is on after the page settled and
// nobody touched it — whether it was on at first paint or a script switched
// it on after load. It is a finding when its label costs money (a price that
// is not a bound like "Under £20"), names a paid add-on, or — for a thin
// label ("Yes") — the text beside it does (preticked-paid-addon), or when it
// gives marketing or data-sharing consent (preticked-consent). A radio group
// or select whose default costs money while a free option is offered is
// preselected-paid-option. Every word comes from lexicon/*.json.
//
// Silent on: unchecked, disabled, required, hidden, touched or walker-worked
// controls; functional defaults ("same as shipping", "remember me", free
// standard delivery); boxes that lower the price (store credit); cookie
// purposes (the consent family); listing filters ("In stock", "Under £20",
// anything under a "Filter"/"Refine by" heading, never in a cart or
// checkout); a cart's select-item box for a chosen product; paid standard
// delivery preselected beside a free alternative.
//
// The untick experiment (a later "uncheck" step on the same page): a lower
// total confirms the payment (confidence +0.25, reasons name the totals and
// whether the drop equals the price shown, Evidence.Before/After set). No
// drop keeps a finding whose label has a price or add-on words, at 0.1 lower
// confidence (the charge may be recurring or added later); a box with
// neither is reported only when unticking lowered the total.

// Rule IDs of the preticked family.
const (
	RulePretickedPaidAddon    = "preticked-paid-addon"
	RulePretickedConsent      = "preticked-consent"
	RulePreselectedPaidOption = "preselected-paid-option"
)

func pretickedPaidAddon() Detector {
	return Detector{
		RuleMeta: rule(RulePretickedPaidAddon, evidence.FamilyPreticked, evidence.SeverityHigh,
			"Paid add-on is pre-selected",
			"A checkbox or switch that adds a paid extra (insurance, warranty, donation, priority delivery, "+
				"membership, subscription...) or carries a price is on before the customer does anything.",
			"Leave every paid extra unticked; the customer must opt in. Under EU and UK law a payment taken "+
				"through a pre-ticked box must be refunded."),
		Detect: detectBy(preticked, RulePretickedPaidAddon),
	}
}

func pretickedConsent() Detector {
	return Detector{
		RuleMeta: rule(RulePretickedConsent, evidence.FamilyPreticked, evidence.SeverityMedium,
			"Marketing or data-sharing consent is pre-ticked",
			"A checkbox or switch that gives consent to newsletters, marketing or sharing data with partners "+
				"or third parties is on before the customer does anything.",
			"Leave consent boxes unticked: a pre-ticked box is not consent (GDPR Recital 32, CJEU Planet49)."),
		Detect: detectBy(preticked, RulePretickedConsent),
	}
}

func preselectedPaidOption() Detector {
	return Detector{
		RuleMeta: rule(RulePreselectedPaidOption, evidence.FamilyPreticked, evidence.SeverityHigh,
			"Paid option is pre-selected while a free one exists",
			"A radio group or select defaults to an option that costs money (express delivery, insurance, "+
				"a paid plan) although a free option (standard delivery, no thanks) is offered.",
			"Default to the free option, or to no selection, and let the customer choose to pay."),
		Detect: detectBy(preticked, RulePreselectedPaidOption),
	}
}

// preticked scans every recorded control of every step of t.
func preticked(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		steps := journeySteps(j)
		chosen := chosenNamesByStep(steps)
		for i, o := range steps {
			if o.snap == nil {
				continue
			}
			sc := stepContext{o: o, steps: steps, at: i, chosen: chosen[o.pos], ls: o.lexicons()}
			for k := range o.snap.Controls {
				c := &o.snap.Controls[k]
				if isToggle(c) {
					if f, ok := sc.judgeToggle(c); ok {
						out = append(out, f)
					}
				}
				if c.Kind == evidence.ControlSelect {
					if f, ok := sc.judgeSelect(c); ok {
						out = append(out, f)
					}
				}
			}
			out = append(out, sc.judgeRadioGroups()...)
		}
	}
	return out
}

func isToggle(c *evidence.Control) bool {
	switch {
	case c.Kind == evidence.ControlRadio || c.Role == "radio" || c.Kind == evidence.ControlSelect:
		return false
	case c.Kind == evidence.ControlCheckbox || c.Kind == evidence.ControlSwitch:
		return true
	}
	return c.Role == "checkbox" || c.Role == "switch" || c.Role == "menuitemcheckbox"
}

func isRadio(c *evidence.Control) bool {
	return c.Kind == evidence.ControlRadio || c.Role == "radio" || c.Role == "menuitemradio"
}

// stepContext is one step being judged, with its journey around it.
type stepContext struct {
	o      observed
	steps  []observed
	at     int // index of o in steps
	chosen []string
	ls     []*Lexicon
}

// customerSet reports whether the customer (walker or flow step) worked the
// control at selector on or before this step: then its state is theirs.
func (sc stepContext) customerSet(selector string) bool {
	if selector == "" {
		return false
	}
	for _, s := range sc.steps[:sc.at+1] {
		a := s.step.Action
		switch a.Type {
		case evidence.ActionCheck, evidence.ActionUncheck, evidence.ActionClick,
			evidence.ActionSelect, evidence.ActionFill:
			if a.Selector == selector {
				return true
			}
		}
	}
	return false
}

// labelShown reports whether a control's label is on screen, for native
// inputs hidden behind a custom-drawn box.
func labelShown(s *evidence.Snapshot, c *evidence.Control) bool {
	l := normalize(c.Label)
	if len(l) < 3 {
		return false
	}
	for _, n := range s.Nodes {
		if n.HiddenBy != "" {
			continue
		}
		t := normalize(n.Text)
		if t != "" && (strings.Contains(t, l) || (len(t) >= 8 && strings.Contains(l, t))) {
			return true
		}
	}
	return false
}

func amounts(ps []evidence.Price) []float64 {
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = p.Amount
	}
	return out
}

// stateReasons says how the control came to be on, and what kind of control it is.
func stateReasons(c *evidence.Control) []string {
	var r []string
	if c.CheckedAtFirstPaint {
		r = append(r, "control checked at first paint")
	} else {
		r = append(r, "switched on by script after load (unchecked at first paint)")
	}
	switch {
	case c.Role == "switch":
		r = append(r, "switch (role=switch) in the on state")
	case c.Kind == evidence.ControlSwitch && (c.Role == "" || c.Role == "button"):
		r = append(r, "toggle button (aria-pressed) in the pressed state")
	case c.Kind == evidence.ControlSwitch:
		r = append(r, "switch (role="+c.Role+") in the on state")
	case c.Role != "" && c.Role != c.Kind:
		r = append(r, "custom control role="+c.Role+" in the checked state")
	case c.Role != "":
		r = append(r, "custom control role="+c.Role+" (aria-checked) in the checked state")
	}
	if c.Shadow {
		r = append(r, "inside shadow DOM")
	}
	if c.Frame != "" {
		r = append(r, "inside iframe "+clip(c.Frame, 100))
	}
	return r
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
	addon := lexMatch(ls, label, addonWords)
	if addon == "" {
		addon = lexMatch(ls, label, deliveryWords)
	}
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
		if addon = lexMatch(ls, c.Nearby, addonWords); addon == "" {
			addon = lexMatch(ls, c.Nearby, deliveryWords)
		}
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
	stripped := text
	for _, p := range price.FindAll(text) {
		stripped = strings.ReplaceAll(stripped, p.Text, " ")
	}
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

// untickResult is the outcome of the crawler's untick experiment on a control.
type untickResult struct {
	done, dropped bool
	from, to      string
	reasons       []string
	before, after string
}

// untick finds the crawler's untick experiment on c: a later step that
// unchecked c.Selector on the same page, paired with the last snapshot of
// that page before it. A lower total afterwards confirms a payment; when the
// drop equals one of the prices cost (those the page showed for the
// control) the reasons say so. ok is false when no experiment was run or
// its totals cannot be compared.
func (sc stepContext) untick(c *evidence.Control, cost []evidence.Price) (untickResult, bool) {
	url := sc.o.pageURL()
	for k := sc.at + 1; k < len(sc.steps); k++ {
		s := sc.steps[k]
		a := s.step.Action
		if a.Type != evidence.ActionUncheck || a.Selector != c.Selector || s.snap == nil {
			continue
		}
		if !samePage(s.pageURL(), url) {
			continue
		}
		var before *observed
		for m := k - 1; m >= sc.at; m-- {
			if sc.steps[m].snap != nil && samePage(sc.steps[m].pageURL(), url) {
				before = &sc.steps[m]
				break
			}
		}
		if before == nil {
			return untickResult{}, false
		}
		pb, okb := pageTotal(before.snap)
		pa, oka := pageTotal(s.snap)
		if !okb || !oka || (pb.Currency != "" && pa.Currency != "" && pb.Currency != pa.Currency) {
			return untickResult{}, false
		}
		r := untickResult{done: true, before: before.screenshot(), after: s.screenshot(),
			from: money(pb), to: money(pa)}
		drop := pb.Amount - pa.Amount
		if drop > rounding(0, pb.Currency) {
			r.dropped = true
			r.reasons = append(r.reasons, fmt.Sprintf("unticking it lowered the total from %s to %s (step %d)",
				r.from, r.to, s.step.Index))
			for _, p := range cost {
				if p.Period == evidence.PeriodOnce && abs(p.Amount-drop) <= rounding(1, pb.Currency) {
					r.reasons = append(r.reasons, "the drop "+moneyAmount(drop, pb.Currency)+" equals the price shown for it")
					break
				}
			}
		} else {
			r.reasons = append(r.reasons, fmt.Sprintf("unticking it left the total at %s (step %d)", r.to, s.step.Index))
		}
		return r, true
	}
	return untickResult{}, false
}

// optionFree reports whether an option is a free choice: "free", a zero
// price, or a "no thanks" without a price. Prices in the option's own text
// win over prices the crawler found nearby (which may be a neighbour's).
func optionFree(ls []*Lexicon, text string, prices []evidence.Price) bool {
	if own := price.FindAll(text); len(own) > 0 {
		return len(costPrices(ls, text)) == 0 && len(positive(own)) == 0
	}
	if price.IsFree(text) || lexMatch(ls, text, declineWords) != "" {
		return true
	}
	for _, p := range prices {
		if p.Amount == 0 {
			return true
		}
	}
	return false
}

// optionPrice is the positive price of an option, if any: from its own text,
// else from the prices the crawler recorded for it unless the text says free.
func optionPrice(ls []*Lexicon, text string, prices []evidence.Price) (evidence.Price, bool) {
	if own := price.FindAll(text); len(own) > 0 {
		// Its own text decides: a cost, or only bounds ("Under £20") and zeros.
		if cost := costPrices(ls, text); len(cost) > 0 {
			return cost[0], true
		}
		return evidence.Price{}, false
	}
	if price.IsFree(text) {
		return evidence.Price{}, false
	}
	if ps := positive(prices); len(ps) == 1 {
		return ps[0], true
	}
	return evidence.Price{}, false
}

// ordinaryDefault reports whether a paid option is the ordinary choice
// rather than an upsell: paid standard delivery preselected beside free
// click-and-collect is how shops work, not a pre-selected extra.
func (sc stepContext) ordinaryDefault(text string) bool {
	return lexMatch(sc.ls, text, functionalWords) != "" && lexMatch(sc.ls, text, addonWords) == "" &&
		lexMatch(sc.ls, text, deliveryWords) == ""
}

// judgeSelect flags a select whose default option costs money while a free
// option exists.
func (sc stepContext) judgeSelect(c *evidence.Control) (evidence.Finding, bool) {
	if c.Touched || c.Disabled || sc.customerSet(c.Selector) || len(c.Options) < 2 {
		return evidence.Finding{}, false
	}
	if !c.Visible && !labelShown(sc.o.snap, c) {
		return evidence.Finding{}, false
	}
	if sc.isFilter(c) {
		return evidence.Finding{}, false
	}
	sel, firstPaint := -1, true
	for i, op := range c.Options {
		if op.SelectedAtFirstPaint {
			sel = i
			break
		}
	}
	if sel < 0 {
		firstPaint = false
		for i, op := range c.Options {
			if op.Selected {
				sel = i
				break
			}
		}
	}
	if sel < 0 {
		return evidence.Finding{}, false
	}
	chosen := c.Options[sel]
	p, ok := optionPrice(sc.ls, chosen.Text, chosen.Prices)
	if !ok || sc.ordinaryDefault(chosen.Text) {
		return evidence.Finding{}, false
	}
	freeAlt := ""
	for i, op := range c.Options {
		if i == sel || strings.TrimSpace(op.Text) == "" || lexMatch(sc.ls, op.Text, placeholderWords) != "" && len(op.Prices) == 0 && !price.IsFree(op.Text) {
			continue
		}
		if optionFree(sc.ls, op.Text, op.Prices) {
			freeAlt = strings.TrimSpace(op.Text)
			break
		}
	}
	if freeAlt == "" {
		return evidence.Finding{}, false
	}
	var reasons []string
	if firstPaint {
		reasons = append(reasons, "option selected at first paint")
	} else {
		reasons = append(reasons, "option selected by script after load")
	}
	reasons = append(reasons, fmt.Sprintf("select defaults to a paid option (%s) while a free one exists (%s)", money(p), clip(freeAlt, 60)))
	conf := 0.8
	if m := lexMatch(sc.ls, chosen.Text, addonWords); m != "" {
		reasons = append(reasons, "option matches add-on lexicon: "+m)
		conf += 0.1
	} else if m := lexMatch(sc.ls, chosen.Text, deliveryWords); m != "" {
		reasons = append(reasons, "option matches add-on lexicon: "+m)
		conf += 0.1
	}
	if c.Shadow {
		reasons = append(reasons, "inside shadow DOM")
	}
	if c.Frame != "" {
		reasons = append(reasons, "inside iframe "+clip(c.Frame, 100))
	}
	box := c.Box
	text := strings.TrimSpace(c.Label)
	if text == "" {
		text = chosen.Text
	} else {
		text += ": " + strings.TrimSpace(chosen.Text)
	}
	return evidence.Finding{
		Rule:       RulePreselectedPaidOption,
		Confidence: clamp(conf, 0.3, 0.99),
		Message: fmt.Sprintf("“%s” is selected by default and costs %s although “%s” is offered.",
			clip(chosen.Text, 100), money(p), clip(freeAlt, 80)),
		Reasons:  reasons,
		Location: sc.o.location(c.Selector, text, &box),
		Evidence: sc.o.evidenceRefs(),
	}, true
}

// judgeRadioGroups flags radio groups (by frame and name) that default to a
// paid option while a free one exists.
func (sc stepContext) judgeRadioGroups() []evidence.Finding {
	s := sc.o.snap
	groups := map[string][]*evidence.Control{}
	var order []string
	for k := range s.Controls {
		c := &s.Controls[k]
		if !isRadio(c) || c.Name == "" {
			continue
		}
		key := c.Frame + "\x00" + c.Name
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], c)
	}
	var out []evidence.Finding
	for _, key := range order {
		if f, ok := sc.judgeRadioGroup(groups[key]); ok {
			out = append(out, f)
		}
	}
	return out
}

func (sc stepContext) judgeRadioGroup(g []*evidence.Control) (evidence.Finding, bool) {
	if len(g) < 2 {
		return evidence.Finding{}, false
	}
	var sel *evidence.Control
	for _, c := range g {
		if c.Touched || sc.customerSet(c.Selector) {
			return evidence.Finding{}, false
		}
		if c.Checked {
			if sel != nil {
				return evidence.Finding{}, false
			}
			sel = c
		}
	}
	if sel == nil || sel.Disabled || (!sel.Visible && !labelShown(sc.o.snap, sel)) || sc.isFilter(sel) {
		return evidence.Finding{}, false
	}
	p, ok := optionPrice(sc.ls, sel.Label, sel.Prices)
	if !ok || sc.ordinaryDefault(sel.Label) {
		return evidence.Finding{}, false
	}
	freeAlt := ""
	for _, c := range g {
		if c == sel || c.Disabled {
			continue
		}
		if optionFree(sc.ls, c.Label, c.Prices) {
			freeAlt = strings.TrimSpace(c.Label)
			break
		}
	}
	if freeAlt == "" {
		return evidence.Finding{}, false
	}
	reasons := stateReasons(sel)
	reasons[0] = strings.Replace(reasons[0], "control checked", "option selected", 1)
	reasons = append(reasons, fmt.Sprintf("radio group defaults to a paid option (%s) while a free one exists (%s)", money(p), clip(freeAlt, 60)))
	conf := 0.8
	if m := lexMatch(sc.ls, sel.Label, addonWords); m != "" {
		reasons = append(reasons, "label matches add-on lexicon: "+m)
		conf += 0.1
	} else if m := lexMatch(sc.ls, sel.Label, deliveryWords); m != "" {
		reasons = append(reasons, "label matches add-on lexicon: "+m)
		conf += 0.1
	}
	box := sel.Box
	label := strings.TrimSpace(sel.Label)
	f := evidence.Finding{
		Rule:       RulePreselectedPaidOption,
		Confidence: clamp(conf, 0.3, 0.99),
		Message: fmt.Sprintf("“%s” is selected by default and costs %s although “%s” is offered.",
			clip(label, 100), money(p), clip(freeAlt, 80)),
		Reasons:  reasons,
		Location: sc.o.location(sel.Selector, label, &box),
		Evidence: sc.o.evidenceRefs(),
	}
	return f, true
}
