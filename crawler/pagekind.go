package crawler

import (
	"net/url"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// Page kinds: the crawler's short names for evidence's list, so a kind is
// spelled once (evidence/vocabulary.go).
const (
	KindHome     = evidence.PageHome
	KindProduct  = evidence.PageProduct
	KindCart     = evidence.PageCart
	KindCheckout = evidence.PageCheckout
	KindSignup   = evidence.PageSignup
	KindPricing  = evidence.PagePricing
	KindAccount  = evidence.PageAccount
	KindCancel   = evidence.PageCancel
	KindContact  = evidence.PageContact
	KindHelp     = evidence.PageHelp
	KindTerms    = evidence.PageTerms
	KindLogin    = evidence.PageLogin
	KindOther    = evidence.PageOther
)

// ClassifyPage says what kind of page a snapshot shows, from its URL path,
// title, headings and forms, scored against the page-kind lexicon.
func ClassifyPage(s *evidence.Snapshot) evidence.PageKind {
	lx, err := Lexicons()
	if err != nil {
		return KindOther
	}
	u, _ := url.Parse(s.URL)
	path := ""
	if u != nil {
		path = Normalize(strings.NewReplacer("-", " ", "_", " ", ".html", "", ".htm", "", ".php", "").Replace(u.Path))
		if u.Path == "" || u.Path == "/" || strings.EqualFold(u.Path, "/index.html") || (u.Fragment == "" && len(strings.Trim(u.Path, "/")) <= 2) {
			return KindHome
		}
	}
	title := Normalize(s.Title)
	var headings []string
	for _, n := range s.Nodes {
		if n.HiddenBy == "" && (n.Tag == "h1" || n.Tag == "h2") && n.Box.Y < 900 {
			headings = append(headings, Normalize(n.Text))
		}
	}
	heading := strings.Join(headings, " | ")
	hasCard, hasPassword, hasAddress := false, false, false
	for _, f := range s.Forms {
		for _, fld := range f.Fields {
			key := strings.ToLower(fld.Name + " " + fld.Label + " " + fld.Autocomplete)
			if IsCardField(key) {
				hasCard = true
			}
			if fld.Type == "password" {
				hasPassword = true
			}
			if containsHint(key, lx.AddressField) {
				hasAddress = true
			}
		}
	}
	score := map[evidence.PageKind]float64{}
	for kind, words := range lx.PageKinds {
		for _, w := range words {
			if containsPhrase(path, w) {
				score[kind] += 3
			}
			if containsPhrase(title, w) {
				score[kind] += 2
			}
			if containsPhrase(heading, w) {
				score[kind] += 2
			}
		}
	}
	if hasCard || hasAddress {
		score[KindCheckout] += 3
	}
	if hasPassword {
		score[KindSignup] += 1
		score[KindLogin] += 1
	}
	if s.Cart != nil {
		score[KindCart] += 2
		score[KindCheckout] += 1
	}
	for _, c := range s.Clickables {
		n := Normalize(c.Name)
		if _, ok := MatchAny(n, lx.Intents["addToCart"]); ok && c.Region != "header" && c.Region != "nav" {
			score[KindProduct] += 2
			break
		}
	}
	best, bestScore := KindOther, 1.5
	for _, k := range []evidence.PageKind{KindCheckout, KindCart, KindCancel, KindSignup, KindLogin, KindPricing, KindAccount, KindProduct, KindContact, KindHelp, KindTerms} {
		if score[k] > bestScore {
			best, bestScore = k, score[k]
		}
	}
	return best
}
