package detectors

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// The variant tables of variants_test.go are kept as stored snapshot cases
// in testdata/variants_*.json, in the format of the other testdata files
// (cases_test.go): a Target, its snapshots keyed "<journey>/<step>" and the
// expected findings. Regenerate them after changing a table with
//
//	DARKAUDIT_UPDATE_TESTDATA=1 go test ./detectors -run TestStoredVariants
//
// Without the variable the test fails when a stored file and its table
// differ, and runs the detectors over the cases as loaded from JSON, so a
// snapshot field that does not survive the round trip is caught.

type storedVariantFile struct {
	Cases []storedVariant `json:"cases"`
}

type storedVariant struct {
	Name      string                        `json:"name"`
	Note      string                        `json:"note,omitempty"`
	Expect    []storedExpect                `json:"expect"`
	Target    *evidence.Target              `json:"target"`
	Snapshots map[string]*evidence.Snapshot `json:"snapshots"`
}

type storedExpect struct {
	Rule          string   `json:"rule"`
	Journey       string   `json:"journey"`
	Step          int      `json:"step"`
	Selector      string   `json:"selector"`
	Reasons       []string `json:"reasons,omitempty"`
	MinConfidence float64  `json:"minConfidence,omitempty"`
	MaxConfidence float64  `json:"maxConfidence,omitempty"`
	Before        string   `json:"before,omitempty"`
	After         string   `json:"after,omitempty"`
}

func toStored(vs []variant, note string) storedVariantFile {
	var out storedVariantFile
	for _, v := range vs {
		sv := storedVariant{Name: v.name, Target: v.target, Snapshots: map[string]*evidence.Snapshot{},
			Expect: []storedExpect{}}
		if len(v.want) == 0 {
			sv.Note = note
		}
		for _, j := range v.target.Journeys {
			for _, s := range j.Steps {
				if s.Snapshot != nil {
					sv.Snapshots[j.ID+"/"+strconv.Itoa(s.Index)] = s.Snapshot
				}
			}
		}
		for _, w := range v.want {
			sv.Expect = append(sv.Expect, storedExpect{Rule: w.rule, Journey: "j1", Step: w.step, Selector: w.selector,
				Reasons: w.reasons, MinConfidence: w.minConf, MaxConfidence: w.maxConf, Before: w.before, After: w.after})
		}
		out.Cases = append(out.Cases, sv)
	}
	return out
}

func fromStored(t *testing.T, f storedVariantFile) []variant {
	t.Helper()
	var out []variant
	for _, c := range f.Cases {
		used := 0
		for _, j := range c.Target.Journeys {
			for _, s := range j.Steps {
				if snap, ok := c.Snapshots[j.ID+"/"+strconv.Itoa(s.Index)]; ok {
					s.Snapshot = snap
					used++
				}
			}
		}
		if used != len(c.Snapshots) {
			t.Fatalf("%s: %d snapshots belong to no step", c.Name, len(c.Snapshots)-used)
		}
		v := variant{name: c.Name, target: c.Target}
		for _, e := range c.Expect {
			v.want = append(v.want, want{rule: e.Rule, selector: e.Selector, step: e.Step, reasons: e.Reasons,
				minConf: e.MinConfidence, maxConf: e.MaxConfidence, before: e.Before, after: e.After})
		}
		out = append(out, v)
	}
	return out
}

func TestStoredVariants(t *testing.T) {
	untick := []variant{}
	// TestUntickExperiment's table, rebuilt here for storage.
	pp := cb("#pp", "Add protection plan", nearby("Protection plan £3.99"))
	thin := cb("#pp", "Yes", nearby("Keep it safe £3.99"))
	untick = append(untick,
		variant{"untick/drop confirms", untickJourney(pp, 54.97, 50.98), []want{{rule: RulePretickedPaidAddon,
			selector: "#pp", step: 1, reasons: []string{"lowered the total"}, minConf: 0.9,
			before: "evidence/j1-01.png", after: "evidence/j1-02.png"}}},
		variant{"untick/no drop, worded box", untickJourney(pp, 50.98, 50.98), []want{{rule: RulePretickedPaidAddon,
			selector: "#pp", step: 1, reasons: []string{"left the total"}, maxConf: 0.75}}},
		variant{"untick/honest: no drop, thin label", untickJourney(thin, 50.98, 50.98), nil},
	)
	files := []struct {
		name   string
		family evidence.Family
		vs     []variant
	}{
		{"variants_preticked.json", evidence.FamilyPreticked, append(pretickedVariants(), untick...)},
		{"variants_sneak.json", evidence.FamilySneakIntoBasket, sneakVariants()},
	}
	update := os.Getenv("DARKAUDIT_UPDATE_TESTDATA") != ""
	for _, f := range files {
		want, err := json.MarshalIndent(toStored(f.vs, "honest twin: must stay silent for every rule of the family"), "", " ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		p := filepath.Join("testdata", f.name)
		if update {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (regenerate with DARKAUDIT_UPDATE_TESTDATA=1)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its table; regenerate with DARKAUDIT_UPDATE_TESTDATA=1", p)
		}
		var doc storedVariantFile
		if err := json.Unmarshal(got, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range fromStored(t, doc) {
			t.Run(f.name+"/"+v.name, func(t *testing.T) { checkVariant(t, v, f.family) })
		}
	}
}
