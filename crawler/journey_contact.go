package crawler

import (
	"context"
	"net/url"

	"github.com/darkaudit/darkaudit/evidence"
)

// contactJourney searches breadth-first over same-site links from home for a
// phone number, an e-mail address, a postal address and a contact form, and
// records the shortest click path to each.
func (s *session) contactJourney(ctx context.Context) error {
	r, ok := s.startRun(evidence.JourneyContact)
	if !ok {
		return nil
	}
	defer r.close()
	j := r.j
	depths := map[string]int{}
	note := func(snap *evidence.Snapshot, depth int) {
		for _, c := range snap.Contacts {
			if d, ok := depths[c.Kind]; !ok || depth < d {
				depths[c.Kind] = depth
			}
		}
	}
	note(r.snap, 0)
	all := func() bool { return len(depths) >= 4 }
	seen := map[string]bool{}
	if u, err := url.Parse(r.snap.FinalURL); err == nil {
		seen[canonical(u)] = true
	}
	seen[canonical(s.start)] = true
	score := func(c evidence.Clickable, u *url.URL) int {
		sc := 0
		if matchScore(c.Name, intent("contact")) > 0 || pathHas(u, "contact") {
			sc += 5
		}
		if c.Region == "footer" || c.Region == "header" || c.Region == "nav" {
			sc++
		}
		return sc
	}
	pages := 1
	limit := min(s.opts.MaxPages, 15)
	type item struct {
		c     evidence.Clickable
		u     *url.URL
		depth int
		score int
	}
	var frontier []item
	for _, l := range s.rankLinks(r.snap, seen, score) {
		seen[canonical(l.u)] = true
		frontier = append(frontier, item{l.c, l.u, 1, l.score})
	}
	for depth := 1; len(frontier) > 0 && !all() && depth <= max(s.opts.MaxDepth, 1); depth++ {
		var next []item
		// Within a level, contact-looking links first.
		sortItems := frontier
		for i := 1; i < len(sortItems); i++ {
			for k := i; k > 0 && sortItems[k].score > sortItems[k-1].score; k-- {
				sortItems[k], sortItems[k-1] = sortItems[k-1], sortItems[k]
			}
		}
		for _, it := range frontier {
			if all() || pages >= limit || ctx.Err() != nil || s.user.Err() != nil {
				break
			}
			// Pages that do not look like contact pages are only worth a visit
			// while the budget is wide.
			if it.score == 0 && pages >= limit/2 {
				continue
			}
			box := it.c.Box
			st, t := s.goTo(r.tab, j, it.u.String(), it.depth, evidence.Action{Type: evidence.ActionGoto, Target: it.u.String(), Selector: it.c.Selector, Text: clip(it.c.Name, 200), Box: &box})
			r.tab = t
			pages++
			if st == nil || st.Snapshot == nil {
				continue
			}
			note(st.Snapshot, it.depth)
			for _, l := range s.rankLinks(st.Snapshot, seen, score) {
				seen[canonical(l.u)] = true
				next = append(next, item{l.c, l.u, it.depth + 1, l.score})
			}
		}
		frontier = next
	}
	s.mu.Lock()
	cd := &s.target.Metrics.ContactDepth
	set := func(p **int, kind string) {
		if d, ok := depths[kind]; ok && (*p == nil || d < **p) {
			v := d
			*p = &v
		}
	}
	set(&cd.Phone, evidence.ContactPhone)
	set(&cd.Email, evidence.ContactEmail)
	set(&cd.Address, evidence.ContactAddress)
	set(&cd.Form, evidence.ContactForm)
	s.mu.Unlock()
	j.Reached = len(depths) > 0
	switch {
	case !j.Reached && (ctx.Err() != nil || s.user.Err() != nil || pages >= limit):
		j.Reason = ReasonBudget
	case !j.Reached:
		j.Reason = ReasonNoContact
	}
	return nil
}
