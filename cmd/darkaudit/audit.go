package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog/log"
	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/crawler"
	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/detectors"
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

// auditFlags are the flags of `darkaudit audit` (and, in part, `demo`).
type auditFlags struct {
	out             string
	maxPages        int
	maxDepth        int
	pageTimeout     time.Duration
	budget          time.Duration
	tabs            int
	rate            float64
	ignoreRobots    bool
	journeys        []string
	allowSubmit     bool
	allowIncomplete bool
	formats         string
	failOn          string
	baseline        string
	ignoreFile      string
	flow            string
}

func (f *auditFlags) register(cmd *cobra.Command, defaultOut string) {
	d := crawler.DefaultOptions()
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "out", "o", defaultOut, "folder for the evidence bundle")
	fl.IntVar(&f.maxPages, "max-pages", d.MaxPages, "most pages the explore walk visits per site")
	fl.IntVar(&f.maxDepth, "max-depth", d.MaxDepth, "most clicks from the entry page the explore walk follows")
	fl.DurationVar(&f.pageTimeout, "page-timeout", d.PageTimeout, "time limit of one page or step")
	fl.DurationVar(&f.budget, "budget", d.Budget, "time limit of one whole site")
	fl.IntVar(&f.tabs, "tabs", d.Tabs, "tabs per site used at once")
	fl.Float64Var(&f.rate, "rate", d.Rate, "most page loads per second per site (0: no limit)")
	fl.BoolVar(&f.ignoreRobots, "ignore-robots", false, "do not obey robots.txt (recorded in the report)")
	fl.StringSliceVar(&f.journeys, "journeys", kindNames(d.Journeys), "journeys to run: "+strings.Join(kindNames(crawler.JourneyNames()), ",")+", or none to run only --flow")
	fl.BoolVar(&f.allowSubmit, "allow-submit", false, "lift the safety guard: allow order/payment buttons (only on your own staging site)")
	fl.BoolVar(&f.allowIncomplete, "allow-incomplete", false, "exit 0 rather than 3 when a site could not be audited completely")
	fl.StringVar(&f.formats, "format", "html,json,sarif,junit,md", "report formats, comma-separated; FORMAT=PATH writes one elsewhere")
	fl.StringVar(&f.failOn, "fail-on", "none", "exit 1 when a finding at or above this severity remains: none, info, low, medium, high, critical")
	fl.StringVar(&f.baseline, "baseline", "", "previous report.json or bundle: only new findings fail the run")
	fl.StringVar(&f.flow, "flow", "", "flow file (YAML) of scripted journeys to run as well; see docs/flows.md")
	fl.StringVar(&f.ignoreFile, "ignore-file", "", "ignore file (default: .darkauditignore.yaml when present)")
}

func newAuditCmd(g *globals) *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit URL [URL...]",
		Short: "Audit one or more websites and write an evidence bundle",
		Long: `Audit walks each site in headless Chromium — a breadth-first explore walk plus the
checkout, signup and contact journeys — records a snapshot of every step, runs
the detectors and writes the bundle: index.html, report.json, SARIF, JUnit,
Markdown, evidence/ and manifest.json.

darkaudit never places an order or pays: it will not click "Place order",
"Pay now", "zahlungspflichtig bestellen" and the like, and never types card data.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input,
3 a site could not be audited completely (unless --allow-incomplete).`,
		Example: `  darkaudit audit https://shop.example/ --out out/shop
  darkaudit audit https://shop.example/ --journeys explore --max-pages 10 --format html,json
  darkaudit audit https://staging.shop.example/ --fail-on high --baseline last/report.json --format sarif=darkaudit.sarif`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("audit needs at least one URL, e.g. darkaudit audit https://shop.example/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd.Context(), g, f, args, os.Args)
		},
	}
	f.register(cmd, "darkaudit-report")
	return cmd
}

// auditPlan is a checked audit request.
type auditPlan struct {
	targets []*url.URL
	opts    crawler.Options
	outputs []reports.Output
	failOn  evidence.Severity
	ignores []reports.IgnoreEntry
	base    *evidence.Audit
}

