package crawler

import (
	"encoding/json"
	"os"
	"sort"
	"testing"
)

// guardCorpus is testdata/guard_corpus.json: real shop wording per language,
// written blind (before reading the lexicon) from the wording of real shop
// software and retailers.
type guardCorpus map[string]struct {
	Commit []struct {
		Label string `json:"label"`
		Weak  bool   `json:"weak"`
	} `json:"commit"`
	Proceed []struct {
		Label        string `json:"label"`
		CheckoutStep bool   `json:"checkoutStep"`
	} `json:"proceed"`
	Optin      []string `json:"optin"`
	Functional []string `json:"functional"`
}

func loadGuardCorpus(t *testing.T) guardCorpus {
	t.Helper()
	data, err := os.ReadFile("testdata/guard_corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "_about")
	b, _ := json.Marshal(raw)
	var c guardCorpus
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGuardCorpus: every final order, pay or subscribe label of the corpus
// is refused (weak ones on a checkout step, where the walker passes
// onPayment), and every proceed label stays clickable: on the cart, product
// and signup pages (onPayment=false) and, for a checkout-step proceed, on a
// checkout page too (onPayment=true, as journey_checkout passes it).
func TestGuardCorpus(t *testing.T) {
	g := Guard{}
	corpus := loadGuardCorpus(t)
	langs := make([]string, 0, len(corpus))
	for l := range corpus {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		c := corpus[lang]
		misses, falseRefusals, checks := 0, 0, 0
		for _, e := range c.Commit {
			checks++
			if _, ok := g.BlocksAny([]string{e.Label}, e.Weak); !ok {
				misses++
				t.Errorf("%s: commit %q (weak=%v) not refused", lang, e.Label, e.Weak)
			}
		}
		for _, e := range c.Proceed {
			checks++
			if p, bad := g.BlocksAny([]string{e.Label}, false); bad {
				falseRefusals++
				t.Errorf("%s: proceed %q refused off the checkout (by %q)", lang, e.Label, p)
				continue
			}
			if e.CheckoutStep {
				if p, bad := g.BlocksAny([]string{e.Label}, true); bad {
					falseRefusals++
					t.Errorf("%s: checkout-step proceed %q refused on a checkout page (by %q)", lang, e.Label, p)
				}
			}
		}
		t.Logf("%s: %d commit, %d proceed labels: %d misses, %d false refusals", lang, len(c.Commit), len(c.Proceed), misses, falseRefusals)
	}
}
