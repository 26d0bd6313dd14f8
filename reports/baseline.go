package reports

import "github.com/darkaudit/darkaudit/evidence"

// Baseline states of a finding.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// ApplyBaseline marks every finding of a "unchanged" when base (a previous
// report) has a finding with the same identity, else "new". Only base.Findings
// count: a finding that base listed as suppressed comes back as new once its
// ignore entry expires, which is what the expiry is for.
//
// A baseline written before fingerprint v2 holds v1 IDs: a finding matches it
// through its v1 fingerprint. Finding.BaselineMatch says which version matched.
func ApplyBaseline(a *evidence.Audit, base *evidence.Audit) {
	var baseFindings []evidence.Finding
	if base != nil {
		baseFindings = base.Findings
	}
	known := identitiesOf(baseFindings)
	for _, fs := range [][]evidence.Finding{a.Findings, a.Suppressed} {
		for i := range fs {
			if v := known.match(fs[i]); v != "" {
				fs[i].Baseline, fs[i].BaselineMatch = BaselineUnchanged, v
			} else {
				fs[i].Baseline, fs[i].BaselineMatch = BaselineNew, ""
			}
		}
	}
}

// identities are the finding IDs of a report, of any fingerprint version.
type identities struct {
	ids map[string]bool
	// v1 holds the v1 fingerprints of the findings with newer IDs, for
	// findings from a report written before v2.
	v1 map[string]bool
}

func identitiesOf(fs []evidence.Finding) identities {
	in := identities{ids: map[string]bool{}, v1: map[string]bool{}}
	for _, f := range fs {
		in.ids[f.ID] = true
		if evidence.FingerprintVersionOf(f.ID) != "v1" {
			in.v1[evidence.FingerprintV1(f)] = true
		}
	}
	return in
}

// match returns the fingerprint version under which f is one of the report's
// findings: its ID's own version when the report has that ID, else "v1" when
// one side holds v1 IDs and the v1 fingerprints agree, else "". Two findings
// that both carry v2 IDs are never matched by v1: v2 is what tells two sites on
// one host apart.
func (in identities) match(f evidence.Finding) string {
	switch {
	case in.ids[f.ID]:
		return evidence.FingerprintVersionOf(f.ID)
	case evidence.FingerprintVersionOf(f.ID) == "v1":
		if in.v1[f.ID] {
			return "v1"
		}
	case in.ids[evidence.FingerprintV1(f)]:
		return "v1"
	}
	return ""
}
