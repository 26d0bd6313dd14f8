package detectors

import (
	"reflect"
	"strings"
	"sync"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/lexicon"
	"github.com/darkaudit/darkaudit/evidence/text"
)

// Lexicon is the word list of one language, from evidence/lexicon. An entry
// matches whole words of normalised text; a leading "*" lets it end a
// compound ("*versicherung" matches "Reiseversicherung"), a trailing "*"
// lets it start one.
type Lexicon = lexicon.Language

// lexicons are the embedded lexicons by language, loaded once.
func lexicons() map[string]*Lexicon { return lexicon.MustAll() }

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
	for _, name := range lexicon.Langs() {
		out = append(out, all[name])
	}
	return out
}

// matchWords returns the first entry of words found in text (see Lexicon
// for the "*" rule), as written in the lexicon without its stars, or "".
// The lexicon's own lists use a Matcher built once; other lists are
// normalised on each call.
func matchWords(t string, words []string) string {
	if len(words) == 0 {
		return ""
	}
	if m, ok := listMatchers()[listKey{&words[0], len(words)}]; ok {
		p, _ := m.Match(t)
		return p
	}
	p, _ := text.MatchAny(t, words)
	return p
}

// listKey identifies one of the lexicon's lists by its backing array.
type listKey struct {
	first *string
	n     int
}

// listMatchers holds a Matcher for every list of every lexicon, built once.
var listMatchers = sync.OnceValue(func() map[listKey]*text.Matcher {
	m := map[listKey]*text.Matcher{}
	for _, l := range lexicons() {
		v := reflect.ValueOf(l).Elem()
		for i := 0; i < v.NumField(); i++ {
			if words, ok := v.Field(i).Interface().([]string); ok && len(words) > 0 {
				m[listKey{&words[0], len(words)}] = text.NewMatcher(words)
			}
		}
		for _, lists := range l.Families {
			for _, words := range lists {
				if len(words) > 0 {
					m[listKey{&words[0], len(words)}] = text.NewMatcher(words)
				}
			}
		}
	}
	return m
})

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

// familyWords picks the word list named list of family fam from a lexicon's
// families section, for lexMatch: a new family keeps its words there and
// needs no accessor of its own ("families": {"confirmshaming": {"shame": […]}}).
func familyWords(fam evidence.Family, list string) func(*Lexicon) []string {
	return func(l *Lexicon) []string { return l.FamilyList(string(fam), list) }
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
