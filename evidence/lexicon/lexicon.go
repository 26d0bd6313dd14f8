// Package lexicon is darkaudit's vocabulary: one embedded data file per
// language (data/<lang>.json) holding every word list the program matches —
// what the walker clicks, what the safety guard refuses, what each detector
// family reads, what the price parser takes for a billing period. Adding a
// language is a data change: a new file with every section filled.
//
// Entries are matched by evidence/text: whole words of normalised text, a
// leading "*" letting an entry end a compound and a trailing "*" letting it
// start one.
package lexicon

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.json
var dataFS embed.FS

// Language is the vocabulary of one language. The JSON keys are the section
// names; a file with an unknown key does not load.
type Language struct {
	Lang    string `json:"lang"`
	Comment string `json:"_comment,omitempty"`

	// Crawler: what a page is and what to click.

	// PageKinds maps a page kind (cart, checkout, product, ...) to its cue phrases.
	PageKinds map[string][]string `json:"pageKinds"`
	// Intents maps a walker intent (addToCart, checkout, guest, continue,
	// field names, ...) to its phrases.
	Intents map[string][]string `json:"intents"`

	// Safety guard: what darkaudit never clicks.

	// CommitMoney are never clicked: they place an order or pay.
	CommitMoney []string `json:"commitMoney"`
	// CommitMoneyOnPayment are never clicked on a cart, checkout or payment
	// step, where weak words ("Buy", "Confirm") also commit.
	CommitMoneyOnPayment []string `json:"commitMoneyOnPayment"`
	// EndContract are the final controls that end a contract or delete an
	// account: never clicked either.
	EndContract []string `json:"endContract"`
	// PayWithAmount are pay verbs refused when an amount goes with them
	// ("Zahlen 49,00 €", "Pay £12.99"), even where the verb alone is not.
	PayWithAmount []string `json:"payWithAmount"`
	// ProceedTo name a step of the checkout a control moves on to ("Verder
	// naar betalen", "Valider la livraison", "Confirm address"): a weak
	// CommitMoneyOnPayment word inside one names the destination, not the
	// act, so it does not refuse there. CommitMoney phrases still do.
	ProceedTo []string `json:"proceedTo"`
	// CardField names form fields that take payment card data.
	CardField []string `json:"cardField"`
	// AddressField names form fields that take a postal address; matched
	// anywhere in a field's name, label and autocomplete token.
	AddressField []string `json:"addressField"`
	// OrderReview are the headings of a final order review ("Review your
	// order", "Bestellübersicht"): with a total shown, the end of a checkout.
	OrderReview []string `json:"orderReview"`
	// PaymentMethod names payment methods ("PayPal", "Kauf auf Rechnung"):
	// one chosen, with a total shown, marks the end of a checkout.
	PaymentMethod []string `json:"paymentMethod"`
	// Logout are links the walker never follows: they end its session.
	Logout []string `json:"logout"`
	// SoldOut marks an option the customer cannot choose ("Out of stock",
	// "ausverkauft", "épuisé"): the walker never picks it.
	SoldOut []string `json:"soldOut"`

	// Detectors.

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
	// AddToCart names add-to-cart controls.
	AddToCart []string `json:"addToCart"`
	// Decline names the free "no thanks" option of a radio group or select.
	Decline []string `json:"decline"`
	// Quantity names quantity fields and steppers.
	Quantity []string `json:"quantity"`
	// Placeholder names a select's empty "please choose" option.
	Placeholder []string `json:"placeholder"`
	// Filter names the headings and wording of a listing's filters.
	Filter []string `json:"filter"`
	// Facet names typical filter labels ("In stock", "Compare", "On sale").
	Facet []string `json:"facet"`
	// QuantityUp and QuantityDown name the steppers that raise or lower a quantity.
	QuantityUp   []string `json:"quantityUp"`
	QuantityDown []string `json:"quantityDown"`
	// PriceBoundBefore are the words before an amount that make it something
	// other than what the control costs ("Under £20", "Save £5").
	PriceBoundBefore []string `json:"priceBoundBefore"`
	// PriceBoundAfter are the words after an amount that do the same ("£50
	// and up", "£5 off").
	PriceBoundAfter []string `json:"priceBoundAfter"`
	// RangeJoin joins the two ends of a price range ("£20 to £50").
	RangeJoin []string `json:"rangeJoin"`
	// Recurring names add-ons that bill later or again: "free" does not clear them.
	Recurring []string `json:"recurring"`
	// ContactRequest are first-person requests to be contacted ("email me",
	// "schicken Sie mir", "envoyez-moi"): a box that says one is a consent
	// box whatever its nouns.
	ContactRequest []string `json:"contactRequest"`
	// WishOpener opens a first-person wish ("I'd like", "ich möchte", "je
	// souhaite"); followed by a ReceiveVerb it asks to be contacted.
	WishOpener []string `json:"wishOpener"`
	// ReceiveVerb completes a WishOpener: "receive", "erhalten", "recevoir".
	ReceiveVerb []string `json:"receiveVerb"`
	// FunctionalRequest are requests about this order or account ("a copy of
	// my order", "delivery updates", "remember me"): not marketing.
	FunctionalRequest []string `json:"functionalRequest"`
	// Stopwords are too common to tie a cart line to a product.
	Stopwords []string `json:"stopwords"`

	// Prices and carts.

	// Periods maps a billing period (day, week, month, year) to the words
	// that name it after an amount. Entries are matched as written (lower
	// case, dots included: "p.m."), not as phrases.
	Periods map[string][]string `json:"periods"`
	// PeriodIntro may stand between an amount and its period ("per", "pro").
	PeriodIntro []string `json:"periodIntro"`
	// Free marks an amount of nothing ("free", "kostenlos"); an entry may
	// carry an inflection ending on the page.
	Free []string `json:"free"`
	// FreeCompound ends a compound that means free of charge
	// ("versandkostenfrei"). Optional: only compounding languages need it.
	FreeCompound []string `json:"freeCompound"`
	// CartTotal, CartSubtotal and CartCharge name the total, the subtotal and
	// the charge lines of a cart at capture.
	CartTotal    []string `json:"cartTotal"`
	CartSubtotal []string `json:"cartSubtotal"`
	CartCharge   []string `json:"cartCharge"`
	// QuantityLabel introduces a quantity in a cart line ("Qty: 2").
	QuantityLabel []string `json:"quantityLabel"`

	// Families holds the word lists that belong to one detector family, by
	// family name (report-schema.md's vocabulary) and then by list name:
	// {"confirmshaming": {"shame": [...]}}. A new family puts its words here
	// and reads them by name (detectors.familyWords), so adding one needs no
	// Go change in this package. Every language names the same families and
	// lists as English.
	Families map[string]map[string][]string `json:"families,omitempty"`
}

