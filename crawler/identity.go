package crawler

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// Identity is the synthetic customer darkaudit types into forms. Nothing in
// it belongs to a real person: e-mail addresses are at example.com and phone
// numbers come from the ranges reserved for drama and tests.
type Identity struct {
	Country  string // ISO 3166-1 alpha-2
	First    string
	Last     string
	Email    string
	Phone    string
	Street   string
	City     string
	Postcode string
	State    string
	// StateNm is the state's other spelling for select menus that list
	// full names where State is an abbreviation, or the reverse.
	StateNm   string
	CountryNm string
	Password  string
	Message   string
}

var identities = map[string]Identity{
	"GB": {Country: "GB", First: "Alex", Last: "Tester", Phone: "07700 900123", Street: "10 Test Street", City: "London", Postcode: "SW1A 1AA", State: "Greater London", CountryNm: "United Kingdom"},
	"DE": {Country: "DE", First: "Alex", Last: "Prüfer", Phone: "030 12345678", Street: "Teststraße 10", City: "Berlin", Postcode: "10115", State: "Berlin", CountryNm: "Deutschland"},
	"FR": {Country: "FR", First: "Alex", Last: "Testeur", Phone: "01 23 45 67 89", Street: "10 rue de Test", City: "Paris", Postcode: "75001", State: "Île-de-France", CountryNm: "France"},
	"US": {Country: "US", First: "Alex", Last: "Tester", Phone: "(212) 555-0123", Street: "10 Test Street", City: "New York", Postcode: "10001", State: "NY", StateNm: "New York", CountryNm: "United States"},
}

// IdentityFor returns the synthetic identity for a country (GB, DE, FR, US;
// US for any other).
func IdentityFor(country string) Identity {
	id, ok := identities[strings.ToUpper(country)]
	if !ok {
		id = identities["US"]
	}
	id.Email = fmt.Sprintf("darkaudit+%d@example.com", time.Now().UnixNano()%1_000_000)
	id.Password = "Da-audit-2026!synthetic"
	id.Message = "This is a test message sent by an automated audit. Please ignore it."
	return id
}

// CountryOf guesses the site's country from the page language, the top-level
// domain and the currency of its prices.
func CountryOf(s *evidence.Snapshot) string {
	lang := strings.ToLower(s.Lang)
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		switch strings.ToUpper(lang[i+1:]) {
		case "GB", "UK":
			return "GB"
		case "DE", "AT", "CH":
			return "DE"
		case "FR", "BE":
			return "FR"
		case "US":
			return "US"
		}
	}
	if u, err := url.Parse(s.FinalURL); err == nil {
		h := strings.ToLower(u.Hostname())
		switch {
		case strings.HasSuffix(h, ".uk"):
			return "GB"
		case strings.HasSuffix(h, ".de"), strings.HasSuffix(h, ".at"):
			return "DE"
		case strings.HasSuffix(h, ".fr"):
			return "FR"
		case strings.HasSuffix(h, ".us"):
			return "US"
		}
	}
	cur := map[string]int{}
	for _, p := range s.Prices {
		cur[p.Currency]++
	}
	switch {
	case cur["GBP"] > 0 && cur["GBP"] >= cur["EUR"] && cur["GBP"] >= cur["USD"]:
		return "GB"
	case cur["EUR"] > 0 && strings.HasPrefix(lang, "fr"):
		return "FR"
	case cur["EUR"] > 0:
		return "DE"
	case cur["USD"] > 0:
		return "US"
	}
	switch {
	case strings.HasPrefix(lang, "de"):
		return "DE"
	case strings.HasPrefix(lang, "fr"):
		return "FR"
	case lang == "en-gb":
		return "GB"
	}
	return "US"
}

// Field kinds the walker knows how to fill.
const (
	fieldSkip      = "skip"
	fieldCard      = "card"
	fieldPassword  = "password"
	fieldEmail     = "email"
	fieldPhone     = "phone"
	fieldFirst     = "first"
	fieldLast      = "last"
	fieldName      = "name"
	fieldStreet    = "street"
	fieldAddress2  = "address2"
	fieldCity      = "city"
	fieldPostcode  = "postcode"
	fieldState     = "state"
	fieldCountry   = "country"
	fieldCompany   = "company"
	fieldMessage   = "message"
	fieldUnknown   = ""
	fieldCheckable = "checkable"
)

// classifyField says what a form field asks for, from its type, name, label
// and autocomplete token, using the field words of the lexicon.
func classifyField(f evidence.FormField) string {
	key := f.Name + " " + f.Label + " " + f.Autocomplete
	if IsCardField(key) {
		return fieldCard
	}
	switch f.Type {
	case "password":
		return fieldPassword
	case "email":
		return fieldEmail
	case "tel":
		return fieldPhone
	case "search", "file", "range", "color", "hidden":
		return fieldSkip
	case "textarea":
		return fieldMessage
	}
	lx, err := Lexicons()
	if err != nil {
		return fieldSkip
	}
	// Split camelCase names so "firstName" reads as "first name".
	var b strings.Builder
	for i, r := range f.Name {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	texts := []string{Normalize(f.Autocomplete), Normalize(f.Label), Normalize(b.String())}
	order := []struct{ intent, kind string }{
		{"fieldSkip", fieldSkip}, {"fieldEmail", fieldEmail}, {"fieldPhone", fieldPhone},
		{"fieldFirstName", fieldFirst}, {"fieldLastName", fieldLast}, {"fieldAddress2", fieldAddress2},
		{"fieldPostcode", fieldPostcode}, {"fieldCity", fieldCity}, {"fieldState", fieldState},
		{"fieldCountry", fieldCountry}, {"fieldStreet", fieldStreet}, {"fieldCompany", fieldCompany},
		{"fieldMessage", fieldMessage}, {"fieldName", fieldName},
	}
	for _, t := range texts {
		if t == "" {
			continue
		}
		for _, o := range order {
			if _, ok := MatchAny(t, lx.Intents[o.intent]); ok {
				return o.kind
			}
		}
	}
	return fieldUnknown
}

// value is what the identity types into a field of kind k.
func (id Identity) value(k string) (string, bool) {
	switch k {
	case fieldEmail:
		return id.Email, true
	case fieldPhone:
		return id.Phone, true
	case fieldFirst:
		return id.First, true
	case fieldLast:
		return id.Last, true
	case fieldName:
		return id.First + " " + id.Last, true
	case fieldStreet:
		return id.Street, true
	case fieldCity:
		return id.City, true
	case fieldPostcode:
		return id.Postcode, true
	case fieldState:
		return id.State, true
	case fieldCountry:
		return id.CountryNm, true
	case fieldPassword:
		return id.Password, true
	case fieldMessage:
		return id.Message, true
	}
	return "", false
}
