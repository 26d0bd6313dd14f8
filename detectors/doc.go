// Package detectors judges recorded evidence: each Detector is a pure function
// from a Target's recorded journeys to Findings, with stable rule metadata.
//
// The registry (registry.go) lists every detector explicitly. Judge runs them
// over an Audit, places the findings on their target, fingerprints and
// deduplicates them; detectors write no files (crops and DOM excerpts are cut
// by the finishing pipeline, reports.Finish). Lexicons (lexicon/*.json) and
// the citations table (regulations.json) are embedded data, not code.
package detectors
