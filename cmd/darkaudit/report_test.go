package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

// `report` and `report --rejudge` finish through reports.Finish, the path
// audit and demo take: the ignore file at the default path is honoured and
// report.json names it. No browser: the bundle is a stored report.
func TestReportFinishesThroughThePipeline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "reports", "testdata", "audit.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, evidence.ReportFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	ignore := "ignores:\n  - rule: contact-form-only\n    statement: \"Phone line closed during the move\"\n    expires: 2099-01-01\n"
	if err := os.WriteFile(reports.IgnoreFile, []byte(ignore), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report", dir, "--format", "json", "--allow-incomplete", "--log-level", "error"},
		{"report", dir, "--format", "json", "--allow-incomplete", "--log-level", "error", "--rejudge"},
	} {
		if code := run(args); code != reports.ExitClean {
			t.Fatalf("%q: exit %d", args, code)
		}
		raw, err := os.ReadFile(filepath.Join(dir, evidence.ReportFile))
		if err != nil {
			t.Fatal(err)
		}
		var a evidence.Audit
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		if a.Run.Config["ignoreFile"] != reports.IgnoreFile {
			t.Errorf("%q: config.ignoreFile = %v, want %q", args, a.Run.Config["ignoreFile"], reports.IgnoreFile)
		}
		if _, err := os.Stat(filepath.Join(dir, evidence.ManifestFile)); err != nil {
			t.Errorf("%q: no manifest: %v", args, err)
		}
		if args[len(args)-1] == "--rejudge" {
			continue // the stored report has no snapshots: nothing left to suppress
		}
		if len(a.Suppressed) != 1 || a.Suppressed[0].Rule != "contact-form-only" {
			t.Errorf("%q: suppressed %+v, want the contact-form-only finding", args, a.Suppressed)
		}
	}
}

// `report --rejudge` runs the detectors on the recorded snapshots and then
// the same filters as audit: the default ignore file suppresses the finding
// the re-judging produced. The bundle is a stored detector case written as a
// bundle (report.json plus one snapshot file a step). No browser.
func TestReportRejudgeHonoursDefaultIgnoreFile(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "detectors", "testdata", "preticked", "preticked_en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases struct {
		Cases []struct {
			Name      string                        `json:"name"`
			Target    evidence.Target               `json:"target"`
			Snapshots map[string]*evidence.Snapshot `json:"snapshots"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	c := cases.Cases[0]
	if c.Name != "en/insurance-label-price" {
		t.Fatalf("first stored case is %q, want en/insurance-label-price", c.Name)
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, j := range c.Target.Journeys {
		for _, st := range j.Steps {
			snap := c.Snapshots[fmt.Sprintf("%s/%d", j.ID, st.Index)]
			if snap == nil {
				continue
			}
			st.SnapshotFile = fmt.Sprintf("evidence/%s-%02d-snapshot.json", j.ID, st.Index)
			data, err := json.Marshal(snap)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(st.SnapshotFile)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	a := evidence.Audit{SchemaVersion: evidence.SchemaVersion, Targets: []*evidence.Target{&c.Target},
		Findings: []evidence.Finding{}, Errors: []evidence.ErrorRecord{}}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, evidence.ReportFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	ignore := "ignores:\n  - rule: preticked-paid-addon\n    statement: \"Insurance box accepted by legal until the redesign\"\n    expires: 2099-01-01\n"
	if err := os.WriteFile(reports.IgnoreFile, []byte(ignore), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"report", dir, "--format", "json", "--allow-incomplete", "--log-level", "error", "--rejudge"}
	if code := run(args); code != reports.ExitClean {
		t.Fatalf("%q: exit %d", args, code)
	}
	got, err := reports.LoadReport(filepath.Join(dir, evidence.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Suppressed) == 0 || got.Suppressed[0].Rule != "preticked-paid-addon" {
		t.Fatalf("re-judged findings %d, suppressed %+v: want the preticked-paid-addon finding suppressed by %s",
			len(got.Findings), got.Suppressed, reports.IgnoreFile)
	}
	if got.Suppressed[0].Location.Site == "" || got.Run.Config["ignoreFile"] != reports.IgnoreFile {
		t.Errorf("site %q, config.ignoreFile %v", got.Suppressed[0].Location.Site, got.Run.Config["ignoreFile"])
	}
}
