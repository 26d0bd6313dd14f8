package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

func TestMarkdownCellEscaping(t *testing.T) {
	in := "a | b `code` <img src=x onerror=alert(1)> [link](javascript:x) *em* _u_\nnext line\r\n"
	got := mdCell(in)
	for _, bad := range []string{" | ", " `code`", "<img", " [link]", "\n", "\r", " *em*", " _u_"} {
		if strings.Contains(got, bad) {
			t.Errorf("mdCell(%q) = %q still contains %q", in, got, bad)
		}
	}
	if !strings.Contains(got, `a \| b`) {
		t.Errorf("pipe not escaped: %q", got)
	}
}

func TestMarkdownTruncatesUnder1MiB(t *testing.T) {
	a := loadTestAudit(t)
	long := strings.Repeat("x", 290)
	for i := range 10000 {
		a.Findings = append(a.Findings, evidence.Finding{ID: fmt.Sprintf("v1:%d", i), Rule: "r", Severity: evidence.SeverityLow,
			Title: long, Message: long, Location: evidence.Location{URL: "https://shop.example/" + long}})
	}
	var buf bytes.Buffer
	if err := (MarkdownWriter{}).Write(&buf, a, nil); err != nil {
		t.Fatal(err)
	}
	if buf.Len() >= markdownLimit {
		t.Errorf("summary is %d bytes, limit %d", buf.Len(), markdownLimit)
	}
	if !strings.Contains(buf.String(), "more findings, left off") || !strings.Contains(buf.String(), "### Journeys") {
		t.Error("truncated summary lacks the note or the journeys")
	}
}
