package flow

import (
	"strings"
	"testing"
)

// flowSeeds are the flow files of the table tests.
var flowSeeds = []string{
	`version: 1
journeys:
  - name: buy
    kind: checkout
    steps:
      - goto: /products/a.html
      - click: Add to basket
      - click: {selector: "#go"}
      - fill: {label: Email, value: "${EMAIL}"}
      - select:
          selector: "#size"
          value: M
      - check: I agree
      - uncheck: {selector: "#news"}
      - wait: {text: Basket, timeout: 5s}
      - expect: Total
      - snapshot: basket
      - reload
`,
	"journeys:\n  - name: a\n    kind: checkout\n    steps:\n      - clik: Buy\n",
	"journeys:\n  - name: a\n    kind: checkout\n    colour: red\n    steps:\n      - goto: /\n",
	"journeys:\n  - name: a\n    kind: shopping\n    steps:\n      - goto: /\n",
	"journeys:\n  - name: a\n    steps:\n      - goto: /\n",
	"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - fill: {selector: \"#e\"}\n",
	"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - fill: {selector: \"#e\", value: \"${NOPE}\"}\n",
	"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - click: {selector: \"#e\", colour: 1}\n",
	"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - wait: {text: x, timeout: soon}\n",
	"journeys: [\n",
	"journey: []\n",
	"journeys:\n  - name: a\n    kind: cancel\n    steps:\n      - wait: Done\n        timeout: 2s\n      - fill: {text: Password, value: \"${PASS}\"}\n",
}

// FuzzParseFlow checks that the flow parser never panics and either returns
// an error naming the file or journeys whose kinds, step operations and
// required fields are all valid.
func FuzzParseFlow(f *testing.F) {
	for _, s := range flowSeeds {
		f.Add([]byte(s))
	}
	lookup := env(map[string]string{"EMAIL": "me@example.com", "PASS": "pa55"})
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := ParseBytes("f.yaml", data, lookup)
		if err != nil {
			if fl != nil {
				t.Errorf("ParseBytes returned a flow and the error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if fl == nil || len(fl.Journeys) == 0 {
			t.Fatalf("no error and no journeys: %+v", fl)
		}
		for _, s := range fl.Secrets {
			if s != "me@example.com" && s != "pa55" {
				t.Errorf("secret %q is not an environment value", s)
			}
		}
		names := map[string]bool{}
		for _, j := range fl.Journeys {
			if names[j.Name] {
				t.Errorf("journey name %q twice", j.Name)
			}
			names[j.Name] = true
			if !j.Kind.Valid() {
				t.Errorf("journey %q: unknown kind %q", j.Name, j.Kind)
			}
			if len(j.Steps) == 0 {
				t.Errorf("journey %q has no steps", j.Name)
			}
			for i, st := range j.Steps {
				if err := checkStep(st); err != "" {
					t.Errorf("journey %q step %d %+v: %s", j.Name, i, st, err)
				}
			}
		}
	})
}

// checkStep says what is wrong with a parsed step, or "".
func checkStep(st Step) string {
	if !contains(ops, st.Op) {
		return "unknown op"
	}
	target := (st.Text != "") != (st.Selector != "")
	switch st.Op {
	case OpGoto:
		if st.URL == "" {
			return "goto without a URL"
		}
	case OpClick, OpCheck, OpUncheck:
		if !target {
			return "needs exactly one of text and selector"
		}
	case OpWait, OpExpect:
		if !target {
			return "needs exactly one of text and selector"
		}
		if st.Timeout <= 0 {
			return "no timeout"
		}
	case OpFill, OpSelect:
		if st.Text == "" && st.Selector == "" {
			return "needs a label or selector"
		}
	}
	if st.Op != OpWait && st.Op != OpExpect && st.Timeout != 0 {
		return "timeout on a step that does not wait"
	}
	return ""
}
