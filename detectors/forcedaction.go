package detectors

import (
	"fmt"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// The forced-action family flags a step the customer cannot take without
// giving something the goal does not need.
//
// trial-card-required: a page of any journey holds payment card fields that
// are visible or required (autocomplete cc-number/cc-exp/cc-csc, or a card
// name or label, lexicon cardField), and the button that submits them (the
// visible main-region button nearest below the fields) offers a free trial
// (lexicon list freeTrial: "Start my free trial", "kostenlos testen", "£0
// today"), or the page is a signup page whose h1/h2 offers one. Silent when
// the page says no card is needed (list noCard), when no form takes card
// data, and on a paid checkout that merely advertises a trial elsewhere.
//
// forced-account: the checkout journey had a cart and ended at a login wall
// (its Reason is "login wall"): the last page has a visible password field and nowhere on
// it a guest path (walker intent "guest": "Continue as guest", "Als Gast
// bestellen"). Silent whenever a guest control or guest wording is on the
// page, and on a login page met in any other journey.

// Rule IDs of the forced-action family.
const (
	RuleForcedAccount     = "forced-account"
	RuleTrialCardRequired = "trial-card-required"
)

// reasonLoginWall is the Reason the checkout journey records when it ended
// at a sign-in or registration page it could not pass as a guest.
const reasonLoginWall = "login wall"

func forcedActionFamily() Family {
	return Family{
		Name: evidence.FamilyForcedAction,
		Scan: forcedAction,
		Rules: []evidence.RuleMeta{
			rule(RuleForcedAccount, evidence.FamilyForcedAction, evidence.SeverityMedium,
				"Checkout requires an account",
				"The checkout stops at a sign-in or registration form and offers no way to buy as a guest: the customer "+
					"must create an account to buy.",
				"Offer guest checkout next to sign-in, or ask only for the data the order needs."),
			rule(RuleTrialCardRequired, evidence.FamilyForcedAction, evidence.SeverityMedium,
				"Free trial requires payment card data",
				"A trial presented as free cannot be started without entering payment card details in the signup form, "+
					"so it converts to a paid plan unless the customer remembers to cancel.",
				"Let customers start a free trial without card data, or state plainly beside the button that a card "+
					"is required, when it will be charged and how much."),
		},
	}
}

func forcedAction(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	seen := map[string]bool{}
	add := func(f evidence.Finding) {
		key := f.Rule + "|" + pathOf(f.Location.URL)
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		for _, o := range journeySteps(j) {
			if f, ok := trialCardRequired(o); ok {
				add(f)
			}
		}
		if j.Kind == evidence.JourneyCheckout && j.Reason == reasonLoginWall {
			if f, ok := forcedAccount(j); ok {
				add(f)
			}
		}
	}
	return out
}

// trialCardRequired judges one page: a free-trial offer whose form takes
// card data.
func trialCardRequired(o observed) (evidence.Finding, bool) {
	s := o.snap
	if s == nil || len(s.Forms) == 0 {
		return evidence.Finding{}, false
	}
	ls := o.lexicons()
	cards := cardFieldsOf(ls, s)
	if len(cards) == 0 {
		return evidence.Finding{}, false
	}
	trial := familyWords(evidence.FamilyForcedAction, "freeTrial")
	noCard := familyWords(evidence.FamilyForcedAction, "noCard")
	for _, n := range s.Nodes {
		if n.HiddenBy == "" && lexMatch(ls, n.Text, noCard) != "" {
			return evidence.Finding{}, false
		}
	}
	// The commit control of the card form: the button nearest below the
	// card fields. It offers the trial itself, or the signup page's heading
	// does; a trial offered elsewhere on a paid checkout page (an upsell
	// banner) is not this form's.
	btn, found := buttonBelowCardFields(ls, s, cards)
	if !found {
		return evidence.Finding{}, false
	}
	loc := o.location(btn.Selector, btn.Name, &btn.Box)
	if m := lexMatch(ls, btn.Name, trial); m != "" {
		return trialCardFinding(o, loc, m, "button", btn.Name, cards), true
	}
	if o.pageKind() != evidence.PageSignup {
		return evidence.Finding{}, false
	}
	for _, n := range s.Nodes {
		if n.HiddenBy != "" || (n.Tag != "h1" && n.Tag != "h2") || len([]rune(n.Text)) > 120 {
			continue
		}
		if m := lexMatch(ls, n.Text, trial); m != "" {
			return trialCardFinding(o, loc, m, "heading", n.Text, cards), true
		}
	}
	return evidence.Finding{}, false
}

func trialCardFinding(o observed, loc evidence.Location, word, where, offer string, cards []string) evidence.Finding {
	required := 0
	for _, c := range cards {
		if strings.HasSuffix(c, "(required)") {
			required++
		}
	}
	conf := 0.7
	if required > 0 {
		conf = 0.85
	}
	return evidence.Finding{
		Rule:       RuleTrialCardRequired,
		Confidence: conf,
		Message: fmt.Sprintf("The free trial (%q) cannot be started without payment card data: the signup form asks for %s.",
			clip(loc.Text, 60), strings.Join(cards, ", ")),
		Reasons: []string{
			fmt.Sprintf("free-trial wording %q on the %s %q (lexicon list freeTrial); the form's button is %q", word, where, clip(offer, 60), clip(loc.Text, 60)),
			fmt.Sprintf("%d payment card field(s) in the page's form, %d required: %s", len(cards), required, strings.Join(cards, ", ")),
			"the page does not say that no card is needed (lexicon list noCard)",
		},
		Location: loc,
		Evidence: o.evidenceRefs(),
	}
}

// sawCart reports a journey that had something to buy before the wall: a
// cart page or a cart with lines. A login page reached without one (an
// account link on a site that sells nothing) is not a checkout's wall.
func sawCart(steps []observed) bool {
	for _, o := range steps {
		if o.pageKind() == evidence.PageCart || o.snap != nil && o.snap.Cart != nil && len(o.snap.Cart.Lines) > 0 {
			return true
		}
	}
	return false
}

// forcedAccount judges the last page of a checkout journey that ended at a
// login wall.
func forcedAccount(j *evidence.Journey) (evidence.Finding, bool) {
	steps := journeySteps(j)
	var o *observed
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].snap != nil {
			o = &steps[i]
			break
		}
	}
	if o == nil || !sawCart(steps) {
		return evidence.Finding{}, false
	}
	s := o.snap
	ls := o.lexicons()
	password := ""
	for _, f := range s.Forms {
		for _, ff := range f.Fields {
			if ff.Type == "password" && ff.Visible {
				password = ff.Label
				if password == "" {
					password = ff.Name
				}
				if password == "" {
					password = "password"
				}
			}
		}
	}
	if password == "" {
		return evidence.Finding{}, false
	}
	guest := func(l *Lexicon) []string { return l.Intents["guest"] }
	for _, c := range s.Clickables {
		if lexMatch(ls, c.Name, guest) != "" {
			return evidence.Finding{}, false
		}
	}
	for _, n := range s.Nodes {
		if lexMatch(ls, n.Text, guest) != "" {
			return evidence.Finding{}, false
		}
	}
	// Where: the page's main heading, else its first main-region button.
	var loc *evidence.Location
	for i, n := range s.Nodes {
		if (n.Tag == "h1" || n.Tag == "h2") && n.HiddenBy == "" && !n.Box.Empty() {
			l := o.location(n.Selector, n.Text, &s.Nodes[i].Box)
			loc = &l
			break
		}
	}
	if loc == nil {
		for i, c := range s.Clickables {
			if c.Visible && !c.Box.Empty() && !inChrome(c.Region) && c.Name != "" {
				l := o.location(c.Selector, c.Name, &s.Clickables[i].Box)
				loc = &l
				break
			}
		}
	}
	if loc == nil {
		return evidence.Finding{}, false
	}
	return evidence.Finding{
		Rule:       RuleForcedAccount,
		Confidence: 0.7,
		Message:    "The checkout stops at a sign-in or registration form with no option to buy as a guest.",
		Reasons: []string{
			fmt.Sprintf("the checkout journey ended at a login wall after %d step(s) (%s)", len(j.Steps), o.pageURL()),
			fmt.Sprintf("the last page has a visible password field (%q)", clip(password, 40)),
			"no guest-checkout control or wording anywhere on the page (walker intent guest)",
		},
		Location: *loc,
		Evidence: o.evidenceRefs(),
	}, true
}
