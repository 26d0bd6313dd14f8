package detectors

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestConsentCorpus puts each checkbox label of the blind corpus
// (crawler/testdata/guard_corpus.json) pre-ticked on a checkout page: a
// marketing opt-in must give preticked-consent, a functional box (required
// terms, billing address, remember me, transactional SMS) no preticked
// finding at all.
func TestConsentCorpus(t *testing.T) {
	data, err := os.ReadFile("../crawler/testdata/guard_corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "_about")
	langs := make([]string, 0, len(raw))
	for l := range raw {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		var c struct {
			Optin      []string          `json:"optin"`
			Functional []string          `json:"functional"`
			Accepted   map[string]string `json:"accepted"`
		}
		if err := json.Unmarshal(raw[lang], &c); err != nil {
			t.Fatal(err)
		}
		found, alarms, accepted := 0, 0, 0
		// wrong reports an entry the detector gets wrong unless the corpus
		// accepts it (keyed "<section>/<label>"); an accepted entry the
		// detector now gets right fails, so the accepted list stays true.
		wrong := func(key string, bad bool, msg string) bool {
			why, ok := c.Accepted[key]
			switch {
			case bad && ok:
				accepted++
				t.Logf("%s: accepted: %s (%s)", lang, msg, why)
				return false
			case bad:
				t.Errorf("%s: %s", lang, msg)
				return true
			case ok:
				t.Errorf("%s: %s is listed as accepted but the detector now gets it right: drop it from accepted", lang, key)
			}
			return false
		}
		for _, label := range c.Optin {
			hit := hasRule(consentCorpusRun(t, lang, label), "preticked-consent")
			if hit {
				found++
			}
			wrong("optin/"+label, !hit, fmt.Sprintf("pre-ticked opt-in %q: no preticked-consent", label))
		}
		for _, label := range c.Functional {
			fs := consentCorpusRun(t, lang, label)
			if wrong("functional/"+label, len(fs) > 0, fmt.Sprintf("pre-ticked functional box %q: %s", label, describe(fs))) {
				alarms++
			}
		}
		t.Logf("%s: consent recall %d/%d, functional false alarms %d/%d, %d accepted", lang, found, len(c.Optin), alarms, len(c.Functional), accepted)
	}
}

func hasRule(fs []evidence.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// consentCorpusRun judges a stored-snapshot target whose checkout step holds
// one pre-ticked checkbox with this label, built from the en/newsletter case.
func consentCorpusRun(t *testing.T, lang, label string) []evidence.Finding {
	t.Helper()
	var tmpl *storedCase
	for _, c := range loadCases(t, "preticked/preticked_en.json") {
		if c.Name == "en/newsletter" {
			tmpl = &c
			break
		}
	}
	if tmpl == nil {
		t.Fatal("template case en/newsletter not found")
	}
	step := tmpl.Target.Journeys[0].Steps[1]
	step.URL = "https://shop.example/checkout"
	step.Title = "checkout"
	step.PageKind = "checkout"
	snap := step.Snapshot
	snap.URL, snap.FinalURL, snap.Title, snap.PageKind, snap.Lang = step.URL, step.URL, "checkout", "checkout", lang
	if len(snap.Controls) != 1 {
		t.Fatalf("template: want one control, got %d", len(snap.Controls))
	}
	snap.Controls[0].Label = label
	return runFamily(t, *tmpl, evidence.FamilyPreticked)
}
