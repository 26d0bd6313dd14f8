package detectors

import (
	"sort"
	"strconv"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

// chosenItem is something the walker (or a flow step) put in the basket.
type chosenItem struct {
	names []string // product heading and page title, or a ticked control's label
	price *evidence.Price
	qty   int
	// wildcard is an add-to-cart click whose product could not be named (a
	// listing page): it may account for any one product line.
	wildcard bool
	// extra is an add-on the customer ticked themselves.
	extra      bool
	screenshot string // the page where it was chosen
	// page is the URL of the product page it was added from.
	page string
}

// basket is the expected basket: what the walker chose, step by step.
type basket struct {
	items []*chosenItem
	// qtyUnknown is set once the walker changed a quantity in a way that
	// cannot be tied to one product; quantities are then not judged.
	qtyUnknown bool
	pendingQty int
	lastShot   string
	// preset are the labels of controls seen on, and never worked by the
	// customer: a cart line for one of them is the preticked family's finding
	// (the customer can see and untick it), not an item sneaked in unseen.
	preset []string
}

// notePreset records the checked toggles of a page the customer did not touch.
func (b *basket) notePreset(s *evidence.Snapshot) {
	if s == nil {
		return
	}
	for _, c := range s.Controls {
		if c.Checked && !c.Touched && !c.Disabled && c.Visible && isToggle(&c) && strings.TrimSpace(c.Label) != "" {
			b.preset = append(b.preset, c.Label)
		}
	}
}

// coversName reports whether most distinctive words of name (at least 60%,
// and at least two when it has two or more) appear in text: a long label
// that shares one common word ("delivery") with a line does not cover it.
func coversName(text, name string) bool {
	nt := tokens(name)
	if len(nt) == 0 {
		return false
	}
	have := map[string]bool{}
	for _, w := range tokens(text) {
		have[w] = true
	}
	shared := 0
	for _, w := range nt {
		if have[w] {
			shared++
		}
	}
	need := max(1, (len(nt)*6+9)/10)
	return shared >= need
}

// presetFor returns the label of a pre-set control a cart line stands for, or "".
func (b *basket) presetFor(l evidence.CartLine) string {
	for _, label := range b.preset {
		if coversName(withoutPrices(label), l.Name) {
			return label
		}
	}
	return ""
}

// names lists every chosen product's names.
func (b *basket) names() []string {
	var out []string
	for _, it := range b.items {
		out = append(out, it.names...)
	}
	return out
}

// apply records the choice the action of o made; prev is the last page seen
// before it (nil when none).
func (b *basket) apply(o observed, prev *observed) {
	a := o.step.Action
	ls := lexiconsFor("")
	if prev != nil {
		ls = prev.lexicons()
	}
	var prevSnap *evidence.Snapshot
	if prev != nil {
		prevSnap = prev.snap
	}
	switch a.Type {
	case evidence.ActionClick:
		text := a.Text
		if lexMatch(ls, text, addToCartWords) != "" || lexMatch(lexiconsFor(""), text, addToCartWords) != "" {
			b.addProduct(prev)
			return
		}
		if step := stepperDelta(ls, a); step != 0 {
			if prev != nil && prev.pageKind() == evidence.PageProduct {
				b.pendingQty = max(1, max(1, b.pendingQty)+step)
				return
			}
			b.step(step)
			return
		}
		if isQuantityAction(ls, a) {
			b.qtyUnknown = true
			return
		}
		b.toggleExtra(prevSnap, a.Selector, true)
	case evidence.ActionCheck:
		b.toggleExtra(prevSnap, a.Selector, true)
	case evidence.ActionUncheck:
		b.toggleExtra(prevSnap, a.Selector, false)
	case evidence.ActionFill, evidence.ActionSelect:
		if !isQuantityAction(ls, a) {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(a.Value))
		if err != nil || n < 0 {
			b.qtyUnknown = true
			return
		}
		if prev != nil && prev.pageKind() == evidence.PageProduct {
			b.pendingQty = n
			return
		}
		if len(b.items) == 1 {
			b.items[0].qty = n
			return
		}
		b.qtyUnknown = true
	}
}

// stepperDelta reads a click on a quantity stepper: +1 for "+" or an
// increase button, -1 for "−" or a decrease button, 0 for anything else.
func stepperDelta(ls []*Lexicon, a evidence.Action) int {
	switch strings.TrimSpace(a.Text) {
	case "+", "＋":
		return 1
	case "-", "−", "–", "－":
		return -1
	}
	if !isQuantityAction(ls, a) {
		return 0
	}
	for _, s := range []string{a.Text, a.Selector, a.Target} {
		switch {
		case s == "":
		case lexMatch(ls, s, qtyUpWords) != "":
			return 1
		case lexMatch(ls, s, qtyDownWords) != "":
			return -1
		}
	}
	return 0
}

// step applies a stepper click: with one product in the basket it is that
// product's quantity; with several, quantities can no longer be judged.
func (b *basket) step(delta int) {
	var only *chosenItem
	n := 0
	for _, it := range b.items {
		if !it.extra {
			only = it
			n++
		}
	}
	if n != 1 || only.wildcard {
		b.qtyUnknown = true
		return
	}
	only.qty = max(0, only.qty+delta)
}

// isQuantityAction reports whether an action works a quantity field or stepper.
func isQuantityAction(ls []*Lexicon, a evidence.Action) bool {
	for _, s := range []string{a.Selector, a.Target, a.Text} {
		if s != "" && lexMatch(ls, s, quantityWords) != "" {
			return true
		}
	}
	return false
}

// addProduct records an add-to-cart click on the page prev.
func (b *basket) addProduct(prev *observed) {
	q := 1
	if b.pendingQty > 0 {
		q = b.pendingQty
	}
	b.pendingQty = 0
	it := &chosenItem{qty: q}
	if prev != nil {
		it.screenshot = prev.screenshot()
		b.lastShot = it.screenshot
	}
	if prev == nil || prev.snap == nil || prev.pageKind() != evidence.PageProduct {
		it.wildcard = true
		b.items = append(b.items, it)
		return
	}
	// A second add from the same product page (the same URL, fragment
	// included for hash-routed shops) is the same product, even when an
	// "added to basket" overlay now hides its heading: unless the page shows
	// an h1 that names another product.
	it.page = prev.pageURL()
	name, p := productOf(prev.snap)
	for _, old := range b.items {
		if old.wildcard || old.extra || old.page == "" || strings.TrimSuffix(old.page, "/") != strings.TrimSuffix(it.page, "/") {
			continue
		}
		if !hasHeading(prev.snap) || sameName(old.names[0], name) {
			old.qty += q
			return
		}
	}
	if name != "" {
		it.names = append(it.names, name)
	}
	if t := strings.TrimSpace(prev.snap.Title); t != "" {
		it.names = append(it.names, t)
	}
	it.price = p
	it.wildcard = len(it.names) == 0
	for _, old := range b.items {
		if !old.wildcard && !old.extra && len(it.names) > 0 && sameName(old.names[0], it.names[0]) {
			old.qty += q
			return
		}
	}
	b.items = append(b.items, it)
}

// toggleExtra records that the walker ticked (or unticked) a control itself,
// so a matching cart line is the customer's own choice.
func (b *basket) toggleExtra(snap *evidence.Snapshot, selector string, on bool) {
	if snap == nil || selector == "" {
		return
	}
	for _, c := range snap.Controls {
		if c.Selector != selector {
			continue
		}
		label := strings.TrimSpace(c.Label)
		if label == "" {
			return
		}
		if on {
			b.items = append(b.items, &chosenItem{names: []string{label}, qty: 1, extra: true})
			return
		}
		for i, it := range b.items {
			if it.extra && it.names[0] == label {
				b.items = append(b.items[:i], b.items[i+1:]...)
				return
			}
		}
		return
	}
}

// productOf names the product of a product page: its h1 (or else the
// largest text above the fold) and the price shown nearest below it.
func productOf(s *evidence.Snapshot) (string, *evidence.Price) {
	var head *evidence.Node
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if n.HiddenBy != "" || strings.TrimSpace(n.Text) == "" {
			continue
		}
		if strings.EqualFold(n.Tag, "h1") {
			head = n
			break
		}
		if len(price.FindAll(n.Text)) > 0 {
			continue
		}
		if n.AboveFold && (head == nil || n.FontSize > head.FontSize) {
			head = n
		}
	}
	var best *evidence.Price
	bestDist := 0.0
	for i := range s.Prices {
		p := &s.Prices[i]
		if p.Amount <= 0 {
			continue
		}
		d := 1e9
		if head != nil && p.Box != nil {
			d = p.Box.Y - head.Box.Y
			if d < 0 {
				d = -d * 4 // prefer prices below the heading
			}
		}
		if best == nil || d < bestDist {
			best, bestDist = p, d
		}
	}
	if head == nil {
		return "", best
	}
	return strings.TrimSpace(head.Text), best
}

