package crawler

import (
	"net/url"
	"sort"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// intent returns the phrases of an intent in every language.
func intent(name string) []string {
	lx, err := Lexicons()
	if err != nil {
		return nil
	}
	return lx.Intents[name]
}

// matchScore says how well a control's name carries an intent: 3 for the
// whole name, 2 when it starts with the phrase, 1 when it contains it, 0 not at all.
func matchScore(name string, phrases []string) int {
	n := Normalize(name)
	if n == "" {
		return 0
	}
	best := 0
	for _, p := range phrases {
		switch {
		case n == p:
			return 3
		case strings.HasPrefix(n+" ", p+" ") && len(strings.Fields(n)) <= len(strings.Fields(p))+4:
			best = max(best, 2)
		case containsPhrase(n, p) && len(strings.Fields(n)) <= len(strings.Fields(p))+5:
			best = max(best, 1)
		}
	}
	return best
}

// pick returns the best visible, enabled clickable carrying an intent, with
// ok false when none does. prefer weights regions; skip filters out candidates.
func pick(snap *evidence.Snapshot, intentName string, prefer map[string]int, skip func(evidence.Clickable) bool) (evidence.Clickable, bool) {
	if snap == nil {
		return evidence.Clickable{}, false
	}
	phrases := intent(intentName)
	back := intent("back")
	best, bestScore := evidence.Clickable{}, 0
	for _, c := range snap.Clickables {
		if !c.Visible || !c.Enabled || c.Box.Empty() {
			continue
		}
		if skip != nil && skip(c) {
			continue
		}
		m := matchScore(c.Name, phrases)
		if m == 0 {
			continue
		}
		if matchScore(c.Name, back) >= matchScore(c.Name, phrases) {
			continue
		}
		score := m*10 + prefer[c.Region]
		if c.Filled {
			score++
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best, bestScore > 0
}

// disabledIntent reports whether a control carrying the intent is shown but disabled.
func disabledIntent(snap *evidence.Snapshot, intentName string) (evidence.Clickable, bool) {
	if snap == nil {
		return evidence.Clickable{}, false
	}
	for _, c := range snap.Clickables {
		if c.Visible && !c.Enabled && matchScore(c.Name, intent(intentName)) >= 2 {
			return c, true
		}
	}
	return evidence.Clickable{}, false
}

// hasText reports whether the page's visible text carries a phrase of an intent.
func hasText(snap *evidence.Snapshot, intentName string) bool {
	if snap == nil {
		return false
	}
	phrases := intent(intentName)
	if _, ok := MatchAny(Normalize(snap.Title), phrases); ok {
		return true
	}
	for _, n := range snap.Nodes {
		if n.HiddenBy != "" {
			continue
		}
		if _, ok := MatchAny(Normalize(n.Text), phrases); ok {
			return true
		}
	}
	return false
}

// isChallenge reports a bot challenge page.
func isChallenge(snap *evidence.Snapshot) bool {
	if snap == nil {
		return false
	}
	if hasText(snap, "challenge") {
		return true
	}
	for _, r := range snap.Network {
		if strings.Contains(r.URL, "captcha") || strings.Contains(r.URL, "challenges.cloudflare.com") {
			return true
		}
	}
	return false
}

// cardFields lists the visible card inputs of a page.
func cardFields(snap *evidence.Snapshot) int {
	n := 0
	for _, f := range snap.Forms {
		for _, fld := range f.Fields {
			if fld.Visible && IsCardField(fld.Name+" "+fld.Label+" "+fld.Autocomplete) {
				n++
			}
		}
	}
	return n
}

// isPayment reports the payment step: card fields, a final checkout page
// (see isFinalCheckout), or a button that would commit money on a checkout
// page.
func (s *session) isPayment(snap *evidence.Snapshot) bool {
	if snap == nil {
		return false
	}
	if cardFields(snap) > 0 || isFinalCheckout(snap) {
		return true
	}
	g := Guard{}
	for _, c := range snap.Clickables {
		if !c.Visible || c.Region == "header" || c.Region == "nav" || c.Region == "footer" {
			continue
		}
		// Commit buttons are short ("Place order", "Pay now"); a sentence that
		// mentions paying ("No thanks, I'd rather pay more") is not one.
		if len(strings.Fields(c.Name)) > 5 {
			continue
		}
		if _, bad := g.Blocks(c.Name, false); bad {
			return true
		}
	}
	return false
}

// hasPasswordForm reports a visible password field.
func hasPasswordForm(snap *evidence.Snapshot) bool {
	for _, f := range snap.Forms {
		for _, fld := range f.Fields {
			if fld.Visible && fld.Type == "password" {
				return true
			}
		}
	}
	return false
}

// scoredLink is a same-site link with how likely it leads to what is sought.
type scoredLink struct {
	c     evidence.Clickable
	u     *url.URL
	score int
}

// rankLinks orders a page's same-site links by score, best first, dropping
// those score rejects (negative) and those already seen.
func (s *session) rankLinks(snap *evidence.Snapshot, seen map[string]bool, score func(c evidence.Clickable, u *url.URL) int) []scoredLink {
	var out []scoredLink
	local := map[string]bool{}
	for _, l := range s.links(snap, 0) {
		u, err := url.Parse(l.url)
		if err != nil || seen[canonical(u)] || local[canonical(u)] {
			continue
		}
		local[canonical(u)] = true
		var c evidence.Clickable
		for _, cc := range snap.Clickables {
			if cc.Selector == l.action.Selector {
				c = cc
				break
			}
		}
		sc := score(c, u)
		if sc < 0 {
			continue
		}
		out = append(out, scoredLink{c: c, u: u, score: sc})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// pathHas reports whether a URL path carries a phrase of an intent.
func pathHas(u *url.URL, intentName string) bool {
	p := Normalize(strings.NewReplacer("-", " ", "_", " ", ".html", "", ".htm", "").Replace(u.Path))
	_, ok := MatchAny(p, intent(intentName))
	return ok
}
