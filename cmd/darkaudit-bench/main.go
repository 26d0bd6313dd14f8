// Command darkaudit-bench measures darkaudit on the bundled demo sites: it
// runs a real `darkaudit demo` audit and, in the same run, a bare chromedp
// navigate plus full-page screenshot of the same pages, then prints pages per
// second for both, their ratio, and darkaudit's peak memory.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/crawler"
	"github.com/darkaudit/darkaudit/detectors"
	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/fixtures"
)

func main() {
	bin := flag.String("bin", "./darkaudit", "darkaudit binary to measure")
	keep := flag.Bool("keep", false, "keep the audit bundle")
	flag.Parse()
	if err := run(*bin, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "darkaudit-bench:", err)
		os.Exit(1)
	}
}

func run(bin string, keep bool) error {
	dir, err := os.MkdirTemp("", "darkaudit-bench-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("bundle:", filepath.Join(dir, "demo"))
	}
	out := filepath.Join(dir, "demo")

	// The demo sites, served once for both measurements.
	names := demoNames()
	srv, err := fixtures.Start(names...)
	if err != nil {
		return err
	}
	defer srv.Close()
	site := map[string]string{} // URL → demo site name
	args := []string{"audit", "--out", out, "--rate", "0", "--allow-incomplete", "--log-level", "warn"}
	for _, n := range names {
		site[srv.URL(n)] = n
		args = append(args, srv.URL(n))
	}

	// 1. darkaudit: the whole audit of the demo sites, as a user runs it.
	start := time.Now()
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("darkaudit audit: %w", err)
	}
	auditTime := time.Since(start)
	peakKiB := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peakKiB = ru.Maxrss
	}
	b, err := evidence.OpenBundle(out)
	if err != nil {
		return err
	}
	a, err := b.LoadAudit(false)
	if err != nil {
		return err
	}
	steps := 0
	var urls []string
	seen := map[string]bool{}
	for _, t := range a.Targets {
		for _, j := range t.Journeys {
			for _, s := range j.Steps {
				if s.Screenshot == "" {
					continue
				}
				steps++
				if !seen[s.URL] {
					seen[s.URL] = true
					urls = append(urls, s.URL)
				}
			}
		}
	}
	for _, n := range names {
		if o := srv.Orders(n); o > 0 {
			return fmt.Errorf("safety guard failed: %d orders submitted on %s", o, n)
		}
	}

	// 2. bare chromedp on the same pages: navigate and a full-page screenshot each.
	bareTime, err := bare(urls)
	if err != nil {
		return err
	}
	auditRate := float64(steps) / auditTime.Seconds()
	bareRate := float64(len(urls)) / bareTime.Seconds()
	fmt.Printf("darkaudit audit:  %d sites, %d steps (%d distinct pages) in %.1fs = %.2f pages/s, peak RSS %.1f MiB, %d findings\n",
		len(names), steps, len(urls), auditTime.Seconds(), auditRate, float64(peakKiB)/1024, len(a.Findings))
	fmt.Printf("bare chromedp:    %d pages in %.1fs = %.2f pages/s (navigate + full-page screenshot)\n",
		len(urls), bareTime.Seconds(), bareRate)
	fmt.Printf("ratio:            bare/darkaudit = %.2f (darkaudit takes %.2fx the time per page)\n", bareRate/auditRate, bareRate/auditRate)

	journeyStats(a, site)
	scores(a, site)
	return nil
}

func demoNames() []string {
	var n []string
	for _, s := range fixtures.DemoSites() {
		n = append(n, s.Name)
	}
	return n
}

