package crawler

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// obfuscated spells "Place order" in the ways real pages do, by accident or
// on purpose.
var obfuscated = map[string]string{
	"soft hyphen":         "Pl\u00adace or\u00adder",
	"zero-width space":    "Pl\u200bace order",
	"zero-width joiner":   "Pla\u200dce order",
	"non-joiner":          "Place\u200c order",
	"word joiner":         "Place or\u2060der",
	"BOM":                 "\ufeffPlace order",
	"NBSP":                "Place\u00a0order",
	"narrow NBSP":         "Place\u202forder",
	"ideographic space":   "Place\u3000order",
	"newline and tab":     "Place\n\torder",
	"full-width":          "ＰＬＡＣＥ ＯＲＤＥＲ",
	"math bold":           "𝐏𝐥𝐚𝐜𝐞 𝐨𝐫𝐝𝐞𝐫",
	"math script":         "𝓟𝓵𝓪𝓬𝓮 𝓸𝓻𝓭𝓮𝓻",
	"Cyrillic":            "Рlасе оrdеr",
	"Greek":               "ΡLΑCΕ ΟRDΕR",
	"upper case":          "PLACE ORDER",
	"arrow and icon":      "Place order →",
	"Hangul filler":       "Place\u3164order",
	"halfwidth filler":    "Place\uffa0order",
	"jamo fillers":        "Pla\u115fce\u1160order",
	"tag characters":      "Pl\U000E0041ace\U000E007F order",
	"Cherokee":            "ᏢᏞᎪᏟᎬ ᎾᎡᎠᎬᎡ",
	"Cherokee small":      "\uabb2\uabae\uab7a\uabaf\uab7c order",
	"Lisu":                "ꓑꓡꓮꓚꓰ ꓳꓣꓓꓰꓣ",
	"Armenian":            "Place օrder",
	"Canadian syllabic":   "ᑭlace order",
	"negative squared":    "🅿🅻🅰🅲🅴 🅾🆁🅳🅴🆁",
	"negative circled":    "🅟🅛🅐🅒🅔 🅞🅡🅓🅔🅡",
	"squared":             "🄿🄻🄰🄲🄴 🄾🅁🄳🄴🅁",
	"regional letters":    "🇵🇱🇦🇨🇪 🇴🇷🇩🇪🇷",
	"split with price":    "Pla\nce or\nder\n£89.00",
	"split in a sentence": "Total £89.00 Pla ce or der now",
	"bidi controls":       "\u202aPla\u200ece\u2066 order\u2069\u202c",
}

func TestGuardRefusesObfuscatedNames(t *testing.T) {
	g := Guard{}
	for how, name := range obfuscated {
		if _, ok := g.Blocks(name, false); !ok {
			t.Errorf("%s: guard lets %q through", how, name)
		}
	}
}

// TestGuardRefusesRealWordings lists wordings real shops put on the final
// button, in every language: each is refused anywhere, not only on a
// recognised payment page.
func TestGuardRefusesRealWordings(t *testing.T) {
	g := Guard{}
	for _, name := range []string{
		"Place order", "Place your order", "Complete purchase", "Complete order", "Submit order", "Confirm order",
		"Confirm and pay", "Pay now", "Order and pay", "Order now with obligation to pay", "Checkout and pay",
		"Complete payment", "Make payment", "Authorize payment", "Start subscription", "Subscribe and pay",
		"Confirm subscription", "Confirm purchase", "Pay £12.99", "Pay €49,00", "Zahlen 49,00 €", "Jetzt 49,00 € zahlen", "End contract now", "Confirm cancellation",
		"Zahlungspflichtig bestellen", "Kostenpflichtig bestellen", "Bestellung abschicken", "Bestellung absenden",
		"Jetzt zahlen", "Bezahlen", "Kauf abschließen", "Kauf abschliessen", "Bestellung abschließen",
		"Verbindlich bestellen", "Zahlungspflichtig abonnieren", "Jetzt kündigen",
		"Commander avec obligation de paiement", "Commander et payer", "Valider la commande", "Payer",
		"Confirmer l'achat", "Confirmer l’achat",
		"Realizar pedido", "Pagar ahora", "Confirmar compra", "Finalizar pedido",
		"Confermare l'ordine", "Conferma l'ordine", "Paga ora", "Effettua ordine",
		"Bestelling plaatsen", "Nu betalen", "Bestellen met betalingsverplichting", "Bestelling afronden",
	} {
		if _, ok := g.Blocks(name, false); !ok {
			t.Errorf("guard lets %q through", name)
		}
	}
	// Weak words commit only on a cart, checkout or payment step.
	for _, name := range []string{"Buy now", "Confirm", "Jetzt kaufen", "Kaufen", "Jetzt bestellen", "Acheter",
		"Acquista ora", "Procedi con l'ordine", "Comprar ahora", "Nu kopen",
		// The cart's checkout button on many French and Dutch shops, the last
		// button on others: refused only where it can commit.
		"Passer la commande", "Betalen"} {
		if _, ok := g.Blocks(name, false); ok {
			t.Errorf("guard blocks %q off the payment step", name)
		}
		if _, ok := g.Blocks(name, true); !ok {
			t.Errorf("guard lets %q through on the payment step", name)
		}
	}
}

