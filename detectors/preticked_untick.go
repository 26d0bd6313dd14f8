package detectors

import (
	"fmt"

	"github.com/darkaudit/darkaudit/evidence"
)

// The untick experiment of the preticked family: the crawler unticks a
// pre-ticked control on a cart or checkout and records the total before and
// after; a drop proves the control cost money.

// untickResult is the outcome of the crawler's untick experiment on a control.
type untickResult struct {
	done, dropped bool
	from, to      string
	reasons       []string
	before, after string
}

// untick finds the crawler's untick experiment on c: a later step that
// unchecked c.Selector on the same page, paired with the last snapshot of
// that page before it. A lower total afterwards confirms a payment; when the
// drop equals one of the prices cost (those the page showed for the
// control) the reasons say so. ok is false when no experiment was run or
// its totals cannot be compared.
func (sc stepContext) untick(c *evidence.Control, cost []evidence.Price) (untickResult, bool) {
	url := sc.o.pageURL()
	for k := sc.at + 1; k < len(sc.steps); k++ {
		s := sc.steps[k]
		a := s.step.Action
		if a.Type != evidence.ActionUncheck || a.Selector != c.Selector || s.snap == nil {
			continue
		}
		if !samePage(s.pageURL(), url) {
			continue
		}
		var before *observed
		for m := k - 1; m >= sc.at; m-- {
			if sc.steps[m].snap != nil && samePage(sc.steps[m].pageURL(), url) {
				before = &sc.steps[m]
				break
			}
		}
		if before == nil {
			return untickResult{}, false
		}
		pb, okb := pageTotal(before.snap)
		pa, oka := pageTotal(s.snap)
		if !okb || !oka || (pb.Currency != "" && pa.Currency != "" && pb.Currency != pa.Currency) {
			return untickResult{}, false
		}
		r := untickResult{done: true, before: before.screenshot(), after: s.screenshot(),
			from: money(pb), to: money(pa)}
		drop := pb.Amount - pa.Amount
		if drop > rounding(0, pb.Currency) {
			r.dropped = true
			r.reasons = append(r.reasons, fmt.Sprintf("unticking it lowered the total from %s to %s (step %d)",
				r.from, r.to, s.step.Index))
			for _, p := range cost {
				if p.Period == evidence.PeriodOnce && abs(p.Amount-drop) <= rounding(1, pb.Currency) {
					r.reasons = append(r.reasons, "the drop "+moneyAmount(drop, pb.Currency)+" equals the price shown for it")
					break
				}
			}
		} else {
			r.reasons = append(r.reasons, fmt.Sprintf("unticking it left the total at %s (step %d)", r.to, s.step.Index))
		}
		return r, true
	}
	return untickResult{}, false
}
