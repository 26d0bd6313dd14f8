package evidence

import (
	"net/url"
	"strings"
	"time"
)

// SchemaVersion is the version of report.json this package writes.
const SchemaVersion = "1"

// Audit is one run of darkaudit: report.json is its JSON form.
type Audit struct {
	SchemaVersion string    `json:"schemaVersion"`
	Tool          Tool      `json:"tool"`
	Run           Run       `json:"run"`
	Browser       Browser   `json:"browser"`
	Targets       []*Target `json:"targets"`
	Findings      []Finding `json:"findings"`
	// Rules describes every rule that ran.
	Rules []RuleMeta `json:"rules,omitempty"`
	// Suppressed holds findings an ignore file silenced: listed, never dropped.
	Suppressed []Finding     `json:"suppressed,omitempty"`
	Summary    Summary       `json:"summary"`
	Errors     []ErrorRecord `json:"errors"`
}

// Tool names the darkaudit build that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// Run says when and how the audit ran.
type Run struct {
	ID         string         `json:"id"`
	StartedAt  time.Time      `json:"startedAt"`
	FinishedAt time.Time      `json:"finishedAt"`
	Command    []string       `json:"command"`
	Config     map[string]any `json:"config"`
}

// Browser describes the Chromium that captured the evidence.
type Browser struct {
	Product   string `json:"product"`
	UserAgent string `json:"userAgent"`
	Path      string `json:"path,omitempty"`
	Viewport  Size   `json:"viewport"`
	Locale    string `json:"locale"`
	Timezone  string `json:"timezone"`
}

// Size is a width and a height in CSS pixels.
type Size struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// Target statuses.
const (
	StatusComplete   = "complete"
	StatusIncomplete = "incomplete"
	StatusFailed     = "failed"
)

// Target is one audited site, entered at URL.
type Target struct {
	URL  string `json:"url"`
	Site string `json:"site"`
	// Name is the target's stable label: its host by default, --name, or a
	// demo fixture's name. Every finding on the target carries it in
	// Location.Site, and fingerprints include it.
	Name     string     `json:"name,omitempty"`
	Status   string     `json:"status"`
	Error    string     `json:"error"`
	Metrics  Metrics    `json:"metrics"`
	Journeys []*Journey `json:"journeys"`
}

// Metrics are measurements recorded whether or not anything is wrong.
type Metrics struct {
	CheckoutReached bool         `json:"checkoutReached"`
	SignupReached   bool         `json:"signupReached"`
	CancelReached   bool         `json:"cancelReached"`
	SignupSteps     *int         `json:"signupSteps"`
	CancelSteps     *int         `json:"cancelSteps"`
	ContactDepth    ContactDepth `json:"contactDepth"`
	PagesVisited    int          `json:"pagesVisited"`
}

// ContactDepth is the number of clicks from the home page to each kind of
// contact detail; nil means it was not found.
type ContactDepth struct {
	Phone   *int `json:"phone"`
	Email   *int `json:"email"`
	Form    *int `json:"form"`
	Address *int `json:"address"`
}

// Journey is a goal-directed walk through a site, or the breadth-first explore walk.
type Journey struct {
	ID      string      `json:"id"`
	Kind    JourneyKind `json:"kind"`
	Name    string      `json:"name"`
	Reached bool        `json:"reached"`
	Reason  string      `json:"reason"`
	Steps   []*Step     `json:"steps"`
}

// Action is what the crawler did to reach a step.
type Action struct {
	Type     ActionType `json:"type"`
	Target   string     `json:"target"`
	Value    string     `json:"value"`
	Selector string     `json:"selector,omitempty"`
	Text     string     `json:"text,omitempty"`
	Box      *Box       `json:"box,omitempty"`
}

// Step is one observation in a journey: the action taken and the page seen after it.
type Step struct {
	Index      int       `json:"index"`
	Action     Action    `json:"action"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	PageKind   PageKind  `json:"pageKind"`
	Depth      int       `json:"depth"`
	At         time.Time `json:"at"`
	Screenshot string    `json:"screenshot"`
	HTML       string    `json:"html"`
	// SnapshotFile is the bundle path of the full Snapshot, for re-judging.
	SnapshotFile string `json:"snapshot,omitempty"`
	Error        string `json:"error,omitempty"`
	// Snapshot is the observation itself; it lives in its own file in the bundle.
	Snapshot *Snapshot `json:"-"`
}

// Summary counts the findings.
type Summary struct {
	Findings   int            `json:"findings"`
	ByFamily   map[Family]int `json:"byFamily"`
	BySeverity map[string]int `json:"bySeverity"`
	Suppressed int            `json:"suppressed,omitempty"`
}

// ErrorRecord is a failure that did not stop the audit: a page that hung, a
// step that failed, a site that could not be reached.
type ErrorRecord struct {
	URL     string `json:"url"`
	Journey string `json:"journey,omitempty"`
	Step    *int   `json:"step,omitempty"`
	Message string `json:"message"`
}

// Summarize recomputes a.Summary from a.Findings and a.Suppressed.
func (a *Audit) Summarize() {
	s := Summary{ByFamily: map[Family]int{}, BySeverity: map[string]int{}}
	for _, f := range a.Findings {
		s.Findings++
		s.ByFamily[f.Family]++
		s.BySeverity[f.Severity.String()]++
	}
	s.Suppressed = len(a.Suppressed)
	a.Summary = s
}

// DefaultName is a target's name when none is given: the host of its URL,
// lower-case, with the port when the URL has one ("" when it has no host).
func DefaultName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// FillNames upgrades a report written before targets had names and findings
// their site: a target without a Name gets DefaultName, and a finding without
// a Location.Site gets the name of the one target it can belong to — the only
// target of a one-site report, else the one target whose host it was seen on
// ("www." aside). None when several targets share that host: an old report
// cannot tell them apart, and a wrong site is worse than none. Judging sets
// both directly.
func (a *Audit) FillNames() {
	byHost := map[string][]string{}
	var only []string
	for _, t := range a.Targets {
		if t == nil {
			continue
		}
		if t.Name == "" {
			t.Name = DefaultName(t.URL)
		}
		h := hostKey(t.URL)
		byHost[h] = append(byHost[h], t.Name)
		only = append(only, t.Name)
	}
	for _, fs := range [][]Finding{a.Findings, a.Suppressed} {
		for i := range fs {
			if fs[i].Location.Site != "" {
				continue
			}
			if len(only) == 1 {
				fs[i].Location.Site = only[0]
			} else if names := byHost[hostKey(fs[i].Location.URL)]; len(names) == 1 {
				fs[i].Location.Site = names[0]
			}
		}
	}
}

// hostKey is a URL's host and port, lower-case, without "www.".
func hostKey(rawURL string) string { return strings.TrimPrefix(DefaultName(rawURL), "www.") }
