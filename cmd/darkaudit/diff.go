package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/reports"
)

func newDiffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two reports: new, fixed and unchanged findings",
		Long:  `Diff compares two report.json files (or bundle folders) by finding fingerprint.`,
		Example: `  darkaudit diff last/report.json out/demo
  darkaudit diff last out/demo --format md >> "$GITHUB_STEP_SUMMARY"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErr("diff needs two reports, e.g. darkaudit diff old/report.json new/report.json")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "json", "md":
			default:
				return usageErr("--format %q: want text, json or md", format)
			}
			oldA, err := reports.LoadReport(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			newA, err := reports.LoadReport(args[1])
			if err != nil {
				return usageErr("%v", err)
			}
			return reports.WriteDiff(os.Stdout, reports.Diff(oldA, newA), format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json or md")
	return cmd
}
