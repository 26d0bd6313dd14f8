package text

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Place order", "place order"},
		{"Pl\u00adace order", "place order"},
		{"Pl\u200bace order", "place order"},
		{"Pl\u200cace\u200d order", "place order"},
		{"Pla\u2060ce\ufeff order", "place order"},
		{"Place\u00a0order", "place order"},
		{"Place\u202forder", "place order"},
		{"Place\u3000order", "place order"},
		{"  Place\t\n order  ", "place order"},
		{"ＰＬＡＣＥ ＯＲＤＥＲ", "place order"},
		{"𝐏𝐥𝐚𝐜𝐞 𝐨𝐫𝐝𝐞𝐫", "place order"},
		{"𝓟𝓵𝓪𝓬𝓮 𝓸𝓻𝓭𝓮𝓻", "place order"},
		{"Рlасе оrdеr", "place order"}, // Cyrillic Р а с о е
		{"ΡLΑCΕ ΟRDΕR", "place order"}, // Greek Ρ Α Ε Ο
		{"purϲhase", "purchase"},       // Greek lunate sigma, which NFKD turns into ς
		{"Zahlungspflichtig bestellen", "zahlungspflichtig bestellen"},
		{"Kauf abschließen", "kauf abschliessen"},
		{"HINZUFÜGEN", "hinzufugen"},
		{"añadir", "anadir"},
		{"Œuvre Æsir Øre Łódź", "oeuvre aesir ore lodz"},
		{"Confirmer l’achat", "confirmer l achat"},
		{"e-mail me!", "e mail me"},
		{"£12.99/month", "12 99 month"},
		{"ﬁnish", "finish"},
		{"", ""},
		{"\u200b\u00ad", ""},
		// Hangul fillers are letters that draw as a blank: a space.
		{"Place\u3164order", "place order"},
		{"Place\u115Forder", "place order"},
		{"Place\u1160order", "place order"},
		{"Place\uFFA0order", "place order"},
		{"\u3164Place order\u3164", "place order"},
		// Every other default-ignorable character vanishes.
		{"Pla\u200ece\u200f or\u202ader\u202c", "place order"},
		{"Pl\u2066ace\u2069 o\u202erder\u202d", "place order"},
		{"Pl\U000E0041ace\U000E007F order\U000E0001", "place order"},
		{"Pla\u180bce\u180f or\ufe0fder\ufe00", "place order"},
		{"Pla\u034fce order\U000E0100", "place order"},
		{"한국어 텍스트", "한국어 텍스트"},
		// Look-alikes from other scripts and enclosed letters.
		{"ᏢᏞᎪᏟᎬ ᎾᎡᎠᎬᎡ", "place order"},                          // Cherokee capitals
		{"\uabb2\uabae\uab7a\uabaf\uab7c order", "place order"}, // Cherokee small letters
		{"ꓑꓡꓮꓚꓰ ꓳꓣꓓꓰꓣ", "place order"},                          // Lisu
		{"Place օrder", "place order"},                          // Armenian օ
		{"ᑭlace order", "place order"},                          // Canadian syllabics ᑭ
		{"🅿🅻🅰🅲🅴 🅾🆁🅳🅴🆁", "place order"},                          // negative squared
		{"🅟🅛🅐🅒🅔 🅞🅡🅓🅔🅡", "place order"},                          // negative circled
		{"🄿🄻🄰🄲🄴 🄾🅁🄳🄴🅁", "place order"},                          // squared
		{"🇵🇱🇦🇨🇪 🇴🇷🇩🇪🇷", "place order"},                          // regional indicators
		{"🅿\ufe0f🅻🅰🅲🅴 order", "place order"},                    // with an emoji variation selector
		// Latin text and digits are untouched.
		{"Größe 10 × 20 cm, 0,99 €", "grosse 10 20 cm 0 99"},
		{"Où est la caisse ? Déjà 1 article", "ou est la caisse deja 1 article"},
		{"¿Añadir 2 artículos al carrito?", "anadir 2 articulos al carrito"},
		{"Jetzt für 19,99 € kaufen", "jetzt fur 19 99 kaufen"},
		{"Commande n° 0123456789", "commande n 0123456789"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher([]string{"place order", "*versicherung", "versand*", "pay"})
	cases := []struct {
		in, want string
	}{
		{"Please PLACE\u00a0ORDER now", "place order"},
		{"Reiseversicherung hinzufügen", "versicherung"},
		{"Versicherung", "versicherung"},
		{"Versandkosten", "versand"},
		{"Payment details", ""}, // "pay" is a whole word, not a prefix
		{"Pay £12.99", "pay"},
		{"replace orders", ""},
		{"", ""},
	}
	for _, c := range cases {
		got, _ := m.Match(c.in)
		if got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if !Contains("Jetzt zahlungs\u00adpflichtig bestellen", "zahlungspflichtig bestellen") {
		t.Error("Contains missed a soft-hyphenated phrase")
	}
	if p, ok := MatchAny("ＰＡＹ ＮＯＷ", []string{"buy", "pay now"}); !ok || p != "pay now" {
		t.Errorf("MatchAny = %q %v", p, ok)
	}
}

// FuzzNormalize checks that Normalize is idempotent, yields valid UTF-8 with
// single inner spaces and never panics.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Pl\u200bace order", "ＰＬＡＣＥ", "Straße", "a  b", "\xff\xfe",
		"Place\u3164order", "\u115F\u1160\uFFA0", "Pl\U000E0041ace\u202e order", "한\u3164국"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
	})
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"020\u200b 7946\u00a00321": "020 7946 0321",
		"ｈｅｌｌｏ＠ｓｈｏｐ．ｅｘａｍｐｌｅ":       "hello@shop.example",
		"Straße 5\u00ad":           "Straße 5",
		"plain text":               "plain text",
		"Place\u3164order\u202e":   "Place order",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Place order", 20, "Place order"},
		{"Place order", 11, "Place order"},
		{"Place order", 6, "Place…"},
		{"Zahlungspflichtig bestellen", 5, "Zahl…"},
		{"ÄÖÜäöü", 3, "ÄÖ…"},
		{"日本語のテキスト", 4, "日本語…"},
		{"x", 0, ""},
	} {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if utf8.RuneCountInString(Clip(c.in, c.n)) > max(c.n, 0) || !utf8.ValidString(Clip(c.in, c.n)) {
			t.Errorf("Clip(%q, %d) is too long or not valid text", c.in, c.n)
		}
	}
}
