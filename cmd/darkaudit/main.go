// Command darkaudit drives a real headless Chromium through a website's
// checkout, signup, contact and cancellation journeys and reports the dark
// patterns it finds as an evidence bundle.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/reports"
)

// usageErr marks an error as bad input: exit code 2.
func usageErr(format string, a ...any) error { return reports.Usagef(format, a...) }

// withCode wraps err with an exit code.
func withCode(code reports.ExitCode, err error) error { return reports.Exit(code, err) }

func main() {
	os.Exit(int(run(os.Args[1:])))
}

// run executes the command line and returns the process exit code. A first
// Ctrl-C cancels the audit, which still writes its partial bundle; a second
// one exits at once.
func run(args []string) (code reports.ExitCode) {
	defer func() {
		// A bug must not greet the user with a stack trace; the log keeps it.
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "darkaudit: internal error: %v (please report it with the command line)\n", r)
			code = reports.ExitIncomplete
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		n := 0
		for range sigs {
			n++
			if n == 1 {
				fmt.Fprintln(os.Stderr, "darkaudit: interrupted; writing the partial bundle (press Ctrl-C again to quit at once)")
				cancel()
				continue
			}
			os.Exit(130)
		}
	}()

	root := newRootCmd()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return reports.ExitClean
	}
	var ee *reports.ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(os.Stderr, "darkaudit:", ee.Err)
		}
		return ee.Code
	}
	// Anything cobra itself rejects (unknown flag or command, bad value) is usage.
	fmt.Fprintln(os.Stderr, "darkaudit:", err)
	fmt.Fprintln(os.Stderr, "Run 'darkaudit --help' for usage.")
	return reports.ExitUsage
}

// globals are the flags every command shares.
type globals struct {
	chromePath string
	logLevel   string
	logFormat  string
}

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "darkaudit",
		Short: "Audit websites for dark patterns in a real headless Chromium",
		Long: `darkaudit drives a real headless Chromium through a website's checkout, signup,
contact and cancellation journeys and reports the dark patterns it finds —
pre-ticked add-ons, items sneaked into the basket and more — as an evidence
bundle: an HTML report with screenshots, report.json, SARIF, JUnit, Markdown,
and a SHA-256 manifest that proves nothing was altered.`,
		Example: `  darkaudit demo                               # audit the bundled demo sites
  darkaudit audit https://shop.example/ --out out/shop
  darkaudit audit https://a.example/ https://b.example/ --max-pages 50 --fail-on high
  darkaudit verify out/shop
  darkaudit rules`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return setupLogging(g)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.chromePath, "chrome-path", "", "Chromium to use (default: $DARKAUDIT_CHROME, then chromium on $PATH)")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	pf.StringVar(&g.logFormat, "log-format", "", "log format: console or json (default: console on a terminal, json otherwise)")
	root.AddCommand(newAuditCmd(g), newDemoCmd(g), newFixturesCmd(), newVerifyCmd(), newRulesCmd(),
		newVersionCmd(g), newReportCmd(), newDiffCmd())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%v (see 'darkaudit %s --help')", err, c.Name())
	})
	return root
}
