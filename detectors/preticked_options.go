package detectors

import (
	"fmt"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// Preselected options of the preticked family (see preticked.go): a radio
// group or select whose default costs money while a free option is offered.
// Both shapes go through judgePreselected.

// optionFree reports whether an option is a free choice: "free", a zero
// price, or a "no thanks" without a price. Prices in the option's own text
// win over prices the crawler found nearby (which may be a neighbour's).
func optionFree(ls []*Lexicon, text string, prices []evidence.Price) bool {
	if own := price.FindAll(text); len(own) > 0 {
		return len(costPrices(ls, text)) == 0 && len(positive(own)) == 0
	}
	if price.IsFree(text) || lexMatch(ls, text, declineWords) != "" {
		return true
	}
	for _, p := range prices {
		if p.Amount == 0 {
			return true
		}
	}
	return false
}

// optionPrice is the positive price of an option, if any: from its own text,
// else from the prices the crawler recorded for it unless the text says free.
func optionPrice(ls []*Lexicon, text string, prices []evidence.Price) (evidence.Price, bool) {
	if own := price.FindAll(text); len(own) > 0 {
		// Its own text decides: a cost, or only bounds ("Under £20") and zeros.
		if cost := costPrices(ls, text); len(cost) > 0 {
			return cost[0], true
		}
		return evidence.Price{}, false
	}
	if price.IsFree(text) {
		return evidence.Price{}, false
	}
	if ps := positive(prices); len(ps) == 1 {
		return ps[0], true
	}
	return evidence.Price{}, false
}

// ordinaryDefault reports whether a paid option is the ordinary choice
// rather than an upsell: paid standard delivery preselected beside free
// click-and-collect is how shops work, not a pre-selected extra.
func (sc stepContext) ordinaryDefault(text string) bool {
	return lexMatch(sc.ls, text, functionalWords) != "" && addonMatch(sc.ls, text) == ""
}

// preselected is a radio group or select with one option chosen before the
// customer did anything: the one shape judgePreselected judges.
type preselected struct {
	control *evidence.Control // the select, or the selected radio
	chosen  choice
	others  []choice
	// group names the control in the reasons ("select", "radio group") and
	// where its words sit ("option", "label").
	group, where string
	// state says how the option came to be selected; place says where the
	// control sits (shadow DOM, an iframe), after the other reasons.
	state, place []string
	// text is the finding's location text.
	text string
}

// choice is one option of a radio group or select.
type choice struct {
	text   string
	prices []evidence.Price
}

// judgePreselected flags a preselected option that costs money while a free
// option is offered.
func (sc stepContext) judgePreselected(g preselected) (evidence.Finding, bool) {
	p, ok := optionPrice(sc.ls, g.chosen.text, g.chosen.prices)
	if !ok || sc.ordinaryDefault(g.chosen.text) {
		return evidence.Finding{}, false
	}
	freeAlt := ""
	for _, o := range g.others {
		if optionFree(sc.ls, o.text, o.prices) {
			freeAlt = strings.TrimSpace(o.text)
			break
		}
	}
	if freeAlt == "" {
		return evidence.Finding{}, false
	}
	reasons := append([]string(nil), g.state...)
	reasons = append(reasons, fmt.Sprintf("%s defaults to a paid option (%s) while a free one exists (%s)",
		g.group, money(p), clip(freeAlt, 60)))
	conf := 0.8
	if m := addonMatch(sc.ls, g.chosen.text); m != "" {
		reasons = append(reasons, g.where+" matches add-on lexicon: "+m)
		conf += 0.1
	}
	reasons = append(reasons, g.place...)
	box := g.control.Box
	return evidence.Finding{
		Rule:       RulePreselectedPaidOption,
		Confidence: clamp(conf, 0.3, 0.99),
		Message: fmt.Sprintf("“%s” is selected by default and costs %s although “%s” is offered.",
			clip(g.chosen.text, 100), money(p), clip(freeAlt, 80)),
		Reasons:  reasons,
		Location: sc.o.location(g.control.Selector, g.text, &box),
		Evidence: sc.o.evidenceRefs(),
	}, true
}

// judgeSelect flags a select whose default option costs money while a free
// option exists.
func (sc stepContext) judgeSelect(c *evidence.Control) (evidence.Finding, bool) {
	if c.Touched || c.Disabled || sc.customerSet(c.Selector) || len(c.Options) < 2 {
		return evidence.Finding{}, false
	}
	if !c.Visible && !labelShown(sc.o.snap, c) {
		return evidence.Finding{}, false
	}
	if sc.isFilter(c) {
		return evidence.Finding{}, false
	}
	sel, firstPaint := -1, true
	for i, op := range c.Options {
		if op.SelectedAtFirstPaint {
			sel = i
			break
		}
	}
	if sel < 0 {
		firstPaint = false
		for i, op := range c.Options {
			if op.Selected {
				sel = i
				break
			}
		}
	}
	if sel < 0 {
		return evidence.Finding{}, false
	}
	chosen := c.Options[sel]
	g := preselected{control: c, chosen: choice{chosen.Text, chosen.Prices}, group: "select", where: "option"}
	for i, op := range c.Options {
		// an empty or "please choose" option is no alternative, unless it is priced or free
		if i == sel || strings.TrimSpace(op.Text) == "" || lexMatch(sc.ls, op.Text, placeholderWords) != "" && len(op.Prices) == 0 && !price.IsFree(op.Text) {
			continue
		}
		g.others = append(g.others, choice{op.Text, op.Prices})
	}
	if firstPaint {
		g.state = []string{"option selected at first paint"}
	} else {
		g.state = []string{"option selected by script after load"}
	}
	if c.Shadow {
		g.place = append(g.place, "inside shadow DOM")
	}
	if c.Frame != "" {
		g.place = append(g.place, "inside iframe "+clip(c.Frame, 100))
	}
	g.text = strings.TrimSpace(c.Label)
	if g.text == "" {
		g.text = chosen.Text
	} else {
		g.text += ": " + strings.TrimSpace(chosen.Text)
	}
	return sc.judgePreselected(g)
}

func isRadio(c *evidence.Control) bool {
	return c.Kind == evidence.ControlRadio || c.Role == "radio" || c.Role == "menuitemradio"
}

// judgeRadioGroups flags radio groups (by frame and name) that default to a
// paid option while a free one exists.
func (sc stepContext) judgeRadioGroups() []evidence.Finding {
	s := sc.o.snap
	groups := map[string][]*evidence.Control{}
	var order []string
	for k := range s.Controls {
		c := &s.Controls[k]
		if !isRadio(c) || c.Name == "" {
			continue
		}
		key := c.Frame + "\x00" + c.Name
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], c)
	}
	var out []evidence.Finding
	for _, key := range order {
		if f, ok := sc.judgeRadioGroup(groups[key]); ok {
			out = append(out, f)
		}
	}
	return out
}

func (sc stepContext) judgeRadioGroup(group []*evidence.Control) (evidence.Finding, bool) {
	if len(group) < 2 {
		return evidence.Finding{}, false
	}
	var sel *evidence.Control
	for _, c := range group {
		if c.Touched || sc.customerSet(c.Selector) {
			return evidence.Finding{}, false
		}
		if c.Checked {
			if sel != nil {
				return evidence.Finding{}, false
			}
			sel = c
		}
	}
	if sel == nil || sel.Disabled || (!sel.Visible && !labelShown(sc.o.snap, sel)) || sc.isFilter(sel) {
		return evidence.Finding{}, false
	}
	g := preselected{control: sel, chosen: choice{sel.Label, sel.Prices}, group: "radio group", where: "label",
		text: strings.TrimSpace(sel.Label)}
	for _, c := range group {
		if c != sel && !c.Disabled {
			g.others = append(g.others, choice{c.Label, c.Prices})
		}
	}
	// stateReasons names the kind of control and where it sits too.
	g.state = stateReasons(sel)
	g.state[0] = strings.Replace(g.state[0], "control checked", "option selected", 1)
	return sc.judgePreselected(g)
}
