package evidence

// RuleMeta describes a detector rule. report.json carries the metadata of
// every rule that ran, so SARIF, JUnit and HTML writers and later tools can
// explain a finding without importing the detectors.
type RuleMeta struct {
	ID          string     `json:"id"`
	Family      Family     `json:"family"`
	Title       string     `json:"title"`
	Severity    Severity   `json:"severity"`
	Description string     `json:"description"`
	Help        string     `json:"help"`
	Regulations []Citation `json:"regulations"`
}
