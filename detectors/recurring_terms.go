package detectors

import (
	"fmt"
	"sort"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// Terms-page-only: a sign-up or subscribe step sells a subscription (or a
// trial that turns paid) and says nothing at all of the renewal or of a price
// per billing period, while the site's terms page states the renewal. The
// customer can learn the recurring terms only by reading the terms, so the
// finding is recurring-terms-hidden on the commit control.
//
// It needs all of:
//   - a commit control that submits (a button, not a link) on a page that is
//     not the home, terms, account, cancel, help or contact page;
//   - a recurring offer: subscription, membership or trial wording on the
//     commit page, or a price per billing period on a pricing page earlier in
//     the same journey;
//   - no renewal wording, no "cancel anytime" wording and no price per
//     billing period anywhere on the commit page, hidden or not (a hidden
//     statement is the per-page rule's business);
//   - renewal wording on a page the crawler classed as terms.
//
// It is silent when nothing on the site states the renewal: absence of the
// terms is another rule.

// termsRenewal is a statement of the renewal on a terms page.
type termsRenewal struct {
	url     string
	node    *evidence.Node
	renewal string
}

// siteTermsRenewal finds the statement of the renewal on the site's terms
// pages, preferring visible text that also states a price per period.
func siteTermsRenewal(t *evidence.Target) (termsRenewal, bool) {
	var best termsRenewal
	bestRank := -1
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		for _, o := range journeySteps(j) {
			if o.snap == nil || o.pageKind() != "terms" {
				continue
			}
			ls := o.lexicons()
			for i := range o.snap.Nodes {
				n := &o.snap.Nodes[i]
				r := lexMatch(ls, n.Text, familyWords(evidence.FamilyRecurring, "renewal"))
				if r == "" {
					continue
				}
				rank := 0
				if n.HiddenBy == "" {
					rank += 2
				}
				if periodPrice(n.Text) != nil {
					rank++
				}
				if rank > bestRank {
					best, bestRank = termsRenewal{url: o.pageURL(), node: n, renewal: r}, rank
				}
			}
		}
	}
	return best, bestRank >= 0
}

// periodPrice is the first positive price with a billing period in s, or nil.
func periodPrice(s string) *evidence.Price {
	for _, p := range price.FindAll(s) {
		if p.Period != evidence.PeriodOnce && p.Amount > 0 {
			p := p
			return &p
		}
	}
	return nil
}

// recurringOnlyOnTerms judges one step against the site's terms statement.
func recurringOnlyOnTerms(o observed, terms termsRenewal) (evidence.Finding, bool) {
	s := o.snap
	if s == nil || len(s.Nodes) == 0 || samePage(o.pageURL(), terms.url) {
		return evidence.Finding{}, false
	}
	switch o.pageKind() {
	case "home", "terms", "account", "cancel", "help", "contact":
		return evidence.Finding{}, false
	}
	ls := o.lexicons()
	var commits []evidence.Clickable
	for _, c := range commitControls(s, ls) {
		if c.Href == "" && c.Tag != "a" {
			commits = append(commits, c)
		}
	}
	if len(commits) == 0 {
		return evidence.Finding{}, false
	}
	stated := func(text string) bool {
		return lexMatch(ls, text, familyWords(evidence.FamilyRecurring, "renewal")) != "" ||
			lexMatch(ls, text, familyWords(evidence.FamilyRecurring, "cancelAnytime")) != "" ||
			periodPrice(text) != nil
	}
	offer := ""
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if stated(n.Text) {
			return evidence.Finding{}, false
		}
		if offer == "" && n.HiddenBy == "" {
			if w := lexMatch(ls, n.Text, recurringWords); w != "" {
				offer = fmt.Sprintf("'%s' on the page ('%s')", w, clip(strings.Join(strings.Fields(n.Text), " "), 60))
			}
		}
	}
	for _, c := range s.Clickables {
		if stated(c.Name) {
			return evidence.Finding{}, false
		}
	}
	if offer == "" {
		for _, c := range commits {
			if w := lexMatch(ls, c.Name, recurringWords); w != "" {
				offer = fmt.Sprintf("'%s' on the commit control", w)
				break
			}
		}
	}
	if offer == "" {
		offer = pricingPeriodBefore(o)
	}
	if offer == "" {
		return evidence.Finding{}, false
	}
	sort.SliceStable(commits, func(i, j int) bool { return prominence(commits[i]) > prominence(commits[j]) })
	commit := commits[0]
	quote := clip(strings.Join(strings.Fields(terms.node.Text), " "), 140)
	msg := fmt.Sprintf("'%s' commits the customer to a recurring offer, but the page states neither the renewal nor a price per billing period; the renewal term is stated only on the terms page (%s): '%s'.",
		clip(commit.Name, 60), terms.url, quote)
	reasons := []string{
		fmt.Sprintf("renewal term stated only on the terms page (%s)", terms.url),
		fmt.Sprintf("terms page: '%s' (renewal wording '%s')", clip(quote, 100), terms.renewal),
		"recurring offer: " + offer,
		fmt.Sprintf("no renewal wording, 'cancel anytime' wording or price per billing period anywhere on the page of '%s'", clip(commit.Name, 60)),
	}
	refs := o.evidenceRefs()
	cbox := commit.Box
	refs.Related = []evidence.RelatedRef{
		{Label: "commit control", Selector: commit.Selector, Text: clip(commit.Name, 120), Box: &cbox},
		{Label: "terms page (" + terms.url + ")", Selector: terms.node.Selector, Text: clip(quote, 200)},
	}
	return evidence.Finding{
		Rule: ruleRecurringTermsHidden, Confidence: 0.8, Message: msg, Reasons: reasons,
		Location: o.location(commit.Selector, commit.Name, &cbox),
		Evidence: refs,
	}, true
}

// pricingPeriodBefore says where a pricing page earlier in the same journey
// states a price per billing period, or "".
func pricingPeriodBefore(o observed) string {
	for i := o.pos - 1; i >= 0; i-- {
		st := o.journey.Steps[i]
		if st == nil || st.Snapshot == nil {
			continue
		}
		prev := observed{journey: o.journey, pos: i, step: st, snap: st.Snapshot}
		if prev.pageKind() != "pricing" {
			continue
		}
		for _, n := range st.Snapshot.Nodes {
			if p := periodPrice(n.Text); p != nil && n.HiddenBy == "" {
				return fmt.Sprintf("price per %s %s on the pricing page (%s)", p.Period, moneyAmount(p.Amount, p.Currency), prev.pageURL())
			}
		}
	}
	return ""
}
