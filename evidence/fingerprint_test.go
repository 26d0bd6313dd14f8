package evidence

import "testing"

// IDs the v1 algorithm gave before v2 existed (computed by darkaudit at
// 407333a): v1 baselines and ignore files depend on them never changing.
func TestFingerprintV1IsFrozen(t *testing.T) {
	for _, c := range []struct {
		f    Finding
		want string
	}{
		{Finding{Rule: "preticked-paid-addon", Location: Location{URL: "https://www.Shop.example/checkout/?step=2#top",
			Selector: "#ins", Text: "Add travel insurance (+£4.99)"}}, "v1:0d197997870da3bd"},
		{Finding{Rule: "sneak-into-basket-item", Location: Location{Site: "shop-dark", URL: "http://127.0.0.1:37821/checkout.html",
			Text: "Café Protection plan ×1 £3.00"}}, "v1:b9ceba012c788190"},
	} {
		if got := FingerprintV1(c.f); got != c.want {
			t.Errorf("FingerprintV1(%s) = %s, want %s", c.f.Location.URL, got, c.want)
		}
	}
}

func TestFingerprintInvariants(t *testing.T) {
	base := Finding{Rule: "preticked-paid-addon", Location: Location{Site: "shop.example",
		URL: "https://www.Shop.example/checkout/?step=2#top", Journey: "j1", Step: 3, Selector: "#ins",
		Text: "Add travel insurance (+£4.99)"}}
	id := Fingerprint(base)
	if FingerprintVersionOf(id) != FingerprintVersion || FingerprintVersion != "v2" || len(id) != len("v2:")+16 {
		t.Fatalf("fingerprint %q: want v2: and 16 hex digits", id)
	}
	same := []func(*Finding){
		func(f *Finding) { f.Location.Journey, f.Location.Step = "j9", 12 },
		func(f *Finding) { f.Location.URL = "https://shop.example:8443/checkout?step=3" },
		func(f *Finding) { f.Location.Site = "Shop.Example:8443" },
		func(f *Finding) { f.Location.Site = "www.shop.example" },
		func(f *Finding) { f.Location.Text = "ADD  TRAVEL   insurance (+£5.49)" },
		func(f *Finding) { f.Location.Text = "Add travel insur\u00adance (+£4.99)" },
		func(f *Finding) { f.Confidence, f.Reasons, f.Message = 0.1, []string{"x"}, "other" },
		// The name is the identity: the same --name on a moved host keeps the ID.
		func(f *Finding) { f.Location.URL = "https://staging.other.example/checkout" },
	}
	for i, change := range same {
		f := base
		change(&f)
		if got := Fingerprint(f); got != id {
			t.Errorf("change %d altered the fingerprint: %s != %s", i, got, id)
		}
	}
	differ := []func(*Finding){
		func(f *Finding) { f.Rule = "preticked-consent" },
		func(f *Finding) { f.Location.Site = "shop-dark" },
		func(f *Finding) { f.Location.URL = "https://shop.example/basket" },
		func(f *Finding) { f.Location.Selector = "#ins2" },
		func(f *Finding) { f.Location.Text = "Add gift wrap (+£4.99)" },
	}
	for i, change := range differ {
		f := base
		change(&f)
		if got := Fingerprint(f); got == id {
			t.Errorf("change %d kept the fingerprint %s", i, id)
		}
	}
}

// Two demo sites served on one host differ by name, not by host: v2 keeps
// them apart where v1 merged them.
func TestFingerprintSeparatesSitesOnOneHost(t *testing.T) {
	a := Finding{Rule: "preticked-paid-addon", Location: Location{Site: "shop-dark", URL: "http://127.0.0.1:4001/cart", Selector: "#ins"}}
	b := a
	b.Location.Site, b.Location.URL = "shop-lite-dark", "http://127.0.0.1:4002/cart"
	if Fingerprint(a) == Fingerprint(b) {
		t.Error("v2 merged two sites on one host")
	}
	if FingerprintV1(a) != FingerprintV1(b) {
		t.Error("v1 is expected to merge them (that is why v2 exists)")
	}
	// Without a site, v2 falls back to the host.
	c, d := a, a
	c.Location.Site, d.Location.Site = "", "127.0.0.1"
	if Fingerprint(c) != Fingerprint(d) {
		t.Error("a finding without a site is not fingerprinted by its host")
	}
}

// v2 IDs are pinned too: a change to the shared normaliser (evidence/text)
// that moves them must bump FingerprintVersion rather than silently turn
// every finding of a v2 baseline into a new one.
func TestFingerprintV2IsPinned(t *testing.T) {
	f := Finding{Rule: "preticked-paid-addon", Location: Location{Site: "shop.example",
		URL: "https://www.Shop.example/checkout/?step=2#top", Selector: "#ins", Text: "Add travel insurance (+£4.99)"}}
	got := Fingerprint(f)
	const want = "v2:0d197997870da3bd"
	if got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
	// Text the shared normaliser folds keeps the ID: zero-width and soft
	// hyphens, full-width letters, no-break spaces, look-alike letters.
	for _, text := range []string{
		"Add tra\u200bvel insur\u00adance (+£4.99)",
		"ＡＤＤ travel insurance (+£4.99)",
		"Add\u00a0travel\u202finsurance (+£4.99)",
		"Аdd trаvel insurаnce (+£4.99)", // Cyrillic а
	} {
		g := f
		g.Location.Text = text
		if id := Fingerprint(g); id != got {
			t.Errorf("text %q: fingerprint %s, want %s", text, id, got)
		}
	}
}
