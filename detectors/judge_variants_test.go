package detectors

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// variantsAudit is an audit over one target whose journeys are those of
// every stored case that expects findings, of every registered family, plus
// a journey that meets the same pre-ticked box on three steps.
func variantsAudit(t *testing.T) *evidence.Audit {
	t.Helper()
	tg := &evidence.Target{URL: vHost + "/", Site: "shop.example", Status: evidence.StatusComplete}
	add := func(j *evidence.Journey, id string) {
		j.ID = id
		tg.Journeys = append(tg.Journeys, j)
	}
	n := 0
	for _, fam := range Families() {
		for _, c := range loadCases(t, familyCaseFiles(t, fam.Name)...) {
			if len(c.Expect) == 0 {
				continue
			}
			for _, j := range c.Target.Journeys {
				n++
				add(j, "v"+strconv.Itoa(n))
			}
		}
	}
	box := cb("#ins", "Add travel insurance +£4.99")
	add(vTarget(page("checkout", box), page("checkout", box), page("checkout", box)).Journeys[0], "repeat")
	return &evidence.Audit{Targets: []*evidence.Target{tg}}
}

func TestJudgeVariantsAudit(t *testing.T) {
	a := variantsAudit(t)
	Judge(a, Families())
	if len(a.Findings) == 0 {
		t.Fatal("no findings")
	}
	byRule := map[string]int{}
	seen := map[string]bool{}
	for _, f := range a.Findings {
		byRule[f.Rule]++
		assertShape(t, f)
		if !strings.HasPrefix(f.ID, evidence.FingerprintVersion+":") || f.ID != evidence.Fingerprint(f) {
			t.Errorf("%s: ID %q is not its fingerprint %q", f.Rule, f.ID, evidence.Fingerprint(f))
		}
		if !reflect.DeepEqual(f.Regulations, Citations(f.Family)) {
			t.Errorf("%s: regulations differ from the %s citations", f.Rule, f.Family)
		}
		if seen[f.ID] {
			t.Errorf("duplicate ID %s", f.ID)
		}
		seen[f.ID] = true
		if f.Location.Selector == "#ins" && f.Location.Journey == "repeat" && f.Location.Step != 0 {
			t.Errorf("repeated box kept step %d, want 0", f.Location.Step)
		}
	}
	for _, r := range Rules(Families()) {
		if byRule[r.ID] == 0 {
			t.Errorf("rule %s produced nothing on the stored cases of its family", r.ID)
		}
	}
	for i := 1; i < len(a.Findings); i++ {
		p, q := a.Findings[i-1], a.Findings[i]
		switch {
		case p.Severity < q.Severity:
			t.Errorf("finding %d (%s) is above a higher severity", i-1, p.Rule)
		case evidence.CompareFindings(p, q) > 0:
			t.Errorf("finding %d (%s %s) is out of order before %s %s", i-1, p.Rule, p.Location.URL, q.Rule, q.Location.URL)
		}
	}
	if len(a.Rules) != len(Rules(Families())) {
		t.Errorf("a.Rules has %d rules, want %d", len(a.Rules), len(Rules(Families())))
	}
	byFamily := 0
	for _, fam := range Families() {
		byFamily += a.Summary.ByFamily[fam.Name]
	}
	if a.Summary.Findings != len(a.Findings) || byFamily != len(a.Findings) {
		t.Errorf("summary %+v does not count %d findings", a.Summary, len(a.Findings))
	}
	b := variantsAudit(t)
	Judge(b, Families())
	Judge(b, Families())
	if !reflect.DeepEqual(a.Findings, b.Findings) {
		t.Errorf("judging twice differs")
	}
}

// TestRuleSeverities pins the severity of the rules reports and baselines
// already rely on.
func TestRuleSeverities(t *testing.T) {
	ids := map[string]evidence.Severity{
		RulePretickedPaidAddon: evidence.SeverityHigh, RulePretickedConsent: evidence.SeverityMedium,
		RulePreselectedPaidOption: evidence.SeverityHigh, RuleSneakItem: evidence.SeverityHigh,
		RuleSneakQuantity: evidence.SeverityHigh, RuleTotalMismatch: evidence.SeverityMedium,
	}
	seen := 0
	for _, r := range Rules(Families()) {
		if sev, ok := ids[r.ID]; ok {
			seen++
			if sev != r.Severity {
				t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, sev)
			}
		}
	}
	if seen != len(ids) {
		t.Errorf("%d of the %d pinned rules are registered", seen, len(ids))
	}
}
