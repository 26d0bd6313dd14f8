package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// JUnitWriter writes JUnit XML for CI test tabs: a suite per target and
// journey, a testcase per rule, failing where the rule found something.
type JUnitWriter struct{}

// Format implements Writer.
func (JUnitWriter) Format() string { return "junit" }

// DefaultPath implements Writer.
func (JUnitWriter) DefaultPath() string { return "report.junit.xml" }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  string          `xml:"system-out,omitempty"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitGroup is the findings of one target and journey.
type junitGroup struct {
	target   *evidence.Target
	journey  *evidence.Journey
	findings []evidence.Finding
}

// Write implements Writer.
func (JUnitWriter) Write(w io.Writer, a *evidence.Audit, _ *evidence.Bundle) error {
	rules := rulesOf(a)
	// One group per journey, in audit order, plus one per target for findings
	// without a journey and one for findings no target claims.
	var groups []*junitGroup
	byJourney := map[*evidence.Journey]*junitGroup{}
	byTarget := map[*evidence.Target]*junitGroup{}
	for _, t := range a.Targets {
		if t == nil {
			continue
		}
		for _, j := range t.Journeys {
			if j == nil {
				continue
			}
			g := &junitGroup{target: t, journey: j}
			byJourney[j] = g
			groups = append(groups, g)
		}
	}
	for _, f := range sortedFindings(a.Findings) {
		p := place(a, f)
		g := byJourney[p.Journey]
		if p.Journey == nil {
			g = byTarget[p.Target]
			if g == nil {
				g = &junitGroup{target: p.Target}
				byTarget[p.Target] = g
				groups = append(groups, g)
			}
		}
		g.findings = append(g.findings, f)
	}

	out := junitSuites{Name: orDefault(a.Tool.Name, "darkaudit")}
	for _, g := range groups {
		s := junitSuite{Name: suiteName(g)}
		if g.target != nil {
			s.Properties = append(s.Properties, junitProperty{"url", g.target.URL}, junitProperty{"status", g.target.Status})
		}
		if g.journey != nil {
			s.Properties = append(s.Properties,
				junitProperty{"journey", g.journey.ID},
				junitProperty{"reached", fmt.Sprint(g.journey.Reached)},
				junitProperty{"steps", fmt.Sprint(len(g.journey.Steps))})
			if !g.journey.Reached && g.journey.Reason != "" {
				s.SystemOut = "journey did not reach its goal: " + g.journey.Reason
			}
		}
		classname := strings.ReplaceAll(suiteName(g), " / ", ".")
		for _, r := range rules {
			c := junitCase{Name: r.ID, Classname: classname}
			var hits []evidence.Finding
			for _, f := range g.findings {
				if f.Rule == r.ID {
					hits = append(hits, f)
				}
			}
			if len(hits) > 0 {
				c.Failure = junitFailureOf(r, hits)
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func suiteName(g *junitGroup) string {
	kind := "no journey"
	if g.journey != nil {
		kind = orDefault(string(g.journey.Kind), g.journey.ID)
		if g.journey.Name != "" && g.journey.Name != string(g.journey.Kind) {
			kind += " (" + g.journey.Name + ")"
		}
	}
	return siteName(g.target) + " / " + kind
}

func junitFailureOf(r evidence.RuleMeta, hits []evidence.Finding) *junitFailure {
	worst := hits[0].Severity
	var text strings.Builder
	for i, f := range hits {
		worst = max(worst, f.Severity)
		if i > 0 {
			text.WriteString("\n")
		}
		fmt.Fprintf(&text, "[%s] %s\n", f.Severity, oneLine(f.Title))
		if f.Message != "" {
			fmt.Fprintf(&text, "  %s\n", oneLine(f.Message))
		}
		fmt.Fprintf(&text, "  url: %s (step %d)\n", oneLine(f.Location.URL), f.Location.Step)
		fmt.Fprintf(&text, "  id: %s\n", f.ID)
		for _, p := range evidencePaths(f.Evidence) {
			fmt.Fprintf(&text, "  evidence: %s\n", p)
		}
	}
	msg := fmt.Sprintf("%d finding(s): %s", len(hits), oneLine(orDefault(r.Title, hits[0].Title)))
	return &junitFailure{Message: msg, Type: worst.String(), Text: text.String()}
}

// oneLine folds newlines and runs of space so page text fits one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
