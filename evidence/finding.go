package evidence

import (
	"cmp"
	"slices"
)

// Finding is one place where the interface may work against the customer,
// with the reasons a detector gave and references to the recorded evidence.
type Finding struct {
	// ID is a stable fingerprint: the same issue on the next run has the same ID.
	ID          string       `json:"id"`
	Rule        string       `json:"rule"`
	Family      Family       `json:"family"`
	Severity    Severity     `json:"severity"`
	Confidence  float64      `json:"confidence"`
	Title       string       `json:"title"`
	Message     string       `json:"message"`
	Reasons     []string     `json:"reasons"`
	Location    Location     `json:"location"`
	Evidence    EvidenceRefs `json:"evidence"`
	Regulations []Citation   `json:"regulations"`
	// Baseline is "new" or "unchanged" when a baseline report was given.
	Baseline string `json:"baseline,omitempty"`
	// BaselineMatch is the fingerprint version that matched the baseline
	// ("v2", or "v1" for a baseline written before v2) when Baseline is "unchanged".
	BaselineMatch string `json:"baselineMatch,omitempty"`
	// Suppression is the ignore-file statement that silenced the finding.
	Suppression string `json:"suppression,omitempty"`
}

// Location says where a finding was seen.
type Location struct {
	// Site is the Name of the target the finding was seen on, set when it is
	// judged, so no reader rebuilds it from URLs.
	Site     string `json:"site"`
	URL      string `json:"url"`
	Journey  string `json:"journey"`
	Step     int    `json:"step"`
	Selector string `json:"selector"`
	Text     string `json:"text"`
	Box      *Box   `json:"box,omitempty"`
}

// EvidenceRefs are bundle paths of the files that show a finding.
type EvidenceRefs struct {
	Screenshot string `json:"screenshot"`
	Crop       string `json:"crop,omitempty"`
	HTML       string `json:"html"`
	// Before and After are the screenshots of an experiment (untick, reload, ...).
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	// Excerpt is a short excerpt of the DOM around the element.
	Excerpt string `json:"excerpt,omitempty"`
	// Related are further elements on the same screenshot the finding
	// depends on, such as the commit control a hidden statement should sit
	// next to; each gets its own crop beside the finding's.
	Related []RelatedRef `json:"related,omitempty"`
}

// RelatedRef is a second element of a finding's evidence, on the finding's
// screenshot.
type RelatedRef struct {
	// Label says what the element is ("commit control").
	Label    string `json:"label"`
	Selector string `json:"selector,omitempty"`
	Text     string `json:"text,omitempty"`
	Box      *Box   `json:"box,omitempty"`
	// Crop is the bundle path of the crop around Box, set by reports.WriteCrops.
	Crop string `json:"crop,omitempty"`
}

// Citation is a provision a finding may breach.
type Citation struct {
	Jurisdiction string `json:"jurisdiction"`
	Citation     string `json:"citation"`
}

// CompareFindings is the one order of findings in every report and every
// format: worst first, then by rule, site, URL, journey, step and ID, so the
// same evidence always lists the same way.
func CompareFindings(x, y Finding) int {
	return cmp.Or(
		cmp.Compare(y.Severity, x.Severity),
		cmp.Compare(x.Rule, y.Rule),
		cmp.Compare(x.Location.Site, y.Location.Site),
		cmp.Compare(x.Location.URL, y.Location.URL),
		cmp.Compare(x.Location.Journey, y.Location.Journey),
		cmp.Compare(x.Location.Step, y.Location.Step),
		cmp.Compare(x.ID, y.ID),
	)
}

// SortFindings sorts fs in place in CompareFindings order.
func SortFindings(fs []Finding) { slices.SortStableFunc(fs, CompareFindings) }
