package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// DiffResult compares two reports by finding ID.
type DiffResult struct {
	New       []evidence.Finding `json:"new"`
	Fixed     []evidence.Finding `json:"fixed"`
	Unchanged []evidence.Finding `json:"unchanged"`
}

// Diff lists the findings of new that old did not have, those of old that new
// no longer has, and those in both (as new reports them), matched by
// fingerprint as ApplyBaseline does (a v1 report still compares). Each list is
// sorted worst first.
func Diff(old, new *evidence.Audit) DiffResult {
	oldIDs, newIDs := identitiesOf(old.Findings), identitiesOf(new.Findings)
	d := DiffResult{New: []evidence.Finding{}, Fixed: []evidence.Finding{}, Unchanged: []evidence.Finding{}}
	for _, f := range new.Findings {
		if oldIDs.match(f) != "" {
			d.Unchanged = append(d.Unchanged, f)
		} else {
			d.New = append(d.New, f)
		}
	}
	for _, f := range old.Findings {
		if newIDs.match(f) == "" {
			d.Fixed = append(d.Fixed, f)
		}
	}
	d.New, d.Fixed, d.Unchanged = sortedFindings(d.New), sortedFindings(d.Fixed), sortedFindings(d.Unchanged)
	return d
}

// DiffFormats are the formats WriteDiff knows.
var DiffFormats = []string{"text", "json", "md"}

// WriteDiff writes a diff as "text", "json" or "md".
func WriteDiff(w io.Writer, d DiffResult, format string) error {
	switch format {
	case "text", "":
		return writeDiffText(w, d)
	case "json":
		out := struct {
			Counts map[string]int `json:"counts"`
			DiffResult
		}{map[string]int{"new": len(d.New), "fixed": len(d.Fixed), "unchanged": len(d.Unchanged)}, d}
		out.New, out.Fixed, out.Unchanged = nonNil(d.New), nonNil(d.Fixed), nonNil(d.Unchanged)
		data, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(data, '\n'))
		return err
	case "md", "markdown":
		return writeDiffMarkdown(w, d)
	default:
		return fmt.Errorf("%w %q for diff (valid: %s)", ErrUnknownFormat, format, strings.Join(DiffFormats, ", "))
	}
}

func writeDiffText(w io.Writer, d DiffResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d new, %d fixed, %d unchanged\n", len(d.New), len(d.Fixed), len(d.Unchanged))
	for _, sec := range []struct {
		name, mark string
		fs         []evidence.Finding
	}{{"new", "+", d.New}, {"fixed", "-", d.Fixed}, {"unchanged", "=", d.Unchanged}} {
		if len(sec.fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n", sec.name)
		for _, f := range sec.fs {
			fmt.Fprintf(&b, "  %s %-8s %s  %s\n      %s\n      %s\n", sec.mark, f.Severity, f.Rule, f.ID,
				oneLine(f.Title), oneLine(f.Location.URL))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeDiffMarkdown(w io.Writer, d DiffResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## darkaudit diff: %d new, %d fixed, %d unchanged\n", len(d.New), len(d.Fixed), len(d.Unchanged))
	for _, sec := range []struct {
		name string
		fs   []evidence.Finding
	}{{"New", d.New}, {"Fixed", d.Fixed}, {"Unchanged", d.Unchanged}} {
		if len(sec.fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n| Severity | Rule | Page | Finding |\n|---|---|---|---|\n", sec.name)
		for _, f := range sec.fs {
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", f.Severity, mdCode(f.Rule), mdCell(f.Location.URL), mdCell(f.Title))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
