package main

import (
	"os"

	"github.com/rs/zerolog/log"
	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/detectors"
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

// finishFlags are the flags of the finishing pipeline (reports.Finish), the
// same on audit, demo and report.
type finishFlags struct {
	formats         string
	failOn          string
	baseline        string
	ignoreFile      string
	allowIncomplete bool
}

func (f *finishFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.formats, "format", "html,json,sarif,junit,md", "report formats, comma-separated; FORMAT=PATH writes one elsewhere")
	fl.StringVar(&f.failOn, "fail-on", "none", "exit 1 when a finding at or above this severity remains: none, info, low, medium, high, critical")
	fl.StringVar(&f.baseline, "baseline", "", "previous report.json or bundle: only new findings fail the run")
	fl.StringVar(&f.ignoreFile, "ignore-file", "", "ignore file with statements and expiry dates (default: "+reports.IgnoreFile+" when present)")
	fl.BoolVar(&f.allowIncomplete, "allow-incomplete", false, "exit 0 rather than 3 when a site could not be audited completely")
}

// options checks the flags and reads the ignore file and the baseline. judge
// is nil to keep a bundle's recorded judgement.
func (f *finishFlags) options(judge func(*evidence.Audit)) (reports.FinishOptions, error) {
	o := reports.FinishOptions{Judge: judge, AllowIncomplete: f.allowIncomplete, BaselinePath: f.baseline,
		Log: log.Logger, Stdout: os.Stdout}
	var err error
	if o.Outputs, err = reports.ParseFormats(f.formats); err != nil {
		return o, usageErr("--format: %v", err)
	}
	if o.FailOn, err = evidence.ParseSeverity(f.failOn); err != nil {
		return o, usageErr("--fail-on: %v", err)
	}
	if o.IgnoreFile, o.Ignores, err = reports.LoadIgnores(f.ignoreFile); err != nil {
		return o, usageErr("%v", err)
	}
	if f.baseline != "" {
		if o.Baseline, err = reports.LoadReport(f.baseline); err != nil {
			return o, usageErr("--baseline: %v", err)
		}
	}
	return o, nil
}

// judgeAll runs every registered detector: the judge step of the pipeline.
func judgeAll(a *evidence.Audit) { detectors.Judge(a, detectors.Families()) }
