package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// SARIFWriter writes SARIF 2.1.0 for code-scanning dashboards. The structs
// below hold only what darkaudit fills in.
type SARIFWriter struct{}

// Format implements Writer.
func (SARIFWriter) Format() string { return "sarif" }

// DefaultPath implements Writer.
func (SARIFWriter) DefaultPath() string { return "report.sarif" }

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	// fingerprintKey prefixes the partial fingerprint of each algorithm version:
	// "darkaudit/v2" holds the finding ID, "darkaudit/v1" the v1 fingerprint,
	// so code-scanning alerts opened from older runs keep their identity.
	fingerprintKey = "darkaudit/"
)

// partialFingerprints are a finding's fingerprints by version.
func partialFingerprints(f evidence.Finding) map[string]string {
	fps := map[string]string{fingerprintKey + "v1": evidence.FingerprintV1(f)}
	if v := evidence.FingerprintVersionOf(f.ID); v != "" {
		fps[fingerprintKey+v] = f.ID
	}
	return fps
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifHelp      `json:"help"`
	DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool     `json:"executionSuccessful"`
	StartTimeUTC        string   `json:"startTimeUtc,omitempty"`
	EndTimeUTC          string   `json:"endTimeUtc,omitempty"`
	CommandLine         string   `json:"commandLine,omitempty"`
	Arguments           []string `json:"arguments,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical     `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
	Message          *sarifText        `json:"message,omitempty"`
}

// sarifPhysical has no region: a web page has no stable line or offset, and
// SARIF requires one of them in a region. The element's text goes into the
// location's message and its selector into a logical location.
type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifLogicalLoc struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// securitySeverity maps a severity onto GitHub's 0–10 security-severity scale.
func securitySeverity(s evidence.Severity) string {
	switch s {
	case evidence.SeverityCritical:
		return "9.5"
	case evidence.SeverityHigh:
		return "8.0"
	case evidence.SeverityMedium:
		return "5.5"
	case evidence.SeverityLow:
		return "3.0"
	default:
		return "1.0"
	}
}

// sarifLevel maps a severity onto SARIF's error, warning and note.
func sarifLevel(s evidence.Severity) string {
	switch {
	case s >= evidence.SeverityHigh:
		return "error"
	case s == evidence.SeverityMedium:
		return "warning"
	default:
		return "note"
	}
}

// Write implements Writer.
func (SARIFWriter) Write(w io.Writer, a *evidence.Audit, _ *evidence.Bundle) error {
	rules := rulesOf(a)
	index := map[string]int{}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: orDefault(a.Tool.Name, "darkaudit"), Version: a.Tool.Version, SemanticVer: semver(a.Tool.Version),
			InformationURI: "https://github.com/darkaudit/darkaudit",
		}},
		Results: []sarifResult{},
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	if run.Tool.Driver.Rules == nil {
		run.Tool.Driver.Rules = []sarifRule{}
	}
	inv := sarifInvocation{ExecutionSuccessful: true, Arguments: a.Run.Command}
	if !a.Run.StartedAt.IsZero() {
		inv.StartTimeUTC = a.Run.StartedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	if !a.Run.FinishedAt.IsZero() {
		inv.EndTimeUTC = a.Run.FinishedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	inv.CommandLine = strings.Join(a.Run.Command, " ")
	for _, t := range a.Targets {
		if t != nil && t.Status != evidence.StatusComplete {
			inv.ExecutionSuccessful = false
		}
	}
	run.Invocations = []sarifInvocation{inv}
	for _, f := range a.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule], ""))
	}
	for _, f := range a.Suppressed {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule], f.Suppression))
	}
	if a.Run.ID != "" {
		run.Properties = map[string]any{"runId": a.Run.ID}
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	data, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func sarifRuleOf(r evidence.RuleMeta) sarifRule {
	short := orDefault(r.Title, r.ID)
	full := orDefault(r.Description, short)
	help := orDefault(r.Help, full)
	var text, md strings.Builder
	text.WriteString(help)
	md.WriteString(help)
	if len(r.Regulations) > 0 {
		text.WriteString("\n\nMay breach:")
		md.WriteString("\n\n**May breach:**\n")
		for _, c := range r.Regulations {
			fmt.Fprintf(&text, "\n- %s: %s", c.Jurisdiction, c.Citation)
			fmt.Fprintf(&md, "\n- %s: %s", mdEscape(c.Jurisdiction), mdEscape(c.Citation))
		}
	}
	return sarifRule{
		ID: r.ID, Name: ruleName(r.ID),
		ShortDescription:     sarifText{short},
		FullDescription:      sarifText{full},
		Help:                 sarifHelp{Text: text.String(), Markdown: md.String()},
		DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
		Properties: map[string]any{
			"security-severity": securitySeverity(r.Severity),
			"tags":              []string{"dark-pattern", orDefault(string(r.Family), "unknown")},
			"precision":         "medium",
		},
	}
}

func sarifResultOf(f evidence.Finding, ruleIndex int, suppression string) sarifResult {
	msg := f.Title
	if f.Message != "" {
		msg = strings.TrimSpace(f.Title + ": " + f.Message)
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.Location.URL)}}}
	if f.Location.Text != "" {
		loc.Message = &sarifText{f.Location.Text}
	}
	if f.Location.Selector != "" {
		loc.LogicalLocations = []sarifLogicalLoc{{FullyQualifiedName: f.Location.Selector, Kind: "element"}}
	}
	props := map[string]any{
		"family":     f.Family,
		"severity":   f.Severity.String(),
		"confidence": f.Confidence,
		"journey":    f.Location.Journey,
		"step":       f.Location.Step,
		"reasons":    nonNil(f.Reasons),
		"evidence":   evidencePaths(f.Evidence),
	}
	r := sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message:             sarifText{orDefault(msg, f.Rule)},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: partialFingerprints(f),
		BaselineState:       f.Baseline,
		Properties:          props,
	}
	if suppression != "" {
		r.Suppressions = []sarifSuppression{{Kind: "external", Justification: suppression}}
	}
	return r
}

// sarifURI makes a page URL a valid URI reference: a URL that does not parse
// (page-derived, so anything is possible) is percent-encoded whole.
func sarifURI(raw string) string {
	if raw == "" {
		return "about:blank"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "urn:darkaudit:unparsable-url:" + url.PathEscape(raw)
	}
	return u.String()
}

// evidencePaths lists a finding's evidence files, in a fixed order.
func evidencePaths(e evidence.EvidenceRefs) []string {
	var out []string
	for _, p := range []string{e.Crop, e.Screenshot, e.HTML, e.Before, e.After} {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return nonNil(out)
}

// ruleName turns "preticked-paid-addon" into "PretickedPaidAddon", SARIF's
// convention for reportingDescriptor.name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		r := []rune(part)
		b.WriteString(strings.ToUpper(string(r[:1])) + string(r[1:]))
	}
	return b.String()
}

// semver returns v when it looks like a semantic version, else "".
func semver(v string) string {
	v = strings.TrimPrefix(v, "v")
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return v
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