// journeyStats prints, per journey kind, how many sites reached the goal and
// the median seconds from the journey's first to its last step.
func journeyStats(a *evidence.Audit, site map[string]string) {
	type stat struct {
		reached, total int
		secs           []float64
		missed         []string
	}
	stats := map[evidence.JourneyKind]*stat{}
	var kinds []evidence.JourneyKind
	for _, t := range a.Targets {
		fs, _ := fixtures.Lookup(site[t.URL])
		for _, j := range t.Journeys {
			// A shop has no signup to reach, a subscription service no basket.
			if (j.Kind == evidence.JourneyCheckout && fs.Kind != "shop") || (j.Kind == evidence.JourneySignup && fs.Kind != "subscription") {
				continue
			}
			st := stats[j.Kind]
			if st == nil {
				st = &stat{}
				stats[j.Kind] = st
				kinds = append(kinds, j.Kind)
			}
			st.total++
			if j.Reached {
				st.reached++
			} else {
				st.missed = append(st.missed, site[t.URL]+" ("+j.Reason+")")
			}
			if n := len(j.Steps); n > 0 {
				st.secs = append(st.secs, j.Steps[n-1].At.Sub(j.Steps[0].At).Seconds())
			}
		}
	}
	slices.Sort(kinds)
	fmt.Println("journeys (reach rate on the sites that offer them, median seconds first→last step):")
	for _, k := range kinds {
		st := stats[k]
		fmt.Printf("  %-10s %d/%d reached = %.0f%%, median %.1fs", k, st.reached, st.total, 100*float64(st.reached)/float64(st.total), median(st.secs))
		if len(st.missed) > 0 {
			fmt.Printf("; not reached: %s", strings.Join(st.missed, ", "))
		}
		fmt.Println()
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func bare(urls []string) (time.Duration, error) {
	path, err := crawler.FindChrome("")
	if err != nil {
		return 0, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.WindowSize(crawler.DefaultWidth, crawler.DefaultHeight),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-gpu", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return 0, err
	}
	start := time.Now()
	for _, u := range urls {
		tctx, tcancel := context.WithTimeout(ctx, 30*time.Second)
		if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
			fmt.Fprintln(os.Stderr, "bare navigate", u, err)
		}
		if _, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)); err != nil {
			fmt.Fprintln(os.Stderr, "bare screenshot", u, err)
		}
		tcancel()
	}
	return time.Since(start), nil
}

// scores prints recall and precision of every registered detector family,
// and of each of its rules, against the fixtures' expected findings.
func scores(a *evidence.Audit, site map[string]string) {
	fmt.Println("detectors (expected vs. produced on the demo sites):")
	for _, family := range detectors.Families() {
		tp, fn, fp := score(a, site, family.Name, "", true)
		fmt.Printf("  %-26s recall %s, precision %s (tp %d, fn %d, fp %d)\n", family.Name, ratio(tp, tp+fn), ratio(tp, tp+fp), tp, fn, fp)
		if len(family.Rules) < 2 {
			continue
		}
		for _, r := range family.Rules {
			tp, fn, fp := score(a, site, family.Name, r.ID, false)
			fmt.Printf("    %-24s recall %s, precision %s (tp %d, fn %d, fp %d)\n", r.ID, ratio(tp, tp+fn), ratio(tp, tp+fp), tp, fn, fp)
		}
	}
}

// score sums tp, fn and fp of one family over the demo sites, limited to one
// rule when rule is set; verbose lists what was missed or unexpected.
func score(a *evidence.Audit, site map[string]string, fam evidence.Family, rule string, verbose bool) (tp, fn, fp int) {
	for _, t := range a.Targets {
		name := site[t.URL]
		exp, err := fixtures.ExpectedFor(name)
		if err != nil {
			continue
		}
		var produced []evidence.Finding
		for _, f := range a.Findings {
			if f.Location.Site == t.Name && (rule == "" || f.Rule == rule) {
				produced = append(produced, f)
			}
		}
		if rule != "" {
			var keep []fixtures.Expectation
			for _, e := range exp.Findings {
				if e.Rule == rule {
					keep = append(keep, e)
				}
			}
			exp.Findings = keep
		}
		p, n, f, missed, unexpected := fixtures.Score(exp, produced, fam)
		tp, fn, fp = tp+p, fn+n, fp+f
		if !verbose {
			continue
		}
		for _, e := range missed {
			fmt.Printf("    missed on %s: %s %s %q\n", name, e.Rule, e.Path, e.Text)
		}
		for _, f := range unexpected {
			fmt.Printf("    unexpected on %s: %s at %s: %s\n", name, f.Rule, f.Location.URL, f.Location.Text)
		}
	}
	return tp, fn, fp
}

func ratio(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(n)/float64(d))
}
