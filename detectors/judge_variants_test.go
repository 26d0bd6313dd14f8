package detectors

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// variantsAudit is an audit over one target whose journeys are the dark
// variants of both families (variants_test.go), plus a journey that meets
// the same pre-ticked box on three steps.
func variantsAudit() *evidence.Audit {
	tg := &evidence.Target{URL: vHost + "/", Site: "shop.example", Status: evidence.StatusComplete}
	add := func(v variant, id string) {
		j := v.target.Journeys[0]
		j.ID = id
		tg.Journeys = append(tg.Journeys, j)
	}
	n := 0
	for _, vs := range [][]variant{pretickedVariants(), sneakVariants()} {
		for _, v := range vs {
			if len(v.want) > 0 {
				n++
				add(v, "v"+strconv.Itoa(n))
			}
		}
	}
	box := cb("#ins", "Add travel insurance +£4.99")
	add(variant{target: vTarget(page("checkout", box), page("checkout", box), page("checkout", box))}, "repeat")
	return &evidence.Audit{Targets: []*evidence.Target{tg}}
}

func TestJudgeVariantsAudit(t *testing.T) {
	a := variantsAudit()
	Judge(a, All())
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
	for _, id := range []string{RulePretickedPaidAddon, RulePretickedConsent, RulePreselectedPaidOption,
		RuleSneakItem, RuleSneakQuantity, RuleTotalMismatch} {
		if byRule[id] == 0 {
			t.Errorf("rule %s produced nothing", id)
		}
	}
	for i := 1; i < len(a.Findings); i++ {
		p, q := a.Findings[i-1], a.Findings[i]
		switch {
		case p.Severity < q.Severity:
			t.Errorf("finding %d (%s) is above a higher severity", i-1, p.Rule)
		case p.Severity == q.Severity && p.Location.URL > q.Location.URL:
			t.Errorf("finding %d: URL %s before %s", i-1, p.Location.URL, q.Location.URL)
		case p.Severity == q.Severity && p.Location.URL == q.Location.URL && p.Rule > q.Rule:
			t.Errorf("finding %d: rule %s before %s", i-1, p.Rule, q.Rule)
		}
	}
	if len(a.Rules) != len(All()) {
		t.Errorf("a.Rules has %d rules, want %d", len(a.Rules), len(All()))
	}
	if a.Summary.Findings != len(a.Findings) ||
		a.Summary.ByFamily[evidence.FamilyPreticked]+a.Summary.ByFamily[evidence.FamilySneakIntoBasket] != len(a.Findings) {
		t.Errorf("summary %+v does not count %d findings", a.Summary, len(a.Findings))
	}
	b := variantsAudit()
	Judge(b, All())
	Judge(b, All())
	if !reflect.DeepEqual(a.Findings, b.Findings) {
		t.Errorf("judging twice differs")
	}
}

func TestRuleMetaAndCitations(t *testing.T) {
	ids := map[string]evidence.Severity{
		RulePretickedPaidAddon: evidence.SeverityHigh, RulePretickedConsent: evidence.SeverityMedium,
		RulePreselectedPaidOption: evidence.SeverityHigh, RuleSneakItem: evidence.SeverityHigh,
		RuleSneakQuantity: evidence.SeverityHigh, RuleTotalMismatch: evidence.SeverityMedium,
	}
	for _, d := range All() {
		if sev, ok := ids[d.ID]; ok && sev != d.Severity {
			t.Errorf("%s: severity %s, want %s", d.ID, d.Severity, sev)
		}
		if d.Detect == nil || d.Title == "" || d.Description == "" || d.Help == "" || len(d.Regulations) == 0 {
			t.Errorf("%s: incomplete rule %+v", d.ID, d.RuleMeta)
		}
		if d.Detect != nil && len(d.Detect(nil)) != 0 {
			t.Errorf("%s: findings on a nil target", d.ID)
		}
	}
	for _, fam := range []evidence.Family{evidence.FamilyPreticked, evidence.FamilySneakIntoBasket} {
		cs := Citations(fam)
		juris := map[string]bool{}
		for _, c := range cs {
			juris[c.Jurisdiction] = true
		}
		for _, j := range []string{"EU", "US", "UK", "India"} {
			if !juris[j] {
				t.Errorf("%s: no %s citation", fam, j)
			}
		}
		cs[0].Citation = "changed"
		if Citations(fam)[0].Citation == "changed" {
			t.Errorf("Citations returns a shared slice")
		}
	}
	if Citations("no-such-family") != nil {
		t.Error("citations for an unknown family")
	}
}
