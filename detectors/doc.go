// Package detectors judges recorded evidence: each Family is one pure scan
// from a Target's recorded journeys to Findings of its rules, each rule with
// stable metadata.
//
// The registry (registry.go) lists every family explicitly. Judge runs each
// family once per target of an Audit, fingerprints and deduplicates the
// findings, and WriteCrops cuts the outlined evidence crops afterwards.
// Lexicons (lexicon/*.json) and the citations table (regulations.json) are
// embedded data, not code. docs/adding-a-detector.md walks through adding a
// family.
package detectors
