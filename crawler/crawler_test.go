package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/darkaudit/darkaudit/evidence"
)

// launchForTest starts Chromium, or skips the test when none is installed.
func launchForTest(t *testing.T) *Browser {
	t.Helper()
	if _, err := FindChrome(""); err != nil {
		t.Skip("no Chromium: ", err)
	}
	b, err := Launch(context.Background(), "", zerolog.Nop())
	if err != nil {
		t.Fatalf("launch: %v", err)
	}
	t.Cleanup(b.Close)
	return b
}

func testOptions() Options {
	o := DefaultOptions()
	o.Rate = 0
	o.PageTimeout = 15 * time.Second
	o.Budget = 2 * time.Minute
	o.Journeys = []evidence.JourneyKind{evidence.JourneyExplore}
	return o
}

func findControl(s *evidence.Snapshot, sub string) *evidence.Control {
	for i := range s.Controls {
		if strings.Contains(s.Controls[i].Label, sub) {
			return &s.Controls[i]
		}
	}
	return nil
}

// TestCaptureRecordsPageState drives real Chromium over a page that holds
// every kind of thing capture must record.
func TestCaptureRecordsPageState(t *testing.T) {
	b := launchForTest(t)
	var robotsHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		robotsHits.Add(1)
		w.Write([]byte("User-agent: *\nDisallow: /private\n"))
	})
	mux.Handle("/", http.FileServer(http.Dir("testdata/capture")))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	bundle, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	start, _ := url.Parse(srv.URL + "/cart.html")
	opts := testOptions()
	opts.MaxDepth = 0
	target, errs := b.AuditSite(context.Background(), start, bundle, opts)
	if len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
	if target.Status != evidence.StatusComplete || len(target.Journeys) != 1 || len(target.Journeys[0].Steps) != 1 {
		t.Fatalf("target = %+v", target)
	}
	if robotsHits.Load() == 0 {
		t.Error("robots.txt was not read")
	}
	step := target.Journeys[0].Steps[0]
	s := step.Snapshot
	if s == nil {
		t.Fatalf("no snapshot: %+v", step)
	}
	if s.Title != "Capture test — Cart" || s.Lang != "en-GB" {
		t.Errorf("title %q lang %q", s.Title, s.Lang)
	}
	for _, p := range []string{s.Screenshot.Path, s.HTML.Path, step.SnapshotFile} {
		if _, err := os.Stat(bundle.Dir + "/" + p); err != nil || p == "" {
			t.Errorf("evidence file %q: %v", p, err)
		}
	}
	if s.PageHeight < 1400 {
		t.Errorf("page height %v: full page not measured", s.PageHeight)
	}

	cases := []struct {
		label              string
		kind               string
		first, now, shadow bool
		frame              bool
	}{
		{"travel insurance", ControlKindCheckbox, true, true, false, false},
		{"partner offers", ControlKindCheckbox, false, true, false, false},
		{"Donate £1", "switch", true, true, false, false},
		{"Express delivery", "radio", true, true, false, false},
		{"Gift wrap", ControlKindCheckbox, true, true, true, false},
		{"Shop Magazine", ControlKindCheckbox, true, true, false, true},
	}
	for _, c := range cases {
		ctl := findControl(s, c.label)
		if ctl == nil {
			t.Errorf("control %q not recorded; controls: %+v", c.label, s.Controls)
			continue
		}
		if ctl.Kind != c.kind || ctl.CheckedAtFirstPaint != c.first || ctl.Checked != c.now || ctl.Shadow != c.shadow || (ctl.Frame != "") != c.frame {
			t.Errorf("control %q = %+v", c.label, *ctl)
		}
		if ctl.Touched {
			t.Errorf("control %q touched without any action", c.label)
		}
		if !ctl.Visible || ctl.Box.Empty() {
			t.Errorf("control %q not visible or has no box: %+v", c.label, ctl.Box)
		}
	}
	if c := findControl(s, "Shop Magazine"); c != nil && c.Box.Y < 100 {
		t.Errorf("iframe control box not offset by the frame: %+v", c.Box)
	}
	var sel *evidence.Control
	for i := range s.Controls {
		if s.Controls[i].Kind == "select" {
			sel = &s.Controls[i]
		}
	}
	if sel == nil || len(sel.Options) != 3 || !sel.Options[1].Selected || !sel.Options[1].SelectedAtFirstPaint {
		t.Errorf("select = %+v", sel)
	}

	var details, tooltip, bottom bool
	for _, n := range s.Nodes {
		switch {
		case strings.Contains(n.Text, "Renews automatically"):
			details = n.HiddenBy == "details"
		case strings.Contains(n.Text, "Cancel anytime by calling"):
			tooltip = n.HiddenBy == "tooltip"
		case n.Text == "Bottom of the page":
			bottom = !n.AboveFold && n.Box.Y > 1000
		case n.Text == "Hover for details":
			if n.FontSize != 9 || n.Colour.R != 204 || n.Background.R != 255 {
				t.Errorf("faint text style = %+v", n)
			}
		}
	}
	if !details || !tooltip || !bottom {
		t.Errorf("details %v tooltip %v below-fold %v", details, tooltip, bottom)
	}
	var divbtn, cart bool
	for _, c := range s.Clickables {
		if c.Name == "Continue" && c.Tag == "div" {
			divbtn = true
		}
		if c.Name == "Cart" && c.Region == "header" {
			cart = true
		}
	}
	if !divbtn || !cart {
		t.Errorf("div button %v, header cart icon %v", divbtn, cart)
	}
	if len(s.Dialogs) != 1 || s.Dialogs[0].Message != "Welcome to the capture test" {
		t.Errorf("dialogs = %+v", s.Dialogs)
	}
	if len(s.Popups) != 1 {
		t.Errorf("popups = %+v", s.Popups)
	}
	if len(s.Network) == 0 {
		t.Error("no network log")
	}
	if s.Cart == nil || s.Cart.Total == nil || s.Cart.Total.Amount != 65.49 || len(s.Cart.Lines) != 3 {
		t.Errorf("cart = %+v", s.Cart)
	} else if !s.Cart.Lines[2].Charge || s.Cart.Lines[0].Name != "Runner trainers" {
		t.Errorf("cart lines = %+v", s.Cart.Lines)
	}
	var phone, email bool
	for _, c := range s.Contacts {
		phone = phone || (c.Kind == evidence.ContactPhone && c.Normalized == "+442079460018")
		email = email || (c.Kind == evidence.ContactEmail && c.Normalized == "help@shop.example")
	}
	if !phone || !email {
		t.Errorf("contacts = %+v", s.Contacts)
	}
	if s.PageKind != KindCart {
		t.Errorf("page kind = %q", s.PageKind)
	}
}

