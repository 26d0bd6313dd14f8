package reports

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// The schema's enums are the Go lists of package evidence, word for word and
// in order: a word added to one and not the other fails here.
func TestSchemaEnumsEqualGoLists(t *testing.T) {
	var schema struct {
		Defs map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(ReportSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	sevs := []string{}
	for _, s := range evidence.Severities() {
		if s != evidence.SeverityNone {
			sevs = append(sevs, s.String())
		}
	}
	for def, want := range map[string][]string{
		"family":      words(evidence.Families()),
		"journeyKind": words(evidence.JourneyKinds()),
		"pageKind":    words(evidence.PageKinds()),
		"actionType":  words(evidence.ActionTypes()),
		"severity":    sevs,
	} {
		got := schema.Defs[def].Enum
		if !slices.Equal(got, want) {
			t.Errorf("$defs.%s.enum = %q,\nGo list       = %q", def, got, want)
		}
	}
}

func words[S ~string](ws []S) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(w)
	}
	return out
}
