package detectors

import (
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestContactRequest checks the grammar both ways: first-person requests to
// be contacted in every language, and functional requests that must stay
// silent.
func TestContactRequest(t *testing.T) {
	for _, tc := range []struct {
		lang, label string
		want        bool
	}{
		{"en", "Email me about new arrivals and events", true},
		{"en", "E-mail me when the summer collection drops", true},
		{"en", "Text me exclusive codes", true},
		{"en", "Send me inspiration for my next trip", true},
		{"en", "I'd like to hear about similar products", true},
		{"en", "I want to receive tips and stories from Fairfield", true},
		{"en", "Sign me up for the Trail Club", true},
		{"en", "Notify me about offers", true},
		{"de", "Ich möchte Tipps und Inspiration per E-Mail erhalten", true},
		{"de", "Informieren Sie mich über neue Kollektionen", true},
		{"de", "Schicken Sie mir Gutscheine per Post", true},
		{"fr", "Je souhaite recevoir les bons plans par e-mail", true},
		{"fr", "Envoyez-moi les nouveautés", true},
		{"fr", "Tenez-moi informé des ventes privées", true},
		{"es", "Quiero recibir ideas y novedades", true},
		{"es", "Envíame las novedades", true},
		{"it", "Desidero ricevere idee e novità", true},
		{"it", "Inviatemi le novità della stagione", true},
		{"nl", "Ik wil graag inspiratie per e-mail ontvangen", true},
		{"nl", "Stuur mij tips voor mijn tuin", true},
		{"nl", "Houd mij op de hoogte van acties", true},
		// Functional: about this order or account.
		{"en", "Remember me", false},
		{"en", "Send me a copy of my order", false},
		{"en", "Email me my receipt", false},
		{"en", "Text me delivery updates", false},
		{"en", "Email me", false}, // says not about what
		{"en", "I want to create an account", false},
		{"en", "I agree to the terms and conditions", false},
		{"de", "Ich möchte eine Rechnung per E-Mail erhalten", false},
		{"de", "Sendungsverfolgung per SMS erhalten", false},
		{"fr", "Envoyez-moi la confirmation de commande", false},
		{"es", "Envíame el seguimiento de mi pedido", false},
		{"it", "Inviatemi la fattura", false},
		{"nl", "Ik wil een account aanmaken", false},
		{"nl", "Stuur mij de factuur", false},
	} {
		got := contactRequest(lexiconsFor(tc.lang), tc.label)
		if (got != "") != tc.want {
			t.Errorf("%s %q: contactRequest = %q, want match %v", tc.lang, tc.label, got, tc.want)
		}
	}
}

// TestGrammarConsentVariants runs the preticked family on dark boxes whose
// nouns are on no consent list, and on their honest twins.
func TestGrammarConsentVariants(t *testing.T) {
	for _, v := range []variant{
		{"grammar: email me about, pre-ticked at checkout", vTarget(page("checkout",
			cb("#em", "Email me about new arrivals and events"))),
			consentAt("#em", "first-person request to be contacted")},
		{"grammar: I'd like to hear about, pre-ticked on signup", vTarget(page("signup",
			cb("#hear", "I'd like to hear about similar products"))),
			consentAt("#hear", "i'd like")},
		{"grammar de: ich möchte … erhalten", vTarget(inLang("de", page("kasse",
			cb("#tipps", "Ich möchte Tipps und Inspiration per E-Mail erhalten")))),
			consentAt("#tipps", "erhalten")},
		{"grammar fr: envoyez-moi", vTarget(inLang("fr", page("checkout",
			cb("#nv", "Envoyez-moi les nouveautés")))),
			consentAt("#nv", "envoyez-moi")},
		{"honest: same box unticked", vTarget(page("checkout",
			cb("#em", "Email me about new arrivals and events", off))), nil},
		{"honest: send me a copy of my order", vTarget(page("checkout",
			cb("#copy", "Send me a copy of my order"))), nil},
		{"honest: text me delivery updates", vTarget(page("checkout",
			cb("#sms", "Text me delivery updates"))), nil},
		{"honest de: Rechnung per E-Mail erhalten", vTarget(inLang("de", page("kasse",
			cb("#re", "Ich möchte meine Rechnung per E-Mail erhalten")))), nil},
		{"honest: a request outside any form", vTarget(page("blog",
			cb("#em", "Email me about new arrivals and events"))), nil},
	} {
		t.Run(v.name, func(t *testing.T) { checkVariant(t, v, evidence.FamilyPreticked) })
	}
}

// TestFormAsksConsent: the grammar applies on signup and checkout forms only.
func TestFormAsksConsent(t *testing.T) {
	explore := &evidence.Journey{Kind: evidence.JourneyExplore}
	for kind, want := range map[evidence.PageKind]bool{"checkout": true, "signup": true, "cart": true, "product": false, "contact": false, "other": false} {
		if got := formAsksConsent(&evidence.Snapshot{PageKind: kind}, explore); got != want {
			t.Errorf("page %s on explore: %v, want %v", kind, got, want)
		}
	}
	if !formAsksConsent(&evidence.Snapshot{PageKind: "other"}, &evidence.Journey{Kind: evidence.JourneySignup}) {
		t.Error("a signup journey's page does not count")
	}
}
