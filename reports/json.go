package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/darkaudit/darkaudit/evidence"
)

// JSONWriter writes report.json, the contract described in report-schema.md.
type JSONWriter struct{}

// Format implements Writer.
func (JSONWriter) Format() string { return "json" }

// DefaultPath implements Writer.
func (JSONWriter) DefaultPath() string { return evidence.ReportFile }

// Write implements Writer. Absent lists are written as [] and absent maps as
// {}, never null, so consumers need no null checks on required fields.
func (JSONWriter) Write(w io.Writer, a *evidence.Audit, _ *evidence.Bundle) error {
	data, err := json.MarshalIndent(normalized(a), "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// normalized returns a copy of a with every required list and map non-nil.
// It never changes a.
func normalized(a *evidence.Audit) *evidence.Audit {
	c := *a
	if c.SchemaVersion == "" {
		c.SchemaVersion = evidence.SchemaVersion
	}
	c.Run.Command = nonNil(c.Run.Command)
	if c.Run.Config == nil {
		c.Run.Config = map[string]any{}
	}
	c.Targets = make([]*evidence.Target, 0, len(a.Targets))
	for _, t := range a.Targets {
		if t == nil {
			continue
		}
		tc := *t
		tc.Journeys = make([]*evidence.Journey, 0, len(t.Journeys))
		for _, j := range t.Journeys {
			if j == nil {
				continue
			}
			jc := *j
			jc.Steps = make([]*evidence.Step, 0, len(j.Steps))
			for _, s := range j.Steps {
				if s != nil {
					jc.Steps = append(jc.Steps, s)
				}
			}
			tc.Journeys = append(tc.Journeys, &jc)
		}
		c.Targets = append(c.Targets, &tc)
	}
	c.Findings = normalizeFindings(a.Findings)
	if a.Suppressed != nil {
		c.Suppressed = normalizeFindings(a.Suppressed)
	}
	c.Rules = slices.Clone(a.Rules)
	for i := range c.Rules {
		c.Rules[i].Regulations = nonNil(c.Rules[i].Regulations)
	}
	c.Errors = nonNil(slices.Clone(a.Errors))
	if c.Summary.ByFamily == nil {
		c.Summary.ByFamily = map[evidence.Family]int{}
	}
	if c.Summary.BySeverity == nil {
		c.Summary.BySeverity = map[string]int{}
	}
	return &c
}

func normalizeFindings(fs []evidence.Finding) []evidence.Finding {
	out := make([]evidence.Finding, len(fs))
	for i, f := range fs {
		f.Reasons = nonNil(f.Reasons)
		f.Regulations = nonNil(f.Regulations)
		out[i] = f
	}
	return out
}

func nonNil[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}

//go:embed report.schema.json
var reportSchemaJSON []byte

const reportSchemaURL = "https://darkaudit.dev/schemas/report.schema.json"

var reportSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(reportSchemaJSON))
	if err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(reportSchemaURL, doc); err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	return c.Compile(reportSchemaURL)
})

// ReportSchema returns the JSON Schema (2020-12) of report.json.
func ReportSchema() []byte { return slices.Clone(reportSchemaJSON) }

// ValidateReport checks a report.json document against the contract's JSON
// Schema. Tests of other packages call it on the reports they produce.
func ValidateReport(data []byte) error {
	sch, err := reportSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("report is not JSON: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("report does not match report.schema.json: %w", err)
	}
	return nil
}

// ErrNotReport is wrapped by LoadReport for a file that is not a darkaudit report.
var ErrNotReport = errors.New("not a darkaudit report")

// LoadReport reads a report.json, given its path or the path of the bundle
// folder that holds it.
func LoadReport(path string) (*evidence.Audit, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, evidence.ReportFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	var a evidence.Audit
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, ErrNotReport, err)
	}
	switch a.SchemaVersion {
	case evidence.SchemaVersion:
	case "":
		return nil, fmt.Errorf("%s: %w: no schemaVersion", path, ErrNotReport)
	default:
		return nil, fmt.Errorf("%s: report schemaVersion %q, this darkaudit reads %q", path, a.SchemaVersion, evidence.SchemaVersion)
	}
	return &a, nil
}
