package reports

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// sortedFindings returns a sorted copy of the findings, in the one order
// every format lists them (evidence.CompareFindings).
func sortedFindings(fs []evidence.Finding) []evidence.Finding {
	out := slices.Clone(fs)
	evidence.SortFindings(out)
	return out
}

// placement is where a finding was seen: its target and journey, when the
// audit says so.
type placement struct {
	Target  *evidence.Target
	Journey *evidence.Journey
	Step    *evidence.Step
}

// place finds the target, journey and step of a finding from its location:
// the target named Location.Site, its journey Location.Journey and the step
// Location.Step. A finding whose site names no target is unattributed.
func place(a *evidence.Audit, f evidence.Finding) placement {
	for _, t := range a.Targets {
		if t == nil || t.Name != f.Location.Site {
			continue
		}
		p := placement{Target: t}
		for _, j := range t.Journeys {
			if j != nil && f.Location.Journey != "" && j.ID == f.Location.Journey {
				p.Journey, p.Step = j, stepAt(j, f.Location.Step)
				break
			}
		}
		return p
	}
	return placement{}
}

func stepAt(j *evidence.Journey, index int) *evidence.Step {
	for _, s := range j.Steps {
		if s != nil && s.Index == index {
			return s
		}
	}
	return nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// siteName is a target's short name for headings.
func siteName(t *evidence.Target) string {
	if t == nil {
		return "unattributed"
	}
	return cmp.Or(t.Name, t.Site, hostOf(t.URL), t.URL, "unnamed target")
}

// rulesOf returns the audit's rule metadata sorted by ID, with a stub for every
// rule a finding names that a.Rules does not describe.
func rulesOf(a *evidence.Audit) []evidence.RuleMeta {
	seen := map[string]bool{}
	var rules []evidence.RuleMeta
	for _, r := range a.Rules {
		if r.ID == "" || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		rules = append(rules, r)
	}
	for _, fs := range [][]evidence.Finding{a.Findings, a.Suppressed} {
		for _, f := range fs {
			if f.Rule == "" || seen[f.Rule] {
				continue
			}
			seen[f.Rule] = true
			rules = append(rules, evidence.RuleMeta{ID: f.Rule, Family: f.Family, Title: f.Title,
				Severity: f.Severity, Regulations: f.Regulations})
		}
	}
	slices.SortFunc(rules, func(x, y evidence.RuleMeta) int { return cmp.Compare(x.ID, y.ID) })
	return rules
}

// sortedKeys returns a map's keys in order.
func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// severityCounts counts findings by severity, worst first, including zeros.
func severityCounts(fs []evidence.Finding) []nameCount {
	counts := map[evidence.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	var out []nameCount
	sevs := evidence.Severities()
	for i := len(sevs) - 1; i >= 0; i-- {
		out = append(out, nameCount{sevs[i].String(), counts[sevs[i]]})
	}
	return out
}

// familyCounts counts findings by family in report-schema.md order, non-zero only.
func familyCounts(fs []evidence.Finding) []nameCount {
	counts := map[evidence.Family]int{}
	for _, f := range fs {
		counts[f.Family]++
	}
	var out []nameCount
	for _, fam := range evidence.Families() {
		if counts[fam] > 0 {
			out = append(out, nameCount{string(fam), counts[fam]})
			delete(counts, fam)
		}
	}
	// A family from a newer darkaudit's report is shown after the known ones.
	for _, fam := range sortedKeys(counts) {
		out = append(out, nameCount{string(fam), counts[fam]})
	}
	return out
}

type nameCount struct {
	Name  string
	Count int
}
