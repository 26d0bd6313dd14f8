package evidence

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func sampleAudit() *Audit {
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	box := &Box{X: 10, Y: 20, Width: 200, Height: 24}
	return &Audit{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "darkaudit", Version: "test"},
		Run:           Run{ID: "r1", StartedAt: at, FinishedAt: at.Add(time.Minute), Command: []string{"darkaudit", "audit", "http://127.0.0.1/"}},
		Targets: []*Target{{
			URL:  "http://127.0.0.1/",
			Site: "127.0.0.1",
			Journeys: []*Journey{{
				ID: "j1", Kind: JourneyCheckout, Name: "checkout", Reached: false, Reason: "budget spent",
				Steps: []*Step{{Index: 0, URL: "http://127.0.0.1/", PageKind: "home",
					Action: Action{Type: ActionGoto, Target: "http://127.0.0.1/", Box: box}}},
			}},
		}},
		Findings: []Finding{{
			ID: "f1", Rule: "preticked-paid-addon", Family: FamilyPreticked, Severity: SeverityHigh,
			Confidence: 0.9, Title: "Paid add-on is pre-selected", Reasons: []string{"label carries a price"},
			Location: Location{URL: "http://127.0.0.1/cart", Journey: "j1", Step: 0, Selector: "#ins", Box: box},
		}},
	}
}

func TestAuditJSONRoundTrip(t *testing.T) {
	a := sampleAudit()
	a.Summarize()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Audit
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, &back) {
		t.Errorf("round trip changed the audit:\n%+v\n%+v", a, &back)
	}
	if back.Summary.Findings != 1 || back.Summary.BySeverity["high"] != 1 {
		t.Errorf("summary = %+v", back.Summary)
	}
}

func TestSeverityText(t *testing.T) {
	for _, s := range Severities() {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepted an unknown severity")
	}
}

func TestManifestVerify(t *testing.T) {
	dir := t.TempDir()
	b, err := NewBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := b.WriteEvidence("shot.png", []byte("\x89PNG fake screenshot bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if ref.SHA256 == "" || ref.Path == "" {
		t.Fatalf("ref = %+v", ref)
	}
	a := sampleAudit()
	if err := b.WriteReport(a); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WriteManifest(a); err != nil {
		t.Fatal(err)
	}
	if probs, err := b.Verify(); err != nil || len(probs) != 0 {
		t.Fatalf("fresh bundle: %v %v", probs, err)
	}

	// One byte of the screenshot changes.
	p := filepath.Join(dir, filepath.FromSlash(ref.Path))
	data, _ := os.ReadFile(p)
	data[len(data)-1] ^= 1
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A file appears and one disappears.
	os.WriteFile(filepath.Join(dir, "extra.txt"), []byte("x"), 0o644)
	os.Remove(filepath.Join(dir, ReportFile))

	probs, err := b.Verify()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, pr := range probs {
		kinds[pr.File] = pr.Kind
	}
	if kinds[ref.Path] != "altered" || kinds[ReportFile] != "missing" || kinds["extra.txt"] != "unlisted" {
		t.Errorf("problems = %v", probs)
	}
}

func TestVerifyWithoutManifest(t *testing.T) {
	b, _ := NewBundle(t.TempDir())
	if _, err := b.Verify(); err == nil {
		t.Error("Verify without manifest.json succeeded")
	}
}

func TestReadFileStaysInside(t *testing.T) {
	b, _ := NewBundle(t.TempDir())
	if _, err := b.ReadFile("../../etc/passwd"); err == nil {
		t.Error("ReadFile escaped the bundle")
	}
}

func TestSafeName(t *testing.T) {
	for _, s := range []string{"../x", "a/b\\c", `q"onload=1`, "ünïcødé 页面", ""} {
		n := SafeName(s)
		if n == "" || filepath.Base(n) != n || n == ".." {
			t.Errorf("SafeName(%q) = %q", s, n)
		}
	}
}

// The one order of findings: worst first, then rule, site, URL, journey,
// step and ID; the sort is stable and total.
func TestSortFindings(t *testing.T) {
	mk := func(id string, sev Severity, rule, site, url string, step int) Finding {
		return Finding{ID: id, Severity: sev, Rule: rule, Location: Location{Site: site, URL: url, Journey: "j1", Step: step}}
	}
	want := []Finding{
		mk("a", SeverityHigh, "preticked-paid-addon", "shop-dark", "http://x/cart", 1),
		mk("b", SeverityHigh, "preticked-paid-addon", "shop-dark", "http://x/cart", 2),
		mk("c", SeverityHigh, "preticked-paid-addon", "shop-dark", "http://x/checkout", 0),
		mk("d", SeverityHigh, "preticked-paid-addon", "shop-onepage", "http://a/cart", 0),
		mk("e", SeverityHigh, "sneak-into-basket-item", "shop-dark", "http://x/cart", 0),
		mk("f", SeverityMedium, "basket-total-mismatch", "shop-dark", "http://x/cart", 0),
	}
	got := []Finding{want[5], want[3], want[4], want[1], want[2], want[0]}
	SortFindings(got)
	for i := range want {
		if got[i].ID != want[i].ID {
			t.Fatalf("position %d: %s, want %s", i, got[i].ID, want[i].ID)
		}
	}
}
