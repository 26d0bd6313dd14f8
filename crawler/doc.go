// Package crawler drives Chromium: it starts one browser per run, opens a
// browser context per audited site, walks the site's pages and journeys, and
// records one evidence.Snapshot per step into the bundle. It observes only;
// the detectors judge what it recorded.
package crawler
