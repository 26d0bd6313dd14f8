package detectors

import (
	"embed"
	"encoding/json"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed lexicon/*.json
var lexiconFS embed.FS

// Lexicon is the word list of one language. An entry matches whole words of
// normalised text; a leading "*" lets it end a compound ("*versicherung"
// matches "Reiseversicherung"), a trailing "*" lets it start one.
type Lexicon struct {
	Lang string `json:"lang"`
	// Addon names paid extras: insurance, warranty, donation, membership...
	Addon []string `json:"addon"`
	// DeliveryUpgrade names paid delivery options: an add-on when pre-ticked,
	// but a disclosed charge when it shows as a cart line.
	DeliveryUpgrade []string `json:"deliveryUpgrade"`
	// Consent names marketing or data-sharing consent: newsletter, partners...
	Consent []string `json:"consent"`
	// Functional names free, functional defaults: same billing address, remember me.
	Functional []string `json:"functional"`
	// Cookie marks cookie-banner purposes, judged by the consent family instead.
	Cookie []string `json:"cookie"`
	// Charge names disclosed cart charges: shipping, tax, VAT, discounts.
	Charge []string `json:"charge"`
	// Discount names charge lines that lower the total.
	Discount []string `json:"discount"`
	// AddToCart names the walker's add-to-cart intents.
	AddToCart []string `json:"addToCart"`
	// Decline names the free "no thanks" option of a radio group or select.
	Decline []string `json:"decline"`
	// Quantity names quantity fields and steppers.
	Quantity []string `json:"quantity"`
	// Placeholder names a select's empty "please choose" option.
	Placeholder []string `json:"placeholder"`
	// Filter names the headings and wording of a listing's filters ("Filter",
	// "Refine by"): a checkbox there narrows what is shown, it buys nothing.
	Filter []string `json:"filter"`
	// Facet names typical filter labels ("In stock", "Compare", "On sale").
	Facet []string `json:"facet"`
	// PriceBoundBefore are the words before an amount that make it something
	// other than what the control costs: a bound ("Under £20") or a saving
	// ("Save £5").
	PriceBoundBefore []string `json:"priceBoundBefore"`
	// PriceBoundAfter are the words after an amount that do the same ("£50
	// and up", "£5 off").
	PriceBoundAfter []string `json:"priceBoundAfter"`
	// RangeJoin joins the two ends of a price range ("£20 to £50").
	RangeJoin []string `json:"rangeJoin"`
	// Recurring names add-ons that bill later or again (a trial, a membership,
	// a subscription): "free" does not clear them.
	Recurring []string `json:"recurring"`
	// QuantityUp and QuantityDown name the steppers that raise or lower a quantity.
	QuantityUp   []string `json:"quantityUp"`
	QuantityDown []string `json:"quantityDown"`
}

// lexicons are the embedded lexicons by language, loaded once.
var lexicons = sync.OnceValue(func() map[string]*Lexicon {
	entries, err := lexiconFS.ReadDir("lexicon")
	if err != nil {
		panic("detectors: embedded lexicons: " + err.Error())
	}
	m := map[string]*Lexicon{}
	for _, e := range entries {
		data, err := lexiconFS.ReadFile(path.Join("lexicon", e.Name()))
		if err != nil {
			panic("detectors: embedded lexicon " + e.Name() + ": " + err.Error())
		}
		var l Lexicon
		if err := json.Unmarshal(data, &l); err != nil {
			panic("detectors: embedded lexicon " + e.Name() + ": " + err.Error())
		}
		m[l.Lang] = &l
	}
	return m
})

// Languages lists the languages with an embedded lexicon.
func Languages() []string {
	var out []string
	for l := range lexicons() {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// lexiconsFor returns the lexicons to apply to a page in lang: English (the
// lingua franca of shop software) plus the page's language, or every
// lexicon when the language is unknown.
func lexiconsFor(lang string) []*Lexicon {
	all := lexicons()
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if l, ok := all[lang]; ok {
		if lang == "en" {
			return []*Lexicon{l}
		}
		return []*Lexicon{all["en"], l}
	}
	out := make([]*Lexicon, 0, len(all))
	for _, name := range Languages() {
		out = append(out, all[name])
	}
	return out
}

// matchWords returns the first entry of words found in text (both are
// normalised; see Lexicon for the "*" rule), as written in the lexicon
// without its stars, or "".
func matchWords(text string, words []string) string {
	t := normalize(text)
	if t == "" {
		return ""
	}
	for _, w := range words {
		left := strings.HasPrefix(w, "*")
		right := strings.HasSuffix(w, "*")
		p := normalize(strings.Trim(w, "*"))
		if p == "" {
			continue
		}
		for from := 0; from < len(t); {
			i := strings.Index(t[from:], p)
			if i < 0 {
				break
			}
			i += from
			end := i + len(p)
			if (left || i == 0 || t[i-1] == ' ') && (right || end == len(t) || t[end] == ' ') {
				return strings.Trim(w, "*")
			}
			from = i + 1
		}
	}
	return ""
}

// lexMatch looks for any word of the list picked by field in text, across
// the lexicons ls.
func lexMatch(ls []*Lexicon, text string, field func(*Lexicon) []string) string {
	for _, l := range ls {
		if m := matchWords(text, field(l)); m != "" {
			return m
		}
	}
	return ""
}

func addonWords(l *Lexicon) []string       { return l.Addon }
func deliveryWords(l *Lexicon) []string    { return l.DeliveryUpgrade }
func consentWords(l *Lexicon) []string     { return l.Consent }
func functionalWords(l *Lexicon) []string  { return l.Functional }
func cookieWords(l *Lexicon) []string      { return l.Cookie }
func chargeWords(l *Lexicon) []string      { return l.Charge }
func discountWords(l *Lexicon) []string    { return l.Discount }
func addToCartWords(l *Lexicon) []string   { return l.AddToCart }
func declineWords(l *Lexicon) []string     { return l.Decline }
func quantityWords(l *Lexicon) []string    { return l.Quantity }
func placeholderWords(l *Lexicon) []string { return l.Placeholder }
func filterWords(l *Lexicon) []string      { return l.Filter }
func facetWords(l *Lexicon) []string       { return l.Facet }
func boundBeforeWords(l *Lexicon) []string { return l.PriceBoundBefore }
func boundAfterWords(l *Lexicon) []string  { return l.PriceBoundAfter }
func rangeJoinWords(l *Lexicon) []string   { return l.RangeJoin }
func qtyUpWords(l *Lexicon) []string       { return l.QuantityUp }
func recurringWords(l *Lexicon) []string   { return l.Recurring }
func qtyDownWords(l *Lexicon) []string     { return l.QuantityDown }
