package detectors

import (
	"strconv"

	"github.com/darkaudit/darkaudit/evidence"
)

// Family is one detector family: its name (one of evidence.Families), the
// metadata of every rule it may report, and one pure scan that judges a
// Target's recorded journeys once and returns findings of any of those
// rules. Scan never touches a browser or a file. A finding may leave Rule
// empty when the family has a single rule; Judge fills the rest (family,
// severity, title, citations) from the rule's metadata.
type Family struct {
	Name  evidence.Family
	Rules []evidence.RuleMeta
	Scan  func(t *evidence.Target) []evidence.Finding
}

// Rule returns the metadata of the family's rule id.
func (f Family) Rule(id string) (evidence.RuleMeta, bool) {
	for _, r := range f.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return evidence.RuleMeta{}, false
}

// Rules returns the metadata of every rule of fams, family by family.
func Rules(fams []Family) []evidence.RuleMeta {
	var out []evidence.RuleMeta
	for _, f := range fams {
		out = append(out, f.Rules...)
	}
	return out
}

// judge runs the family's scan on t once and completes each finding from
// its rule's metadata. A finding whose rule the family does not declare is
// a bug in the family: it is left out of found and its rule ID is returned
// in unknown, so Judge can record the error instead of reporting a finding
// without metadata.
func (f Family) judge(t *evidence.Target) (found []evidence.Finding, unknown []string) {
	if f.Scan == nil {
		return nil, nil
	}
	for _, fd := range f.Scan(t) {
		if fd.Rule == "" && len(f.Rules) == 1 {
			fd.Rule = f.Rules[0].ID
		}
		r, ok := f.Rule(fd.Rule)
		if !ok {
			unknown = append(unknown, fd.Rule)
			continue
		}
		if fd.Family != "" && fd.Family != f.Name {
			unknown = append(unknown, fd.Rule+" (as family "+string(fd.Family)+")")
			continue
		}
		fillDefaults(&fd, r)
		found = append(found, fd)
	}
	return found, unknown
}

// recordUnknownRules appends to errs one record per rule ID a family
// reported without declaring it, unless errs holds that record already (so
// judging a saved bundle again does not repeat it).
func recordUnknownRules(errs []evidence.ErrorRecord, t *evidence.Target, family evidence.Family, ids []string) []evidence.ErrorRecord {
next:
	for _, id := range ids {
		e := evidence.ErrorRecord{URL: t.URL, Message: "detectors: family " + string(family) + " reported rule " +
			strconv.Quote(id) + " that it does not declare; finding dropped"}
		for _, x := range errs {
			if x == e {
				continue next
			}
		}
		errs = append(errs, e)
	}
	return errs
}
