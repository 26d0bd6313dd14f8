package detectors

import (
	"slices"
	"sort"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestRegistry checks the one list of families: sorted by name, each name
// in evidence's fixed vocabulary, each family with a scan and at least one
// rule, rule IDs unique across families and sorted within one, and every
// rule documented (title, description, help, citations) under its family.
func TestRegistry(t *testing.T) {
	fams := Families()
	if len(fams) == 0 {
		t.Fatal("no families registered")
	}
	names := make([]string, len(fams))
	for i, f := range fams {
		names[i] = string(f.Name)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("families not in alphabetical order: %v", names)
	}
	seenFam := map[evidence.Family]bool{}
	seenRule := map[string]evidence.Family{}
	for _, f := range fams {
		if seenFam[f.Name] {
			t.Errorf("family %s registered twice", f.Name)
		}
		seenFam[f.Name] = true
		if !slices.Contains(evidence.Families(), f.Name) {
			t.Errorf("family %q is not in evidence.Families()", f.Name)
		}
		if f.Scan == nil {
			t.Errorf("family %s has no scan", f.Name)
		}
		if len(f.Rules) == 0 {
			t.Errorf("family %s has no rules", f.Name)
		}
		for i, r := range f.Rules {
			if r.ID == "" {
				t.Errorf("family %s: rule %d has no ID", f.Name, i)
			}
			if other, ok := seenRule[r.ID]; ok {
				t.Errorf("rule %s registered twice (families %s and %s)", r.ID, other, f.Name)
			}
			seenRule[r.ID] = f.Name
			if i > 0 && f.Rules[i-1].ID > r.ID {
				t.Errorf("family %s: rules not alphabetical: %s before %s", f.Name, f.Rules[i-1].ID, r.ID)
			}
			if r.Family != f.Name {
				t.Errorf("rule %s: family %q, registered under %q", r.ID, r.Family, f.Name)
			}
			if r.Title == "" || r.Description == "" || r.Help == "" {
				t.Errorf("rule %s: title, description or help missing", r.ID)
			}
			if r.Severity == evidence.SeverityNone {
				t.Errorf("rule %s: no severity", r.ID)
			}
			if len(r.Regulations) == 0 {
				t.Errorf("rule %s: no citations", r.ID)
			}
		}
		if got, ok := f.Rule(f.Rules[0].ID); !ok || got.ID != f.Rules[0].ID {
			t.Errorf("family %s: Rule(%q) not found", f.Name, f.Rules[0].ID)
		}
	}
	if got := Rules(fams); len(got) != len(seenRule) {
		t.Errorf("Rules lists %d rules, the families declare %d", len(got), len(seenRule))
	}
}

// TestFamiliesSafeOnEmptyInput: every scan copes with nil and empty targets.
func TestFamiliesSafeOnEmptyInput(t *testing.T) {
	for _, f := range Families() {
		if got := f.Scan(nil); len(got) != 0 {
			t.Errorf("%s on nil target: %d findings", f.Name, len(got))
		}
		empty := &evidence.Target{Journeys: []*evidence.Journey{nil, {ID: "j1", Steps: []*evidence.Step{nil, {}}}}}
		if got := f.Scan(empty); len(got) != 0 {
			t.Errorf("%s on empty target: %d findings", f.Name, len(got))
		}
	}
}

// TestFamilyCitations: every registered family cites the EU, the US, the
// UK and India, and Citations hands out copies.
func TestFamilyCitations(t *testing.T) {
	for _, f := range Families() {
		cs := Citations(f.Name)
		juris := map[string]bool{}
		for _, c := range cs {
			juris[c.Jurisdiction] = true
		}
		for _, j := range []string{"EU", "US", "UK", "India"} {
			if !juris[j] {
				t.Errorf("%s: no %s citation", f.Name, j)
			}
		}
		if len(cs) > 0 {
			cs[0].Citation = "changed"
			if Citations(f.Name)[0].Citation == "changed" {
				t.Errorf("%s: Citations returns a shared slice", f.Name)
			}
		}
	}
	if Citations("no-such-family") != nil {
		t.Error("citations for an unknown family")
	}
}

// TestJudgeRejectsUndeclaredRules: a family that reports a rule it does not
// declare gets that finding dropped and an error recorded (once, however
// often the audit is judged); a finding without a rule takes the rule of a
// one-rule family.
func TestJudgeRejectsUndeclaredRules(t *testing.T) {
	meta := rule("test-declared", evidence.FamilyConfirmshaming, evidence.SeverityLow, "T", "D", "H")
	loc := evidence.Location{URL: "https://shop.example/", Journey: "j1", Selector: "#x", Text: "x"}
	fam := Family{Name: evidence.FamilyConfirmshaming, Rules: []evidence.RuleMeta{meta},
		Scan: func(*evidence.Target) []evidence.Finding {
			return []evidence.Finding{
				{Rule: "", Location: loc},
				{Rule: "test-undeclared", Location: loc},
				{Rule: "test-declared", Family: evidence.FamilyPreticked, Location: loc},
			}
		}}
	a := &evidence.Audit{Targets: []*evidence.Target{{URL: "https://shop.example/"}}}
	Judge(a, []Family{fam})
	Judge(a, []Family{fam})
	if len(a.Findings) != 1 || a.Findings[0].Rule != "test-declared" || a.Findings[0].Family != fam.Name ||
		a.Findings[0].Severity != evidence.SeverityLow || a.Findings[0].Title != "T" {
		t.Errorf("findings = %+v, want one test-declared finding filled from its rule", a.Findings)
	}
	if len(a.Errors) != 2 {
		t.Errorf("errors = %+v, want one per undeclared rule (test-undeclared, and test-declared under another family)", a.Errors)
	}
}
