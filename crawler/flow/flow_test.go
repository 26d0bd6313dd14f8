package flow

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestParseGood(t *testing.T) {
	src := `version: 1
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
`
	f, err := ParseBytes("f.yaml", []byte(src), env(map[string]string{"EMAIL": "me@example.com"}))
	if err != nil {
		t.Fatal(err)
	}
	steps := f.Journeys[0].Steps
	if len(steps) != 11 {
		t.Fatalf("steps = %d", len(steps))
	}
	if steps[3].Value != "me@example.com" || !steps[3].Secret || steps[3].Text != "Email" {
		t.Errorf("fill = %+v", steps[3])
	}
	if steps[1].Text != "Add to basket" || steps[2].Selector != "#go" || steps[7].Timeout.Seconds() != 5 || steps[10].Op != OpReload {
		t.Errorf("steps = %+v", steps)
	}
	if steps[4].Pos.Line != 10 || steps[4].Pos.Column != 9 {
		t.Errorf("select at %+v", steps[4].Pos)
	}
	if got := f.Scrub("x me@example.com y", "•••"); got != "x ••• y" {
		t.Errorf("scrub = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"journeys:\n  - name: a\n    kind: checkout\n    steps:\n      - clik: Buy\n", "f.yaml:5:9: unknown step \"clik\""},
		{"journeys:\n  - name: a\n    kind: checkout\n    colour: red\n    steps:\n      - goto: /\n", "f.yaml:4:5: unknown key \"colour\" in a journey"},
		{"journeys:\n  - name: a\n    kind: shopping\n    steps:\n      - goto: /\n", "f.yaml:3:11: unknown kind \"shopping\""},
		{"journeys:\n  - name: a\n    steps:\n      - goto: /\n", "f.yaml:2:5: journey is missing key \"kind\""},
		{"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - fill: {selector: \"#e\"}\n", "f.yaml:5:9: fill needs a value"},
		{"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - fill: {selector: \"#e\", value: \"${NOPE}\"}\n", "f.yaml:5:39: environment variable NOPE is not set"},
		{"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - click: {selector: \"#e\", colour: 1}\n", "f.yaml:5:33: unknown key \"colour\" in click step"},
		{"journeys:\n  - name: a\n    kind: signup\n    steps:\n      - wait: {text: x, timeout: soon}\n", "f.yaml:5:34: timeout \"soon\" is not a duration"},
		{"journeys: [\n", "f.yaml:"},
		{"journey: []\n", "f.yaml:1:1: unknown key \"journey\""},
	}
	for _, c := range cases {
		_, err := ParseBytes("f.yaml", []byte(c.src), env(nil))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q:\n got  %v\n want %s…", c.src, err, c.want)
		}
	}
}