// lineKind classifies a cart line.
type lineKind int

const (
	lineProduct  lineKind = iota
	lineCharge            // shipping, tax, fees: disclosed charges
	lineDiscount          // lowers the total
	lineAddon             // insurance, donation, protection plan...
)

// classifyLine decides what a cart line is from its name and the crawler's
// Charge flag. An add-on is never a disclosed charge, even when the page
// lists it among the fees; a delivery upgrade is a charge.
func classifyLine(ls []*Lexicon, l evidence.CartLine) (lineKind, string) {
	if l.Price != nil && l.Price.Amount < 0 {
		return lineDiscount, ""
	}
	if m := lexMatch(ls, l.Name, deliveryWords); m != "" {
		return lineCharge, m
	}
	if m := lexMatch(ls, l.Name, addonWords); m != "" {
		return lineAddon, m
	}
	if m := lexMatch(ls, l.Name, discountWords); m != "" {
		return lineDiscount, m
	}
	if m := lexMatch(ls, l.Name, chargeWords); m != "" || l.Charge {
		return lineCharge, m
	}
	return lineProduct, ""
}

// cartLine is a product or add-on line of a cart being matched to the basket.
type cartLine struct {
	l    evidence.CartLine
	kind lineKind
	word string // the add-on word that classified it
}