// TestGuardLetsTheWalkerWork proves the guard's precision: what the walker
// must click to reach a checkout stays clickable, even on a checkout step.
func TestGuardLetsTheWalkerWork(t *testing.T) {
	g := Guard{}
	for _, name := range []string{
		"Add to cart", "Add to basket", "Proceed to checkout", "Go to checkout", "Checkout", "Continue",
		"Continue to payment", "Continue to delivery", "Save and continue", "Next step", "Continue as guest",
		"Review order", "Apply coupon", "PayPal info", "Payment options", "Payment method", "View basket",
		"In den Warenkorb", "Zur Kasse", "Weiter zur Kasse", "Weiter", "Weiter zur Zahlung",
		"Ajouter au panier", "Continuer", "Passer commande", "Añadir al carrito", "Tramitar pedido", "Finalizar compra",
		"Aggiungi al carrello", "Procedi all'acquisto", "Vai alla cassa", "In winkelwagen", "Afrekenen", "Doorgaan",
	} {
		if p, ok := g.Blocks(name, true); ok {
			t.Errorf("guard blocks harmless %q on a checkout step (%q)", name, p)
		}
	}
	// The walker clicks these with the weak tier off; links to a cancel page
	// stay open to the explorer.
	for _, name := range []string{"Als Gast bestellen", "Buy now", "Jetzt kaufen", "Acheter maintenant", "Cancel subscription",
		"Verträge hier kündigen", "Kündigen", "End contract", "Manage subscription", "Zahlen und Fakten"} {
		if p, ok := g.Blocks(name, false); ok {
			t.Errorf("guard blocks harmless %q off the payment step (%q)", name, p)
		}
	}
}

// TestGuardProceedTo: a weak word inside a named checkout step does not
// refuse it on a checkout page, a weak word beside one still does, and a
// strong phrase always does.
func TestGuardProceedTo(t *testing.T) {
	g := Guard{}
	for _, name := range []string{"Verder naar betalen", "Ga verder naar betalen", "Valider la livraison", "Valider mon adresse",
		"Confirm address", "Adresse bestätigen", "Confirmar dirección", "Conferma indirizzo"} {
		if p, ok := g.Blocks(name, true); ok {
			t.Errorf("guard blocks step %q on a checkout page (%q)", name, p)
		}
	}
	for _, name := range []string{"Valider mon adresse et acheter", "Verder naar betalen en bestellen", "Confirm address and buy",
		"Confirm address and pay", "Adresse bestätigen und zahlungspflichtig bestellen"} {
		if _, ok := g.Blocks(name, true); !ok {
			t.Errorf("guard lets %q through on a checkout page", name)
		}
	}
}

