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
