package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/darkaudit/darkaudit/evidence"
)

func TestGoldenReportMatchesSchema(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateReport(data); err != nil {
		t.Fatal(err)
	}
	// The shared input is itself a valid report.
	input, err := os.ReadFile(filepath.Join("testdata", "audit.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateReport(input); err != nil {
		t.Fatal(err)
	}
}

func TestEmptyAuditMatchesSchema(t *testing.T) {
	var buf bytes.Buffer
	a := &evidence.Audit{Tool: evidence.Tool{Name: "darkaudit"}, Targets: []*evidence.Target{{URL: "https://x.example/",
		Status: evidence.StatusFailed, Journeys: nil}}}
	if err := (JSONWriter{}).Write(&buf, a, nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("null,")) && !bytes.Contains(buf.Bytes(), []byte(`"signupSteps": null`)) {
		t.Errorf("required lists written as null:\n%s", buf.String())
	}
	if err := ValidateReport(buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if a.Targets[0].Journeys != nil {
		t.Error("the JSON writer changed the audit it was given")
	}
}

// TestSchemaRejectsBrokenReports checks that the schema is strict where the
// contract is: enums and required fields.
func TestSchemaRejectsBrokenReports(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "golden", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	breakers := map[string]func(m map[string]any){
		"unknown severity": func(m map[string]any) { finding(m)["severity"] = "severe" },
		"unknown family":   func(m map[string]any) { finding(m)["family"] = "dark" },
		"unknown status":   func(m map[string]any) { m["targets"].([]any)[0].(map[string]any)["status"] = "done" },
		"no findings":      func(m map[string]any) { delete(m, "findings") },
		"no reasons":       func(m map[string]any) { delete(finding(m), "reasons") },
		"confidence > 1":   func(m map[string]any) { finding(m)["confidence"] = 1.5 },
		"bad baseline":     func(m map[string]any) { finding(m)["baseline"] = "old" },
		"bad time":         func(m map[string]any) { m["run"].(map[string]any)["startedAt"] = "yesterday" },
		"wrong version":    func(m map[string]any) { m["schemaVersion"] = "2" },
		"no contact depth": func(m map[string]any) {
			delete(m["targets"].([]any)[0].(map[string]any)["metrics"].(map[string]any), "contactDepth")
		},
		"suppressed without statement": func(m map[string]any) {
			delete(m["suppressed"].([]any)[0].(map[string]any), "suppression")
		},
	}
	for name, breakIt := range breakers {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		breakIt(m)
		data, _ := json.Marshal(m)
		if err := ValidateReport(data); err == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func finding(m map[string]any) map[string]any { return m["findings"].([]any)[0].(map[string]any) }

// TestGoldenSARIFMatchesSchema validates the SARIF output against the OASIS
// SARIF 2.1.0 JSON schema stored in testdata.
func TestGoldenSARIFMatchesSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	for _, p := range []string{filepath.Join("testdata", "golden", "report.sarif")} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	// So does the audit laced with injection payloads, and its report.json.
	b, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hostileA := hostileAudit(t, b)
	var hs, hj bytes.Buffer
	if err := (SARIFWriter{}).Write(&hs, hostileA, b); err != nil {
		t.Fatal(err)
	}
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(hs.Bytes()))
	if err := sch.Validate(inst); err != nil {
		t.Errorf("hostile audit: %v", err)
	}
	if err := (JSONWriter{}).Write(&hj, hostileA, b); err != nil {
		t.Fatal(err)
	}
	if err := ValidateReport(hj.Bytes()); err != nil {
		t.Errorf("hostile report.json: %v", err)
	}
	// An empty audit gives a valid log too.
	var buf bytes.Buffer
	if err := (SARIFWriter{}).Write(&buf, &evidence.Audit{}, nil); err != nil {
		t.Fatal(err)
	}
	inst, _ = jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err := sch.Validate(inst); err != nil {
		t.Errorf("empty audit: %v", err)
	}
	// And the schema does catch a broken log.
	broken := strings.Replace(buf.String(), `"version": "2.1.0"`, `"version": "2.0"`, 1)
	inst, _ = jsonschema.UnmarshalJSON(strings.NewReader(broken))
	if err := sch.Validate(inst); err == nil {
		t.Error("the SARIF schema accepted version 2.0")
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const u = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(u, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(u)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFContent(t *testing.T) {
	var log sarifLog
	data, err := os.ReadFile(filepath.Join("testdata", "golden", "report.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	a := loadTestAudit(t)
	if len(run.Tool.Driver.Rules) != len(a.Rules) {
		t.Errorf("%d rules, want %d", len(run.Tool.Driver.Rules), len(a.Rules))
	}
	if len(run.Results) != len(a.Findings)+len(a.Suppressed) {
		t.Errorf("%d results, want %d", len(run.Results), len(a.Findings)+len(a.Suppressed))
	}
	for _, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		if rule.ID != r.RuleID {
			t.Errorf("result %s points at rule %d (%s)", r.RuleID, r.RuleIndex, rule.ID)
		}
		if r.PartialFingerprints[fingerprintKey+"v1"] == "" {
			t.Errorf("result %s has no fingerprint", r.RuleID)
		}
		if r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
			t.Errorf("result %s has no URI", r.RuleID)
		}
	}
	levels := map[evidence.Severity]string{evidence.SeverityCritical: "error", evidence.SeverityHigh: "error",
		evidence.SeverityMedium: "warning", evidence.SeverityLow: "note", evidence.SeverityInfo: "note"}
	scores := map[evidence.Severity]string{evidence.SeverityCritical: "9.5", evidence.SeverityHigh: "8.0",
		evidence.SeverityMedium: "5.5", evidence.SeverityLow: "3.0", evidence.SeverityInfo: "1.0"}
	for s, l := range levels {
		if sarifLevel(s) != l || securitySeverity(s) != scores[s] {
			t.Errorf("%s: level %s score %s", s, sarifLevel(s), securitySeverity(s))
		}
	}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "preticked-paid-addon" && !strings.Contains(rule.Help.Text, "Directive 2011/83/EU Art. 22") {
			t.Errorf("help text lacks the citation: %q", rule.Help.Text)
		}
	}
}
