package crawler

import (
	"context"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/darkaudit/darkaudit/evidence"
)

// journeyFunc returns the runner of a named journey.
func journeyFunc(kind evidence.JourneyKind) (func(*session, context.Context) error, bool) {
	switch kind {
	case evidence.JourneyExplore:
		return (*session).explore, true
	case evidence.JourneyCheckout:
		return (*session).checkoutJourney, true
	case evidence.JourneySignup:
		return (*session).signupJourney, true
	case evidence.JourneyContact:
		return (*session).contactJourney, true
	}
	return nil, false
}

// JourneyNames lists the journeys `--journeys` accepts, in the order they run.
func JourneyNames() []evidence.JourneyKind {
	return []evidence.JourneyKind{evidence.JourneyExplore, evidence.JourneyCheckout, evidence.JourneySignup, evidence.JourneyContact}
}

// skipExt are links to files, not pages.
var skipExt = map[string]bool{".pdf": true, ".zip": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".svg": true,
	".webp": true, ".mp4": true, ".mp3": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".dmg": true, ".exe": true, ".css": true, ".js": true, ".xml": true, ".json": true}

type link struct {
	url    string
	depth  int
	action evidence.Action
}

// explore is the breadth-first walk over same-site pages within the budget.
func (s *session) explore(ctx context.Context) error {
	j := s.newJourney(evidence.JourneyExplore, "explore")
	frontier := []link{{url: s.start.String(), action: evidence.Action{Type: evidence.ActionGoto, Target: s.start.String()}}}
	seen := map[string]bool{canonical(s.start): true}
	pages := 0
	for depth := 0; len(frontier) > 0 && depth <= s.opts.MaxDepth; depth++ {
		if room := s.opts.MaxPages - pages; len(frontier) > room {
			frontier = frontier[:max(room, 0)]
		}
		if len(frontier) == 0 || ctx.Err() != nil {
			break
		}
		steps := s.visitAll(j, frontier)
		pages += len(frontier)
		var next []link
		for i, st := range steps {
			if st == nil || st.Snapshot == nil || depth == s.opts.MaxDepth {
				continue
			}
			for _, l := range s.links(st.Snapshot, frontier[i].depth+1) {
				u, _ := url.Parse(l.url)
				if seen[canonical(u)] {
					continue
				}
				seen[canonical(u)] = true
				next = append(next, l)
			}
		}
		frontier = next
	}
	j.Reached = pages > 0 && len(j.Steps) > 0 && j.Steps[0].Snapshot != nil
	if !j.Reached {
		j.Reason = "entry page could not be loaded"
	} else if len(frontier) > 0 {
		j.Reason = "page budget spent"
	}
	return nil
}

// visitAll loads a level of links with up to Tabs tabs at once.
func (s *session) visitAll(j *evidence.Journey, level []link) []*evidence.Step {
	out := make([]*evidence.Step, len(level))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(s.opts.Tabs, len(level)); w++ {
		wg.Go(func() {
			tab, err := s.openTab()
			if err != nil {
				s.addError(s.target.URL, j.ID, nil, err)
				for range work {
				}
				return
			}
			defer func() { tab.Close() }()
			for i := range work {
				if s.user.Err() != nil {
					continue
				}
				out[i], tab = s.goTo(tab, j, level[i].url, level[i].depth, level[i].action)
			}
		})
	}
	for i := range level {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

// links lists the same-site pages a snapshot links to, in page order, leaving
// out files, log-out links, robots-disallowed paths and links the safety guard refuses.
func (s *session) links(snap *evidence.Snapshot, depth int) []link {
	var out []link
	local := map[string]bool{}
	for _, c := range snap.Clickables {
		if c.Href == "" || !c.Visible && c.Region != "" {
			continue
		}
		u, err := url.Parse(c.Href)
		if err != nil || !s.sameSite(u) {
			continue
		}
		u.Fragment = ""
		if skipExt[strings.ToLower(path.Ext(u.Path))] {
			continue
		}
		// Logout links end the session the walker built (lexicon "logout").
		if lx, err := Lexicons(); err == nil {
			if _, bad := lx.logout.Match(c.Name); bad {
				continue
			}
		}
		if _, bad := s.guard.Blocks(c.Name, false); bad {
			continue
		}
		if !s.allowed(u) {
			s.mu.Lock()
			s.skipped++
			s.mu.Unlock()
			continue
		}
		key := canonical(u)
		if local[key] {
			continue
		}
		local[key] = true
		box := c.Box
		out = append(out, link{url: u.String(), depth: depth, action: evidence.Action{
			Type: evidence.ActionGoto, Target: u.String(), Selector: c.Selector, Text: c.Name, Box: &box}})
	}
	return out
}
