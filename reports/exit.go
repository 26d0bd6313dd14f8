package reports

import "github.com/darkaudit/darkaudit/evidence"

// ExitCode is the process exit status of an audit (DESIGN.md).
type ExitCode int

// Exit codes.
const (
	// ExitClean: nothing at or above --fail-on, and the audit is complete.
	ExitClean ExitCode = 0
	// ExitFindings: a finding at or above --fail-on survived the ignore file
	// (and, with a baseline, is new).
	ExitFindings ExitCode = 1
	// ExitUsage: bad flags, config or ignore file. Decide never returns it; the
	// cmd layer does.
	ExitUsage ExitCode = 2
	// ExitIncomplete: a target is incomplete or failed and --allow-incomplete
	// was not given.
	ExitIncomplete ExitCode = 3
)

// Decide picks the exit code. failOn SeverityNone never fails on findings.
// When the findings carry a baseline state, only new ones count.
//
// Findings win over incompleteness: a build that found a pre-ticked box must
// fail as "findings" (1) even when another target timed out, because that
// result is certain and actionable; incompleteness (3) is reported when
// nothing else failed.
func Decide(a *evidence.Audit, failOn evidence.Severity, allowIncomplete bool) ExitCode {
	if failOn > evidence.SeverityNone {
		for _, f := range a.Findings {
			if f.Baseline == BaselineUnchanged {
				continue
			}
			if f.Severity >= failOn {
				return ExitFindings
			}
		}
	}
	if !allowIncomplete && Incomplete(a) {
		return ExitIncomplete
	}
	return ExitClean
}

// Incomplete reports whether any target did not complete.
func Incomplete(a *evidence.Audit) bool {
	for _, t := range a.Targets {
		if t != nil && t.Status != evidence.StatusComplete {
			return true
		}
	}
	return false
}
