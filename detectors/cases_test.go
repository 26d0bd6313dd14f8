package detectors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// storedCase is one stored snapshot case of testdata/*.json: a recorded
// Target (journeys and steps without their snapshots), the snapshots keyed
// "<journey>/<step index>", and the findings the detectors must produce.
// Every case with an empty expect list is an honest twin that must stay
// silent for every rule of the family under test.
type storedCase struct {
	Name      string                        `json:"name"`
	Note      string                        `json:"note,omitempty"`
	Expect    []expectedFinding             `json:"expect"`
	Target    evidence.Target               `json:"target"`
	Snapshots map[string]*evidence.Snapshot `json:"snapshots"`
	file      string
}

// expectedFinding pins one finding: its rule, where it was seen and, when
// set, what its reasons, confidence and evidence must show.
type expectedFinding struct {
	Rule     string `json:"rule"`
	Journey  string `json:"journey"`
	Step     int    `json:"step"`
	Selector string `json:"selector"`
	// Reasons are substrings that must each appear in one of the reasons.
	Reasons []string `json:"reasons,omitempty"`
	// NotReasons are substrings no reason may contain.
	NotReasons []string `json:"notReasons,omitempty"`
	// MinConfidence and MaxConfidence bound the finding's confidence when set.
	MinConfidence float64 `json:"minConfidence,omitempty"`
	MaxConfidence float64 `json:"maxConfidence,omitempty"`
	// Before and After are the experiment's screenshots, when expected.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// loadCases reads every case of the named testdata files and attaches each
// snapshot to its step.
func loadCases(t *testing.T, files ...string) []storedCase {
	t.Helper()
	var out []storedCase
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		var doc struct {
			Cases []storedCase `json:"cases"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		for i := range doc.Cases {
			c := &doc.Cases[i]
			c.file = name
			attachSnapshots(t, c)
			out = append(out, *c)
		}
	}
	return out
}

func attachSnapshots(t *testing.T, c *storedCase) {
	t.Helper()
	used := map[string]bool{}
	for _, j := range c.Target.Journeys {
		for _, s := range j.Steps {
			key := j.ID + "/" + strconv.Itoa(s.Index)
			if snap, ok := c.Snapshots[key]; ok {
				s.Snapshot = snap
				used[key] = true
			}
		}
	}
	for key := range c.Snapshots {
		if !used[key] {
			t.Fatalf("%s: case %s: snapshot %q belongs to no step", c.file, c.Name, key)
		}
	}
}

// familyByName returns the registered family name; the zero Family (no
// rules, no scan) when none is registered.
func familyByName(name evidence.Family) Family {
	for _, f := range Families() {
		if f.Name == name {
			return f
		}
	}
	return Family{Name: name}
}

// familyCaseFiles lists the stored cases of a family: every
// testdata/<family>/*.json, relative to testdata.
func familyCaseFiles(t *testing.T, family evidence.Family) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", string(family), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Join(string(family), filepath.Base(p)))
	}
	return out
}

// runFamily judges the case's target with the registered family, the way
// the audit command does (fingerprints, deduplication, order). A finding of
// a rule the family does not declare fails the test.
func runFamily(t *testing.T, c storedCase, family evidence.Family) []evidence.Finding {
	t.Helper()
	tg := c.Target
	a := &evidence.Audit{Targets: []*evidence.Target{&tg}}
	Judge(a, []Family{familyByName(family)})
	for _, e := range a.Errors {
		t.Errorf("%s: %s", c.Name, e.Message)
	}
	return a.Findings
}

func describe(fs []evidence.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n    " + f.Rule + " " + f.Location.Journey + "/" + strconv.Itoa(f.Location.Step) +
			" " + f.Location.Selector + " conf=" + strconv.FormatFloat(f.Confidence, 'f', 2, 64) +
			" reasons=" + strings.Join(f.Reasons, "; "))
	}
	return b.String()
}

// checkCase asserts the findings of one family on a case: exactly the
// expected ones, no more, each with its reasons and evidence.
func checkCase(t *testing.T, c storedCase, family evidence.Family) {
	t.Helper()
	got := runFamily(t, c, family)
	if len(got) != len(c.Expect) {
		t.Fatalf("%s: got %d findings, want %d:%s", c.Name, len(got), len(c.Expect), describe(got))
	}
	want := append([]expectedFinding(nil), c.Expect...)
	sort.SliceStable(want, func(i, j int) bool { return want[i].Rule+want[i].Selector < want[j].Rule+want[j].Selector })
	sort.SliceStable(got, func(i, j int) bool {
		return got[i].Rule+got[i].Location.Selector < got[j].Rule+got[j].Location.Selector
	})
	for i, w := range want {
		f := got[i]
		if f.Rule != w.Rule || f.Location.Journey != w.Journey || f.Location.Step != w.Step || f.Location.Selector != w.Selector {
			t.Errorf("%s: finding %d = %s %s/%d %s, want %s %s/%d %s", c.Name, i, f.Rule, f.Location.Journey,
				f.Location.Step, f.Location.Selector, w.Rule, w.Journey, w.Step, w.Selector)
			continue
		}
		checkFindingShape(t, c.Name, f)
		for _, r := range w.Reasons {
			if !anyContains(f.Reasons, r) {
				t.Errorf("%s: %s: no reason contains %q; reasons: %q", c.Name, f.Rule, r, f.Reasons)
			}
		}
		for _, r := range w.NotReasons {
			if anyContains(f.Reasons, r) {
				t.Errorf("%s: %s: a reason contains %q; reasons: %q", c.Name, f.Rule, r, f.Reasons)
			}
		}
		if w.MinConfidence > 0 && f.Confidence < w.MinConfidence {
			t.Errorf("%s: %s: confidence %.2f < %.2f", c.Name, f.Rule, f.Confidence, w.MinConfidence)
		}
		if w.MaxConfidence > 0 && f.Confidence > w.MaxConfidence {
			t.Errorf("%s: %s: confidence %.2f > %.2f", c.Name, f.Rule, f.Confidence, w.MaxConfidence)
		}
		if w.Before != "" && f.Evidence.Before != w.Before {
			t.Errorf("%s: %s: evidence.before = %q, want %q", c.Name, f.Rule, f.Evidence.Before, w.Before)
		}
		if w.After != "" && f.Evidence.After != w.After {
			t.Errorf("%s: %s: evidence.after = %q, want %q", c.Name, f.Rule, f.Evidence.After, w.After)
		}
	}
}

// checkFindingShape asserts what every finding must carry.
func checkFindingShape(t *testing.T, name string, f evidence.Finding) {
	t.Helper()
	if len(f.Reasons) < 2 {
		t.Errorf("%s: %s: want at least two reasons, got %q", name, f.Rule, f.Reasons)
	}
	if f.Message == "" || f.Title == "" {
		t.Errorf("%s: %s: empty message or title", name, f.Rule)
	}
	if f.Confidence <= 0 || f.Confidence > 1 {
		t.Errorf("%s: %s: confidence %v out of (0,1]", name, f.Rule, f.Confidence)
	}
	if f.Location.URL == "" || f.Location.Text == "" || f.Location.Box == nil || f.Location.Box.Empty() {
		t.Errorf("%s: %s: incomplete location %+v", name, f.Rule, f.Location)
	}
	if f.Evidence.Screenshot == "" || f.Evidence.HTML == "" {
		t.Errorf("%s: %s: no screenshot or HTML evidence: %+v", name, f.Rule, f.Evidence)
	}
	if len(f.Regulations) == 0 {
		t.Errorf("%s: %s: no citations", name, f.Rule)
	}
}

func anyContains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestStoredCases runs every registered family over its stored cases
// (testdata/<family>/*.json). Each family has at least one case that must
// find something and one honest twin that must stay silent; a case is
// judged by its own family only, so a finding of another family on the
// same snapshot never fails it.
func TestStoredCases(t *testing.T) {
	for _, fam := range Families() {
		t.Run(string(fam.Name), func(t *testing.T) {
			files := familyCaseFiles(t, fam.Name)
			if len(files) == 0 {
				t.Fatalf("no stored cases in testdata/%s/*.json", fam.Name)
			}
			positive, twin := 0, 0
			for _, c := range loadCases(t, files...) {
				if len(c.Expect) > 0 {
					positive++
				} else {
					twin++
				}
				t.Run(c.Name, func(t *testing.T) { checkCase(t, c, fam.Name) })
			}
			if positive == 0 || twin == 0 {
				t.Errorf("%d cases with findings and %d honest twins; want at least one of each", positive, twin)
			}
		})
	}
}

// TestStoredCaseDirsAreFamilies keeps testdata/<dir>/ for registered families only,
// so cases cannot sit where no test runs them.
func TestStoredCaseDirsAreFamilies(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && len(familyByName(evidence.Family(e.Name())).Rules) == 0 {
			t.Errorf("testdata/%s/ names no registered family", e.Name())
		}
	}
}
