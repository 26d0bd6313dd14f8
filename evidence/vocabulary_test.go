package evidence

import "testing"

func TestVocabularyListsAreComplete(t *testing.T) {
	// report-schema.md names sixteen families; each list holds distinct words.
	if n := len(Families()); n != 16 {
		t.Errorf("%d families, report-schema.md names 16", n)
	}
	for name, words := range map[string][]string{
		"families": strs(Families()), "journey kinds": strs(JourneyKinds()),
		"page kinds": strs(PageKinds()), "action types": strs(ActionTypes()),
	} {
		seen := map[string]bool{}
		for _, w := range words {
			if w == "" || seen[w] {
				t.Errorf("%s: empty or repeated word %q", name, w)
			}
			seen[w] = true
		}
	}
	if !FamilySocialProof.Valid() || !FamilyOrderButton.Valid() || Family("dark").Valid() {
		t.Error("Family.Valid disagrees with Families")
	}
	if !JourneyUnsubscribe.Valid() || JourneyKind("shopping").Valid() || !PageCart.Valid() || !ActionSnapshot.Valid() {
		t.Error("Valid disagrees with the lists")
	}
}

func strs[S ~string](ws []S) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(w)
	}
	return out
}

func TestFillNamesUpgradesOldReports(t *testing.T) {
	a := &Audit{
		Targets: []*Target{
			{URL: "http://127.0.0.1:4001/"}, {URL: "https://Shop.Example/"}, {URL: "https://shop.example/de/", Name: "shop-de"},
			{URL: "https://subs.example/", Name: "subs"},
		},
		Findings: []Finding{
			{Location: Location{URL: "http://127.0.0.1:4001/cart"}},
			{Location: Location{URL: "https://shop.example/cart"}}, // two targets on this host: left alone
			{Location: Location{URL: "https://subs.example/pricing"}},
			{Location: Location{Site: "kept", URL: "https://subs.example/"}},
		},
	}
	a.FillNames()
	if a.Targets[0].Name != "127.0.0.1:4001" || a.Targets[1].Name != "shop.example" || a.Targets[2].Name != "shop-de" {
		t.Errorf("names: %q %q %q", a.Targets[0].Name, a.Targets[1].Name, a.Targets[2].Name)
	}
	want := []string{"127.0.0.1:4001", "", "subs", "kept"}
	for i, f := range a.Findings {
		if f.Location.Site != want[i] {
			t.Errorf("finding %d: site %q, want %q", i, f.Location.Site, want[i])
		}
	}
}

// A one-site report written before findings knew their site attributes every
// finding to its one target, even one seen on another host of the site
// (www., a checkout subdomain): ignore entries by journey keep matching.
func TestFillNamesOneTarget(t *testing.T) {
	a := &Audit{
		Targets: []*Target{{URL: "https://shop.example/"}},
		Findings: []Finding{
			{Location: Location{URL: "https://www.shop.example/checkout", Journey: "j2"}},
			{Location: Location{URL: "https://pay.shop.example/step2", Journey: "j2"}},
		},
		Suppressed: []Finding{{Location: Location{URL: "https://www.shop.example/cart"}}},
	}
	a.FillNames()
	for _, f := range append(a.Findings, a.Suppressed...) {
		if f.Location.Site != "shop.example" {
			t.Errorf("%s: site %q, want shop.example", f.Location.URL, f.Location.Site)
		}
	}
	// Two targets: "www." aside, the host decides.
	b := &Audit{
		Targets:  []*Target{{URL: "https://shop.example/"}, {URL: "https://subs.example/"}},
		Findings: []Finding{{Location: Location{URL: "https://www.shop.example/checkout"}}},
	}
	b.FillNames()
	if got := b.Findings[0].Location.Site; got != "shop.example" {
		t.Errorf("www host: site %q, want shop.example", got)
	}
}
