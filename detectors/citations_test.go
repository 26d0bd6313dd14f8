package detectors

import (
	"reflect"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestCitationsMatchRegulationsTable pins the provisions of the preticked and
// sneak-into-basket row of the project's regulations table (regulations.md,
// status November 2026) so a slip in regulations.json is caught here.
func TestCitationsMatchRegulationsTable(t *testing.T) {
	want := []struct{ jurisdiction, provision string }{
		{"EU", "2011/83/EU Art. 22"},
		{"EU", "GDPR Recital 32 and Art. 7"},
		{"EU", "C-673/17 Planet49"},
		{"US", "FTC Act §5 (unauthorised charges)"},
		{"US", "ROSCA 15 U.S.C. §8403(2)"},
		{"UK", "Consumer Contracts Regulations 2013 reg. 40"},
		{"India", "Dark Patterns Guidelines 2023, Annexure 1 item 2 (basket sneaking)"},
		{"India", "E-Commerce) Rules 2020 r.4(9)"},
	}
	// GDPR and Planet49 share one entry: seven citations for eight provisions.
	const entries = 7
	for _, fam := range []evidence.Family{evidence.FamilyPreticked, evidence.FamilySneakIntoBasket} {
		cs := Citations(fam)
		if len(cs) != entries {
			t.Errorf("%s: %d citations, want %d: %+v", fam, len(cs), entries, cs)
		}
		for _, w := range want {
			found := false
			for _, c := range cs {
				if c.Jurisdiction == w.jurisdiction && strings.Contains(c.Citation, w.provision) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no %s citation of %q", fam, w.jurisdiction, w.provision)
			}
		}
		// Provisions of other rows must not leak into this one.
		for _, c := range cs {
			for _, other := range []string{"Art. 8(2)", "DMCCA", "Art. 25", "§17602", "Annexure 1 item 5"} {
				if strings.Contains(c.Citation, other) {
					t.Errorf("%s: citation %q belongs to another family", fam, c.Citation)
				}
			}
		}
	}
	// Every registered rule carries exactly its family's citations.
	for _, r := range Rules(Families()) {
		if !reflect.DeepEqual(r.Regulations, Citations(r.Family)) {
			t.Errorf("%s: citations %v, want those of %s", r.ID, r.Regulations, r.Family)
		}
	}
}
