package crawler

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/fixtures"
)

// TestFlowSecretsStayOut logs in with credentials from the environment and
// checks that neither secret appears in the JSON of the target or the logs of steps.
func TestFlowSecretsStayOut(t *testing.T) {
	b := launchForTest(t)
	const user, pass = "secret-user-4711@example.com", "pa55-Secret-0815"
	t.Setenv("DA_TEST_USER", user)
	t.Setenv("DA_TEST_PASS", pass)
	f, err := flow.Parse("testdata/flows/login.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := fixtures.Start("subs-honest")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	bundle, err := evidence.NewBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	start, _ := url.Parse(srv.URL("subs-honest"))
	opts := testOptions()
	opts.Journeys = []evidence.JourneyKind{}
	opts.Flow = f
	target, errs := b.AuditSite(context.Background(), start, bundle, opts)
	if len(target.Journeys) != 1 {
		t.Fatalf("journeys = %+v", target.Journeys)
	}
	j := target.Journeys[0]
	if !j.Reached {
		t.Errorf("flow not reached: %s\n%s", j.Reason, describe(j))
	}
	if j.Kind != evidence.JourneyCancel || j.Name != "log in and look at the account" {
		t.Errorf("journey = %s %q", j.Kind, j.Name)
	}
	out, _ := json.Marshal(struct {
		T *evidence.Target
		E []evidence.ErrorRecord
	}{target, errs})
	for _, secret := range []string{user, pass} {
		if strings.Contains(string(out), secret) {
			t.Errorf("secret %q in the target JSON", secret)
		}
	}
	if !strings.Contains(string(out), Masked) {
		t.Error("no masked value recorded")
	}
	// Neither in the saved snapshots and pages.
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(p, ".png") {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, secret := range []string{user, pass} {
			if strings.Contains(string(data), secret) {
				t.Errorf("secret %q in %s", secret, p)
			}
		}
		return nil
	})
	var unticked bool
	for _, st := range j.Steps {
		if st.Action.Type == evidence.ActionUncheck && st.Snapshot != nil {
			unticked = true
		}
	}
	if !unticked {
		t.Errorf("no uncheck step with a snapshot:\n%s", describe(j))
	}
}

// TestFlowFailingStep ends the journey at a step that fails, with a screenshot.
func TestFlowFailingStep(t *testing.T) {
	b := launchForTest(t)
	f, err := flow.ParseBytes("x.yaml", []byte("journeys:\n  - name: broken\n    kind: signup\n    steps:\n      - goto: /\n      - click: {selector: \"#does-not-exist\"}\n      - goto: /pricing.html\n"), os.LookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := fixtures.Start("subs-honest")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	bundle, _ := evidence.NewBundle(t.TempDir())
	start, _ := url.Parse(srv.URL("subs-honest"))
	opts := testOptions()
	opts.Journeys = []evidence.JourneyKind{}
	opts.Flow = f
	target, _ := b.AuditSite(context.Background(), start, bundle, opts)
	j := target.Journeys[0]
	if j.Reached || !strings.Contains(j.Reason, "step 2 (click, line 6)") {
		t.Fatalf("reached=%v reason=%q", j.Reached, j.Reason)
	}
	last := j.Steps[len(j.Steps)-1]
	if last.Error == "" || last.Screenshot == "" {
		t.Errorf("failing step = %+v", last)
	}
}

// TestSafetyGuardNoOrders runs the checkout journey on every shop and a flow
// that tries to place the order: no order may reach the server.
func TestSafetyGuardNoOrders(t *testing.T) {
	b := launchForTest(t)
	shops := []string{"shop-honest", "shop-dark", "shop-spa", "shop-divspan", "shop-de", "shop-onepage"}
	srv, err := fixtures.Start(shops...)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	f, err := flow.ParseBytes("pay.yaml", []byte(`journeys:
  - name: try to pay
    kind: checkout
    steps:
      - goto: /checkout/payment.html
      - fill: {selector: "input[autocomplete=cc-number]", value: "4111111111111111"}
`), os.LookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.ParseBytes("order.yaml", []byte(`journeys:
  - name: click place order
    kind: checkout
    steps:
      - goto: /checkout/payment.html
      - click: Place order
`), os.LookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	for _, shop := range shops {
		t.Run(shop, func(t *testing.T) {
			target, took := runJourney(t, b, srv, shop, "checkout")
			j := target.Journeys[0]
			t.Logf("%s checkout reached=%v reason=%q in %.1fs", shop, j.Reached, j.Reason, took.Seconds())
			if !j.Reached {
				t.Errorf("checkout not reached: %s\n%s", j.Reason, describe(j))
			}
			if shop == "shop-honest" {
				for _, fl := range []*flow.Flow{f, g} {
					bundle, _ := evidence.NewBundle(t.TempDir())
					start, _ := url.Parse(srv.URL(shop))
					opts := testOptions()
					opts.Journeys = []evidence.JourneyKind{}
					opts.Flow = fl
					target, _ := b.AuditSite(context.Background(), start, bundle, opts)
					fj := target.Journeys[0]
					if fj.Reached || !strings.Contains(fj.Reason, "safety guard") {
						t.Errorf("flow %s: reached=%v reason=%q", fl.Path, fj.Reached, fj.Reason)
					}
				}
			}
			if n := srv.Orders(shop); n != 0 {
				t.Fatalf("%s: %d orders placed", shop, n)
			}
		})
	}
}