// FamilyList returns the word list named list of the detector family fam,
// or nil when the language has none.
func (l *Language) FamilyList(fam, list string) []string {
	if l == nil {
		return nil
	}
	return l.Families[fam][list]
}

var load = sync.OnceValues(func() (map[string]*Language, error) {
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		return nil, fmt.Errorf("lexicon: read embedded data: %w", err)
	}
	m := map[string]*Language{}
	for _, e := range entries {
		l, err := decode(e.Name())
		if err != nil {
			return nil, err
		}
		m[l.Lang] = l
	}
	return m, nil
})

// decode reads one embedded language file strictly: an unknown key is an
// error, so a misspelt section never silently goes unread.
func decode(name string) (*Language, error) {
	data, err := dataFS.ReadFile(path.Join("data", name))
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	return decodeBytes(name, data)
}

func decodeBytes(name string, data []byte) (*Language, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var l Language
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	if want := strings.TrimSuffix(name, ".json"); l.Lang != want {
		return nil, fmt.Errorf("lexicon %s: lang is %q, want %q", name, l.Lang, want)
	}
	return &l, nil
}

// All returns every embedded language by code, loaded once. The maps and
// lists are shared: callers must not modify them.
func All() (map[string]*Language, error) { return load() }

// MustAll is All for callers that cannot run without their vocabulary: the
// data is embedded and tested, so an error here is a build defect.
func MustAll() map[string]*Language {
	m, err := load()
	if err != nil {
		panic(err)
	}
	return m
}

// Langs lists the embedded languages, sorted.
func Langs() []string {
	var out []string
	for l := range MustAll() {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Get returns the vocabulary of lang ("de", "de-AT", "fr_CH"), or nil when
// none is embedded.
func Get(lang string) *Language {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return MustAll()[lang]
}

// Each returns every language, sorted by code.
func Each() []*Language {
	all := MustAll()
	out := make([]*Language, 0, len(all))
	for _, l := range Langs() {
		out = append(out, all[l])
	}
	return out
}

// Collect merges one list from every language, in language order.
func Collect(field func(*Language) []string) []string {
	var out []string
	for _, l := range Each() {
		out = append(out, field(l)...)
	}
	return out
}
