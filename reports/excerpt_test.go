package reports

import (
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

func TestAddExcerpts(t *testing.T) {
	b, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	page := `<html><body><main><div class="extras"><label><input type="checkbox" id="ins" checked> Add travel insurance (+£4.99)</label></div>
<p>Partner offers <span>Yes, send me offers</span></p></main><script>var x = "Yes, send me offers";</script></body></html>`
	ref, err := b.WriteEvidence("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	a := &evidence.Audit{Findings: []evidence.Finding{
		{Location: evidence.Location{Selector: "#ins", Text: "Add travel insurance (+£4.99)"}, Evidence: evidence.EvidenceRefs{HTML: ref.Path}},
		{Location: evidence.Location{Selector: "x-offers >>> #opt", Text: "Yes, send me offers"}, Evidence: evidence.EvidenceRefs{HTML: ref.Path}},
		{Location: evidence.Location{Selector: "#gone", Text: "nowhere to be seen"}, Evidence: evidence.EvidenceRefs{HTML: ref.Path}},
		{Location: evidence.Location{Selector: "#ins"}, Evidence: evidence.EvidenceRefs{HTML: "evidence/missing.html"}},
	}}
	AddExcerpts(b, a)
	if got := a.Findings[0].Evidence.Excerpt; !strings.Contains(got, `id="ins"`) || !strings.Contains(got, "travel insurance") {
		t.Errorf("selector excerpt = %q", got)
	}
	if got := a.Findings[1].Evidence.Excerpt; !strings.Contains(got, "<span>Yes, send me offers</span>") || strings.Contains(got, "var x") {
		t.Errorf("text excerpt = %q", got)
	}
	if got := a.Findings[2].Evidence.Excerpt; got != "" {
		t.Errorf("unknown element got excerpt %q", got)
	}
	if got := a.Findings[3].Evidence.Excerpt; got != "" {
		t.Errorf("missing HTML got excerpt %q", got)
	}
}
