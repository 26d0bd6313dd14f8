package main

import (
	"fmt"
	"os"

	"github.com/rs/zerolog/log"
	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/fixtures"

	"github.com/darkaudit/darkaudit/reports"
)

func newDemoCmd(g *globals) *cobra.Command {
	f := &auditFlags{}
	var sites []string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Serve the bundled demo sites on 127.0.0.1 and audit them",
		Long: `Demo serves the embedded demo sites — a shop and a subscription service, each in a
"dark" and an "honest" twin — on 127.0.0.1 and audits them, writing the bundle
to --out (default out/demo). Open the index.html it prints.`,
		Example: `  darkaudit demo
  darkaudit demo --out /tmp/demo --sites shop-dark,shop-honest`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			names := sites
			if len(names) == 0 {
				for _, s := range fixtures.DemoSites() {
					names = append(names, s.Name)
				}
			}
			for _, n := range names {
				if _, ok := fixtures.Lookup(n); !ok {
					return usageErr("--sites: no demo site %q (run 'darkaudit fixtures serve' to list them)", n)
				}
			}
			srv, err := fixtures.Start(names...)
			if err != nil {
				return withCode(reports.ExitIncomplete, fmt.Errorf("serve demo sites: %w", err))
			}
			defer srv.Close()
			var urls []string
			for _, n := range names {
				urls = append(urls, srv.URL(n))
				log.Info().Str("site", n).Str("url", srv.URL(n)).Msg("serving demo site")
			}
			p, err := f.plan(urls)
			if err != nil {
				return err
			}
			// The report names each site as the fixture it is, not 127.0.0.1:PORT.
			p.names = names
			err = executeAudit(cmd.Context(), g, f, p, os.Args)
			for _, n := range names {
				if o := srv.Orders(n); o > 0 && !f.allowSubmit {
					// Never expected: the guard is tested. Say so loudly.
					return withCode(reports.ExitIncomplete, fmt.Errorf("the safety guard failed: %d order(s) submitted on demo site %s; please report this", o, n))
				}
			}
			return err
		},
	}
	f.register(cmd, "out/demo")
	// The demo sites are local: no politeness delay needed.
	_ = cmd.Flags().Set("rate", "0")
	cmd.Flags().Lookup("rate").DefValue = "0"
	cmd.Flags().StringSliceVar(&sites, "sites", nil, "demo sites to audit (default: every demo site)")
	return cmd
}

func newFixturesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "fixtures", Short: "Work with the bundled demo and test sites"}
	var addr string
	serve := &cobra.Command{
		Use:     "serve",
		Short:   "Serve every bundled site on 127.0.0.1 to explore by hand",
		Example: `  darkaudit fixtures serve --addr 127.0.0.1:8080`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			srv, err := fixtures.StartAt(addr)
			if err != nil {
				return usageErr("--addr %s: %v", addr, err)
			}
			defer srv.Close()
			fmt.Printf("index: %s\n", srv.IndexURL())
			for _, n := range srv.Names() {
				s, _ := fixtures.Lookup(n)
				fmt.Printf("%-14s %s  (%s)\n", n, srv.URL(n), s.Title)
			}
			fmt.Fprintln(os.Stderr, "press Ctrl-C to stop")
			<-cmd.Context().Done()
			return nil
		},
	}
	serve.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address of the index page; the sites take the following ports")
	cmd.AddCommand(serve)
	return cmd
}
