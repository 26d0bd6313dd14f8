package reports

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// storedBundle writes the shared test audit as a saved bundle (report.json and
// a screenshot) into a fresh folder and returns it.
func storedBundle(t *testing.T) *evidence.Bundle {
	t.Helper()
	b, err := evidence.NewBundle(filepath.Join(t.TempDir(), "bundle"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.WriteReport(loadTestAudit(t)); err != nil {
		t.Fatal(err)
	}
	return b
}

func readReport(t *testing.T, b *evidence.Bundle) *evidence.Audit {
	t.Helper()
	data, err := b.ReadFile(evidence.ReportFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateReport(data); err != nil {
		t.Fatal(err)
	}
	var a evidence.Audit
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

const contactIgnore = `ignores:
  - rule: contact-form-only
    statement: "Phone line closed during the move; ticket OPS-7"
    expires: 2099-01-01
`

// `report` without --rejudge finishes a stored bundle through Finish: the
// ignore file at the default path is read (LoadIgnores) and honoured, and
// report.json names the file actually used.
func TestFinishStoredBundleHonoursDefaultIgnoreFile(t *testing.T) {
	b := storedBundle(t)
	t.Chdir(t.TempDir())
	if err := os.WriteFile(IgnoreFile, []byte(contactIgnore), 0o644); err != nil {
		t.Fatal(err)
	}
	path, ignores, err := LoadIgnores("")
	if err != nil || path != IgnoreFile || len(ignores) != 1 {
		t.Fatalf("LoadIgnores(\"\") = %q, %d entries, %v; want the default file", path, len(ignores), err)
	}
	outs, _ := ParseFormats("json,md")
	o := FinishOptions{Ignores: ignores, IgnoreFile: path, Outputs: outs}
	// The stored audit has an incomplete target: exit 3, reports written all the same.
	var ee *ExitError
	if err := Finish(b, loadStored(t, b), o); !errors.As(err, &ee) || ee.Code != ExitIncomplete {
		t.Fatalf("Finish = %v, want exit %d", err, ExitIncomplete)
	}
	got := readReport(t, b)
	if len(got.Suppressed) != 1 || got.Suppressed[0].Rule != "contact-form-only" {
		t.Errorf("suppressed = %+v, want the contact-form-only finding", got.Suppressed)
	}
	if got.Run.Config["ignoreFile"] != IgnoreFile {
		t.Errorf("config.ignoreFile = %v, want %q", got.Run.Config["ignoreFile"], IgnoreFile)
	}
	if _, err := b.ReadFile("summary.md"); err != nil {
		t.Error("summary.md not written")
	}
	if problems, err := b.Verify(); err != nil || len(problems) > 0 {
		t.Errorf("manifest after Finish: %v %v", problems, err)
	}
	// Finishing again without the ignore file takes the suppression back, and
	// report.json then says no ignore file was used.
	if err := Finish(b, loadStored(t, b), FinishOptions{Outputs: outs, AllowIncomplete: true}); err != nil {
		t.Fatal(err)
	}
	got = readReport(t, b)
	if len(got.Suppressed) != 0 || got.Run.Config["ignoreFile"] != "" {
		t.Errorf("second run: %d suppressed, config.ignoreFile %v", len(got.Suppressed), got.Run.Config["ignoreFile"])
	}
}

func loadStored(t *testing.T, b *evidence.Bundle) *evidence.Audit {
	t.Helper()
	a, err := b.LoadAudit(false)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestLoadIgnoresWithoutFile(t *testing.T) {
	t.Chdir(t.TempDir())
	if path, entries, err := LoadIgnores(""); path != "" || entries != nil || err != nil {
		t.Errorf("no ignore file: %q %v %v", path, entries, err)
	}
	if _, _, err := LoadIgnores("missing.yaml"); err == nil {
		t.Error("a named ignore file that is missing is not an error")
	}
}

// With a judge (audit, demo, report --rejudge) Finish judges, then cuts crops
// and excerpts for the new findings, before the filters.
func TestFinishJudgesThenCropsAndExcerpts(t *testing.T) {
	b := storedBundle(t)
	shot, err := b.WriteEvidence("j1-00.png", tinyPNG(t, 400, 300))
	if err != nil {
		t.Fatal(err)
	}
	page, err := b.WriteEvidence("j1-00.html", []byte(`<html><body><label><input id="ins" type="checkbox" checked> Insurance</label></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	judged := 0
	judge := func(a *evidence.Audit) {
		judged++
		f := evidence.Finding{Rule: "preticked-paid-addon", Family: evidence.FamilyPreticked, Severity: evidence.SeverityHigh,
			Location: evidence.Location{Site: a.Targets[0].Name, URL: "https://shop.example/cart", Selector: "#ins",
				Box: &evidence.Box{X: 10, Y: 10, Width: 20, Height: 20}},
			Evidence: evidence.EvidenceRefs{Screenshot: shot.Path, HTML: page.Path}}
		f.ID = evidence.Fingerprint(f)
		a.Findings = []evidence.Finding{f}
	}
	outs, _ := ParseFormats("json")
	err = Finish(b, loadStored(t, b), FinishOptions{Judge: judge, Outputs: outs, FailOn: evidence.SeverityHigh})
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitFindings || !strings.Contains(ee.Error(), "1 finding(s) at or above --fail-on high") {
		t.Fatalf("Finish = %v, want exit %d for the high finding", err, ExitFindings)
	}
	got := readReport(t, b)
	if judged != 1 || len(got.Findings) != 1 {
		t.Fatalf("judged %d times, %d findings", judged, len(got.Findings))
	}
	f := got.Findings[0]
	if f.Evidence.Crop == "" || !strings.Contains(f.Evidence.Excerpt, `id="ins"`) {
		t.Errorf("crop %q, excerpt %q: the judged finding was not finished", f.Evidence.Crop, f.Evidence.Excerpt)
	}
	if _, err := b.ReadFile(f.Evidence.Crop); err != nil {
		t.Errorf("crop file: %v", err)
	}
}

// A stored report with v1 IDs (darkaudit before fingerprint v2) is still a
// baseline: findings match it through their v1 fingerprint and say so.
func TestV1BaselineStillMatches(t *testing.T) {
	base, err := LoadReport(filepath.Join("testdata", "baseline-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	same := evidence.Finding{Rule: "sneak-into-basket-item", Location: evidence.Location{Site: "shop-dark",
		URL: "http://127.0.0.1:41234/checkout.html", Text: "Café Protection plan ×1 £3.50"}}
	other := same
	other.Rule = "preticked-paid-addon"
	a := &evidence.Audit{}
	for _, f := range []evidence.Finding{same, other} {
		f.ID = evidence.Fingerprint(f)
		a.Findings = append(a.Findings, f)
	}
	ApplyBaseline(a, base)
	if f := a.Findings[0]; f.Baseline != BaselineUnchanged || f.BaselineMatch != "v1" {
		t.Errorf("v1 baseline: %s is %q (match %q), want unchanged by v1", f.ID, f.Baseline, f.BaselineMatch)
	}
	if f := a.Findings[1]; f.Baseline != BaselineNew || f.BaselineMatch != "" {
		t.Errorf("a finding the baseline lacks: %q (match %q)", f.Baseline, f.BaselineMatch)
	}
	if d := Diff(base, a); len(d.Unchanged) != 1 || len(d.New) != 1 || len(d.Fixed) != 0 {
		t.Errorf("diff against the v1 report: %d new, %d fixed, %d unchanged", len(d.New), len(d.Fixed), len(d.Unchanged))
	}
	// An ignore entry written with the v1 ID still suppresses.
	e := IgnoreEntry{Fingerprint: base.Findings[0].ID, Statement: "s", Expires: time.Now().Add(time.Hour)}
	if !e.Matches(a.Findings[0], nil) {
		t.Error("a v1 fingerprint in the ignore file no longer matches")
	}
	// A finding of an old bundle still carries its v1 ID: an ignore entry
	// written with today's v2 ID suppresses it too.
	old := base.Findings[0]
	old.Location.Site = "shop-dark"
	v2 := IgnoreEntry{Fingerprint: evidence.Fingerprint(old), Statement: "s", Expires: time.Now().Add(time.Hour)}
	if evidence.FingerprintVersionOf(old.ID) != "v1" || !v2.Matches(old, nil) {
		t.Errorf("a v2 ignore entry does not match the v1-ID finding %s", old.ID)
	}
}

// Two sites on one host share v1 fingerprints: a v2 baseline of one of them
// must not make the other's finding "unchanged".
func TestV2BaselineKeepsSitesApart(t *testing.T) {
	mk := func(site string) evidence.Finding {
		f := evidence.Finding{Rule: "preticked-paid-addon", Location: evidence.Location{Site: site,
			URL: "http://127.0.0.1:4000/cart", Selector: "#ins"}}
		f.ID = evidence.Fingerprint(f)
		return f
	}
	base := &evidence.Audit{Findings: []evidence.Finding{mk("shop-dark")}}
	a := &evidence.Audit{Findings: []evidence.Finding{mk("shop-dark"), mk("shop-lite")}}
	ApplyBaseline(a, base)
	if a.Findings[0].Baseline != BaselineUnchanged || a.Findings[0].BaselineMatch != "v2" {
		t.Errorf("same site: %q by %q", a.Findings[0].Baseline, a.Findings[0].BaselineMatch)
	}
	if a.Findings[1].Baseline != BaselineNew {
		t.Errorf("other site on the same host matched the baseline by %q", a.Findings[1].BaselineMatch)
	}
}

// SARIF carries the v1 fingerprint next to the v2 ID, so code-scanning alerts
// opened by an older darkaudit keep their identity.
func TestSARIFCarriesBothFingerprints(t *testing.T) {
	f := evidence.Finding{Rule: "preticked-paid-addon", Location: evidence.Location{Site: "shop", URL: "https://shop.example/cart", Selector: "#ins"}}
	f.ID = evidence.Fingerprint(f)
	fps := partialFingerprints(f)
	if fps["darkaudit/v2"] != f.ID || fps["darkaudit/v1"] != evidence.FingerprintV1(f) || len(fps) != 2 {
		t.Errorf("partial fingerprints %v", fps)
	}
}
