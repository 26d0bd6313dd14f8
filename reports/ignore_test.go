package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeIgnore(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), IgnoreFile)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadIgnoreFile(t *testing.T) {
	p := writeIgnore(t, `# reviewed 2026-11
ignores:
  - rule: preticked-paid-addon
    url: "https://shop.example/checkout*"
    statement: "Insurance is opt-in by law here; legal ticket LEG-12"
    expires: 2027-01-31
  - fingerprint: "v1:0123456789abcdef"
    journey: checkout
    statement: Stock count is real (ERP feed)
    expires: 2026-12-01T12:00:00Z
`)
	entries, err := LoadIgnoreFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	e := entries[0]
	if e.Rule != "preticked-paid-addon" || e.URL != "https://shop.example/checkout*" || !strings.HasPrefix(e.Statement, "Insurance") ||
		!e.Expires.Equal(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)) || e.Source != p+":3" {
		t.Errorf("entry 0 = %+v", e)
	}
	if entries[1].Journey != "checkout" || entries[1].Fingerprint != "v1:0123456789abcdef" || entries[1].Source != p+":7" {
		t.Errorf("entry 1 = %+v", entries[1])
	}

	bare := writeIgnore(t, "- rule: x\n  statement: s\n  expires: 2030-01-01\n")
	if entries, err := LoadIgnoreFile(bare); err != nil || len(entries) != 1 {
		t.Errorf("bare list: %v %v", entries, err)
	}
	empty := writeIgnore(t, "# nothing yet\n")
	if entries, err := LoadIgnoreFile(empty); err != nil || len(entries) != 0 {
		t.Errorf("empty file: %v %v", entries, err)
	}
}

func TestLoadIgnoreFileErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"no statement", "ignores:\n  - rule: a\n    expires: 2030-01-01\n  - rule: b\n    expires: 2030-01-01\n", ":2: "},
		{"blank statement", "ignores:\n  - rule: a\n    expires: 2030-01-01\n    statement: \"  \"\n", ":2: "},
		{"no expiry", "ignores:\n  - rule: a\n    statement: ok\n  - rule: b\n    statement: fine\n", ":2: "},
		{"bad expiry", "ignores:\n  - rule: a\n    statement: ok\n    expires: next year\n", ":2: "},
		{"second entry", "ignores:\n  - rule: a\n    statement: ok\n    expires: 2030-01-01\n  - rule: b\n    expires: 2030-01-01\n", ":5: "},
		{"matches everything", "ignores:\n  - statement: ok\n    expires: 2030-01-01\n", ":2: "},
		{"unknown key", "ignores:\n  - rule: a\n    statement: ok\n    expiry: 2030-01-01\n", ":2: "},
		{"unknown top key", "ignore:\n  - rule: a\n", ":1: "},
		{"not a list", "ignores: yes\n", ":1: "},
		{"bad yaml", "ignores:\n  - rule: [a\n", ""},
	}
	for _, tt := range tests {
		p := writeIgnore(t, tt.body)
		_, err := LoadIgnoreFile(p)
		if err == nil {
			t.Errorf("%s: accepted", tt.name)
			continue
		}
		if !errors.Is(err, ErrIgnoreFile) {
			t.Errorf("%s: %v is not ErrIgnoreFile", tt.name, err)
		}
		if !strings.Contains(err.Error(), p+tt.want) {
			t.Errorf("%s: %v does not name %s%s", tt.name, err, p, tt.want)
		}
	}
	if _, err := LoadIgnoreFile(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestApplyIgnores(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	a := loadTestAudit(t)
	total := len(a.Findings)
	entries := []IgnoreEntry{
		{Rule: "preticked-paid-addon", URL: "https://shop.example/checkout*", Statement: "opt-in by law", Expires: day("2027-01-31")},
		// journey by kind; today is the last valid day
		{Rule: "contact-form-only", Journey: "contact", Statement: "phone line opens in 2027", Expires: day("2026-12-01")},
		// expired yesterday: warns, suppresses nothing
		{Fingerprint: "v1:0123456789abcdef", Statement: "stock is real", Expires: day("2026-11-30"), Source: "x.yaml:9"},
		// matches nothing: the URL glob is anchored
		{Rule: "drip-pricing-late-fee", URL: "https://shop.example/cart", Statement: "n/a", Expires: day("2027-01-01")},
	}
	warnings := ApplyIgnores(a, entries, now)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "x.yaml:9") || !strings.Contains(warnings[0], "2026-11-30") {
		t.Errorf("warnings = %q", warnings)
	}
	if len(a.Findings) != total-2 {
		t.Errorf("%d findings left, want %d", len(a.Findings), total-2)
	}
	if len(a.Suppressed) != 3 { // 1 from the input + 2
		t.Fatalf("%d suppressed, want 3", len(a.Suppressed))
	}
	for _, f := range a.Suppressed[1:] {
		if f.Suppression == "" {
			t.Errorf("%s suppressed without statement", f.Rule)
		}
	}
	if a.Suppressed[1].Rule != "preticked-paid-addon" || a.Suppressed[1].Suppression != "opt-in by law" {
		t.Errorf("suppressed[1] = %s %q", a.Suppressed[1].Rule, a.Suppressed[1].Suppression)
	}
	if a.Summary.Findings != total-2 || a.Summary.Suppressed != 3 || a.Summary.ByFamily["preticked"] != 0 {
		t.Errorf("summary not recomputed: %+v", a.Summary)
	}
	// The next day the contact entry has expired too.
	b := loadTestAudit(t)
	if w := ApplyIgnores(b, entries, now.Add(24*time.Hour)); len(w) != 2 {
		t.Errorf("a day later: %d warnings, want 2", len(w))
	}
}

func TestIgnoreEntryMatches(t *testing.T) {
	a := loadTestAudit(t)
	f := a.Findings[0] // preticked-paid-addon on the checkout URL, journey j1 (checkout)
	p := place(a, f)
	for _, tt := range []struct {
		e    IgnoreEntry
		want bool
	}{
		{IgnoreEntry{Rule: "preticked-paid-addon"}, true},
		{IgnoreEntry{Rule: "preticked"}, false},
		{IgnoreEntry{URL: "https://shop.example/*"}, true},
		{IgnoreEntry{URL: "*checkout?step=?*"}, true},
		{IgnoreEntry{URL: "https://shop.example/"}, false},
		{IgnoreEntry{URL: "https://*.example/checkout"}, false},
		{IgnoreEntry{Journey: "j1"}, true},
		{IgnoreEntry{Journey: "Checkout"}, true},
		{IgnoreEntry{Journey: "cancel"}, false},
		{IgnoreEntry{Fingerprint: f.ID}, true},
		{IgnoreEntry{Fingerprint: f.ID, Rule: "other"}, false},
	} {
		if got := tt.e.Matches(f, p.Journey); got != tt.want {
			t.Errorf("%+v matches = %v, want %v", tt.e, got, tt.want)
		}
	}
}