// plan checks every flag and URL before anything starts, so bad input costs
// one clear line and exit 2, never a half-written bundle.
func (f *auditFlags) plan(urls []string) (*auditPlan, error) {
	p := &auditPlan{}
	for _, raw := range urls {
		u, err := crawler.ParseTarget(raw)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		p.targets = append(p.targets, u)
	}
	switch {
	case f.maxPages < 1:
		return nil, usageErr("--max-pages must be at least 1")
	case f.maxDepth < 0:
		return nil, usageErr("--max-depth must be 0 or more")
	case f.pageTimeout < time.Second:
		return nil, usageErr("--page-timeout must be at least 1s")
	case f.budget < f.pageTimeout:
		return nil, usageErr("--budget (%s) must be at least --page-timeout (%s)", f.budget, f.pageTimeout)
	case f.tabs < 1 || f.tabs > 16:
		return nil, usageErr("--tabs must be between 1 and 16")
	case f.rate < 0:
		return nil, usageErr("--rate must be 0 (no limit) or more")
	case strings.TrimSpace(f.out) == "":
		return nil, usageErr("--out must name a folder")
	}
	known := map[string]bool{}
	for _, j := range kindNames(crawler.JourneyNames()) {
		known[j] = true
	}
	if len(f.journeys) == 1 && f.journeys[0] == "none" {
		// Only the flow file's journeys.
		if f.flow == "" {
			return nil, usageErr("--journeys none runs nothing without --flow FILE")
		}
		f.journeys = []string{}
	}
	journeys := []evidence.JourneyKind{}
	for _, j := range f.journeys {
		if !known[j] {
			return nil, usageErr("--journeys: unknown journey %q (want some of %s)", j, strings.Join(kindNames(crawler.JourneyNames()), ","))
		}
		journeys = append(journeys, evidence.JourneyKind(j))
	}
	var err error
	if p.outputs, err = reports.ParseFormats(f.formats); err != nil {
		return nil, usageErr("--format: %v", err)
	}
	if p.failOn, err = evidence.ParseSeverity(f.failOn); err != nil {
		return nil, usageErr("--fail-on: %v", err)
	}
	ignorePath := f.ignoreFile
	if ignorePath == "" {
		if _, err := os.Stat(".darkauditignore.yaml"); err == nil {
			ignorePath = ".darkauditignore.yaml"
		}
	}
	if ignorePath != "" {
		if p.ignores, err = reports.LoadIgnoreFile(ignorePath); err != nil {
			return nil, usageErr("%v", err)
		}
	}
	if f.baseline != "" {
		if p.base, err = reports.LoadReport(f.baseline); err != nil {
			return nil, usageErr("--baseline: %v", err)
		}
	}
	p.opts = crawler.Options{
		MaxPages: f.maxPages, MaxDepth: f.maxDepth, PageTimeout: f.pageTimeout, Budget: f.budget,
		Tabs: f.tabs, Rate: f.rate, IgnoreRobots: f.ignoreRobots, Journeys: journeys, AllowSubmit: f.allowSubmit,
	}
	if f.flow != "" {
		fl, err := flow.Parse(f.flow)
		if err != nil {
			return nil, usageErr("--flow: %v", err)
		}
		p.opts.Flow = fl
	}
	return p, nil
}

// config is the effective configuration recorded in the report.
func (f *auditFlags) config(ignorePath string) map[string]any {
	return map[string]any{
		"maxPages": f.maxPages, "maxDepth": f.maxDepth, "pageTimeout": f.pageTimeout.String(), "budget": f.budget.String(),
		"tabs": f.tabs, "rate": f.rate, "ignoreRobots": f.ignoreRobots, "journeys": f.journeys, "allowSubmit": f.allowSubmit,
		"formats": f.formats, "failOn": f.failOn, "flow": f.flow, "baseline": f.baseline, "ignoreFile": ignorePath,
	}
}

func runAudit(ctx context.Context, g *globals, f *auditFlags, urls, command []string) error {
	p, err := f.plan(urls)
	if err != nil {
		return err
	}
	return executeAudit(ctx, g, f, p, command)
}