// matchScore says how well a cart line stands for a chosen item: the best
// word overlap of their names (at least sameName's threshold), a little more
// when the price agrees too; a product line may also match on price alone.
// 0 means no match.
func matchScore(ls []*Lexicon, cl cartLine, it *chosenItem) float64 {
	if it.wildcard {
		return 0
	}
	l := cl.l
	best := 0.0
	for _, n := range it.names {
		// "Protection plan for Blue Kettle" is not the Blue Kettle.
		if cl.kind == lineAddon && !it.extra && lexMatch(ls, n, addonWords) == "" {
			continue
		}
		if o := nameOverlap(l.Name, n); o >= 0.5 && o > best {
			best = o
		}
	}
	priced := l.Price != nil && it.price != nil && samePrice(*it.price, *l.Price, l.Quantity)
	switch {
	case best > 0 && priced:
		return best + 0.25
	case best > 0:
		return best
	case priced && cl.kind != lineAddon && !it.extra:
		return 0.4
	}
	return 0
}

// assignLines ties each cart line to the chosen item it stands for, best
// matches first, so "Kettle descaler" cannot take the place of the "Blue
// Kettle" the customer chose. An item takes as many lines as its quantity
// (shops that list each unit on its own line); lines left over may be an
// unnamed item added from a listing (a wildcard). Lines that match nothing
// map to nil.
func (b *basket) assignLines(ls []*Lexicon, lines []cartLine) []*chosenItem {
	type pair struct {
		li    int
		it    *chosenItem
		score float64
	}
	var pairs []pair
	for i, cl := range lines {
		for _, it := range b.items {
			if s := matchScore(ls, cl, it); s > 0 {
				pairs = append(pairs, pair{i, it, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	out := make([]*chosenItem, len(lines))
	taken := map[*chosenItem]int{}
	for _, p := range pairs {
		if out[p.li] != nil || taken[p.it] >= max(1, p.it.qty) {
			continue
		}
		out[p.li] = p.it
		taken[p.it]++
	}
	for i, cl := range lines {
		if out[i] != nil || cl.kind == lineAddon {
			continue
		}
		for _, it := range b.items {
			if it.wildcard && taken[it] == 0 {
				out[i] = it
				taken[it]++
				break
			}
		}
	}
	return out
}

// samePrice reports whether a line's price is the product's price (as a unit
// price or times the quantity).
func samePrice(product, line evidence.Price, qty int) bool {
	if product.Currency != "" && line.Currency != "" && product.Currency != line.Currency {
		return false
	}
	tol := rounding(0, line.Currency)
	if abs(product.Amount-line.Amount) <= tol {
		return true
	}
	return qty > 1 && abs(product.Amount*float64(qty)-line.Amount) <= tol*float64(qty)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// chosenNamesByStep runs the basket over a journey and returns, for every
// step position, the names of what had been chosen up to and including it.
func chosenNamesByStep(steps []observed) map[int][]string {
	out := map[int][]string{}
	var b basket
	var prev *observed
	for i := range steps {
		b.apply(steps[i], prev)
		names := b.names()
		sort.Strings(names)
		out[steps[i].pos] = names
		if steps[i].snap != nil {
			prev = &steps[i]
		}
	}
	return out
}

// hasHeading reports whether a page shows an h1.
func hasHeading(s *evidence.Snapshot) bool {
	for _, n := range s.Nodes {
		if n.HiddenBy == "" && strings.EqualFold(n.Tag, "h1") && strings.TrimSpace(n.Text) != "" {
			return true
		}
	}
	return false
}
