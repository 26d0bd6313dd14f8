package detectors

import (
	"fmt"
	"math"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// observed is one recorded step with its page: the unit every detector walks.
type observed struct {
	journey *evidence.Journey
	pos     int // position of the step in journey.Steps
	step    *evidence.Step
	snap    *evidence.Snapshot
}

// pageURL is where the step was, preferring the URL the step recorded.
func (o observed) pageURL() string {
	switch {
	case o.step.URL != "":
		return o.step.URL
	case o.snap != nil && o.snap.FinalURL != "":
		return o.snap.FinalURL
	case o.snap != nil:
		return o.snap.URL
	}
	return ""
}

func (o observed) screenshot() string {
	if o.snap != nil && o.snap.Screenshot.Path != "" {
		return o.snap.Screenshot.Path
	}
	return o.step.Screenshot
}

func (o observed) html() string {
	if o.snap != nil && o.snap.HTML.Path != "" {
		return o.snap.HTML.Path
	}
	return o.step.HTML
}

func (o observed) pageKind() evidence.PageKind {
	if o.snap != nil && o.snap.PageKind != "" {
		return o.snap.PageKind
	}
	return o.step.PageKind
}

func (o observed) lexicons() []*Lexicon {
	if o.snap == nil {
		return lexiconsFor("")
	}
	return lexiconsFor(o.snap.Lang)
}

// location builds a finding's location on this step.
func (o observed) location(selector, text string, box *evidence.Box) evidence.Location {
	if box != nil && box.Empty() {
		box = nil
	}
	return evidence.Location{URL: o.pageURL(), Journey: o.journey.ID, Step: o.step.Index,
		Selector: selector, Text: clip(text, 200), Box: box}
}

// evidenceRefs points at this step's screenshot and HTML.
func (o observed) evidenceRefs() evidence.EvidenceRefs {
	return evidence.EvidenceRefs{Screenshot: o.screenshot(), HTML: o.html()}
}

// journeySteps lists a journey's steps in order; steps without a Snapshot
// (failed steps) are kept with snap == nil so actions still count.
func journeySteps(j *evidence.Journey) []observed {
	out := make([]observed, 0, len(j.Steps))
	for i, s := range j.Steps {
		if s == nil {
			continue
		}
		out = append(out, observed{journey: j, pos: i, step: s, snap: s.Snapshot})
	}
	return out
}

// samePage compares two URLs without their fragments.
func samePage(a, b string) bool {
	strip := func(s string) string {
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		return strings.TrimSuffix(s, "/")
	}
	return a != "" && strip(a) == strip(b)
}

// positive returns the prices of ps above zero.
func positive(ps []evidence.Price) []evidence.Price {
	var out []evidence.Price
	for _, p := range ps {
		if p.Amount > 0 {
			out = append(out, p)
		}
	}
	return out
}

// money formats an amount in its currency for a reason.
func money(p evidence.Price) string {
	if p.Text != "" && p.Amount >= 0 {
		if q, ok := price.Parse(p.Text); ok && q.Amount == p.Amount {
			return strings.TrimSpace(p.Text)
		}
	}
	return moneyAmount(p.Amount, p.Currency)
}

func moneyAmount(amount float64, currency string) string {
	sym := map[string]string{"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "INR": "₹"}[currency]
	neg := ""
	if amount < 0 {
		neg, amount = "-", -amount
	}
	digits := 2
	if zeroDecimal(currency) {
		digits = 0
	}
	n := fmt.Sprintf("%.*f", digits, amount)
	switch {
	case sym == "€":
		return neg + strings.Replace(n, ".", ",", 1) + " €"
	case sym != "":
		return neg + sym + n
	case currency != "":
		return neg + n + " " + currency
	}
	return neg + n
}

// zeroDecimal lists currencies without minor units in everyday prices.
func zeroDecimal(c string) bool {
	switch c {
	case "JPY", "KRW", "HUF", "ISK", "CLP", "VND", "IDR", "TWD":
		return true
	}
	return false
}

// rounding is the tolerance for n amounts that were each rounded for display.
func rounding(n int, currency string) float64 {
	unit := 0.01
	if zeroDecimal(currency) {
		unit = 1
	}
	return unit*float64(n+1) + 1e-9
}

// pageTotal is the cart total of a page, or else its largest one-off price.
func pageTotal(s *evidence.Snapshot) (evidence.Price, bool) {
	if s == nil {
		return evidence.Price{}, false
	}
	if s.Cart != nil && s.Cart.Total != nil {
		return *s.Cart.Total, true
	}
	best, ok := evidence.Price{Amount: math.Inf(-1)}, false
	for _, p := range s.Prices {
		if p.Period == evidence.PeriodOnce && p.Amount > best.Amount {
			best, ok = p, true
		}
	}
	return best, ok
}
