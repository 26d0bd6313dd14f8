// Package reports renders an audit for people and machines — one Writer per
// format (html, json, sarif, junit, md) — and finishes an audit after the scan:
// Finish runs, in order, the judge (handed in by the caller), the evidence
// crops and DOM excerpts, the ignore file, the baseline, the writers, the
// manifest and the exit-code decision (see Finish for why that order):
//
//	Reset → judge → WriteCrops → AddExcerpts → ApplyIgnores → ApplyBaseline → WriteAll → WriteManifest → ExitFor
//
// It also holds the diff of two reports and the one exit-code type of the
// program (ExitCode, ExitError). reports imports evidence only; it never knows
// about the crawler or the detectors.
package reports
