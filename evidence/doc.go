// Package evidence is the data model every darkaudit package shares: an Audit
// holds Targets, a Target holds Journeys of Steps, a Step holds the Snapshot of
// the page it saw, and Findings point back at that recorded evidence. It also
// reads and writes the evidence bundle and its SHA-256 manifest.
//
// The crawler fills this model, detectors judge it without a browser, and the
// report writers render it.
package evidence
