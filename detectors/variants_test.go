package detectors

// Table tests for the preticked and sneak-into-basket families, built in Go
// so every variant sits next to its honest twin. The builders below make the
// same Target/Snapshot shapes the crawler records (see testdata/*.json for
// the stored cases); TestStoredVariants keeps a JSON copy of every table in
// testdata/variants_*.json so the stored cases and the table never drift.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/price"
)

const vHost = "https://shop.example"

// vStep is one step of a built journey: the action and the page after it.
type vStep struct {
	act      evidence.Action
	path     string
	kind     string
	lang     string
	title    string
	controls []evidence.Control
	nodes    []evidence.Node
	prices   []evidence.Price
	cart     *evidence.Cart
	noSnap   bool // a failed step: no snapshot
}

// vTarget builds a one-journey target ("j1") from steps.
func vTarget(steps ...vStep) *evidence.Target {
	j := &evidence.Journey{ID: "j1", Kind: evidence.JourneyCheckout, Name: "checkout", Reached: true}
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for i, s := range steps {
		u := vHost + s.path
		lang := s.lang
		if lang == "" {
			lang = "en"
		}
		shot := fmt.Sprintf("evidence/j1-%02d.png", i)
		html := fmt.Sprintf("evidence/j1-%02d.html", i)
		st := &evidence.Step{Index: i, Action: s.act, URL: u, Title: s.title, PageKind: evidence.PageKind(s.kind),
			At: at.Add(time.Duration(i) * time.Second), Screenshot: shot, HTML: html}
		if !s.noSnap {
			snap := &evidence.Snapshot{URL: u, FinalURL: u, Title: s.title, Lang: lang, At: st.At,
				Viewport: evidence.Size{Width: 1280, Height: 800}, PageHeight: 1600, PageKind: evidence.PageKind(s.kind),
				Screenshot: evidence.FileRef{Path: shot}, HTML: evidence.FileRef{Path: html},
				Controls: s.controls, Nodes: s.nodes, Prices: s.prices, Cart: s.cart}
			if snap.Cart != nil && snap.Cart.Total != nil {
				snap.Prices = append(snap.Prices, *snap.Cart.Total)
			}
			st.Snapshot = snap
		} else {
			st.Error = "navigation timeout"
		}
		j.Steps = append(j.Steps, st)
	}
	return &evidence.Target{URL: vHost + "/", Site: "shop.example", Status: evidence.StatusComplete,
		Journeys: []*evidence.Journey{j}}
}

func gotoStep(path, kind string) vStep {
	return vStep{act: evidence.Action{Type: evidence.ActionGoto, Target: vHost + path}, path: path, kind: kind, title: kind}
}

// page is a checkout page (lang en) with controls, reached by a goto.
func page(kind string, cs ...evidence.Control) vStep {
	s := gotoStep("/"+kind, kind)
	s.controls = cs
	return s
}

func inLang(lang string, s vStep) vStep { s.lang = lang; return s }

// ctl is a control that is on at first paint, visible, untouched.
func ctl(kind, sel, label string, mods ...func(*evidence.Control)) evidence.Control {
	c := evidence.Control{Kind: kind, Selector: sel, Label: label, CheckedAtFirstPaint: true, Checked: true,
		Visible: true, Box: evidence.Box{X: 40, Y: 420, Width: 20, Height: 20}}
	for _, m := range mods {
		m(&c)
	}
	c.Prices = append(price.FindAll(c.Label), price.FindAll(c.Nearby)...)
	return c
}

func cb(sel, label string, mods ...func(*evidence.Control)) evidence.Control {
	return ctl(evidence.ControlCheckbox, sel, label, mods...)
}

func nearby(s string) func(*evidence.Control) { return func(c *evidence.Control) { c.Nearby = s } }
func role(r string) func(*evidence.Control)   { return func(c *evidence.Control) { c.Role = r } }
func named(n string) func(*evidence.Control)  { return func(c *evidence.Control) { c.Name = n } }
func at(y float64) func(*evidence.Control) {
	return func(c *evidence.Control) { c.Box.Y = y }
}

var (
	shadow   = func(c *evidence.Control) { c.Shadow = true }
	byScript = func(c *evidence.Control) { c.CheckedAtFirstPaint = false }
	touched  = func(c *evidence.Control) { c.Touched = true }
	disabled = func(c *evidence.Control) { c.Disabled = true }
	hidden   = func(c *evidence.Control) { c.Visible = false }
	required = func(c *evidence.Control) { c.Required = true }
	off      = func(c *evidence.Control) { c.Checked, c.CheckedAtFirstPaint = false, false }
)

func node(text string, y float64) evidence.Node {
	return evidence.Node{Text: text, Tag: "p", Selector: "p", Box: evidence.Box{X: 40, Y: y, Width: 600, Height: 20},
		FontSize: 16, FontWeight: 400, Opacity: 1, AboveFold: y < 800}
}

