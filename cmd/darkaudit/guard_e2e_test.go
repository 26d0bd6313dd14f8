package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/fixtures"
	"github.com/darkaudit/darkaudit/reports"
)

// guardFlow writes a flow file with one journey per order button of the
// guard fixture: each loads the final checkout page and clicks its button by
// CSS selector, so the guard alone stands between the click and an order.
func guardFlow(t *testing.T, ids []string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("journeys:\n")
	for _, id := range ids {
		op := "click"
		if strings.HasPrefix(id, "g-check") {
			op = "check" // a flow's check step aimed at a submit button
		}
		fmt.Fprintf(&b, "  - name: %s\n    kind: checkout\n    steps:\n      - goto: /checkout/review.html\n      - %s: {selector: \"#%s\"}\n", id, op, id)
	}
	p := filepath.Join(t.TempDir(), "guard.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// guardButtons lists the ids of the order buttons the fixture serves.
func guardButtons(t *testing.T, srv *fixtures.Server) []string {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(srv.URL("guard"), "/") + "/checkout/review.html")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	html, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`id="(g-[a-z]+)"`).FindAllStringSubmatch(string(html), -1) {
		ids = append(ids, m[1])
	}
	if len(ids) < 25 {
		t.Fatalf("guard fixture has %d buttons, want every obfuscation variant", len(ids))
	}
	return ids
}

// byFinalRule lists the fixture's controls with an innocent label that only
// the final-checkout rule refuses: a type=button in a form with card fields
// and a label for a hidden submit button.
var byFinalRule = map[string]bool{"g-typebutton": true, "g-labelfor": true}

// TestGuardRefusesObfuscatedOrderButtons clicks every obfuscated "Place
// order" of the guard fixture through a flow and proves each click was
// refused and no order reached the server; then the same flow with
// --allow-submit places orders, proving the buttons work and the test can fail.
func TestGuardRefusesObfuscatedOrderButtons(t *testing.T) {
	needChromium(t)
	srv, err := fixtures.Start("guard")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ids := guardButtons(t, srv)
	flowFile := guardFlow(t, ids)
	run := func(extra ...string) *evidence.Audit {
		out := filepath.Join(t.TempDir(), "bundle")
		args := append([]string{"audit", srv.URL("guard"), "--out", out, "--journeys", "none", "--flow", flowFile,
			"--rate", "0", "--allow-incomplete", "--ignore-robots", "--page-timeout", "15s"}, extra...)
		r := runBin(t, 10*time.Minute, args...)
		if r.code == reports.ExitUsage {
			t.Fatalf("exit %d\n%s", r.code, tail(r.stderr))
		}
		return loadReport(t, out)
	}

	a := run()
	if n := srv.Orders("guard"); n != 0 {
		t.Errorf("safety guard: %d orders placed", n)
	}
	refused := map[string]string{}
	for _, tg := range a.Targets {
		for _, j := range tg.Journeys {
			for _, st := range j.Steps {
				if (st.Action.Type == evidence.ActionClick || st.Action.Type == evidence.ActionCheck) && strings.Contains(st.Error, "safety guard: refused") {
					refused[j.Name] = st.Error
				}
			}
		}
	}
	for _, id := range ids {
		why, ok := refused[id]
		if !ok {
			t.Errorf("%s: click not recorded as refused by the safety guard", id)
			continue
		}
		// The page is a final checkout page, where nothing that submits is
		// clicked; but the words must refuse the disguised labels on their
		// own, so those refusals must name a phrase, not that rule.
		if !byFinalRule[id] && strings.Contains(why, "final checkout page") {
			t.Errorf("%s: refused only as a submit on the final checkout page, not by its words: %s", id, why)
		}
	}

	// Positive control: the same clicks with the guard lifted submit orders.
	run("--allow-submit")
	if n := srv.Orders("guard"); n < len(ids) {
		t.Errorf("with --allow-submit only %d of %d buttons placed an order: the fixture does not prove the guard", n, len(ids))
	}
}
