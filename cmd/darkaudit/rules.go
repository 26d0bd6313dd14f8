package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/detectors"
)

func newRulesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "rules",
		Short:   "List the rules of every registered detector family with ID, family, severity and citations",
		Example: "  darkaudit rules\n  darkaudit rules --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rules := detectors.Rules(detectors.Families())
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rules)
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tFAMILY\tSEVERITY\tTITLE\tMAY BREACH")
			for _, r := range rules {
				var cites []string
				for _, c := range r.Regulations {
					cites = append(cites, c.Jurisdiction+": "+c.Citation)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Family, r.Severity, r.Title, strings.Join(cites, "; "))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the rules as JSON")
	return cmd
}
