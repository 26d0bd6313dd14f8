package price

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/darkaudit/darkaudit/evidence"
)

// priceSeeds are the texts of the table tests, the corpus every fuzz target
// starts from.
var priceSeeds = []string{
	"Add protection +£4.99", "Versicherung für 4,99 €", "only $2/month", "£1,234.50 per year",
	"1.299,00 € pro Monat", "9,99 € / mois", "1 299,00 €", "CHF 12.50", "EUR 5", "99p",
	"Discount −5,00 €", "Qty 2 £5", "Daypack Color: Moss · Qty 1   USD 48.00", "Tent (Moss) × 2 EUR 12,50",
	"Total 48 USD, 12 items", "Bundle 3 USD 5", "Subtotal £20.00 Delivery £3.99",
	"then £14.99/month after trial", "Magazine £4.99pm", "Cover £60 p.a. after year one", "Meal plan £2 pw",
	"call 0800 123 4567", "v1.2.3", "2 items, 12.5 kg", "Order 20261122 on 22.11.2026",
	" (£4.99)* ", "from £4.99", "12€99", "50¢", "US$ 5", "AU$12", "12,- €", "5 zł", "Sfr. 1'234.50",
	"billed monthly", "renews every year until cancelled", "9,99 € par mois", "jährlich kündbar",
	"one-off payment", "Anmeldung", "Free delivery", "Versandkostenfrei ab heute", "Freedom plan",
}

// knownCurrencies are every code the scanner can report: the symbol, dollar
// prefix, ISO code and currency-word tables.
func knownCurrencies() map[string]bool {
	known := map[string]bool{"USD": true, "GBP": true} // "$", pence and cents
	for _, a := range symbols {
		known[a.cur] = true
	}
	for _, c := range dollarPrefixes {
		known[c] = true
	}
	for c := range codes {
		known[c] = true
	}
	for _, w := range words {
		known[w.a.cur] = true
	}
	return known
}

func validPeriod(p string) bool {
	switch p {
	case evidence.PeriodOnce, evidence.PeriodDay, evidence.PeriodWeek, evidence.PeriodMonth, evidence.PeriodYear:
		return true
	}
	return false
}

// FuzzParsePrice checks what FindAll and Parse report for any text: a finite
// amount, negative only behind a minus sign; a known currency; a known
// period; a Text that is a piece of the input holding a digit, whole runes
// when the input is valid UTF-8; and Parse agreeing with FindAll.
func FuzzParsePrice(f *testing.F) {
	for _, s := range priceSeeds {
		f.Add(s)
	}
	known := knownCurrencies()
	f.Fuzz(func(t *testing.T, text string) {
		ps := FindAll(text)
		for _, p := range ps {
			if math.IsNaN(p.Amount) || math.IsInf(p.Amount, 0) {
				t.Fatalf("FindAll(%q): amount %v", text, p.Amount)
			}
			// "-£5" and "€ -5,00" are discounts; nothing else is negative.
			if p.Amount < 0 && !strings.ContainsAny(p.Text, "-−–") {
				t.Errorf("FindAll(%q): negative amount %v without a minus sign in %q", text, p.Amount, p.Text)
			}
			if !known[p.Currency] {
				t.Errorf("FindAll(%q): unknown currency %q", text, p.Currency)
			}
			if !validPeriod(p.Period) {
				t.Errorf("FindAll(%q): unknown period %q", text, p.Period)
			}
			if p.Text == "" || !strings.Contains(text, p.Text) || !strings.ContainsFunc(p.Text, unicode.IsDigit) {
				t.Errorf("FindAll(%q): Text %q is not a piece of the input with a digit", text, p.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p.Text) {
				t.Errorf("FindAll(%q): Text %q splits a rune", text, p.Text)
			}
			if endsMidWord(text, p.Text) {
				t.Errorf("FindAll(%q): Text %q ends inside a word", text, p.Text)
			}
			if p.Amount > 0 && IsFree(text) {
				t.Errorf("IsFree(%q) = true next to the amount %v", text, p.Amount)
			}
		}
		p, ok := Parse(text)
		if ok && (len(ps) != 1 || p != ps[0]) {
			t.Errorf("Parse(%q) = %+v, but FindAll = %+v", text, p, ps)
		}
	})
}

// endsMidWord reports whether piece ends in a letter that every place it
// occurs in text continues with a letter ("£5 /Mon" cut out of "£5 /Monat").
func endsMidWord(text, piece string) bool {
	last, _ := utf8.DecodeLastRuneInString(piece)
	if !unicode.IsLetter(last) {
		return false
	}
	for off := 0; ; {
		k := strings.Index(text[off:], piece)
		if k < 0 {
			return true
		}
		end := off + k + len(piece)
		if next, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsLetter(next) {
			return false
		}
		off += k + 1
	}
}

// FuzzParsePeriod checks that PeriodOf names a known period, and only for a
// text with letters in it.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range priceSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p := PeriodOf(text)
		if !validPeriod(p) {
			t.Fatalf("PeriodOf(%q) = %q", text, p)
		}
		if p != "" && !strings.ContainsFunc(text, unicode.IsLetter) {
			t.Errorf("PeriodOf(%q) = %q from a text without letters", text, p)
		}
		_ = IsFree(text)
	})
}

