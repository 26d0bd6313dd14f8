// Package reports renders an audit for people and machines — one Writer per
// format (html, json, sarif, junit, md) — and holds the small processors that
// run between judging and writing: the ignore file, the baseline, the diff of
// two reports and the exit-code decision.
//
// The pipeline reads top to bottom in the cmd layer:
//
//	audit → ApplyIgnores → ApplyBaseline → WriteAll → Decide
//
// reports imports evidence only; it never knows about the crawler or the detectors.
package reports
