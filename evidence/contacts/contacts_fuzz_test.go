package contacts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/darkaudit/darkaudit/evidence"
)

// contactSeeds are the texts of the table tests, each with a region hint.
var contactSeeds = []struct{ text, region string }{
	{"Call us on 020 7946 0018 or email help@shop.example", "GB"},
	{"Call us on 020 7946 0018", ""},
	{"Retention team: 0906 123 4567 (calls cost £3.60/min)", "GB"},
	{"Hotline: +49 30 1234567", ""},
	{"Hotline: 030 1234567", "DE"},
	{"Service client : 01 23 45 67 89", "FR"},
	{"Service client 0899 12 34 56", "FR"},
	{`<a href="tel:+442079460018">Call</a>`, ""},
	{`<a href="tel:%2B44%2020%207946%200018">Call</a>`, ""},
	{"(415) 555-0132", "US"},
	{"Order 20261122 shipped on 2026-11-22", "GB"},
	{"Total £1,234,567.00", "GB"},
	{"Version 1.2.3.4", ""},
	{"Write to Help@Shop.Example or support@streamnest.co.uk; logo@2x.png is an image", ""},
	{"StreamNest Ltd, 12 Baker Street, London NW1 6XE", "GB"},
	{"Musterladen GmbH, Hauptstraße 5, 10115 Berlin", "DE"},
	{"Boutique SAS, 10 rue de Rivoli, 75001 Paris", "FR"},
	{"Acme Inc., 500 Market St, San Francisco, CA 94105", "US"},
	{"Free delivery on orders over £50", "GB"},
	{"We ship 5 items in 12345 ways", ""},
	{"Walk down the road for 10 minutes", ""},
}

// collapse joins the words of s with single spaces, as Addresses writes them.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// gluedToCurrency reports whether every place v occurs in text follows a
// currency sign or "#".
func gluedToCurrency(text, v string) bool {
	found := false
	for off := 0; ; {
		k := strings.Index(text[off:], v)
		if k < 0 {
			return found
		}
		r, _ := utf8.DecodeLastRuneInString(text[:off+k])
		if !strings.ContainsRune("£$€#", r) {
			return false
		}
		found = true
		off += k + 1
	}
}

// FuzzFindContacts checks that the finders never panic and report only what
// the text holds: phone numbers written in it (or in an escaped tel: link)
// that are valid, with a true E.164 form and premium flag; e-mail addresses
// written in it; addresses that are a stretch of it with spaces collapsed.
func FuzzFindContacts(f *testing.F) {
	for _, s := range contactSeeds {
		f.Add(s.text, s.region)
	}
	f.Fuzz(func(t *testing.T, text, region string) {
		for _, c := range Phones(text, region) {
			if c.Kind != evidence.ContactPhone || c.Value == "" {
				t.Errorf("Phones(%q): %+v", text, c)
			}
			if !strings.Contains(text, c.Value) && !(strings.Contains(strings.ToLower(text), "tel:") && strings.Contains(text, "%")) {
				t.Errorf("Phones(%q): %q is not in the text", text, c.Value)
			}
			if gluedToCurrency(text, c.Value) {
				t.Errorf("Phones(%q): %q is glued to a currency sign: a price, not a number", text, c.Value)
			}
			n, err := phonenumbers.Parse(c.Normalized, "")
			if err != nil || !phonenumbers.IsValidNumber(n) || phonenumbers.Format(n, phonenumbers.E164) != c.Normalized {
				t.Errorf("Phones(%q): %q is not a valid E.164 number (%v)", text, c.Normalized, err)
			}
			if PremiumRate(c.Normalized) != c.PremiumRate {
				t.Errorf("Phones(%q): %q premium = %v, PremiumRate says %v", text, c.Normalized, c.PremiumRate, !c.PremiumRate)
			}
		}
		for _, c := range Emails(text) {
			if c.Kind != evidence.ContactEmail || !strings.Contains(text, c.Value) || c.Normalized != strings.ToLower(c.Value) {
				t.Errorf("Emails(%q): %+v", text, c)
			}
			if strings.Count(c.Value, "@") != 1 || !strings.Contains(c.Value[strings.Index(c.Value, "@"):], ".") {
				t.Errorf("Emails(%q): %q is not an address", text, c.Value)
			}
		}
		whole := collapse(text)
		for _, c := range Addresses(text) {
			if c.Kind != evidence.ContactAddress || c.Value == "" || !strings.Contains(whole, c.Value) || c.Normalized != strings.ToLower(c.Value) {
				t.Errorf("Addresses(%q): %+v", text, c)
			}
		}
	})
}
