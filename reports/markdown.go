package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// MarkdownWriter writes a short summary for $GITHUB_STEP_SUMMARY or a
// merge-request comment.
type MarkdownWriter struct{}

// Format implements Writer.
func (MarkdownWriter) Format() string { return "md" }

// DefaultPath implements Writer.
func (MarkdownWriter) DefaultPath() string { return "summary.md" }

// markdownLimit keeps the summary under GitHub's 1 MiB step-summary limit.
const markdownLimit = 1 << 20

// Write implements Writer.
func (MarkdownWriter) Write(w io.Writer, a *evidence.Audit, _ *evidence.Bundle) error {
	var head, tail bytes.Buffer
	sites := 0
	for _, t := range a.Targets {
		if t != nil {
			sites++
		}
	}
	fmt.Fprintf(&head, "## darkaudit: %d %s on %d %s\n\n", len(a.Findings), plural(len(a.Findings), "finding", "findings"),
		sites, plural(sites, "site", "sites"))
	var sev []string
	for _, c := range severityCounts(a.Findings) {
		sev = append(sev, fmt.Sprintf("%s %d", c.Name, c.Count))
	}
	fmt.Fprintf(&head, "**%s**", strings.Join(sev, " · "))
	if n := len(a.Suppressed); n > 0 {
		fmt.Fprintf(&head, " — %d suppressed by the ignore file", n)
	}
	if n := countBaseline(a.Findings, "new"); n > 0 || countBaseline(a.Findings, "unchanged") > 0 {
		fmt.Fprintf(&head, " — %d new, %d unchanged since the baseline", n, countBaseline(a.Findings, "unchanged"))
	}
	head.WriteString("\n\n")
	if fams := familyCounts(a.Findings); len(fams) > 0 {
		var parts []string
		for _, c := range fams {
			parts = append(parts, fmt.Sprintf("%s %d", c.Name, c.Count))
		}
		fmt.Fprintf(&head, "By family: %s\n\n", strings.Join(parts, ", "))
	}

	// Journeys and links go after the table, but are measured first so the
	// table is what gets truncated.
	tail.WriteString("\n### Journeys\n\n| Site | Journey | Reached | Steps | Note |\n|---|---|---|---|---|\n")
	for _, t := range a.Targets {
		if t == nil {
			continue
		}
		if len(t.Journeys) == 0 {
			fmt.Fprintf(&tail, "| %s | — | — | — | %s |\n", mdCell(siteName(t)), mdCell(t.Status+" "+t.Error))
		}
		for _, j := range t.Journeys {
			if j == nil {
				continue
			}
			reached := "❌ no"
			if j.Reached {
				reached = "✅ yes"
			}
			fmt.Fprintf(&tail, "| %s | %s | %s | %d | %s |\n", mdCell(siteName(t)), mdCell(orDefault(j.Name, string(j.Kind))),
				reached, len(j.Steps), mdCell(j.Reason))
		}
	}
	if n := len(a.Errors); n > 0 {
		fmt.Fprintf(&tail, "\n%d %s recorded; see the full report.\n", n, plural(n, "error", "errors"))
	}
	tail.WriteString("\nFull report with screenshots: [index.html](index.html) · contract: [report.json](report.json)\n")

	var table bytes.Buffer
	fs := sortedFindings(a.Findings)
	if len(fs) > 0 {
		table.WriteString("| Severity | Rule | Page | Finding |\n|---|---|---|---|\n")
	}
	budget := markdownLimit - head.Len() - tail.Len() - 256
	for i, f := range fs {
		row := fmt.Sprintf("| %s | `%s` | %s | %s |\n", f.Severity, mdCode(f.Rule), mdCell(f.Location.URL),
			mdCell(f.Title+baselineMark(f)+" — "+f.Message))
		if table.Len()+len(row) > budget {
			fmt.Fprintf(&table, "\n_…and %d more %s, left off to keep this summary under 1 MiB; see report.json._\n",
				len(fs)-i, plural(len(fs)-i, "finding", "findings"))
			break
		}
		table.WriteString(row)
	}
	for _, b := range []*bytes.Buffer{&head, &table, &tail} {
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func baselineMark(f evidence.Finding) string {
	if f.Baseline == "new" {
		return " (new)"
	}
	return ""
}

func countBaseline(fs []evidence.Finding, state string) int {
	n := 0
	for _, f := range fs {
		if f.Baseline == state {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mdCell makes page-derived text safe inside a Markdown table cell: one line,
// no table breaks, no HTML, no emphasis, links or code spans from the page.
func mdCell(s string) string {
	s = oneLine(s)
	if len(s) > 300 {
		s = truncateRunes(s, 300) + "…"
	}
	return mdEscape(s)
}

var mdReplacer = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "~", "\\~",
	"\r", " ", "\n", " ",
)

// mdEscape escapes Markdown and HTML syntax in text.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCode makes text safe inside a code span (no backticks, pipes or newlines).
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", "\\|", "\n", " ", "\r", " ").Replace(s)
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
