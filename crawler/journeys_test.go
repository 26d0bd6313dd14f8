package crawler

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/fixtures"
)

// runJourney audits one fixture site with one journey and returns the target.
func runJourney(t *testing.T, b *Browser, srv *fixtures.Server, site, journey string) (*evidence.Target, time.Duration) {
	t.Helper()
	bundle, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	start, _ := url.Parse(srv.URL(site))
	opts := testOptions()
	opts.Journeys = []evidence.JourneyKind{evidence.JourneyKind(journey)}
	opts.SettleMin = 150 * time.Millisecond
	t0 := time.Now()
	target, _ := b.AuditSite(context.Background(), start, bundle, opts)
	return target, time.Since(t0)
}

func describe(j *evidence.Journey) string {
	var b strings.Builder
	for _, st := range j.Steps {
		fmt.Fprintf(&b, "  %d %s %q %q -> %s [%s] %s\n", st.Index, st.Action.Type, st.Action.Text, st.Action.Value, st.URL, st.PageKind, st.Error)
	}
	return b.String()
}

func TestJourneysOnDemoSites(t *testing.T) {
	b := launchForTest(t)
	cases := []struct{ site, journey string }{
		{"subs-dark", "signup"}, {"subs-honest", "signup"},
		{"subs-dark", "contact"}, {"subs-honest", "contact"},
		// Checkout on every shop runs in TestSafetyGuardNoOrders.
		{"shop-honest", "contact"},
	}
	if only := os.Getenv("DA_JOURNEY_SITES"); only != "" {
		var keep = cases[:0]
		for _, c := range cases {
			if strings.Contains(only, c.site+"/"+c.journey) {
				keep = append(keep, c)
			}
		}
		cases = keep
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.site)
	}
	srv, err := fixtures.Start(names...)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, c := range cases {
		t.Run(c.site+"/"+c.journey, func(t *testing.T) {
			target, took := runJourney(t, b, srv, c.site, c.journey)
			if len(target.Journeys) != 1 {
				t.Fatalf("journeys = %d", len(target.Journeys))
			}
			j := target.Journeys[0]
			t.Logf("%s %s reached=%v reason=%q in %.1fs", c.site, c.journey, j.Reached, j.Reason, took.Seconds())
			if !j.Reached {
				t.Errorf("goal not reached: %s\n%s", j.Reason, describe(j))
			} else if testing.Verbose() {
				t.Logf("\n%s", describe(j))
			}
			if n := srv.Orders(c.site); n != 0 {
				t.Errorf("%d orders placed", n)
			}
			if c.journey == "contact" {
				cd := target.Metrics.ContactDepth
				if cd.Phone == nil && cd.Email == nil && cd.Form == nil && cd.Address == nil {
					t.Error("no contact depth recorded")
				}
			}
		})
	}
}
