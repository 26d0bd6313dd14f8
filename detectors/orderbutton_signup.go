package detectors

import (
	"fmt"
	"math"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// orderButtonInSignup judges the commit control of a signup journey's form
// (CRD Art. 8(2) covers a trial that turns into a paid subscription as much
// as an order). The walker fills the signup form and stops before submitting
// it, so the page judged is the last one recorded. It fires only when all of
// these hold:
//   - the journey reached the signup form (Reached) and the page is in a
//     language with a lexicon, on an EU/UK site: the recurring price below is
//     in EUR, GBP or another EU currency;
//   - the page itself states a recurring price above zero (in plain view or
//     in a tooltip or collapsed text: the trader's own statement that the
//     contract turns paid), not counting add-on prices written with a sign
//     ("+£3/month") or the labels of switches and checkboxes; a recurring
//     price of zero anywhere on the page (a free plan) keeps it silent, and
//     so does a price only on an earlier page (the plan chosen may be free);
//   - the submit control is found: a click the safety guard refused after the
//     page, else the visible main-region button nearest below the labels of
//     the signup form's visible fields (the form with an e-mail field);
//   - its whole label is a generic progress or free-trial word (lexicon list
//     unclear: "Start my free trial", "Sign up", "Jetzt testen", "Commencer
//     mon essai gratuit") and it neither names paying (list clear) nor carries
//     an amount.
func orderButtonInSignup(j *evidence.Journey) (evidence.Finding, bool) {
	if !j.Reached {
		return evidence.Finding{}, false
	}
	steps := journeySteps(j)
	var page, refused *observed
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
	lang := strings.ToLower(strings.TrimSpace(snap.Lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if _, known := lexicons()[lang]; !known {
		return evidence.Finding{}, false
	}
	ls := page.lexicons()
	paid, ok := signupRecurringPrice(snap)
	if !ok {
		return evidence.Finding{}, false
	}
	var fc finalControl
	if refused != nil && refused.step.Action.Text != "" {
		a := refused.step.Action
		fc = finalControl{name: a.Text, selector: a.Selector, box: a.Box,
			how: "the safety guard refused to click it as the commit of the signup"}
	} else {
		c, found := signupSubmit(snap)
		if !found {
			return evidence.Finding{}, false
		}
		fc = finalControl{name: c.Name, selector: c.Selector, box: &c.Box,
			how: "it is the first button below the signup form's fields, where the walker stopped before submitting"}
	}
	label := strings.TrimSpace(fc.name)
	if label == "" || fc.box == nil || fc.box.Empty() {
		return evidence.Finding{}, false
	}
	if lexMatch(ls, label, familyWords(evidence.FamilyOrderButton, "clear")) != "" || len(costPrices(ls, label)) > 0 {
		return evidence.Finding{}, false
	}
	generic := wholeLabel(ls, label, familyWords(evidence.FamilyOrderButton, "unclear"))
	if generic == "" {
		return evidence.Finding{}, false
	}
	conf := 0.7
	if refused != nil {
		conf = 0.8
	}
	return evidence.Finding{
		Rule:       RuleOrderButtonUnclear,
		Confidence: conf,
		Message: fmt.Sprintf("The button that starts this paid subscription (%s) is labelled %q, which does not state the obligation to pay.",
			paid, clip(label, 60)),
		Reasons: []string{
			fmt.Sprintf("signup commit control %q: %s", clip(label, 60), fc.how),
			fmt.Sprintf("its whole label is the generic word %q (lexicon list unclear); it names neither paying nor an obligation to pay", generic),
			fmt.Sprintf("paid subscription in the EU/UK: the signup page states %s, page language %q", paid, snap.Lang),
		},
		Location: page.location(fc.selector, label, fc.box),
		Evidence: page.evidenceRefs(),
	}, true
}

// signupRecurringPrice finds a recurring price above zero in an EU/UK
// currency stated on the signup page, and none of zero.
func signupRecurringPrice(s *evidence.Snapshot) (string, bool) {
	skip := map[string]bool{}
	for _, c := range s.Controls {
		skip[normalize(c.Label)] = true
	}
	for _, c := range s.Clickables {
		if c.Role == "switch" || c.Role == "checkbox" || c.Role == "radio" {
			skip[normalize(c.Name)] = true
		}
	}
	found := ""
	consider := func(p evidence.Price) bool {
		if p.Period == evidence.PeriodOnce || strings.HasPrefix(strings.TrimSpace(p.Text), "+") {
			return true
		}
		if p.Amount <= 0 {
			return false // a free plan on the page
		}
		if euCurrencies[p.Currency] && found == "" {
			found = "recurring price " + money(p) + " (per " + p.Period + ")"
		}
		return true
	}
	for _, n := range s.Nodes {
		if n.Frame != "" || skip[normalize(n.Text)] {
			continue
		}
		for _, p := range price.FindAll(n.Text) {
			if !consider(p) {
				return "", false
			}
		}
	}
	return found, found != ""
}

// signupSubmit finds the visible main-region button nearest below the labels
// of the visible fields of the page's signup form (a form with an e-mail field).
func signupSubmit(s *evidence.Snapshot) (evidence.Clickable, bool) {
	labels := map[string]bool{}
	for _, f := range s.Forms {
		email := false
		for _, ff := range f.Fields {
			email = email || ff.Visible && (ff.Type == "email" || strings.Contains(strings.ToLower(ff.Autocomplete), "email"))
		}
		if !email {
			continue
		}
		for _, ff := range f.Fields {
			if ff.Visible && ff.Label != "" && ff.Type != "checkbox" && ff.Type != "radio" {
				labels[normalize(ff.Label)] = true
			}
		}
	}
	if len(labels) == 0 {
		return evidence.Clickable{}, false
	}
	var bottom, left, right float64 = math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, n := range s.Nodes {
		if n.HiddenBy != "" || n.Box.Empty() || n.Frame != "" || !labels[normalize(n.Text)] {
			continue
		}
		bottom = math.Max(bottom, n.Box.Y+n.Box.Height)
		left, right = math.Min(left, n.Box.X), math.Max(right, n.Box.X+n.Box.Width)
	}
	if math.IsInf(bottom, -1) {
		return evidence.Clickable{}, false
	}
	best, bestD := evidence.Clickable{}, math.Inf(1)
	for _, c := range s.Clickables {
		if !c.Visible || !c.Enabled || c.Box.Empty() || inChrome(c.Region) || c.Frame != "" {
			continue
		}
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
