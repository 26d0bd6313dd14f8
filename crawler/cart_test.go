package crawler

import "testing"

// A total row names a total and, with the total's own words taken out, no
// charge: in every language, not only where the total is called "total".
func TestCartTotalRow(t *testing.T) {
	cw := cartVocab()
	for s, want := range map[string]bool{
		"Total":                   true,
		"Order total":             true,
		"Gesamtsumme":             true,
		"Total TTC":               true,
		"Totale":                  true,
		"Totaal":                  true,
		"Total shipping":          false,
		"Versand":                 false,
		"Wireless headphones":     false,
		"Shipping & handling":     false,
		"Frais de livraison":      false,
		"Total des frais de port": false,
	} {
		if got := cw.isTotal(s); got != want {
			t.Errorf("isTotal(%q) = %v, want %v", s, got, want)
		}
	}
}

// Options the customer cannot choose are told in every language.
func TestSoldOutOptions(t *testing.T) {
	for s, want := range map[string]bool{
		"M — out of stock":          true,
		"Größe 42 (ausverkauft)":    true,
		"38 - Épuisé":               true,
		"XL agotado":                true,
		"Taglia L: non disponibile": true,
		"Maat 44 - uitverkocht":     true,
		"M":                         false,
		"Blue (in stock)":           false,
		"Größe 42":                  false,
	} {
		if got := soldOut(s); got != want {
			t.Errorf("soldOut(%q) = %v, want %v", s, got, want)
		}
	}
}
