package crawler

import (
	"time"

	"github.com/rs/zerolog"

	"github.com/darkaudit/darkaudit/crawler/flow"
	"github.com/darkaudit/darkaudit/evidence"
)

// Options is the single source of an audit's crawl settings.
type Options struct {
	// Name labels the audited target (evidence.Target.Name); "" means its host.
	Name string
	// MaxPages bounds the pages the explore walk visits per site.
	MaxPages int
	// MaxDepth bounds the clicks from the entry page the explore walk follows.
	MaxDepth int
	// PageTimeout bounds one step: navigation, settling and capture.
	PageTimeout time.Duration
	// Budget bounds the whole site, every journey included.
	Budget time.Duration
	// Tabs is the number of tabs used at once per site.
	Tabs int
	// IgnoreRobots skips robots.txt.
	IgnoreRobots bool
	// Rate is the most navigations per second per site; 0 means no limit.
	Rate float64
	// Journeys names the journeys to run, some of JourneyNames.
	Journeys []evidence.JourneyKind
	// AllowSubmit lifts the safety guard for one's own staging site.
	AllowSubmit bool
	// Flow, when set, holds scripted journeys (--flow) run after Journeys.
	Flow *flow.Flow
	// SettleMin is the least time to wait after load, so script-set state is seen.
	SettleMin time.Duration
	// Progress, when set, is told about every step.
	Progress func(Progress)
	Log      zerolog.Logger
}

// Progress reports one finished step.
type Progress struct {
	Site    string // the target's name
	Journey evidence.JourneyKind
	Step    int
	URL     string
	Err     error
}

// DefaultOptions are the documented defaults of `darkaudit audit`.
func DefaultOptions() Options {
	return Options{
		MaxPages: 30, MaxDepth: 3, PageTimeout: 30 * time.Second, Budget: 10 * time.Minute,
		Tabs: 2, Rate: 2, Journeys: JourneyNames(),
		SettleMin: 600 * time.Millisecond, Log: zerolog.Nop(),
	}
}

func (o *Options) fill() {
	d := DefaultOptions()
	if o.MaxPages <= 0 {
		o.MaxPages = d.MaxPages
	}
	if o.MaxDepth < 0 {
		o.MaxDepth = d.MaxDepth
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = d.PageTimeout
	}
	if o.Budget <= 0 {
		o.Budget = d.Budget
	}
	if o.Tabs <= 0 {
		o.Tabs = 1
	}
	if o.SettleMin <= 0 {
		o.SettleMin = d.SettleMin
	}
	if o.Journeys == nil {
		o.Journeys = d.Journeys
	}
}