// formatStyles write an amount of cents the ways shops do; each must parse
// back to the same amount and currency.
var formatStyles = []struct {
	cur    string
	period string
	format func(units, cents uint64) string
}{
	{"GBP", "", func(u, c uint64) string { return fmt.Sprintf("£%s.%02d", group(u, ","), c) }},
	{"EUR", "", func(u, c uint64) string { return fmt.Sprintf("%s,%02d €", group(u, "."), c) }},
	{"EUR", "", func(u, c uint64) string { return fmt.Sprintf("%s,%02d\u00a0€", group(u, "\u202f"), c) }},
	{"CHF", "", func(u, c uint64) string { return fmt.Sprintf("CHF %d.%02d", u, c) }},
	{"USD", "", func(u, c uint64) string { return fmt.Sprintf("%d.%02d USD", u, c) }},
	{"USD", "month", func(u, c uint64) string { return fmt.Sprintf("$%s.%02d/month", group(u, ","), c) }},
	{"EUR", "year", func(u, c uint64) string { return fmt.Sprintf("%s,%02d € pro Jahr", group(u, "."), c) }},
	{"SEK", "", func(u, c uint64) string { return fmt.Sprintf("SEK %s.%02d", group(u, " "), c) }},
}

// group writes n with a separator between groups of three digits.
func group(n uint64, sep string) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzParseFormatted checks that parsing a formatted amount gives back the
// amount, the currency and the period.
func FuzzParseFormatted(f *testing.F) {
	for i, c := range []uint64{499, 0, 123450, 129900, 1250, 4800, 100000000, 99999999999} {
		f.Add(c, uint8(i), false)
	}
	f.Add(uint64(500), uint8(1), true)
	f.Fuzz(func(t *testing.T, cents uint64, style uint8, negative bool) {
		cents %= 1_000_000_000_000 // 12 digits at most: longer runs are identifiers
		st := formatStyles[int(style)%len(formatStyles)]
		text := st.format(cents/100, cents%100)
		want := float64(cents) / 100
		if negative {
			text = "−" + text
			want = -want
		}
		p, ok := Parse(text)
		if !ok {
			t.Fatalf("Parse(%q) failed", text)
		}
		if p.Amount != want || p.Currency != st.cur || p.Period != st.period {
			t.Errorf("Parse(%q) = %v %s %q, want %v %s %q", text, p.Amount, p.Currency, p.Period, want, st.cur, st.period)
		}
		if st.period != "" && PeriodOf(text) != st.period {
			t.Errorf("PeriodOf(%q) = %q, want %q", text, PeriodOf(text), st.period)
		}
	})
}