func gbp(a float64) *evidence.Price {
	return &evidence.Price{Text: fmt.Sprintf("£%.2f", a), Amount: a, Currency: "GBP"}
}

func line(name string, qty int, p *evidence.Price) evidence.CartLine {
	sel := "#line-" + strings.ReplaceAll(strings.ToLower(name), " ", "-")
	return evidence.CartLine{Name: name, Quantity: qty, Price: p, Selector: sel,
		Box: evidence.Box{X: 40, Y: 200, Width: 500, Height: 30}}
}

func charge(name string, p *evidence.Price) evidence.CartLine {
	l := line(name, 1, p)
	l.Charge = true
	return l
}

func cart(total float64, lines ...evidence.CartLine) *evidence.Cart {
	t := gbp(total)
	t.Selector = "#total"
	t.Box = &evidence.Box{X: 400, Y: 600, Width: 120, Height: 24}
	return &evidence.Cart{Lines: lines, Total: t}
}

// product is a product page for name at amount.
func product(name string, amount float64) vStep {
	s := gotoStep("/p/"+strings.ReplaceAll(strings.ToLower(name), " ", "-"), "product")
	s.title = name + " | Shop"
	s.nodes = []evidence.Node{{Text: name, Tag: "h1", Selector: "h1", Box: evidence.Box{X: 40, Y: 120, Width: 600, Height: 40},
		FontSize: 32, Opacity: 1, AboveFold: true}}
	p := *gbp(amount)
	p.Box = &evidence.Box{X: 40, Y: 170, Width: 200, Height: 24}
	s.prices = []evidence.Price{p}
	return s
}

func click(sel, text, path, kind string) vStep {
	return vStep{act: evidence.Action{Type: evidence.ActionClick, Selector: sel, Text: text}, path: path, kind: kind, title: kind}
}

func act(typ evidence.ActionType, sel, text, value, path, kind string) vStep {
	return vStep{act: evidence.Action{Type: typ, Selector: sel, Text: text, Value: value}, path: path, kind: kind, title: kind}
}

// addToBasket is the click on "Add to basket" on the product page just seen.
func addToBasket(path string) vStep {
	s := click("#add", "Add to basket", path, "product")
	s.nodes = []evidence.Node{node("Added to your basket", 100)}
	return s
}

func withCart(s vStep, c *evidence.Cart) vStep { s.cart = c; return s }

// want is one expected finding of a variant.
type want struct {
	rule, selector string
	step           int
	reasons        []string // substrings, each in some reason
	minConf        float64
	maxConf        float64
	before, after  string
}

type variant struct {
	name   string
	target *evidence.Target
	want   []want // empty: an honest twin, silent for the whole family
}

// familyFindings runs the detectors of family on t the way Judge does.
// A finding of a rule the family does not declare fails the test.
func familyFindings(tt *testing.T, t *evidence.Target, family evidence.Family) []evidence.Finding {
	tt.Helper()
	out, unknown := familyByName(family).judge(t)
	for _, id := range unknown {
		tt.Errorf("family %s reported rule %q that it does not declare", family, id)
	}
	for i := range out {
		out[i].ID = evidence.Fingerprint(out[i])
	}
	evidence.SortFindings(out)
	return out
}

func listFindings(fs []evidence.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n    %s %s/%d %s conf=%.2f reasons=%q", f.Rule, f.Location.Journey, f.Location.Step,
			f.Location.Selector, f.Confidence, f.Reasons)
	}
	return b.String()
}

func checkVariant(t *testing.T, v variant, family evidence.Family) {
	t.Helper()
	got := familyFindings(t, v.target, family)
	if len(got) != len(v.want) {
		t.Fatalf("got %d findings, want %d:%s", len(got), len(v.want), listFindings(got))
	}
	for _, w := range v.want {
		var f *evidence.Finding
		for i := range got {
			if got[i].Rule == w.rule && got[i].Location.Selector == w.selector {
				f = &got[i]
			}
		}
		if f == nil {
			t.Errorf("no %s on %s:%s", w.rule, w.selector, listFindings(got))
			continue
		}
		if f.Location.Step != w.step || f.Location.Journey != "j1" {
			t.Errorf("%s: at %s/%d, want j1/%d", w.rule, f.Location.Journey, f.Location.Step, w.step)
		}
		assertShape(t, *f)
		for _, r := range w.reasons {
			if !containsAny(f.Reasons, r) {
				t.Errorf("%s: no reason contains %q; reasons %q", w.rule, r, f.Reasons)
			}
		}
		if w.minConf > 0 && f.Confidence < w.minConf {
			t.Errorf("%s: confidence %.2f < %.2f", w.rule, f.Confidence, w.minConf)
		}
		if w.maxConf > 0 && f.Confidence > w.maxConf {
			t.Errorf("%s: confidence %.2f > %.2f", w.rule, f.Confidence, w.maxConf)
		}
		if w.before != "" && f.Evidence.Before != w.before {
			t.Errorf("%s: before = %q, want %q", w.rule, f.Evidence.Before, w.before)
		}
		if w.after != "" && f.Evidence.After != w.after {
			t.Errorf("%s: after = %q, want %q", w.rule, f.Evidence.After, w.after)
		}
	}
}