// executeAudit runs a checked plan: crawl every target, judge, filter, write
// every report and the manifest, and decide the exit code. A failure halfway
// still leaves a bundle with the error recorded.
func executeAudit(ctx context.Context, g *globals, f *auditFlags, p *auditPlan, command []string) error {
	bundle, err := evidence.NewBundle(f.out)
	if err != nil {
		return usageErr("--out: %v", err)
	}
	logger := log.Logger
	p.opts.Log = logger
	p.opts.Progress = func(pr crawler.Progress) {
		ev := logger.Info()
		if pr.Err != nil {
			ev = logger.Warn().Err(pr.Err)
		}
		ev.Str("site", pr.Site).Str("journey", string(pr.Journey)).Int("step", pr.Step).Str("url", pr.URL).Msg("step")
	}
	a := newAudit(command, f.config(f.ignoreFile))
	b, err := crawler.Launch(ctx, g.chromePath, logger)
	if err != nil {
		if errors.Is(err, crawler.ErrNoChrome) {
			return usageErr("%v", err)
		}
		return withCode(exitIncomplete, fmt.Errorf("start Chromium: %w", err))
	}
	defer b.Close()
	a.Browser = b.Info
	logger.Info().Str("browser", b.Info.Product).Str("out", f.out).Int("targets", len(p.targets)).Msg("audit started")
	for i, u := range p.targets {
		if ctx.Err() != nil {
			a.Targets = append(a.Targets, &evidence.Target{URL: u.String(), Site: crawler.SiteOf(u), Status: evidence.StatusIncomplete,
				Error: "audit interrupted before this site", Journeys: []*evidence.Journey{}})
			continue
		}
		logger.Info().Str("site", crawler.SiteOf(u)).Msgf("site %d of %d", i+1, len(p.targets))
		t, errs := b.AuditSite(ctx, u, bundle, p.opts)
		a.Targets = append(a.Targets, t)
		a.Errors = append(a.Errors, errs...)
		// Write what we have after every site: nothing is lost if a later one fails.
		a.Run.FinishedAt = time.Now().UTC()
		if err := bundle.WriteReport(a); err != nil {
			logger.Error().Err(err).Msg("write partial report")
		}
	}
	a.Run.FinishedAt = time.Now().UTC()
	return finishBundle(bundle, a, p, f.allowIncomplete)
}

// finishBundle judges, filters and writes every report and the manifest, then
// turns the result into the exit code.
func finishBundle(bundle *evidence.Bundle, a *evidence.Audit, p *auditPlan, allowIncomplete bool) error {
	detectors.Judge(a, detectors.All())
	if err := detectors.WriteCrops(bundle, a); err != nil {
		log.Warn().Err(err).Msg("evidence crops")
	}
	detectors.AddExcerpts(bundle, a)
	for _, w := range reports.ApplyIgnores(a, p.ignores, time.Now()) {
		log.Warn().Msg(w)
	}
	if p.base != nil {
		reports.ApplyBaseline(a, p.base)
	}
	if err := reports.WriteAll(bundle, a, p.outputs); err != nil {
		return withCode(exitIncomplete, fmt.Errorf("write reports: %w", err))
	}
	if _, err := bundle.WriteManifest(a); err != nil {
		return withCode(exitIncomplete, fmt.Errorf("write manifest: %w", err))
	}
	index, _ := filepath.Abs(filepath.Join(bundle.Dir, "index.html"))
	log.Info().Int("findings", len(a.Findings)).Int("suppressed", len(a.Suppressed)).Int("errors", len(a.Errors)).Str("report", index).Msg("audit finished")
	fmt.Println(index)
	code := reports.Decide(a, p.failOn, allowIncomplete)
	switch int(code) {
	case exitClean:
		return nil
	case exitFindings:
		return withCode(exitFindings, fmt.Errorf("%d finding(s) at or above --fail-on %s", countAtLeast(a, p.failOn), p.failOn))
	case exitIncomplete:
		return withCode(exitIncomplete, fmt.Errorf("audit incomplete: %s (use --allow-incomplete to exit 0)", incompleteWhy(a)))
	default:
		return withCode(int(code), nil)
	}
}

func countAtLeast(a *evidence.Audit, s evidence.Severity) int {
	n := 0
	for _, f := range a.Findings {
		if f.Severity >= s && f.Baseline != "unchanged" {
			n++
		}
	}
	return n
}

func incompleteWhy(a *evidence.Audit) string {
	var parts []string
	for _, t := range a.Targets {
		if t.Status != evidence.StatusComplete {
			parts = append(parts, fmt.Sprintf("%s %s: %s", t.Site, t.Status, t.Error))
		}
	}
	if len(parts) == 0 {
		return "see errors in report.json"
	}
	return strings.Join(parts, "; ")
}

// newAudit starts the report of a run.
func newAudit(command []string, config map[string]any) *evidence.Audit {
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	return &evidence.Audit{
		SchemaVersion: evidence.SchemaVersion,
		Tool:          evidence.Tool{Name: "darkaudit", Version: version, Commit: commit()},
		Run: evidence.Run{ID: hex.EncodeToString(id), StartedAt: time.Now().UTC(), Command: append([]string{"darkaudit"}, command[1:]...),
			Config: config},
		Targets:  []*evidence.Target{},
		Findings: []evidence.Finding{},
		Errors:   []evidence.ErrorRecord{},
	}
}

// kindNames spells journey kinds for flags and messages.
func kindNames(ks []evidence.JourneyKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}
