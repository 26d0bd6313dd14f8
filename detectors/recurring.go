package detectors

import (
	"fmt"
	"sort"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// The recurring family flags a subscription, auto-renewal or free trial that
// turns paid whose recurring terms are not in plain view next to the control
// that commits the customer (sign up, subscribe, start trial, pay). It judges
// the measured look of every recorded statement of the terms: hidden (a
// collapsed <details>, a title tooltip, a hover popover, invisible), small
// print (font size under 0.75 × the page's body text, or under 11 px), low
// contrast (WCAG ratio under 4.5:1 after opacity) and distance (more than
// 600 px from the nearest commit control, or below the fold while the
// control is above it).
//
// It fires only when every statement of an element of the terms is out of
// plain view: the renewal wording ("renews automatically", "until you
// cancel", "verlängert sich automatisch") or the price per billing period.
// A commit page that sells a subscription but states neither the renewal
// nor a price per period anywhere, while the terms page states the renewal,
// is recurring-terms-hidden too (recurring_terms.go).
//
// It is silent on pages with no commit control, on pages with no recurring
// offer (one-off purchases), and when the element is stated plainly near the
// control even if it is repeated in a tooltip or small print.
//
// One place gets one rule: a hidden statement with renewal wording is
// recurring-terms-hidden; one that only states the conversion of a free
// trial ("after your trial, £9.99/month") on a page whose plain view
// promises something free is recurring-trial-conversion.

const (
	ruleRecurringTermsHidden    = "recurring-terms-hidden"
	ruleRecurringTrialConverted = "recurring-trial-conversion"
)

// Thresholds of plain view.
const (
	plainFontRatio   = 0.75 // of the page's body text size
	plainFontMin     = 11.0 // px, whatever the body text
	plainContrastMin = 4.5  // WCAG AA for normal text
	plainNearPx      = 600.0
)

func recurringFamily() Family {
	return Family{
		Name: evidence.FamilyRecurring,
		Rules: []evidence.RuleMeta{
			rule(ruleRecurringTermsHidden, evidence.FamilyRecurring, evidence.SeverityHigh,
				"Recurring terms hidden from the commit step",
				"The recurring price or the auto-renewal of a subscription, membership or trial is stated only out of plain view of the control that commits the customer: in a tooltip or collapsed section, in small or low-contrast print, far from the button, or only on the terms page.",
				"State the price per billing period and that the contract renews until cancelled in normal-size, readable text directly next to the sign-up, subscribe or pay button."),
			rule(ruleRecurringTrialConverted, evidence.FamilyRecurring, evidence.SeverityHigh,
				"Free trial converts to paid out of view",
				"A free or £0 trial is promised in plain view, but that it turns into a paid plan (and at what price) is stated only in hidden, small, faint or distant text.",
				"Next to the button that starts the trial, say plainly when the trial ends and what is charged from then on, per billing period."),
		},
		Scan: scanRecurring,
	}
}

func scanRecurring(t *evidence.Target) []evidence.Finding {
	if t == nil {
		return nil
	}
	var out []evidence.Finding
	terms, hasTerms := siteTermsRenewal(t)
	for _, j := range t.Journeys {
		if j == nil {
			continue
		}
		for _, o := range journeySteps(j) {
			if f, ok := recurringOnPage(o); ok {
				out = append(out, f)
			} else if hasTerms {
				if f, ok := recurringOnlyOnTerms(o, terms); ok {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// recurringStatement is a text node that states recurring terms.
type recurringStatement struct {
	node       *evidence.Node
	renewal    string          // renewal wording matched, or ""
	cancel     string          // "cancel anytime" wording matched, or ""
	offer      string          // subscription or trial wording (the shared recurring list), or ""
	conversion string          // trial-conversion wording matched, or ""
	period     *evidence.Price // a price with a billing period, or nil
	why        []string        // why it is out of plain view; empty when plain
}

func recurringOnPage(o observed) (evidence.Finding, bool) {
	s := o.snap
	if s == nil || len(s.Nodes) == 0 {
		return evidence.Finding{}, false
	}
	switch o.pageKind() {
	case "terms", "account", "cancel", "help", "contact":
		return evidence.Finding{}, false
	}
	ls := o.lexicons()
	commits := commitControls(s, ls)
	if len(commits) == 0 {
		return evidence.Finding{}, false
	}
	body := bodyTextSize(s.Nodes)
	var stmts []recurringStatement
	for i := range s.Nodes {
		n := &s.Nodes[i]
		st := recurringStatement{node: n,
			renewal:    lexMatch(ls, n.Text, familyWords(evidence.FamilyRecurring, "renewal")),
			cancel:     lexMatch(ls, n.Text, familyWords(evidence.FamilyRecurring, "cancelAnytime")),
			offer:      lexMatch(ls, n.Text, recurringWords),
			conversion: lexMatch(ls, n.Text, familyWords(evidence.FamilyRecurring, "conversion"))}
		for _, p := range price.FindAll(n.Text) {
			if p.Period != evidence.PeriodOnce && p.Amount > 0 {
				p := p
				st.period = &p
				break
			}
		}
		if st.renewal == "" && st.period == nil && st.cancel == "" {
			continue
		}
		st.why = outOfPlainView(n, body, commits, float64(s.Viewport.Height))
		stmts = append(stmts, st)
	}
	var renewals, periods, renewPlain, periodPlain int
	for _, st := range stmts {
		if st.renewal != "" {
			renewals++
		}
		// "Cancel anytime" in plain view tells the customer the contract
		// runs on; alone it never triggers a finding.
		if (st.renewal != "" || st.cancel != "") && len(st.why) == 0 {
			renewPlain++
		}
		if st.period != nil {
			periods++
			if len(st.why) == 0 {
				periodPlain++
			}
		}
	}
	free := plainFreeHeadline(s, ls, body, commits)
	renewHidden := renewals > 0 && renewPlain == 0
	// A price per period out of view alone (no renewal wording on the page)
	// counts only when it is about a subscription or a trial turning paid:
	// a free headline in plain view, or trial, subscription or conversion
	// wording in the hidden statement itself. Instalment offers in small
	// print ("or £10/month with …") are another matter.
	periodHidden := periods > 0 && periodPlain == 0
	if periodHidden && !renewHidden && free == "" {
		periodHidden = false
		for _, st := range stmts {
			if st.period != nil && len(st.why) > 0 && (st.offer != "" || st.conversion != "") {
				periodHidden = true
			}
		}
	}
	if !renewHidden && !periodHidden {
		return evidence.Finding{}, false
	}
	// The statement to point at: one of the element that is hidden, with
	// renewal wording and a price first, then the nearest to the button.
	var cands []recurringStatement
	for _, st := range stmts {
		if len(st.why) > 0 && ((renewHidden && st.renewal != "") || (periodHidden && st.period != nil)) {
			cands = append(cands, st)
		}
	}
	if len(cands) == 0 {
		return evidence.Finding{}, false
	}
	commit := commits[0]
	sort.SliceStable(cands, func(i, j int) bool {
		si, sj := statementRank(cands[i]), statementRank(cands[j])
		if si != sj {
			return si > sj
		}
		return nearestGap(cands[i].node.Box, commits) < nearestGap(cands[j].node.Box, commits)
	})
	st := cands[0]
	ruleID := ruleRecurringTermsHidden
	if st.renewal == "" && (st.conversion != "" || st.period != nil) && free != "" {
		ruleID = ruleRecurringTrialConverted
	}
	quote := clip(strings.Join(strings.Fields(st.node.Text), " "), 140)
	var msg string
	var reasons []string
	what := "renewal term"
	if st.renewal == "" {
		what = "recurring price"
	}
	if ruleID == ruleRecurringTrialConverted {
		msg = fmt.Sprintf("'%s' promises a free start, but that the trial turns paid ('%s') is stated only out of plain view of '%s': %s.",
			clip(free, 60), quote, clip(commit.Name, 60), strings.Join(st.why, ", "))
		reasons = append(reasons, fmt.Sprintf("free headline in plain view: '%s'", clip(free, 80)))
	} else {
		msg = fmt.Sprintf("The %s '%s' is stated only out of plain view of '%s': %s.",
			what, quote, clip(commit.Name, 60), strings.Join(st.why, ", "))
	}
	reasons = append(reasons, fmt.Sprintf("%s '%s' is %s", what, clip(quote, 60), strings.Join(st.why, ", ")))
	if renewHidden {
		reasons = append(reasons, fmt.Sprintf("renewal wording ('%s') appears %d time(s) on the page, none in plain view near '%s'", firstRenewal(stmts), renewals, clip(commit.Name, 60)))
	}
	if periodHidden {
		reasons = append(reasons, fmt.Sprintf("price per billing period appears %d time(s), none in plain view near '%s'", periods, clip(commit.Name, 60)))
	}
	n := 0
	for _, other := range cands[1:] {
		if n == 2 {
			break
		}
		reasons = append(reasons, fmt.Sprintf("also '%s': %s", clip(strings.Join(strings.Fields(other.node.Text), " "), 50), strings.Join(other.why, ", ")))
		n++
	}
	reasons = append(reasons, fmt.Sprintf("commit control '%s' at y=%.0f px (%s); body text %.0f px; thresholds: font ≥ %.2f× body and ≥ %.0f px, contrast ≥ %.1f:1, within %.0f px and not below the fold",
		clip(commit.Name, 60), commit.Box.Y, foldWord(commit.Box, float64(s.Viewport.Height)), body, plainFontRatio, plainFontMin, plainContrastMin, plainNearPx))
	box := st.node.Box
	conf := 0.8
	if len(st.why) > 1 || st.node.HiddenBy != "" {
		conf = 0.9
	}
	refs := o.evidenceRefs()
	cbox := commit.Box
	refs.Related = []evidence.RelatedRef{{Label: "commit control", Selector: commit.Selector, Text: clip(commit.Name, 120), Box: &cbox}}
	return evidence.Finding{
		Rule: ruleID, Confidence: conf, Message: msg, Reasons: reasons,
		Location: o.location(st.node.Selector, st.node.Text, &box),
		Evidence: refs,
	}, true
}

func statementRank(st recurringStatement) int {
	r := 0
	if st.renewal != "" {
		r += 2
	}
	if st.period != nil {
		r++
	}
	return r
}

func firstRenewal(stmts []recurringStatement) string {
	for _, st := range stmts {
		if st.renewal != "" {
			return st.renewal
		}
	}
	return ""
}

func foldWord(b evidence.Box, fold float64) string {
	if fold > 0 && b.Y+b.Height <= fold {
		return "above the fold"
	}
	return "below the fold"
}

// commitControls are the visible sign-up, trial, subscribe or pay controls
// of the page's main region, most prominent first.
func commitControls(s *evidence.Snapshot, ls []*Lexicon) []evidence.Clickable {
	var out []evidence.Clickable
	for _, c := range s.Clickables {
		if !c.Visible || c.Box.Empty() || strings.TrimSpace(c.Name) == "" || len([]rune(c.Name)) > 60 {
			continue
		}
		switch c.Region {
		case "", "main", "dialog":
		default:
			continue
		}
		if lexMatch(ls, c.Name, func(l *Lexicon) []string { return l.Intents["signup"] }) == "" &&
			lexMatch(ls, c.Name, func(l *Lexicon) []string { return l.CommitMoney }) == "" {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return prominence(out[i]) > prominence(out[j]) })
	return out
}

func prominence(c evidence.Clickable) float64 {
	p := c.Box.Width * c.Box.Height * (c.FontSize + 1)
	if c.Filled {
		p *= 2
	}
	return p
}

// bodyTextSize is the median font size of the visible text, weighted by its length.
func bodyTextSize(nodes []evidence.Node) float64 {
	type fs struct{ size, w float64 }
	var xs []fs
	total := 0.0
	for _, n := range nodes {
		if n.HiddenBy != "" || n.FontSize <= 0 || n.Opacity == 0 {
			continue
		}
		w := float64(len([]rune(strings.TrimSpace(n.Text))))
		if w == 0 {
			continue
		}
		xs = append(xs, fs{n.FontSize, w})
		total += w
	}
	if len(xs) == 0 {
		return 16
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].size < xs[j].size })
	acc := 0.0
	for _, x := range xs {
		acc += x.w
		if acc >= total/2 {
			return x.size
		}
	}
	return xs[len(xs)-1].size
}

// outOfPlainView says, with the measured figures, why n is not in plain view
// of the commit controls; nil when it is.
func outOfPlainView(n *evidence.Node, body float64, commits []evidence.Clickable, fold float64) []string {
	var why []string
	switch n.HiddenBy {
	case "":
	case "tooltip":
		why = append(why, "only in a title tooltip")
	case "details":
		why = append(why, "inside a collapsed <details> section")
	case "hover":
		why = append(why, "only in a hover popover")
	default:
		why = append(why, "invisible ("+n.HiddenBy+")")
	}
	if n.HiddenBy == "" && n.Opacity > 0 && n.Opacity < 0.05 {
		why = append(why, fmt.Sprintf("opacity %.2f", n.Opacity))
	}
	if n.HiddenBy == "" && n.FontSize > 0 && (n.FontSize < plainFontRatio*body || n.FontSize < plainFontMin) {
		why = append(why, fmt.Sprintf("%.0f px (body text %.0f px)", n.FontSize, body))
	}
	if n.HiddenBy == "" {
		if c := contrastRatio(n.Colour, n.Background, n.Opacity); c < plainContrastMin {
			why = append(why, fmt.Sprintf("contrast %.1f:1", c))
		}
	}
	gap, near := nearestGap(n.Box, commits), nearestCommit(n.Box, commits)
	if gap > plainNearPx {
		dir := "below"
		if n.Box.Y < near.Box.Y {
			dir = "above"
		}
		why = append(why, fmt.Sprintf("%s px %s '%s' (%.1f screens)", thousands(gap), dir, clip(near.Name, 40), gap/screen(fold)))
	} else if fold > 0 && near.Box.Y+near.Box.Height <= fold && n.Box.Y >= fold && gap > 150 {
		why = append(why, fmt.Sprintf("below the fold (%s px below '%s', which is above it)", thousands(gap), clip(near.Name, 40)))
	}
	return why
}

func screen(fold float64) float64 {
	if fold <= 0 {
		return 800
	}
	return fold
}

func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

// nearestGap is the vertical gap in px between b and the nearest commit control.
func nearestGap(b evidence.Box, commits []evidence.Clickable) float64 {
	return vgap(b, nearestCommit(b, commits).Box)
}

func nearestCommit(b evidence.Box, commits []evidence.Clickable) evidence.Clickable {
	best := commits[0]
	for _, c := range commits[1:] {
		if vgap(b, c.Box) < vgap(b, best.Box) {
			best = c
		}
	}
	return best
}

func vgap(a, b evidence.Box) float64 {
	switch {
	case a.Y > b.Y+b.Height:
		return a.Y - (b.Y + b.Height)
	case b.Y > a.Y+a.Height:
		return b.Y - (a.Y + a.Height)
	}
	return 0
}

// plainFreeHeadline is a plain-view text or commit control near the commit
// step that says the start costs nothing ("Free for 7 days", "£0 today").
func plainFreeHeadline(s *evidence.Snapshot, ls []*Lexicon, body float64, commits []evidence.Clickable) string {
	for _, c := range commits {
		if price.IsFree(c.Name) {
			return c.Name
		}
	}
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if len([]rune(n.Text)) > 120 || !price.IsFree(n.Text) {
			continue
		}
		if len(outOfPlainView(n, body, commits, float64(s.Viewport.Height))) == 0 {
			return strings.Join(strings.Fields(n.Text), " ")
		}
	}
	return ""
}