// ControlKindCheckbox keeps the table above short.
const ControlKindCheckbox = evidence.ControlCheckbox

func TestParseTarget(t *testing.T) {
	for _, bad := range []string{"", "shop.example", "ftp://x.example/", "http://", "javascript:alert(1)"} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) accepted", bad)
		}
	}
	u, err := ParseTarget("https://www.Shop.example")
	if err != nil || u.Path != "/" {
		t.Fatalf("ParseTarget: %v %v", u, err)
	}
	if SiteOf(u) != "shop.example" {
		t.Errorf("SiteOf = %q", SiteOf(u))
	}
	u2, _ := url.Parse("http://127.0.0.1:8081/x")
	if SiteOf(u2) != "127.0.0.1:8081" {
		t.Errorf("SiteOf = %q", SiteOf(u2))
	}
}

func TestGuardBlocksCommitButtons(t *testing.T) {
	g := Guard{}
	for _, name := range []string{"Place order", "PLACE ORDER →", "Pay now", "Complete purchase", "Confirm and pay",
		"Zahlungspflichtig bestellen", "Jetzt zahlungspflichtig bestellen", "Payer", "Commander et payer", "Realizar pedido", "Bestelling plaatsen"} {
		if _, ok := g.Blocks(name, false); !ok {
			t.Errorf("guard lets %q through", name)
		}
	}
	for _, name := range []string{"Buy now", "Confirm"} {
		if _, ok := g.Blocks(name, false); ok {
			t.Errorf("guard blocks %q off the payment step", name)
		}
		if _, ok := g.Blocks(name, true); !ok {
			t.Errorf("guard lets %q through on the payment step", name)
		}
	}
	for _, name := range []string{"Add to basket", "Continue to payment", "PayPal info", "Proceed to checkout", "In den Warenkorb", "Payment options"} {
		if _, ok := g.Blocks(name, false); ok {
			t.Errorf("guard blocks harmless %q", name)
		}
	}
	if _, ok := (Guard{AllowSubmit: true}).Blocks("Place order", true); ok {
		t.Error("--allow-submit did not lift the guard")
	}
	if !IsCardField("cc-number Card number") || IsCardField("postcode") {
		t.Error("IsCardField")
	}
}
