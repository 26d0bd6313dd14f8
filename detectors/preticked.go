package detectors

import (
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
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
// preselected-paid-option. Every word comes from evidence/lexicon.
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

func pretickedFamily() Family {
	return Family{
		Name: evidence.FamilyPreticked,
		Scan: preticked,
		Rules: []evidence.RuleMeta{
			rule(RulePreselectedPaidOption, evidence.FamilyPreticked, evidence.SeverityHigh,
				"Paid option is pre-selected while a free one exists",
				"A radio group or select defaults to an option that costs money (express delivery, insurance, "+
					"a paid plan) although a free option (standard delivery, no thanks) is offered.",
				"Default to the free option, or to no selection, and let the customer choose to pay."),
			rule(RulePretickedConsent, evidence.FamilyPreticked, evidence.SeverityMedium,
				"Marketing or data-sharing consent is pre-ticked",
				"A checkbox or switch that gives consent to newsletters, marketing or sharing data with partners "+
					"or third parties is on before the customer does anything.",
				"Leave consent boxes unticked: a pre-ticked box is not consent (GDPR Recital 32, CJEU Planet49)."),
			rule(RulePretickedPaidAddon, evidence.FamilyPreticked, evidence.SeverityHigh,
				"Paid add-on is pre-selected",
				"A checkbox or switch that adds a paid extra (insurance, warranty, donation, priority delivery, "+
					"membership, subscription...) or carries a price is on before the customer does anything.",
				"Leave every paid extra unticked; the customer must opt in. Under EU and UK law a payment taken "+
					"through a pre-ticked box must be refunded."),
		},
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
