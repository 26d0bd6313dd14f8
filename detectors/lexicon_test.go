package detectors

import (
	"reflect"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// The completeness of every language file is tested where the files live,
// in evidence/lexicon.

// TestLexiconMatching checks the matching rules on words every shop uses.
func TestLexiconMatching(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		field      func(*Lexicon) []string
		want       string
	}{
		{"en", "Add travel insurance (+£4.99)", addonWords, "insurance"},
		{"en", "Remember me", addonWords, ""}, // "member" is a whole word only
		{"en", "Keep me signed in", functionalWords, "keep me signed in"},
		{"de", "Reiseversicherung für 4,99 € hinzufügen", addonWords, "versicherung"},
		{"de", "Klimaneutraler Versand", addonWords, "klimaneutral"},
		{"de", "Ja, ich möchte den Newsletter erhalten", consentWords, "newsletter"},
		{"fr", "Ajouter l'assurance casse", addonWords, "assurance"},
		{"fr", "Emballage cadeau 3,50 €", addonWords, "emballage cadeau"},
		{"es", "Añadir seguro de envío", addonWords, "seguro"},
		{"it", "Aggiungi assicurazione viaggio", addonWords, "assicurazione"},
		{"nl", "Pakketbescherming toevoegen", addonWords, "pakketbescherming"},
		{"en", "In stock (24)", facetWords, "in stock"},
		{"de", "Nach Marke filtern", filterWords, "filtern"},
		{"en", "Use my £5.00 store credit", discountWords, "store credit"},
	} {
		got := lexMatch(lexiconsFor(tc.lang), tc.text, tc.field)
		if tc.want == "" && got != "" || tc.want != "" && normalize(got) != normalize(tc.want) {
			t.Errorf("%s %q: matched %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

// TestPriceSpans checks which amounts in a label state what it costs.
func TestPriceSpans(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       []float64
	}{
		{"en", "Add travel insurance (+£4.99)", []float64{4.99}},
		{"en", "Under £20", nil},
		{"en", "£20 - £50", nil},
		{"en", "£20 to £50", nil},
		{"en", "£50 & up", nil},
		{"en", "Free delivery on orders over £50", nil},
		{"en", "Add device protection for $2/month", []float64{2}},
		{"de", "Rundum-Sorglos-Schutzpaket 1.299,00 €", []float64{1299}},
		{"de", "Spende EUR 5 an die Kinderhilfe", []float64{5}},
		{"de", "unter 20 €", nil},
		{"de", "20 € bis 50 €", nil},
		{"fr", "Assurance à 4,99 €", []float64{4.99}},
		{"fr", "moins de 20 €", nil},
		{"en", "Blue Kettle £29.99 (was £34.99)", []float64{29.99, 34.99}},
		{"en", "Get £5 off your first order", nil},
		{"en", "Save £10 a year with Plus", nil},
		{"de", "5 € Rabatt auf die erste Bestellung", nil},
	} {
		var got []float64
		for _, p := range costPrices(lexiconsFor(tc.lang), tc.text) {
			got = append(got, p.Amount)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %q: costs %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

// A family's own word lists are read by name from the lexicon's families
// section, matched like every other list (normalised, whole words).
func TestFamilyWords(t *testing.T) {
	l := &Lexicon{Lang: "en", Families: map[string]map[string][]string{
		"confirmshaming": {"shame": {"i hate saving", "*verzicht"}}}}
	shame := familyWords(evidence.FamilyConfirmshaming, "shame")
	for text, want := range map[string]string{
		"No thanks, I H\u00adATE saving money": "i hate saving",
		"Ich möchte auf Rabatte Verzicht üben": "verzicht",
		"Rabattverzicht":                       "verzicht",
		"No thanks":                            "",
	} {
		if got := lexMatch([]*Lexicon{l}, text, shame); got != want {
			t.Errorf("lexMatch(%q) = %q, want %q", text, got, want)
		}
	}
	if got := lexMatch([]*Lexicon{l}, "i hate saving", familyWords(evidence.FamilyUrgency, "shame")); got != "" {
		t.Errorf("another family's list matched %q", got)
	}
}
