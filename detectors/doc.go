// Package detectors judges recorded evidence: each Family is one pure scan
// from a Target's recorded journeys to Findings of its rules, each rule with
// stable metadata.
//
// The registry (registry.go) lists every family explicitly. Judge runs each
// family once per target of an Audit, places the findings on their target,
// fingerprints and deduplicates them; detectors write no files (crops and DOM
// excerpts are cut by the finishing pipeline, reports.Finish). Lexicons (evidence/lexicon) and
// the citations table (regulations.json) are embedded data, not code.
// docs/adding-a-detector.md walks through adding a family.
package detectors
