package detectors

import (
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// allCasesAudit puts every stored case of both families into one audit, one
// target per case.
func allCasesAudit(t *testing.T) *evidence.Audit {
	t.Helper()
	a := &evidence.Audit{}
	for _, c := range loadCases(t, "preticked_en.json", "preticked_de.json", "preticked_fr.json",
		"preticked_controls.json", "preselected.json", "untick.json", "preticked_variants.json",
		"preticked_traps.json", "untick_more.json", "sneak.json", "sneak_more.json") {
		tg := c.Target
		tg.URL = tg.URL + "#" + c.Name
		a.Targets = append(a.Targets, &tg)
	}
	return a
}

func TestJudgeIsStableAndOrdered(t *testing.T) {
	a := allCasesAudit(t)
	Judge(a, All())
	if len(a.Findings) < 60 {
		t.Fatalf("judged %d findings over every stored case, want at least 60", len(a.Findings))
	}
	b := allCasesAudit(t)
	Judge(b, All())
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
		if f.Family != evidence.FamilyPreticked && f.Family != evidence.FamilySneakIntoBasket {
			t.Errorf("finding %d: family %q", i, f.Family)
		}
		if i > 0 {
			p := a.Findings[i-1]
			if p.Severity < f.Severity || (p.Severity == f.Severity && p.Location.URL > f.Location.URL) ||
				(p.Severity == f.Severity && p.Location.URL == f.Location.URL && p.Rule > f.Rule) {
				t.Errorf("findings %d and %d out of order: %s %s %s, then %s %s %s", i-1, i,
					p.Severity, p.Location.URL, p.Rule, f.Severity, f.Location.URL, f.Rule)
			}
		}
	}
	if len(a.Rules) != len(All()) {
		t.Errorf("audit lists %d rules, want %d", len(a.Rules), len(All()))
	}
	if a.Summary.Findings != len(a.Findings) {
		t.Errorf("summary counts %d findings, audit has %d", a.Summary.Findings, len(a.Findings))
	}
	if a.Summary.ByFamily[evidence.FamilyPreticked] == 0 || a.Summary.ByFamily[evidence.FamilySneakIntoBasket] == 0 {
		t.Errorf("summary by family misses a family: %v", a.Summary.ByFamily)
	}
}

func TestJudgeDeduplicatesToEarliestStep(t *testing.T) {
	for _, c := range loadCases(t, "preticked_en.json") {
		if c.Name != "en/same-control-several-steps" {
			continue
		}
		got := runFamily(c, evidence.FamilyPreticked)
		if len(got) != 1 || got[0].Location.Step != 0 {
			t.Fatalf("want one finding at step 0, got:%s", describe(got))
		}
		return
	}
	t.Fatal("case en/same-control-several-steps not found")
}

// A line for a visible pre-ticked box is reported once, by the preticked family.
func TestPretickedCartLineJudgedOnce(t *testing.T) {
	for _, c := range loadCases(t, "sneak_more.json") {
		if c.Name != "sneak/preticked-control-line" {
			continue
		}
		if got := runFamily(c, evidence.FamilySneakIntoBasket); len(got) != 0 {
			t.Errorf("sneak family reported the pre-ticked line:%s", describe(got))
		}
		got := runFamily(c, evidence.FamilyPreticked)
		if len(got) != 1 || got[0].Rule != RulePretickedPaidAddon || got[0].Location.Selector != "#pp" {
			t.Errorf("want one preticked-paid-addon on #pp, got:%s", describe(got))
		}
		return
	}
	t.Fatal("case sneak/preticked-control-line not found")
}

func TestRegistry(t *testing.T) {
	ds := All()
	want := map[string]struct {
		family evidence.Family
		sev    evidence.Severity
	}{
		RulePretickedPaidAddon:    {evidence.FamilyPreticked, evidence.SeverityHigh},
		RulePretickedConsent:      {evidence.FamilyPreticked, evidence.SeverityMedium},
		RulePreselectedPaidOption: {evidence.FamilyPreticked, evidence.SeverityHigh},
		RuleSneakItem:             {evidence.FamilySneakIntoBasket, evidence.SeverityHigh},
		RuleSneakQuantity:         {evidence.FamilySneakIntoBasket, evidence.SeverityHigh},
		RuleTotalMismatch:         {evidence.FamilySneakIntoBasket, evidence.SeverityMedium},
	}
	seen := map[string]bool{}
	for i, d := range ds {
		if seen[d.ID] {
			t.Errorf("rule %s registered twice", d.ID)
		}
		seen[d.ID] = true
		if i > 0 && ds[i-1].ID > d.ID {
			t.Errorf("registry not alphabetical: %s before %s", ds[i-1].ID, d.ID)
		}
		if d.Detect == nil || d.Title == "" || d.Description == "" || d.Help == "" || len(d.Regulations) == 0 {
			t.Errorf("rule %s: incomplete metadata", d.ID)
		}
		if w, ok := want[d.ID]; ok && (w.family != d.Family || w.sev != d.Severity) {
			t.Errorf("rule %s: family %s severity %s, want %s %s", d.ID, d.Family, d.Severity, w.family, w.sev)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("rule %s is not registered", id)
		}
	}
	if t.Failed() {
		return
	}
	// Every detector is safe on nil and empty input.
	for _, d := range ds {
		if got := d.Detect(nil); len(got) != 0 {
			t.Errorf("%s on nil target: %d findings", d.ID, len(got))
		}
		empty := &evidence.Target{Journeys: []*evidence.Journey{nil, {ID: "j1", Steps: []*evidence.Step{nil, {}}}}}
		if got := d.Detect(empty); len(got) != 0 {
			t.Errorf("%s on empty target: %d findings", d.ID, len(got))
		}
	}
}
