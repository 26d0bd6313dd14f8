package detectors

import (
	_ "embed"
	"encoding/json"
	"sync"

	"github.com/darkaudit/darkaudit/evidence"
)

//go:embed regulations.json
var regulationsJSON []byte

type citationTable struct {
	Rows []struct {
		Families  []string            `json:"families"`
		Citations []evidence.Citation `json:"citations"`
	} `json:"rows"`
}

var citationsByFamily = sync.OnceValue(func() map[string][]evidence.Citation {
	var t citationTable
	if err := json.Unmarshal(regulationsJSON, &t); err != nil {
		panic("detectors: embedded regulations.json: " + err.Error())
	}
	m := map[string][]evidence.Citation{}
	for _, r := range t.Rows {
		for _, f := range r.Families {
			m[f] = append(m[f], r.Citations...)
		}
	}
	return m
})

// Citations returns the provisions a finding of family may breach (EU, US,
// UK and India), from the embedded table transcribed from regulations.md.
// The slice is a copy; nil for an unknown family.
func Citations(family evidence.Family) []evidence.Citation {
	c := citationsByFamily()[string(family)]
	if c == nil {
		return nil
	}
	return append([]evidence.Citation(nil), c...)
}
