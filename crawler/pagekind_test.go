package crawler

import "testing"

// Every page kind the lexicon names is one of evidence's page kinds: the
// vocabulary is spelled once.
func TestPageKindsAreEvidenceKinds(t *testing.T) {
	lx, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.PageKinds) == 0 {
		t.Fatal("lexicon names no page kinds")
	}
	for k := range lx.PageKinds {
		if !k.Valid() {
			t.Errorf("lexicon page kind %q is not in evidence.PageKinds()", k)
		}
	}
}