// assertShape checks what every finding must carry: reasons, a complete
// location, evidence and the family's citations.
func assertShape(t *testing.T, f evidence.Finding) {
	t.Helper()
	if len(f.Reasons) < 2 {
		t.Errorf("%s: want at least two reasons, got %q", f.Rule, f.Reasons)
	}
	if f.Title == "" || f.Message == "" || f.Family == "" {
		t.Errorf("%s: empty title, message or family", f.Rule)
	}
	if f.Confidence <= 0 || f.Confidence > 1 {
		t.Errorf("%s: confidence %v out of (0,1]", f.Rule, f.Confidence)
	}
	l := f.Location
	if l.URL == "" || l.Journey == "" || l.Selector == "" || l.Text == "" || l.Box == nil || l.Box.Empty() {
		t.Errorf("%s: incomplete location %+v", f.Rule, l)
	}
	if f.Evidence.Screenshot == "" || f.Evidence.HTML == "" {
		t.Errorf("%s: no screenshot or HTML: %+v", f.Rule, f.Evidence)
	}
	if want := Citations(f.Family); len(f.Regulations) == 0 || len(f.Regulations) != len(want) {
		t.Errorf("%s: regulations %v, want the %d citations of %s", f.Rule, f.Regulations, len(want), f.Family)
	}
}

