package detectors

import "github.com/darkaudit/darkaudit/evidence"

// Judge runs every family of fams once on every target of a and replaces
// a.Findings with the result: defaults filled from the rule, placed on their
// target (Location.Site is the target's Name, so detectors need not set it),
// fingerprinted (evidence.Fingerprint), deduplicated (the same ID keeps its
// earliest step) and sorted (evidence.CompareFindings). It also sets a.Rules
// and the summary. A finding of a rule its family does not declare is dropped
// and recorded in a.Errors. Judging the same evidence twice gives the same
// findings.
func Judge(a *evidence.Audit, fams []Family) {
	type ranked struct {
		f                  evidence.Finding
		target, jour, step int
	}
	byID := map[string]*ranked{}
	for ti, t := range a.Targets {
		if t == nil {
			continue
		}
		journeyAt := map[string]int{}
		for ji, j := range t.Journeys {
			if j != nil {
				if _, ok := journeyAt[j.ID]; !ok {
					journeyAt[j.ID] = ji
				}
			}
		}
		for _, fam := range fams {
			found, unknown := fam.judge(t)
			a.Errors = recordUnknownRules(a.Errors, t, fam.Name, unknown)
			for _, f := range found {
				f.Location.Site = t.Name
				f.ID = evidence.Fingerprint(f)
				r := &ranked{f: f, target: ti, jour: journeyAt[f.Location.Journey], step: f.Location.Step}
				if old, ok := byID[f.ID]; !ok || earlier(r.target, r.jour, r.step, old.target, old.jour, old.step) {
					byID[f.ID] = r
				}
			}
		}
	}
	out := make([]evidence.Finding, 0, len(byID))
	for _, r := range byID {
		out = append(out, r.f)
	}
	evidence.SortFindings(out)
	a.Findings = out
	a.Rules = Rules(fams)
	a.Summarize()
}

func earlier(t1, j1, s1, t2, j2, s2 int) bool {
	if t1 != t2 {
		return t1 < t2
	}
	if j1 != j2 {
		return j1 < j2
	}
	return s1 < s2
}

// fillDefaults completes a finding from its rule's metadata.
func fillDefaults(f *evidence.Finding, r evidence.RuleMeta) {
	if f.Rule == "" {
		f.Rule = r.ID
	}
	if f.Family == "" {
		f.Family = r.Family
	}
	if f.Severity == evidence.SeverityNone {
		f.Severity = r.Severity
	}
	if f.Title == "" {
		f.Title = r.Title
	}
	if f.Regulations == nil {
		f.Regulations = append([]evidence.Citation(nil), r.Regulations...)
	}
	if f.Reasons == nil {
		f.Reasons = []string{}
	}
}
