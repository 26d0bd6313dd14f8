package reports

import (
	"fmt"

	"github.com/darkaudit/darkaudit/evidence"
)

// ExitCode is the process exit status of every darkaudit command (DESIGN.md):
// the one type main, audit, demo, report, verify and diff share.
type ExitCode int

// Exit codes.
const (
	// ExitClean: nothing at or above --fail-on, and the audit is complete.
	ExitClean ExitCode = 0
	// ExitFindings: a finding at or above --fail-on survived the ignore file
	// (and, with a baseline, is new); for verify, a file that does not match
	// the manifest.
	ExitFindings ExitCode = 1
	// ExitUsage: bad flags, config or ignore file. Decide never returns it; the
	// cmd layer does.
	ExitUsage ExitCode = 2
	// ExitIncomplete: a target is incomplete or failed and --allow-incomplete
	// was not given.
	ExitIncomplete ExitCode = 3
)

// ExitError ends a command with Code, after main prints Err (when set) on
// one line. Commands return it; only main turns it into a process exit.
type ExitError struct {
	Code ExitCode
	Err  error
}

// Exit wraps err with an exit code. err may be nil: the code alone, no message.
func Exit(code ExitCode, err error) *ExitError { return &ExitError{Code: code, Err: err} }

// Usagef is bad input: ExitUsage with a formatted one-line message.
func Usagef(format string, a ...any) *ExitError {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, a...)}
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the message's error.
func (e *ExitError) Unwrap() error { return e.Err }

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