func containsAny(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func paid(sel string, reasons ...string) []want {
	return []want{{rule: RulePretickedPaidAddon, selector: sel, step: 0, reasons: reasons}}
}

func consentAt(sel string, reasons ...string) []want {
	return []want{{rule: RulePretickedConsent, selector: sel, step: 0, reasons: reasons}}
}

func option(sel string, reasons ...string) []want {
	return []want{{rule: RulePreselectedPaidOption, selector: sel, step: 0, reasons: reasons}}
}

func radio(sel, name, label string, checked bool) evidence.Control {
	c := ctl(evidence.ControlRadio, sel, label, named(name))
	if !checked {
		off(&c)
	}
	return c
}

func selectCtl(sel, label string, selected int, opts ...string) evidence.Control {
	c := evidence.Control{Kind: evidence.ControlSelect, Selector: sel, Label: label, Visible: true,
		Box: evidence.Box{X: 40, Y: 500, Width: 300, Height: 32}}
	for i, o := range opts {
		c.Options = append(c.Options, evidence.Option{Value: fmt.Sprint(i), Text: o, Selected: i == selected,
			SelectedAtFirstPaint: i == selected, Prices: price.FindAll(o)})
	}
	return c
}

// filterPage is a category page with a "Filter by" column of ticked boxes.
func filterPage(cs ...evidence.Control) vStep {
	s := gotoStep("/c/kettles", "category")
	s.nodes = []evidence.Node{{Text: "Filter by", Tag: "h3", Selector: "aside h3",
		Box: evidence.Box{X: 40, Y: 300, Width: 200, Height: 24}, FontSize: 18, Opacity: 1, AboveFold: true}}
	s.controls = cs
	return s
}

func pretickedVariants() []variant {
	return []variant{
		// --- positives: control kinds ---
		{"native checkbox, +£4.99 in label", vTarget(page("checkout", cb("#ins", "Add travel insurance +£4.99"))),
			paid("#ins", "control checked at first paint", "label contains price +£4.99", "add-on lexicon: insurance")},
		{"role=switch, 4,99 € warranty", vTarget(page("checkout",
			ctl(evidence.ControlSwitch, "#wty", "Extended warranty (4,99 €)", role("switch")))),
			paid("#wty", "role=switch", "4,99 €", "warranty")},
		{"aria-pressed toggle, gift wrap", vTarget(page("checkout",
			ctl(evidence.ControlSwitch, "button.gift", "Gift wrap your order $3.50"))),
			paid("button.gift", "aria-pressed", "$3.50", "gift wrap")},
		{"role=checkbox with aria-checked, protection plan", vTarget(page("cart",
			ctl(evidence.ControlCheckbox, "div[role=checkbox]", "Protection plan", role("checkbox"),
				nearby("Protection plan for your laptop +£29.00")))),
			paid("div[role=checkbox]", "role=checkbox", "protection plan")},
		{"shadow DOM carbon offset", vTarget(page("checkout",
			cb("eco-addon::shadow input", "Carbon offset for this order +€1.20", shadow))),
			paid("eco-addon::shadow input", "inside shadow DOM", "carbon offset")},
		{"switched on by script after load", vTarget(page("checkout",
			cb("#prio", "Priority delivery +£5.00", byScript))),
			paid("#prio", "switched on by script after load", "priority delivery")},
		{"$2/month magazine", vTarget(page("checkout", cb("#mag", "Add our monthly magazine for $2/month"))),
			paid("#mag", "$2", "magazine")},
		{"EUR 5 donation", vTarget(page("checkout", cb("#don", "Round up: donate EUR 5 to our charity partner"))),
			paid("#don", "donate", "EUR 5")},
		{"price only in the label", vTarget(page("checkout", cb("#yes", "Yes, add this for +£4.99"))),
			paid("#yes", "label contains price +£4.99")},
		{"membership named, no price", vTarget(page("checkout", cb("#club", "Join the Club membership"))),
			paid("#club", "membership")},
		{"consent: third parties", vTarget(page("checkout", cb("#tp", "Share my details with third parties"))),
			consentAt("#tp", "consent lexicon")},
		{"consent: newsletter by script", vTarget(page("signup", cb("#nl", "Sign me up to the newsletter", byScript))),
			consentAt("#nl", "switched on by script", "newsletter")},
		// --- positives: languages ---
		{"de: Geräteversicherung 4,99 €", vTarget(inLang("de", page("kasse",
			cb("#gv", "Geräteversicherung für 2 Jahre (+4,99 €)")))),
			paid("#gv", "4,99 €", "versicherung")},
		{"de: 1.299,00 € Mitgliedschaft", vTarget(inLang("de", page("kasse",
			cb("#pm", "Premium-Mitgliedschaft für 1.299,00 € pro Jahr")))),
			paid("#pm", "1.299,00 €")},
		{"de: Newsletter", vTarget(inLang("de", page("kasse",
			cb("#nl", "Ja, ich möchte den Newsletter mit Angeboten erhalten")))),
			consentAt("#nl", "newsletter")},
		{"fr: emballage cadeau + 2,50 €", vTarget(inLang("fr", page("commande",
			cb("#ec", "Emballage cadeau + 2,50 €")))),
			paid("#ec", "2,50 €")},
		{"fr: offres des partenaires", vTarget(inLang("fr", page("commande",
			cb("#op", "Je souhaite recevoir les offres de nos partenaires")))),
			consentAt("#op")},
		{"es: seguro de envío +2,99 €", vTarget(inLang("es", page("pago",
			cb("#se", "Añadir seguro de envío (+2,99 €)")))),
			paid("#se", "2,99 €", "seguro")},
		{"it: garanzia estesa 9,99 €", vTarget(inLang("it", page("cassa",
			cb("#ge", "Aggiungi estensione di garanzia 9,99 €")))),
			paid("#ge", "9,99 €", "garanzia")},
		{"nl: nieuwsbrief", vTarget(inLang("nl", page("afrekenen",
			cb("#nb", "Ja, stuur mij de nieuwsbrief met aanbiedingen")))),
			consentAt("#nb")},
		{"thin label, add-on and +price beside it", vTarget(page("checkout",
			cb("#yes", "Yes", nearby("Protect my order against loss +£2.99")))),
			paid("#yes", "text near the control")},
		{"radio: free option priced £0.00", vTarget(page("checkout",
			radio("#r0", "ship", "Standard £0.00", false),
			radio("#r1", "ship", "Next day delivery £4.99", true))),
			option("#r1", "£4.99")},
		{"double-negative updates box", vTarget(page("signup",
			cb("#upd", "Uncheck this box if you do not wish to not receive updates"))),
			consentAt("#upd")},
		{"switch with a monthly bundle price", vTarget(page("signup",
			ctl(evidence.ControlSwitch, "#hd", "Add HD+ bundle (+£3/month)", role("switch")))),
			paid("#hd", "role=switch", "label contains price")},
		{"handling upgrade priced, ticked by script", vTarget(page("basket",
			cb("#ph", "Priority handling £1.95", byScript))),
			paid("#ph", "switched on by script", "£1.95")},
		{"de: Versicherung with a price in the middle", vTarget(inLang("de", page("warenkorb",
			cb("#vs", "Versicherung für 3,99 € (Bruch- und Diebstahlschutz, 2 Jahre)")))),
			paid("#vs", "3,99 €", "versicherung")},
		{"de: Newsletter abonnieren is consent, not a paid subscription", vTarget(inLang("de", page("kasse",
			cb("#na", "Newsletter abonnieren")))),
			consentAt("#na", "newsletter")},
		{"select: delivery slot defaults to a paid morning slot", vTarget(page("checkout",
			selectCtl("#slot", "Delivery time", 1, "Any time, 8am–8pm (free)", "Morning, 8am–12pm (+£3.00)"))),
			option("#slot", "£3.00", "Any time")},
		// --- positives: default options ---
		{"radio defaults to express while standard is free", vTarget(page("checkout",
			radio("#std", "ship", "Standard delivery – Free", false),
			radio("#exp", "ship", "Express delivery £6.99", true))),
			option("#exp", "radio group defaults to a paid option (£6.99)", "Standard delivery")},
		{"select defaults to a donation while none is offered", vTarget(page("checkout",
			selectCtl("#give", "Add a donation", 1, "No donation", "Donate €2", "Donate €5"))),
			option("#give", "select defaults to a paid option")},

		// --- honest twins ---
		{"honest: same box unticked", vTarget(page("checkout", cb("#ins", "Add travel insurance +£4.99", off))), nil},
		{"honest: free functional defaults", vTarget(page("checkout",
			cb("#same", "Billing address same as shipping address"),
			cb("#rem", "Remember me", at(460)),
			cb("#fsd", "Free standard delivery", at(500)))), nil},
		{"honest: free standard delivery radio selected", vTarget(page("checkout",
			radio("#std", "ship", "Standard delivery – Free", true),
			radio("#exp", "ship", "Express delivery £6.99", false))), nil},
		{"honest: select defaults to no donation", vTarget(page("checkout",
			selectCtl("#give", "Add a donation", 0, "No donation", "Donate €2"))), nil},
		{"honest: touched by the walker", vTarget(page("checkout", cb("#ins", "Add travel insurance +£4.99", touched))), nil},
		{"honest: walker ticked it itself", vTarget(
			page("checkout", cb("#ins", "Add travel insurance +£4.99", off)),
			withControls(act(evidence.ActionCheck, "#ins", "Add travel insurance", "", "/checkout", "checkout"),
				cb("#ins", "Add travel insurance +£4.99", byScript))), nil},
		{"honest: required terms left unticked", vTarget(page("checkout",
			cb("#terms", "I accept the terms and conditions", off, required))), nil},
		{"honest: disabled insurance box", vTarget(page("checkout", cb("#ins", "Add travel insurance +£4.99", disabled))), nil},
		{"honest: invisible insurance box", vTarget(page("checkout", cb("#ins", "Add travel insurance +£4.99", hidden))), nil},
		{"honest: listing filters In stock and Under £20", vTarget(filterPage(
			cb("#f-stock", "In stock", at(340)),
			cb("#f-price", "Under £20", at(380)),
			cb("#f-range", "£20 – £50", at(420)))), nil},
		{"honest: price in an unrelated product title near a box", vTarget(
			product("Blue Kettle", 29.99), addToBasket("/p/blue-kettle"),
			withCart(page("cart", cb("#gift", "Include a gift receipt",
				nearby("Blue Kettle £29.99 Include a gift receipt"))), cart(29.99, line("Blue Kettle", 1, gbp(29.99))))), nil},
		{"honest: unrelated product price, product added from a listing", vTarget(
			gotoStep("/c/teapots", "category"), click(".add", "Add to basket", "/c/teapots", "category"),
			withCart(page("cart", cb("#gift", "Include a gift receipt",
				nearby("Ceramic Teapot £24.00 Include a gift receipt"))), cart(24.00, line("Ceramic Teapot", 1, gbp(24.00))))), nil},
		{"honest: cookie purpose toggle", vTarget(page("checkout",
			ctl(evidence.ControlSwitch, "#ck", "Marketing cookies", role("switch")))), nil},
		{"honest: radio among paid options only", vTarget(page("checkout",
			radio("#s", "ship", "Standard delivery £2.99", true),
			radio("#e", "ship", "Express delivery £5.99", false))), nil},
		{"honest: failed step without snapshot", vTarget(vStep{act: evidence.Action{Type: evidence.ActionGoto,
			Target: vHost + "/checkout"}, path: "/checkout", kind: "checkout", noSnap: true}), nil},
		{"honest: es/it/nl functional", vTarget(
			inLang("es", page("pago", cb("#a", "Recordarme"))),
			inLang("it", page("cassa", cb("#b", "Ricordami"))),
			inLang("nl", page("afrekenen", cb("#c", "Onthoud mij")))), nil},
		{"honest: de angemeldet bleiben", vTarget(inLang("de", page("kasse", cb("#ab", "Angemeldet bleiben")))), nil},
		{"honest: size select on its placeholder", vTarget(page("product",
			selectCtl("#size", "Size", 0, "Select size", "UK 7", "UK 8", "UK 9 (+£5.00)"))), nil},
		{"honest: colour swatches at one price", vTarget(page("product",
			radio("#c1", "colour", "Slate", true), radio("#c2", "colour", "Sand", false))), nil},
		{"honest: de Standardversand kostenlos selected", vTarget(inLang("de", page("versand",
			radio("#sv", "versand", "Standardversand (kostenlos)", true),
			radio("#ev", "versand", "Expressversand 6,90 €", false)))), nil},
		{"honest: free gift wrap", vTarget(page("checkout", cb("#gw", "Free gift wrap"))), nil},
		{"honest: de funktional", vTarget(inLang("de", page("kasse",
			cb("#rg", "Rechnungsadresse entspricht der Lieferadresse")))), nil},
		{"honest: fr fonctionnel", vTarget(inLang("fr", page("commande",
			cb("#sv", "Se souvenir de moi")))), nil},
	}
}

// refill is the product page p seen again after the action a (a quantity typed in).
func refill(p vStep, a vStep) vStep {
	p.act = a.act
	return p
}

func withControls(s vStep, cs ...evidence.Control) vStep { s.controls = cs; return s }

func TestPretickedVariants(t *testing.T) {
	for _, v := range pretickedVariants() {
		t.Run(v.name, func(t *testing.T) { checkVariant(t, v, evidence.FamilyPreticked) })
	}
}

// untickJourney is a cart page with a pre-ticked box, the crawler's untick
// step and the page after it, with totals before and after.
func untickJourney(c evidence.Control, before, after float64) *evidence.Target {
	base := line("Desk Lamp", 1, gbp(50.98))
	unticked := c
	unticked.Checked, unticked.Touched = false, true
	return vTarget(
		gotoStep("/", "home"),
		withCart(page("cart", c), cart(before, base)),
		withCart(withControls(act(evidence.ActionUncheck, c.Selector, c.Label, "", "/cart", "cart"), unticked),
			cart(after, base)),
	)
}

// TestUntickExperiment: a drop in the total confirms a paid box (higher
// confidence, a reason and before/after screenshots). Without a drop a box
// whose own words or price say it costs money is still reported, with the
// experiment's outcome as a reason and lower confidence (the total may be
// recomputed only at the next step); a box that only sits near a price is
// not reported without a drop.
func TestUntickExperiment(t *testing.T) {
	pp := cb("#pp", "Add protection plan", nearby("Protection plan £3.99"))
	thin := cb("#pp", "Yes", nearby("Keep it safe £3.99"))
	cases := []variant{
		{"drop confirms", untickJourney(pp, 54.97, 50.98), []want{{rule: RulePretickedPaidAddon, selector: "#pp", step: 1,
			reasons: []string{"lowered the total from £54.97 to £50.98", "protection plan"}, minConf: 0.9,
			before: "evidence/j1-01.png", after: "evidence/j1-02.png"}}},
		{"drop confirms a thin label", untickJourney(thin, 54.97, 50.98), []want{{rule: RulePretickedPaidAddon, selector: "#pp",
			step: 1, reasons: []string{"lowered the total"}, minConf: 0.8, before: "evidence/j1-01.png", after: "evidence/j1-02.png"}}},
		{"no drop keeps a worded box, less sure", untickJourney(pp, 50.98, 50.98), []want{{rule: RulePretickedPaidAddon,
			selector: "#pp", step: 1, reasons: []string{"left the total at £50.98"}, maxConf: 0.75}}},
		{"honest: no drop, thin label", untickJourney(thin, 50.98, 50.98), nil},
	}
	for _, v := range cases {
		t.Run(v.name, func(t *testing.T) { checkVariant(t, v, evidence.FamilyPreticked) })
	}
}

func sneakVariants() []variant {
	kettle := func() []vStep { return []vStep{product("Blue Kettle", 29.99), addToBasket("/p/blue-kettle")} }
	journey := func(tail ...vStep) *evidence.Target { return vTarget(append(kettle(), tail...)...) }
	cartPage := func(c *evidence.Cart) vStep { return withCart(click("a.cart", "Basket", "/cart", "cart"), c) }
	return []variant{
		{"extra line nobody added", journey(cartPage(cart(34.98,
			line("Blue Kettle", 1, gbp(29.99)), line("Kettle protection plan", 1, gbp(4.99))))),
			[]want{{rule: RuleSneakItem, selector: "#line-kettle-protection-plan", step: 2,
				reasons: []string{"matches nothing the customer added", "£4.99", "first seen at step 2"},
				before:  "evidence/j1-00.png", after: "evidence/j1-02.png"}}},
		{"extra line first seen at checkout", journey(
			cartPage(cart(29.99, line("Blue Kettle", 1, gbp(29.99)))),
			withCart(click("#checkout", "Checkout", "/checkout", "checkout"), cart(30.99,
				line("Blue Kettle", 1, gbp(29.99)), line("Round up for charity", 1, gbp(1.00))))),
			[]want{{rule: RuleSneakItem, selector: "#line-round-up-for-charity", step: 3,
				reasons: []string{"first seen at step 3"}, before: "evidence/j1-02.png", after: "evidence/j1-03.png"}}},
		{"raised quantity", journey(cartPage(cart(59.98, line("Blue Kettle", 2, gbp(59.98))))),
			[]want{{rule: RuleSneakQuantity, selector: "#line-blue-kettle", step: 2,
				reasons: []string{"quantity 2 is above the chosen quantity 1"}}}},
		{"total above lines and charges", journey(cartPage(cart(34.99,
			line("Blue Kettle", 1, gbp(29.99)), charge("Shipping", gbp(3.00))))),
			[]want{{rule: RuleTotalMismatch, selector: "#total", step: 2, reasons: []string{"£2.00 above"}}}},

		{"extra product line at checkout", journey(withCart(click("#checkout", "Checkout", "/checkout", "checkout"),
			cart(39.98, line("Blue Kettle", 1, gbp(29.99)), line("Phone case", 1, gbp(9.99))))),
			[]want{{rule: RuleSneakItem, selector: "#line-phone-case", step: 2,
				reasons: []string{"customer chose: Blue Kettle"}}}},
		{"honest: cart names the product at length", journey(cartPage(cart(29.99,
			line("Blue Kettle 1.7L – matte finish", 1, gbp(29.99))))), nil},
		{"honest: free sample line", journey(cartPage(cart(29.99,
			line("Blue Kettle", 1, gbp(29.99)), line("Free tea sample", 1, gbp(0))))), nil},
		{"total above lines, delivery and a listed fee", journey(withCart(click("#pay", "Continue to payment", "/checkout/payment", "checkout"),
			func() *evidence.Cart {
				c := cart(37.92, line("Blue Kettle", 1, gbp(29.99)), charge("Standard delivery", gbp(3.99)),
					charge("Card processing fee", gbp(1.45)))
				c.Total.Text = "£37.92"
				return c
			}())),
			[]want{{rule: RuleTotalMismatch, selector: "#total", step: 2, reasons: []string{"£2.49 above"}}}},
		{"honest: the walker added the same product twice", vTarget(
			product("Blue Kettle", 29.99), addToBasket("/p/blue-kettle"), addToBasket("/p/blue-kettle"),
			withCart(click("a.cart", "Basket", "/cart", "cart"), cart(59.98, line("Blue Kettle", 2, gbp(59.98))))), nil},
		{"honest: euro cart with thousands separators adds up", vTarget(inLang("de", product("Espressomaschine", 1299.00)),
			inLang("de", addToBasket("/p/espressomaschine")),
			inLang("de", withCart(click("a.cart", "Warenkorb", "/warenkorb", "cart"), &evidence.Cart{
				Lines: []evidence.CartLine{
					line("Espressomaschine", 1, &evidence.Price{Text: "1.299,00 €", Amount: 1299, Currency: "EUR"}),
					charge("Versand", &evidence.Price{Text: "4,90 €", Amount: 4.9, Currency: "EUR"})},
				Total: &evidence.Price{Text: "1.303,90 €", Amount: 1303.9, Currency: "EUR", Selector: "#total",
					Box: &evidence.Box{X: 400, Y: 600, Width: 120, Height: 24}}}))), nil},
		{"honest: two products added on one URL, each with its heading", func() *evidence.Target {
			a, b := product("Blue Kettle", 29.99), product("Red Toaster", 39.99)
			a.path, b.path = "/shop", "/shop"
			a2, b2 := refill(a, addToBasket("/shop")), refill(b, addToBasket("/shop"))
			return vTarget(a, a2, b, b2, withCart(click("a.cart", "Basket", "/cart", "cart"),
				cart(69.98, line("Blue Kettle", 1, gbp(29.99)), line("Red Toaster", 1, gbp(39.99)))))
		}(), nil},
		{"honest: cart as chosen", journey(cartPage(cart(29.99, line("Blue Kettle", 1, gbp(29.99))))), nil},
		{"line total for two, a subtotal, and an undisclosed fee", vTarget(
			product("Blue Kettle", 29.99), addToBasket("/p/blue-kettle"), addToBasket("/p/blue-kettle"),
			withCart(click("#pay", "Continue to payment", "/checkout/payment", "checkout"), func() *evidence.Cart {
				c := cart(65.96, line("Blue Kettle", 2, gbp(59.98)), charge("Delivery", gbp(3.99)))
				c.Subtotal = gbp(59.98)
				return c
			}())),
			[]want{{rule: RuleTotalMismatch, selector: "#total", step: 3, reasons: []string{"£1.99 above"}}}},
		{"honest: extras switched on in plain view, priced a cent apart", journey(withControls(
			withCart(click("a.cart", "Basket", "/cart", "cart"), cart(31.98, line("Blue Kettle", 1, gbp(29.99)))),
			cb("#offset", "Carbon offset +£0.99"), ctl(evidence.ControlSwitch, "#wrap", "Gift wrap £1.00", role("switch")))), nil},
		{"honest: chosen delivery charge", journey(
			withControls(page("checkout"), radio("#std", "ship", "Standard delivery £2.99", true),
				radio("#exp", "ship", "Express delivery £5.99", false)),
			withCart(act(evidence.ActionCheck, "#exp", "Express delivery £5.99", "", "/checkout", "checkout"),
				cart(35.98, line("Blue Kettle", 1, gbp(29.99)), charge("Express delivery", gbp(5.99))))), nil},
		{"honest: disclosed tax line", journey(cartPage(cart(35.99,
			line("Blue Kettle", 1, gbp(29.99)), charge("VAT (20%)", gbp(6.00))))), nil},
		{"honest: shipping disclosed outside the lines", journey(func() vStep {
			s := cartPage(cart(33.98, line("Blue Kettle", 1, gbp(29.99))))
			s.nodes = []evidence.Node{node("Shipping £3.99", 640)}
			return s
		}()), nil},
		{"honest: quantity the walker raised on the product page", vTarget(
			product("Blue Kettle", 29.99),
			refill(product("Blue Kettle", 29.99), act(evidence.ActionFill, "#qty", "", "2", "/p/blue-kettle", "product")),
			addToBasket("/p/blue-kettle"),
			cartPage(cart(59.98, line("Blue Kettle", 2, gbp(59.98))))), nil},
		{"honest: quantity the walker raised in the cart", journey(
			cartPage(cart(29.99, line("Blue Kettle", 1, gbp(29.99)))),
			withCart(act(evidence.ActionFill, "input[name=quantity]", "", "3", "/cart", "cart"),
				cart(89.97, line("Blue Kettle", 3, gbp(89.97))))), nil},
		{"checkout folds the basket, donation included, into one row", journey(
			cartPage(cart(30.99, line("Blue Kettle", 1, gbp(29.99)), line("Round up for charity", 1, gbp(1.00)))),
			withCart(click("#checkout", "Checkout", "/checkout", "checkout"),
				cart(30.99, line("Items (2)", 1, gbp(30.99)))),
			withCart(click("#exp", "Express delivery £5.99", "/checkout/delivery", "checkout"),
				cart(39.97, line("Items (2)", 1, gbp(30.99)), charge("Express delivery", gbp(5.99)),
					line("Parcel insurance", 1, gbp(2.99)))),
			withCart(click("#pay", "Continue to payment", "/checkout/payment", "checkout"),
				cart(36.98, line("Items (2)", 1, gbp(30.99)), charge("Express delivery", gbp(5.99))))),
			[]want{{rule: RuleSneakItem, selector: "#line-round-up-for-charity", step: 2},
				{rule: RuleSneakItem, selector: "#line-parcel-insurance", step: 4,
					reasons: []string{"matches nothing the customer added"}}}},
		{"folded basket row beside an add-on the walker ticked", journey(
			cartPage(cart(30.99, line("Blue Kettle", 1, gbp(29.99)), line("Round up for charity", 1, gbp(1.00)))),
			withControls(withCart(click("#checkout", "Checkout", "/checkout", "checkout"),
				cart(30.99, line("Articles", 1, gbp(30.99)))), cb("#gw", "Add gift wrap £2.50", off)),
			withCart(act(evidence.ActionCheck, "#gw", "Add gift wrap £2.50", "", "/checkout", "checkout"),
				cart(33.49, line("Articles", 1, gbp(30.99)), line("Add gift wrap", 1, gbp(2.50))))),
			[]want{{rule: RuleSneakItem, selector: "#line-round-up-for-charity", step: 2}}},
		{"a same-priced product beside the chosen one is still an extra", journey(
			cartPage(cart(29.99, line("Blue Kettle", 1, gbp(29.99)))),
			withCart(click("#checkout", "Checkout", "/checkout", "checkout"),
				cart(59.98, line("Blue Kettle", 1, gbp(29.99)), line("Descaler bundle", 1, gbp(29.99))))),
			[]want{{rule: RuleSneakItem, selector: "#line-descaler-bundle", step: 3}}},
		{"honest: add-on the walker ticked", journey(
			withControls(page("checkout"), cb("#gw", "Add gift wrap £2.50", off)),
			withCart(act(evidence.ActionCheck, "#gw", "Add gift wrap £2.50", "", "/checkout", "checkout"),
				cart(32.49, line("Blue Kettle", 1, gbp(29.99)), line("Add gift wrap", 1, gbp(2.50))))), nil},
	}
}

func TestSneakVariants(t *testing.T) {
	for _, v := range sneakVariants() {
		t.Run(v.name, func(t *testing.T) { checkVariant(t, v, evidence.FamilySneakIntoBasket) })
	}
}
