package reports

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/darkaudit/darkaudit/evidence"
)

// FinishOptions say how to finish an audit. `audit`, `demo` and `report`
// build them from the same flags.
type FinishOptions struct {
	// Judge runs the detectors over a (detectors.Judge with the registry).
	// Nil keeps the recorded judgement, with its crops and excerpts: `report`
	// without --rejudge.
	Judge func(a *evidence.Audit)
	// Ignores are the entries of the ignore file at IgnoreFile ("" when none
	// was read; see LoadIgnores). IgnoreFile is recorded in the run's config.
	Ignores    []IgnoreEntry
	IgnoreFile string
	// Baseline is the previous report read from BaselinePath, or nil.
	Baseline     *evidence.Audit
	BaselinePath string
	// Outputs are the reports to write; report.json is always among them.
	Outputs []Output
	// FailOn and AllowIncomplete decide the exit code (Decide).
	FailOn          evidence.Severity
	AllowIncomplete bool
	// Now is the time ignore entries expire against; zero means time.Now().
	Now time.Time
	// Log receives the pipeline's warnings and its closing line; the zero
	// Logger discards them.
	Log zerolog.Logger
	// Stdout, when set, is told the path of the HTML report (else of
	// report.json) once the reports are written: the one line a user needs.
	Stdout io.Writer
}

// Finish runs every step after the scan, in this order, and returns nil or
// the *ExitError to end the command with. It is the one finishing path of
// `audit`, `demo` and `report` (with or without --rejudge).
//
//  1. reset     — take back earlier filter results (suppressed findings,
//     baseline states) and give old reports their target names and finding
//     sites (evidence.Audit.FillNames), so the filters below start clean.
//  2. judge     — the detectors over the recorded evidence: findings, rules,
//     summary. Skipped when Judge is nil, with 3 and 4.
//  3. crops     — need each finding's final ID (the file name) and box.
//  4. excerpts  — need the finding's selector and the step's saved HTML.
//  5. ignores   — before the baseline, so a suppressed finding still gets its
//     baseline state; expired entries warn and suppress nothing.
//  6. baseline  — new or unchanged (by v2 or v1 fingerprint).
//  7. record    — the run's config names the ignore file and baseline
//     actually used; the summary is recounted.
//  8. writers   — every format from the same final audit.
//  9. manifest  — the last file written: it hashes the reports too.
//  10. exit code — from the findings that survived the filters (Decide).
//
// Each step is its own exported function with its own test; Finish only
// orders them.
func Finish(b *evidence.Bundle, a *evidence.Audit, o FinishOptions) error {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	Reset(a)
	if o.Judge != nil {
		o.Judge(a)
		if err := WriteCrops(b, a); err != nil {
			o.Log.Warn().Err(err).Msg("evidence crops")
		}
		AddExcerpts(b, a)
	}
	for _, w := range ApplyIgnores(a, o.Ignores, now) {
		o.Log.Warn().Msg(w)
	}
	if o.Baseline != nil {
		ApplyBaseline(a, o.Baseline)
	}
	RecordFilters(a, o.IgnoreFile, o.BaselinePath)
	if err := WriteAll(b, a, o.Outputs); err != nil {
		return Exit(ExitIncomplete, fmt.Errorf("write reports: %w", err))
	}
	if _, err := b.WriteManifest(a); err != nil {
		return Exit(ExitIncomplete, fmt.Errorf("write manifest: %w", err))
	}
	index := mainReport(b, o.Outputs)
	o.Log.Info().Int("findings", len(a.Findings)).Int("suppressed", len(a.Suppressed)).Int("errors", len(a.Errors)).
		Str("report", index).Msg("audit finished")
	if o.Stdout != nil {
		fmt.Fprintln(o.Stdout, index)
	}
	return ExitFor(a, o.FailOn, o.AllowIncomplete)
}

// mainReport is the absolute path of the report to open: the first HTML
// output, else the first JSON one.
func mainReport(b *evidence.Bundle, outs []Output) string {
	path := evidence.ReportFile
	for _, format := range []string{"json", "html"} {
		for _, out := range outs {
			if out.Format == format {
				path = out.Path
				break
			}
		}
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(b.Dir, filepath.FromSlash(path))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}

// Reset takes back what the filters did to a recorded audit — suppressed
// findings return, baseline states are cleared — and fills the names a report
// written before targets had them lacks, and puts the findings back in their
// one order. Filtering twice then gives the same result as filtering once.
func Reset(a *evidence.Audit) {
	a.Findings = append(a.Findings, a.Suppressed...)
	a.Suppressed = nil
	for i := range a.Findings {
		f := &a.Findings[i]
		f.Suppression, f.Baseline, f.BaselineMatch = "", "", ""
	}
	a.FillNames()
	evidence.SortFindings(a.Findings)
	a.Summarize()
}

// RecordFilters writes the ignore file and baseline actually used into the
// run's config ("" when none) and recounts the summary.
func RecordFilters(a *evidence.Audit, ignoreFile, baseline string) {
	if a.Run.Config == nil {
		a.Run.Config = map[string]any{}
	}
	a.Run.Config["ignoreFile"] = ignoreFile
	a.Run.Config["baseline"] = baseline
	a.Summarize()
}

// ExitFor is Decide as an error: nil when clean, else an *ExitError whose
// message says why, in one line.
func ExitFor(a *evidence.Audit, failOn evidence.Severity, allowIncomplete bool) error {
	switch code := Decide(a, failOn, allowIncomplete); code {
	case ExitClean:
		return nil
	case ExitFindings:
		return Exit(code, fmt.Errorf("%d finding(s) at or above --fail-on %s", countAtLeast(a, failOn), failOn))
	case ExitIncomplete:
		return Exit(code, fmt.Errorf("audit incomplete: %s (use --allow-incomplete to exit 0)", incompleteWhy(a)))
	default:
		return Exit(code, nil)
	}
}

// countAtLeast counts the findings that fail the run, as Decide does.
func countAtLeast(a *evidence.Audit, s evidence.Severity) int {
	n := 0
	for _, f := range a.Findings {
		if f.Severity >= s && f.Baseline != BaselineUnchanged {
			n++
		}
	}
	return n
}

func incompleteWhy(a *evidence.Audit) string {
	var parts []string
	for _, t := range a.Targets {
		if t != nil && t.Status != evidence.StatusComplete {
			parts = append(parts, fmt.Sprintf("%s %s: %s", siteName(t), t.Status, t.Error))
		}
	}
	if len(parts) == 0 {
		return "see errors in report.json"
	}
	return strings.Join(parts, "; ")
}
