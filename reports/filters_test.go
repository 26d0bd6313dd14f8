package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

func TestApplyBaseline(t *testing.T) {
	base := loadTestAudit(t)
	a := loadTestAudit(t)
	base.Findings = base.Findings[:3]
	ApplyBaseline(a, base)
	for i, f := range a.Findings {
		want := BaselineNew
		if i < 3 {
			want = BaselineUnchanged
		}
		if f.Baseline != want {
			t.Errorf("%s: baseline %q, want %q", f.ID, f.Baseline, want)
		}
	}
	// A finding the baseline only listed as suppressed comes back as new.
	c := loadTestAudit(t)
	c.Findings = append(c.Findings, c.Suppressed[0])
	ApplyBaseline(c, loadTestAudit(t))
	if got := c.Findings[len(c.Findings)-1].Baseline; got != BaselineNew {
		t.Errorf("formerly suppressed finding is %q, want new", got)
	}
}

func TestDecide(t *testing.T) {
	sev := func(s evidence.Severity, baseline string) evidence.Finding {
		return evidence.Finding{ID: s.String(), Severity: s, Baseline: baseline}
	}
	complete := []*evidence.Target{{Status: evidence.StatusComplete}}
	partial := []*evidence.Target{{Status: evidence.StatusComplete}, {Status: evidence.StatusIncomplete}}
	failed := []*evidence.Target{{Status: evidence.StatusFailed}}
	tests := []struct {
		name     string
		findings []evidence.Finding
		targets  []*evidence.Target
		failOn   evidence.Severity
		allow    bool
		want     ExitCode
	}{
		{"clean", nil, complete, evidence.SeverityLow, false, ExitClean},
		{"fail-on none never fails", []evidence.Finding{sev(evidence.SeverityCritical, "")}, complete, evidence.SeverityNone, false, ExitClean},
		{"below threshold", []evidence.Finding{sev(evidence.SeverityMedium, "")}, complete, evidence.SeverityHigh, false, ExitClean},
		{"at threshold", []evidence.Finding{sev(evidence.SeverityHigh, "")}, complete, evidence.SeverityHigh, false, ExitFindings},
		{"above threshold", []evidence.Finding{sev(evidence.SeverityCritical, "")}, complete, evidence.SeverityHigh, false, ExitFindings},
		{"baseline: only unchanged", []evidence.Finding{sev(evidence.SeverityCritical, BaselineUnchanged)}, complete, evidence.SeverityLow, false, ExitClean},
		{"baseline: new fails", []evidence.Finding{sev(evidence.SeverityCritical, BaselineUnchanged), sev(evidence.SeverityLow, BaselineNew)}, complete, evidence.SeverityLow, false, ExitFindings},
		{"incomplete", nil, partial, evidence.SeverityLow, false, ExitIncomplete},
		{"failed target", nil, failed, evidence.SeverityNone, false, ExitIncomplete},
		{"incomplete allowed", nil, partial, evidence.SeverityLow, true, ExitClean},
		{"findings beat incomplete", []evidence.Finding{sev(evidence.SeverityHigh, "")}, partial, evidence.SeverityHigh, false, ExitFindings},
		{"incomplete when findings are below threshold", []evidence.Finding{sev(evidence.SeverityLow, "")}, partial, evidence.SeverityHigh, false, ExitIncomplete},
	}
	for _, tt := range tests {
		a := &evidence.Audit{Findings: tt.findings, Targets: tt.targets}
		if got := Decide(a, tt.failOn, tt.allow); got != tt.want {
			t.Errorf("%s: Decide = %d, want %d", tt.name, got, tt.want)
		}
	}
	// Suppressed findings never fail the build.
	a := loadTestAudit(t)
	a.Targets = complete
	a.Findings = nil
	if got := Decide(a, evidence.SeverityInfo, false); got != ExitClean {
		t.Errorf("suppressed findings failed the build: %d", got)
	}
}

func TestDiff(t *testing.T) {
	old := loadTestAudit(t)
	cur := loadTestAudit(t)
	fixed := old.Findings[0]
	old.Findings = append(old.Findings, evidence.Finding{ID: "v1:gone", Rule: "urgency-countdown-resets", Severity: evidence.SeverityHigh, Title: "Gone"})
	cur.Findings = cur.Findings[1:]
	cur.Findings = append(cur.Findings, evidence.Finding{ID: "v1:fresh", Rule: "nagging-repeat", Severity: evidence.SeverityLow,
		Title: "Asked | again", Location: evidence.Location{URL: "https://shop.example/`x`"}})
	d := Diff(old, cur)
	if len(d.New) != 1 || d.New[0].ID != "v1:fresh" {
		t.Errorf("new = %v", ids(d.New))
	}
	if len(d.Fixed) != 2 || d.Fixed[0].ID != fixed.ID || d.Fixed[1].ID != "v1:gone" { // both high: by rule
		t.Errorf("fixed = %v", ids(d.Fixed))
	}
	if len(d.Unchanged) != 5 {
		t.Errorf("unchanged = %v", ids(d.Unchanged))
	}

	var text, js, md bytes.Buffer
	for format, buf := range map[string]*bytes.Buffer{"text": &text, "json": &js, "md": &md} {
		if err := WriteDiff(buf, d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	if !strings.HasPrefix(text.String(), "1 new, 2 fixed, 5 unchanged\n") || !strings.Contains(text.String(), "+ low      nagging-repeat  v1:fresh") {
		t.Errorf("text diff:\n%s", text.String())
	}
	var parsed struct {
		Counts map[string]int     `json:"counts"`
		New    []evidence.Finding `json:"new"`
	}
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil || parsed.Counts["fixed"] != 2 || len(parsed.New) != 1 {
		t.Errorf("json diff: %v %+v", err, parsed.Counts)
	}
	if !strings.Contains(md.String(), "Asked \\| again") || strings.Contains(md.String(), "`x`") {
		t.Errorf("markdown diff not escaped:\n%s", md.String())
	}
	if err := WriteDiff(&text, d, "pdf"); err == nil {
		t.Error("unknown diff format accepted")
	}
	empty := Diff(&evidence.Audit{}, &evidence.Audit{})
	js.Reset()
	WriteDiff(&js, empty, "json")
	if !strings.Contains(js.String(), `"new": []`) {
		t.Errorf("empty json diff has null lists: %s", js.String())
	}
}

func ids(fs []evidence.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}
