package reports

import "github.com/darkaudit/darkaudit/evidence"

// Baseline states of a finding.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// ApplyBaseline marks every finding of a "unchanged" when base (a previous
// report) has a finding with the same ID, else "new". Only base.Findings count:
// a finding that base listed as suppressed comes back as new once its ignore
// entry expires, which is what the expiry is for.
func ApplyBaseline(a *evidence.Audit, base *evidence.Audit) {
	known := map[string]bool{}
	if base != nil {
		for _, f := range base.Findings {
			known[f.ID] = true
		}
	}
	for _, fs := range [][]evidence.Finding{a.Findings, a.Suppressed} {
		for i := range fs {
			if known[fs[i].ID] {
				fs[i].Baseline = BaselineUnchanged
			} else {
				fs[i].Baseline = BaselineNew
			}
		}
	}
}
