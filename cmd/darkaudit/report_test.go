package main

import (
	"encoding/json"
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
