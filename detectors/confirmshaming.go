package detectors

import (
	"fmt"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// The confirmshaming family: the option that declines an offer is worded to
// make the customer feel foolish or guilty for choosing it ("No thanks, I'd
// rather pay more for delivery", "No, I want to lose my benefits").
//
// A visible link or button is a finding when its name both declines
// (lexicon "decline": "no thanks", "no,", "nein danke"...) and blames the
// customer (lexicon "confirmshaming": "rather pay more", "lose my
// benefits", "pay full price"...). Silent on a plain "No thanks", on neutral
// choices ("Keep subscription", "Cancel subscription now") and on shaming
// words in running text that is not a choice the customer clicks.

// RuleConfirmshaming is the rule of the confirmshaming family.
const RuleConfirmshaming = "confirmshaming"

func confirmshamingFamily() Family {
	return Family{
		Name: evidence.FamilyConfirmshaming,
		Scan: confirmshaming,
		Rules: []evidence.RuleMeta{
			rule(RuleConfirmshaming, evidence.FamilyConfirmshaming, evidence.SeverityMedium,
				"Decline option is worded to shame the customer",
				"The link or button that turns down an offer says the customer is choosing to lose out "+
					"(\"No thanks, I'd rather pay more\", \"No, I want to lose my benefits\"): guilt in place of a neutral choice.",
				"Word the decline option as neutrally as the accept option: \"No thanks\", \"Continue without\"."),
		},
	}
}

// confirmshaming scans every visible clickable of every step of t.
func confirmshaming(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		for _, o := range journeySteps(j) {
			if o.snap == nil {
				continue
			}
			ls := o.lexicons()
			for _, c := range o.snap.Clickables {
				if !c.Visible || strings.TrimSpace(c.Name) == "" {
					continue
				}
				decline := lexMatch(ls, c.Name, declineWords)
				shame := lexMatch(ls, c.Name, confirmshamingWords)
				if decline == "" || shame == "" {
					continue
				}
				box := c.Box
				out = append(out, evidence.Finding{
					Rule:       RuleConfirmshaming,
					Confidence: 0.8,
					Message:    fmt.Sprintf("The decline option “%s” shames the customer for saying no.", clip(c.Name, 120)),
					Reasons: []string{
						c.Tag + " declines an offer: matches decline lexicon: " + decline,
						"its wording blames the customer: matches confirmshaming lexicon: " + shame,
					},
					Location: o.location(c.Selector, c.Name, &box),
					Evidence: o.evidenceRefs(),
				})
			}
		}
	}
	return out
}
