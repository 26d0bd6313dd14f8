package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

func newReportCmd() *cobra.Command {
	var rejudge, allowIncomplete bool
	var formats, failOn, baseline, ignoreFile string
	cmd := &cobra.Command{
		Use:   "report DIR",
		Short: "Rewrite the reports of a saved bundle, optionally re-judging its evidence",
		Long: `Report rewrites the reports of a saved bundle. With --rejudge it runs the current
detectors on the recorded snapshots first; the evidence files and their hashes stay
as captured, and manifest.json is rewritten for the new reports.`,
		Example: `  darkaudit report out/demo --rejudge
  darkaudit report out/demo --format md=summary.md --fail-on high`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("report needs one bundle folder, e.g. darkaudit report out/demo --rejudge")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := evidence.OpenBundle(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			if problems, err := b.Verify(); err == nil && len(problems) > 0 {
				for _, p := range problems {
					fmt.Fprintln(os.Stderr, "warning: evidence does not match manifest:", p)
				}
			}
			a, err := b.LoadAudit(rejudge)
			if err != nil {
				return usageErr("%s: %v", args[0], err)
			}
			f := &auditFlags{formats: formats, failOn: failOn, baseline: baseline, ignoreFile: ignoreFile}
			p := &auditPlan{}
			if p.outputs, err = reports.ParseFormats(f.formats); err != nil {
				return usageErr("--format: %v", err)
			}
			if p.failOn, err = evidence.ParseSeverity(f.failOn); err != nil {
				return usageErr("--fail-on: %v", err)
			}
			if ignoreFile != "" {
				if p.ignores, err = reports.LoadIgnoreFile(ignoreFile); err != nil {
					return usageErr("%v", err)
				}
			}
			if baseline != "" {
				if p.base, err = reports.LoadReport(baseline); err != nil {
					return usageErr("--baseline: %v", err)
				}
			}
			if !rejudge {
				// Keep the recorded judgement; only the filters and writers run again.
				a.Findings = append(a.Findings, a.Suppressed...)
				a.Suppressed = nil
				for i := range a.Findings {
					a.Findings[i].Suppression, a.Findings[i].Baseline = "", ""
				}
				for _, w := range reports.ApplyIgnores(a, p.ignores, time.Now()) {
					fmt.Fprintln(os.Stderr, "warning:", w)
				}
				if p.base != nil {
					reports.ApplyBaseline(a, p.base)
				}
				a.Summarize()
				if err := reports.WriteAll(b, a, p.outputs); err != nil {
					return withCode(exitIncomplete, err)
				}
				if _, err := b.WriteManifest(a); err != nil {
					return withCode(exitIncomplete, err)
				}
				return decideExit(a, p.failOn, allowIncomplete)
			}
			return finishBundle(b, a, p, allowIncomplete)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&rejudge, "rejudge", false, "run the current detectors on the recorded snapshots")
	fl.StringVar(&formats, "format", "html,json,sarif,junit,md", "report formats, comma-separated; FORMAT=PATH writes one elsewhere")
	fl.StringVar(&failOn, "fail-on", "none", "exit 1 when a finding at or above this severity remains")
	fl.StringVar(&baseline, "baseline", "", "previous report.json or bundle: only new findings fail")
	fl.StringVar(&ignoreFile, "ignore-file", "", "ignore file with statements and expiry dates")
	fl.BoolVar(&allowIncomplete, "allow-incomplete", false, "exit 0 rather than 3 when the audit was incomplete")
	return cmd
}

func decideExit(a *evidence.Audit, failOn evidence.Severity, allowIncomplete bool) error {
	switch code := int(reports.Decide(a, failOn, allowIncomplete)); code {
	case exitClean:
		return nil
	case exitFindings:
		return withCode(code, fmt.Errorf("%d finding(s) at or above --fail-on %s", countAtLeast(a, failOn), failOn))
	case exitIncomplete:
		return withCode(code, fmt.Errorf("audit incomplete: %s", incompleteWhy(a)))
	default:
		return withCode(code, nil)
	}
}
