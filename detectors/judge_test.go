package detectors

import (
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// allCasesAudit puts every stored case of every registered family into one
// audit, one target per case.
func allCasesAudit(t *testing.T) *evidence.Audit {
	t.Helper()
	a := &evidence.Audit{}
	for _, fam := range Families() {
		for _, c := range loadCases(t, familyCaseFiles(t, fam.Name)...) {
			tg := c.Target
			tg.URL = tg.URL + "#" + c.Name
			a.Targets = append(a.Targets, &tg)
		}
	}
	return a
}

func TestJudgeIsStableAndOrdered(t *testing.T) {
	a := allCasesAudit(t)
	Judge(a, Families())
	if len(a.Findings) < 60 {
		t.Fatalf("judged %d findings over every stored case, want at least 60", len(a.Findings))
	}
	b := allCasesAudit(t)
	Judge(b, Families())
	if len(a.Findings) != len(b.Findings) {
		t.Fatalf("second judgement gave %d findings, first %d", len(b.Findings), len(a.Findings))
	}
	seen := map[string]bool{}
	for i, f := range a.Findings {
		if b.Findings[i].ID != f.ID || b.Findings[i].Rule != f.Rule {
			t.Errorf("finding %d: %s %s, then %s %s", i, f.ID, f.Rule, b.Findings[i].ID, b.Findings[i].Rule)
		}
		if !strings.HasPrefix(f.ID, evidence.FingerprintVersion+":") || len(f.ID) != len(evidence.FingerprintVersion)+1+16 {
			t.Errorf("finding %d: malformed id %q", i, f.ID)
		}
		if seen[f.ID] {
			t.Errorf("finding %d: duplicate id %s", i, f.ID)
		}
		seen[f.ID] = true
		if f.ID != evidence.Fingerprint(f) {
			t.Errorf("finding %d: id %s is not its fingerprint %s", i, f.ID, evidence.Fingerprint(f))
		}
		if len(f.Regulations) == 0 {
			t.Errorf("finding %d (%s): no citations", i, f.Rule)
		}
		if r, ok := familyByName(f.Family).Rule(f.Rule); !ok || r.Family != f.Family {
			t.Errorf("finding %d: rule %q is not a rule of family %q", i, f.Rule, f.Family)
		}
		if i > 0 {
			p := a.Findings[i-1]
			if p.Severity < f.Severity || evidence.CompareFindings(p, f) > 0 {
				t.Errorf("findings %d and %d out of order: %s %s %s, then %s %s %s", i-1, i,
					p.Severity, p.Location.URL, p.Rule, f.Severity, f.Location.URL, f.Rule)
			}
		}
	}
	if len(a.Errors) != 0 {
		t.Errorf("judging recorded errors: %+v", a.Errors)
	}
	if len(a.Rules) != len(Rules(Families())) {
		t.Errorf("audit lists %d rules, want %d", len(a.Rules), len(Rules(Families())))
	}
	if a.Summary.Findings != len(a.Findings) {
		t.Errorf("summary counts %d findings, audit has %d", a.Summary.Findings, len(a.Findings))
	}
	for _, fam := range Families() {
		if a.Summary.ByFamily[fam.Name] == 0 {
			t.Errorf("summary by family misses %s: %v", fam.Name, a.Summary.ByFamily)
		}
	}
}

func TestJudgeDeduplicatesToEarliestStep(t *testing.T) {
	for _, c := range loadCases(t, "preticked/preticked_en.json") {
		if c.Name != "en/same-control-several-steps" {
			continue
		}
		got := runFamily(t, c, evidence.FamilyPreticked)
		if len(got) != 1 || got[0].Location.Step != 0 {
			t.Fatalf("want one finding at step 0, got:%s", describe(got))
		}
		return
	}
	t.Fatal("case en/same-control-several-steps not found")
}

// A line for a visible pre-ticked box is reported once, by the preticked family.
func TestPretickedCartLineJudgedOnce(t *testing.T) {
	for _, c := range loadCases(t, "sneak-into-basket/sneak_more.json") {
		if c.Name != "sneak/preticked-control-line" {
			continue
		}
		if got := runFamily(t, c, evidence.FamilySneakIntoBasket); len(got) != 0 {
			t.Errorf("sneak family reported the pre-ticked line:%s", describe(got))
		}
		got := runFamily(t, c, evidence.FamilyPreticked)
		if len(got) != 1 || got[0].Rule != RulePretickedPaidAddon || got[0].Location.Selector != "#pp" {
			t.Errorf("want one preticked-paid-addon on #pp, got:%s", describe(got))
		}
		return
	}
	t.Fatal("case sneak/preticked-control-line not found")
}
