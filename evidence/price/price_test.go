package price

import "testing"

func TestFindAll(t *testing.T) {
	type p struct {
		amount   float64
		currency string
		period   string
	}
	cases := []struct {
		text string
		want []p
	}{
		{"Add protection +£4.99", []p{{4.99, "GBP", ""}}},
		{"Versicherung für 4,99 €", []p{{4.99, "EUR", ""}}},
		{"only $2/month", []p{{2, "USD", "month"}}},
		{"£1,234.50 per year", []p{{1234.5, "GBP", "year"}}},
		{"1.299,00 € pro Monat", []p{{1299, "EUR", "month"}}},
		{"9,99 € / mois", []p{{9.99, "EUR", "month"}}},
		{"1 299,00 €", []p{{1299, "EUR", ""}}},
		{"CHF 12.50", []p{{12.5, "CHF", ""}}},
		{"EUR 5", []p{{5, "EUR", ""}}},
		{"99p", []p{{0.99, "GBP", ""}}},
		{"Discount −5,00 €", []p{{-5, "EUR", ""}}},
		{"Qty 2 £5", []p{{5, "GBP", ""}}},
		{"Daypack Color: Moss · Qty 1   USD 48.00", []p{{48, "USD", ""}}},
		{"Tent (Moss) × 2 EUR 12,50", []p{{12.5, "EUR", ""}}},
		{"Total 48 USD, 12 items", []p{{48, "USD", ""}}},
		{"Bundle 3 USD 5", []p{{3, "USD", ""}}},
		{"Subtotal £20.00 Delivery £3.99", []p{{20, "GBP", ""}, {3.99, "GBP", ""}}},
		{"then £14.99/month after trial", []p{{14.99, "GBP", "month"}}},
		{"Magazine £4.99pm", []p{{4.99, "GBP", "month"}}},
		{"Cover £60 p.a. after year one", []p{{60, "GBP", "year"}}},
		{"Meal plan £2 pw", []p{{2, "GBP", "week"}}},
		// Never prices.
		{"call 0800 123 4567", nil},
		{"v1.2.3", nil},
		{"2 items, 12.5 kg", nil},
		{"Order 20261122 on 22.11.2026", nil},
	}
	for _, c := range cases {
		got := FindAll(c.text)
		if len(got) != len(c.want) {
			t.Errorf("FindAll(%q) = %+v, want %d prices", c.text, got, len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			if g.Amount != w.amount || g.Currency != w.currency || g.Period != w.period {
				t.Errorf("FindAll(%q)[%d] = %v %s %q, want %v %s %q", c.text, i, g.Amount, g.Currency, g.Period, w.amount, w.currency, w.period)
			}
		}
	}
}

func TestParse(t *testing.T) {
	if p, ok := Parse(" (£4.99)* "); !ok || p.Amount != 4.99 {
		t.Errorf("Parse = %+v %v", p, ok)
	}
	if _, ok := Parse("from £4.99"); ok {
		t.Error("text around a price is not one price")
	}
}

func TestPeriodOf(t *testing.T) {
	cases := map[string]string{
		"billed monthly":                    "month",
		"renews every year until cancelled": "year",
		"9,99 € par mois":                   "month",
		"jährlich kündbar":                  "year",
		"one-off payment":                   "",
		"Anmeldung":                         "",
	}
	for text, want := range cases {
		if got := PeriodOf(text); got != want {
			t.Errorf("PeriodOf(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestIsFree(t *testing.T) {
	yes := []string{"Free delivery", "Standard delivery (free)", "Versand kostenlos", "Livraison gratuite", "£0.00",
		"Kostenloser Standardversand", "kostenloses Konto", "Versandkostenfrei ab heute", "Frais de port offerts",
		"Envío gratuito", "Spedizione gratuita", "Retours gratuits"}
	no := []string{"Express delivery £6.99", "Free returns, delivery £3.99", "Freedom plan", "−5,00 €", "Gift wrap",
		"Freestyle bundle", "Inclusion statement", "Gratitude card", "Offertory"}
	for _, s := range yes {
		if !IsFree(s) {
			t.Errorf("IsFree(%q) = false", s)
		}
	}
	for _, s := range no {
		if IsFree(s) {
			t.Errorf("IsFree(%q) = true", s)
		}
	}
}