// TestGuardLooksAtEveryName: an innocent visible label does not hide a
// refused title or aria-label.
func TestGuardLooksAtEveryName(t *testing.T) {
	g := Guard{}
	if _, ok := g.BlocksAny([]string{"→", "Continue", "Place order"}, false); !ok {
		t.Error("BlocksAny missed the third name")
	}
	if _, ok := g.BlocksAny([]string{"Continue", ""}, false); ok {
		t.Error("BlocksAny blocked harmless names")
	}
	if _, ok := (Guard{AllowSubmit: true}).BlocksAny([]string{"Place order"}, true); ok {
		t.Error("--allow-submit did not lift the guard")
	}
}

func TestIsCardField(t *testing.T) {
	for _, k := range []string{"cc-number", "cardNumber", "card_number Card number", "Kartennummer", "Numéro de carte", "CVC", "cc-exp", "Prüfnummer"} {
		if !IsCardField(k) {
			t.Errorf("IsCardField(%q) = false", k)
		}
	}
	for _, k := range []string{"postcode", "email", "first name", "street address"} {
		if IsCardField(k) {
			t.Errorf("IsCardField(%q) = true", k)
		}
	}
}

// guardPhrases are refused everywhere; the fuzz target disguises them.
var guardPhrases = []string{"Place order", "Zahlungspflichtig bestellen", "Commander et payer", "Complete purchase",
	"Submit order", "Bestellung abschicken", "Realizar pedido", "Bestelling plaatsen", "Confirm and pay", "Kauf abschließen"}

// disguise rewrites s with random insertions and substitutions a page could
// use to hide it: format characters inside words, odd spaces, case changes,
// full-width and mathematical letters, Cyrillic and Greek look-alikes.
func disguise(s string, rng *rand.Rand) string {
	invisible := []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e",
		"\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\U000E0041", "\U000E0001", "\u180b", "\ufe0f", "\u034f",
		// Hangul fillers draw as a blank: they split a word like a space.
		"\u3164", "\u115f", "\u1160", "\uffa0"}
	spaces := []string{" ", "\u00a0", "\u202f", "\u3000", "\u2009", "\t", "\n", "  "}
	homoglyph := map[rune][]rune{
		'a': {'а', 'α'}, 'c': {'с', 'ϲ'}, 'e': {'е'}, 'i': {'і'}, 'o': {'о', 'ο'}, 'p': {'р', 'ρ'},
		's': {'ѕ'}, 'x': {'х'}, 'y': {'у'}, 'j': {'ј'}, 'l': {'ꓡ', 'Ꮮ'}, 'r': {'ꓣ', 'Ꭱ'}, 'd': {'ꓓ', 'Ꭰ'},
		'A': {'А', 'Α', 'ꓮ', 'Ꭺ'}, 'B': {'В', 'Β'}, 'C': {'С'}, 'E': {'Е', 'Ε'}, 'H': {'Н', 'Η'}, 'K': {'К', 'Κ'},
		'M': {'М', 'Μ'}, 'O': {'О', 'Ο', 'ꓳ', 'Ꮎ', 'օ'}, 'P': {'Р', 'Ρ', 'Ꮲ', 'ꓑ', 'ᑭ'}, 'T': {'Т', 'Τ'}, 'X': {'Х', 'Χ'},
		'L': {'Ꮮ', 'ꓡ'}, 'D': {'Ꭰ', 'ꓓ'}, 'R': {'Ꭱ', 'ꓣ'},
	}
	var b strings.Builder
	for _, r := range s {
		if r == ' ' {
			b.WriteString(spaces[rng.IntN(len(spaces))])
			continue
		}
		switch rng.IntN(4) {
		case 0:
			r = []rune(strings.ToUpper(string(r)))[0]
		case 1:
			r = []rune(strings.ToLower(string(r)))[0]
		}
		switch rng.IntN(6) {
		case 0:
			if r >= '!' && r <= '~' {
				r += 0xFF01 - '!' // full-width
			}
		case 1:
			if r >= 'A' && r <= 'Z' {
				r = 0x1D400 + (r - 'A') // mathematical bold capital
			} else if r >= 'a' && r <= 'z' {
				r = 0x1D41A + (r - 'a') // mathematical bold small
			}
		case 2:
			if hs, ok := homoglyph[r]; ok {
				r = hs[rng.IntN(len(hs))]
			}
		case 3:
			// Enclosed capitals: negative squared, negative circled, squared.
			bases := []rune{0x1F170, 0x1F150, 0x1F130}
			if u := []rune(strings.ToUpper(string(r)))[0]; u >= 'A' && u <= 'Z' {
				r = bases[rng.IntN(len(bases))] + (u - 'A')
			}
		}
		b.WriteRune(r)
		if rng.IntN(3) == 0 {
			b.WriteString(invisible[rng.IntN(len(invisible))])
		}
	}
	return b.String()
}

