package contacts

import "testing"

func TestPhones(t *testing.T) {
	cases := []struct {
		text, region string
		want         []string // E.164
		premium      bool
	}{
		{"Call us on 020 7946 0018 or email help@shop.example", "GB", []string{"+442079460018"}, false},
		{"Call us on 020 7946 0018", "", []string{"+442079460018"}, false},
		{"Retention team: 0906 123 4567 (calls cost £3.60/min)", "GB", []string{"+449061234567"}, true},
		{"Hotline: +49 30 1234567", "", []string{"+49301234567"}, false},
		{"Hotline: 030 1234567", "DE", []string{"+49301234567"}, false},
		{"Service client : 01 23 45 67 89", "FR", []string{"+33123456789"}, false},
		{"Service client 0899 12 34 56", "FR", []string{"+33899123456"}, true},
		{`<a href="tel:+442079460018">Call</a>`, "", []string{"+442079460018"}, false},
		{"(415) 555-0132", "US", []string{"+14155550132"}, false},
		// Not phone numbers.
		{"Order 20261122 shipped on 2026-11-22", "GB", nil, false},
		{"Total £1,234,567.00", "GB", nil, false},
		{"Version 1.2.3.4", "", nil, false},
	}
	for _, c := range cases {
		got := Phones(c.text, c.region)
		if len(got) != len(c.want) {
			t.Errorf("Phones(%q, %q) = %+v, want %v", c.text, c.region, got, c.want)
			continue
		}
		for i, w := range c.want {
			if got[i].Normalized != w || got[i].Kind != "phone" {
				t.Errorf("Phones(%q)[%d] = %+v, want %s", c.text, i, got[i], w)
			}
			if got[i].PremiumRate != c.premium {
				t.Errorf("Phones(%q)[%d] premium = %v, want %v", c.text, i, got[i].PremiumRate, c.premium)
			}
		}
	}
}

func TestPremiumRate(t *testing.T) {
	if !PremiumRate("+449061234567") {
		t.Error("0906 is premium rate in GB")
	}
	if PremiumRate("+442079460018") {
		t.Error("020 is a geographic London number")
	}
}

func TestEmails(t *testing.T) {
	got := Emails("Write to Help@Shop.Example or support@streamnest.co.uk; logo@2x.png is an image")
	if len(got) != 2 || got[0].Normalized != "help@shop.example" || got[1].Normalized != "support@streamnest.co.uk" {
		t.Errorf("Emails = %+v", got)
	}
}

func TestAddresses(t *testing.T) {
	yes := []string{
		"StreamNest Ltd, 12 Baker Street, London NW1 6XE",
		"Musterladen GmbH, Hauptstraße 5, 10115 Berlin",
		"Boutique SAS, 10 rue de Rivoli, 75001 Paris",
		"Acme Inc., 500 Market St, San Francisco, CA 94105",
	}
	for _, s := range yes {
		if got := Addresses(s); len(got) != 1 {
			t.Errorf("Addresses(%q) = %+v, want one", s, got)
		}
	}
	no := []string{
		"Free delivery on orders over £50",
		"We ship 5 items in 12345 ways", // a postcode-like number without a street
		"Walk down the road for 10 minutes",
	}
	for _, s := range no {
		if got := Addresses(s); len(got) != 0 {
			t.Errorf("Addresses(%q) = %+v, want none", s, got)
		}
	}
}

func TestRegionFor(t *testing.T) {
	cases := []struct{ lang, host, want string }{
		{"en-GB", "127.0.0.1", "GB"},
		{"de", "shop.example", "DE"},
		{"en", "shop.example.co.uk", "GB"},
		{"fr", "boutique.example.fr", "FR"},
		{"en", "127.0.0.1", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := RegionFor(c.lang, c.host); got != c.want {
			t.Errorf("RegionFor(%q, %q) = %q, want %q", c.lang, c.host, got, c.want)
		}
	}
}

// TestDisguisedContacts: a number or address written with full-width digits,
// zero-width characters or odd spaces is still found.
func TestDisguisedContacts(t *testing.T) {
	if ps := Phones("Call ０２０\u200b ７９４６\u00a0０３２１", "GB"); len(ps) != 1 || ps[0].Normalized != "+442079460321" {
		t.Errorf("Phones = %+v", ps)
	}
	if es := Emails("hel\u200blo@fairfield-outdoor.example"); len(es) != 1 || es[0].Normalized != "hello@fairfield-outdoor.example" {
		t.Errorf("Emails = %+v", es)
	}
}
