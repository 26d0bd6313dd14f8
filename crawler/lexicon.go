package crawler

import (
	"strings"
	"sync"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/lexicon"
	"github.com/darkaudit/darkaudit/evidence/text"
)

// Lexicon is the crawler's view of the vocabulary in evidence/lexicon: the
// words that tell page kinds apart, the intents the walker looks for, and the
// phrases the safety guard refuses to click, merged over every language and
// normalised once.
type Lexicon struct {
	// PageKinds maps a page kind to its cue phrases in every language.
	PageKinds map[evidence.PageKind][]string
	// Intents maps an intent (addToCart, checkout, guest, ...) to its phrases.
	Intents map[string][]string
	// CommitMoney phrases are never clicked; CommitMoneyOnPayment phrases are
	// never clicked on a checkout or payment step; EndContract phrases (the
	// final control that ends a contract) are never clicked. ProceedTo
	// phrases name a checkout step: a weak word inside one does not refuse.
	CommitMoney, CommitMoneyOnPayment, EndContract, ProceedTo []string
	// CardField and AddressField name fields that take card data or a
	// postal address; OrderReview the headings
	// of a final order review; Logout the links that end the session; SoldOut
	// the options that cannot be chosen.
	CardField, AddressField, OrderReview, PaymentMethod, Logout, SoldOut []string
	// Langs lists the languages loaded.
	Langs []string

	commit, commitOnPayment, endContract, cardField, orderReview, paymentMethod, logout, soldOut, cartTotal, payWithAmount *text.Matcher
	// squeezed holds the refused phrases with their spaces removed, by tier
	// ("placeorder" → "place order"), for letter-spaced or split labels.
	squeezedCommit, squeezedOnPayment map[string]string
}

var lexiconOnce = sync.OnceValues(loadLexicon)

// Lexicons returns the merged vocabulary of every embedded language.
func Lexicons() (*Lexicon, error) { return lexiconOnce() }

func loadLexicon() (*Lexicon, error) {
	all, err := lexicon.All()
	if err != nil {
		return nil, err
	}
	l := &Lexicon{PageKinds: map[evidence.PageKind][]string{}, Intents: map[string][]string{}}
	for _, code := range lexicon.Langs() {
		f := all[code]
		l.Langs = append(l.Langs, code)
		for k, v := range f.PageKinds {
			l.PageKinds[evidence.PageKind(k)] = append(l.PageKinds[evidence.PageKind(k)], normAll(v)...)
		}
		for k, v := range f.Intents {
			l.Intents[k] = append(l.Intents[k], normAll(v)...)
		}
		l.CommitMoney = append(l.CommitMoney, normAll(f.CommitMoney)...)
		l.CommitMoneyOnPayment = append(l.CommitMoneyOnPayment, normAll(f.CommitMoneyOnPayment)...)
		l.EndContract = append(l.EndContract, normAll(f.EndContract)...)
		l.ProceedTo = append(l.ProceedTo, normAll(f.ProceedTo)...)
		l.CardField = append(l.CardField, normAll(f.CardField)...)
		l.AddressField = append(l.AddressField, normAll(f.AddressField)...)
		l.OrderReview = append(l.OrderReview, normAll(f.OrderReview)...)
		l.PaymentMethod = append(l.PaymentMethod, normAll(f.PaymentMethod)...)
		l.Logout = append(l.Logout, normAll(f.Logout)...)
		l.SoldOut = append(l.SoldOut, normAll(f.SoldOut)...)
	}
	l.commit = text.NewMatcher(l.CommitMoney, l.EndContract)
	l.commitOnPayment = text.NewMatcher(l.CommitMoneyOnPayment)
	l.endContract = text.NewMatcher(l.EndContract)
	l.cardField = text.NewMatcher(l.CardField)
	l.orderReview = text.NewMatcher(l.OrderReview)
	l.paymentMethod = text.NewMatcher(l.PaymentMethod)
	l.payWithAmount = text.NewMatcher(lexicon.Collect(func(l *lexicon.Language) []string { return l.PayWithAmount }))
	l.cartTotal = text.NewMatcher(lexicon.Collect(func(l *lexicon.Language) []string { return l.CartTotal }))
	l.squeezedCommit, l.squeezedOnPayment = squeezeAll(l.CommitMoney, l.EndContract), squeezeAll(l.CommitMoneyOnPayment)
	l.logout = text.NewMatcher(l.Logout)
	l.soldOut = text.NewMatcher(l.SoldOut)
	return l, nil
}

func normAll(v []string) []string {
	out := make([]string, 0, len(v))
	for _, s := range v {
		if n := Normalize(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func squeezeAll(lists ...[]string) map[string]string {
	m := map[string]string{}
	for _, l := range lists {
		for _, p := range l {
			m[strings.ReplaceAll(p, " ", "")] = p
		}
	}
	return m
}

// Normalize folds text for matching; it is evidence/text.Normalize, the one
// normaliser of the program.
func Normalize(s string) string { return text.Normalize(s) }

// containsPhrase reports whether normalized text contains phrase as whole words.
func containsPhrase(t, phrase string) bool {
	return text.ContainsNormalized(t, phrase)
}

// MatchAny returns the first phrase of list found in normalized text as
// whole words (evidence/text.MatchAny).
func MatchAny(t string, list []string) (string, bool) { return text.MatchAny(t, list) }

// clip is text.Clip, the program's one way to shorten page text for a record.
func clip(s string, n int) string { return text.Clip(s, n) }

// soldOut reports an option the customer cannot choose ("Out of stock",
// "ausverkauft"); it fails open (false) without a vocabulary: picking a sold
// out option costs a step, not safety.
func soldOut(label string) bool {
	lx, err := Lexicons()
	if err != nil {
		return false
	}
	_, ok := lx.soldOut.Match(label)
	return ok
}