// FuzzGuardObfuscation feeds random disguises of refused phrases to the
// guard and asserts none gets through.
func FuzzGuardObfuscation(f *testing.F) {
	for i := range guardPhrases {
		f.Add(uint8(i), uint64(i)*7919)
	}
	g := Guard{}
	f.Fuzz(func(t *testing.T, which uint8, seed uint64) {
		phrase := guardPhrases[int(which)%len(guardPhrases)]
		name := disguise(phrase, rand.New(rand.NewPCG(seed, seed>>7)))
		if !utf8.ValidString(name) {
			t.Skip()
		}
		if _, ok := g.Blocks(name, false); !ok {
			t.Fatalf("guard lets %q (disguised %q) through; normalised %q", name, phrase, Normalize(name))
		}
	})
}

// TestGuardSparesEveryWalkerIntent: no phrase the walker clicks to reach a
// checkout, in any language, is refused by the strong tier, which applies on
// every page.
func TestGuardSparesEveryWalkerIntent(t *testing.T) {
	lx, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	g := Guard{}
	for _, in := range []string{"addToCart", "cart", "checkout", "continue", "guest", "signup", "product", "back", "reject", "close", "accept", "contact", "pricing"} {
		for _, p := range lx.Intents[in] {
			if phrase, ok := g.Blocks(p, false); ok {
				t.Errorf("intent %s: guard refuses %q (%q) on every page", in, p, phrase)
			}
		}
	}
}

// TestGuardJudge covers the guard's verdict on what the page reports about a
// control: box steps, the final-checkout rule and nameless hosts.
func TestGuardJudge(t *testing.T) {
	s := &session{}
	card := []string{"cc-number  Card number cc-number  "}
	for _, c := range []struct {
		what string
		req  clickReq
		info guardInfo
		bad  bool
	}{
		{"plain continue", clickReq{onPayment: true}, guardInfo{Names: []string{"Continue"}}, false},
		{"names joined", clickReq{}, guardInfo{Names: []string{"Place ", "order", "Place order"}}, true},
		{"check on a submit button", clickReq{box: true}, guardInfo{Names: []string{"Continue"}, Submits: true}, true},
		{"check on a checkbox", clickReq{box: true, final: true}, guardInfo{Names: []string{"I accept the terms"}, Checkable: true, Fields: card}, false},
		{"type=button in a card form on the final page", clickReq{final: true}, guardInfo{Names: []string{"Continue"}, Fields: card}, true},
		{"type=button in a card form before the final page", clickReq{}, guardInfo{Names: []string{"Continue"}, Fields: card}, false},
		{"label for a submit on the final page", clickReq{final: true}, guardInfo{Names: []string{"Continue"}, Submits: true}, true},
		{"nameless custom element on a payment step", clickReq{onPayment: true}, guardInfo{Opaque: true}, true},
		{"nameless custom element elsewhere", clickReq{}, guardInfo{Opaque: true}, false},
	} {
		info := c.info
		if _, bad := s.judge(c.req, &info); bad != c.bad {
			t.Errorf("%s: refused = %v, want %v", c.what, bad, c.bad)
		}
	}
	s.guard.AllowSubmit = true
	if p, bad := s.judge(clickReq{box: true, final: true, onPayment: true}, &guardInfo{Names: []string{"Place order"}, Submits: true, Opaque: true}); bad {
		t.Errorf("--allow-submit did not lift the guard (%q)", p)
	}
}
