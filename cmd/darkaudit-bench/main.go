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
	"syscall"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/crawler"
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
	}
	out := filepath.Join(dir, "demo")

	// 1. darkaudit: the whole demo audit, as a user runs it.
	start := time.Now()
	cmd := exec.Command(bin, "demo", "--out", out, "--allow-incomplete", "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("darkaudit demo: %w", err)
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
	steps, pages := 0, map[string]bool{}
	for _, t := range a.Targets {
		for _, j := range t.Journeys {
			for _, s := range j.Steps {
				if s.Screenshot != "" {
					steps++
					pages[s.URL] = true
				}
			}
		}
	}

	// 2. bare chromedp on the same pages: navigate and a full-page screenshot each.
	srv, err := fixtures.Start(demoNames()...)
	if err != nil {
		return err
	}
	defer srv.Close()
	urls := remap(a, srv)
	bareTime, err := bare(urls)
	if err != nil {
		return err
	}

	auditRate := float64(steps) / auditTime.Seconds()
	bareRate := float64(len(urls)) / bareTime.Seconds()
	fmt.Printf("darkaudit demo:   %d steps (%d distinct pages) in %.1fs = %.2f pages/s, peak RSS %.1f MiB, %d findings\n",
		steps, len(pages), auditTime.Seconds(), auditRate, float64(peakKiB)/1024, len(a.Findings))
	fmt.Printf("bare chromedp:    %d pages in %.1fs = %.2f pages/s (navigate + full-page screenshot)\n",
		len(urls), bareTime.Seconds(), bareRate)
	fmt.Printf("ratio:            darkaudit takes %.2fx the time per page of a bare navigate+screenshot\n", bareRate/auditRate)
	return nil
}

func demoNames() []string {
	var n []string
	for _, s := range fixtures.DemoSites() {
		n = append(n, s.Name)
	}
	return n
}

// remap points the URLs the audit visited at this run's fixture server (the
// demo served the same sites on other ports).
func remap(a *evidence.Audit, srv *fixtures.Server) []string {
	var urls []string
	seen := map[string]bool{}
	for i, t := range a.Targets {
		names := demoNames()
		if i >= len(names) {
			break
		}
		base := srv.URL(names[i])
		for _, j := range t.Journeys {
			for _, s := range j.Steps {
				if s.Screenshot == "" {
					continue
				}
				u := base + trimOrigin(s.URL, t.URL)
				if !seen[u] {
					seen[u] = true
					urls = append(urls, u)
				}
			}
		}
	}
	return urls
}

func trimOrigin(u, entry string) string {
	// entry is http://127.0.0.1:PORT/ ; keep the path and query of u.
	if len(u) >= len(entry) && u[:len(entry)] == entry {
		return u[len(entry):]
	}
	return ""
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
