// Package detectors judges recorded evidence: each Detector is a pure function
// from a Target's recorded journeys to Findings, with stable rule metadata.
//
// The registry (registry.go) lists every detector explicitly. Judge runs them
// over an Audit, fingerprints and deduplicates the findings, and WriteCrops
// cuts the outlined evidence crops afterwards. Lexicons (evidence/lexicon) and
// the citations table (regulations.json) are embedded data, not code.
package detectors
