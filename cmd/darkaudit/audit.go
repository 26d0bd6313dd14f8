package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog/log"
	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/crawler"
	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

// auditFlags are the flags of `darkaudit audit` (and, in part, `demo`).
type auditFlags struct {
	finishFlags
	out          string
	name         string
	maxPages     int
	maxDepth     int
	pageTimeout  time.Duration
	budget       time.Duration
	tabs         int
	rate         float64
	ignoreRobots bool
	journeys     []string
	allowSubmit  bool
	flow         string
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
	fl.StringVar(&f.flow, "flow", "", "flow file (YAML) of scripted journeys to run as well; see docs/flows.md")
	f.finishFlags.register(cmd)
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
	cmd.Flags().StringVar(&f.name, "name", "", "label of the audited site in the report and its fingerprints (one URL only; default: its host)")
	return cmd
}

// auditPlan is a checked audit request.
type auditPlan struct {
	targets []*url.URL
	// names label the targets, one per URL (evidence.Target.Name).
	names  []string
	opts   crawler.Options
	finish reports.FinishOptions
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
	case f.name != "" && strings.TrimSpace(f.name) == "":
		return nil, usageErr("--name is blank: give the site a label such as --name shop-staging, or leave --name out to use its host")
	case f.name != "" && len(p.targets) > 1:
		return nil, usageErr("--name labels one site, not %d: audit the sites one at a time to name each", len(p.targets))
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
	if f.name != "" {
		p.names = []string{strings.TrimSpace(f.name)}
	} else {
		p.names = defaultNames(p.targets)
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
	if p.finish, err = f.options(judgeAll); err != nil {
		return nil, err
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

// defaultNames names each target by its host; a host given twice (two entry
// pages of one shop) is told apart by its path, then by a number, because a
// finding finds its target by name.
func defaultNames(targets []*url.URL) []string {
	names := make([]string, len(targets))
	used := map[string]bool{}
	for i, u := range targets {
		name := evidence.DefaultName(u.String())
		if used[name] {
			name += strings.TrimSuffix(u.EscapedPath(), "/")
		}
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s#%d", evidence.DefaultName(u.String()), n)
		}
		used[name] = true
		names[i] = name
	}
	return names
}

// config is the effective configuration recorded in the report. The finishing
// pipeline adds the ignore file and baseline actually used.
func (f *auditFlags) config() map[string]any {
	return map[string]any{
		"maxPages": f.maxPages, "maxDepth": f.maxDepth, "pageTimeout": f.pageTimeout.String(), "budget": f.budget.String(),
		"tabs": f.tabs, "rate": f.rate, "ignoreRobots": f.ignoreRobots, "journeys": f.journeys, "allowSubmit": f.allowSubmit,
		"formats": f.formats, "failOn": f.failOn, "flow": f.flow, "name": f.name,
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
	a := newAudit(command, f.config())
	b, err := crawler.Launch(ctx, g.chromePath, logger)
	if err != nil {
		if errors.Is(err, crawler.ErrNoChrome) {
			return usageErr("%v", err)
		}
		return withCode(reports.ExitIncomplete, fmt.Errorf("start Chromium: %w", err))
	}
	defer b.Close()
	a.Browser = b.Info
	logger.Info().Str("browser", b.Info.Product).Str("out", f.out).Int("targets", len(p.targets)).Msg("audit started")
	for i, u := range p.targets {
		if ctx.Err() != nil {
			a.Targets = append(a.Targets, &evidence.Target{URL: u.String(), Site: crawler.SiteOf(u), Name: p.names[i],
				Status: evidence.StatusIncomplete, Error: "audit interrupted before this site", Journeys: []*evidence.Journey{}})
			continue
		}
		logger.Info().Str("site", p.names[i]).Msgf("site %d of %d", i+1, len(p.targets))
		opts := p.opts
		opts.Name = p.names[i]
		t, errs := b.AuditSite(ctx, u, bundle, opts)
		a.Targets = append(a.Targets, t)
		a.Errors = append(a.Errors, errs...)
		// Write what we have after every site: nothing is lost if a later one fails.
		a.Run.FinishedAt = time.Now().UTC()
		if err := bundle.WriteReport(a); err != nil {
			logger.Error().Err(err).Msg("write partial report")
		}
	}
	a.Run.FinishedAt = time.Now().UTC()
	return reports.Finish(bundle, a, p.finish)
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
