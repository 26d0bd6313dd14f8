package detectors

import "github.com/darkaudit/darkaudit/evidence"

// Detector is one rule: its metadata and a pure function that judges a
// Target's recorded journeys. Detect never touches a browser or a file.
type Detector struct {
	evidence.RuleMeta
	Detect func(t *evidence.Target) []evidence.Finding
}

// Rules returns the metadata of ds, in order.
func Rules(ds []Detector) []evidence.RuleMeta {
	out := make([]evidence.RuleMeta, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.RuleMeta)
	}
	return out
}
