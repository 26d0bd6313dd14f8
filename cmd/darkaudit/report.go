package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/reports"
)

func newReportCmd() *cobra.Command {
	f := &finishFlags{}
	var rejudge bool
	cmd := &cobra.Command{
		Use:   "report DIR",
		Short: "Rewrite the reports of a saved bundle, optionally re-judging its evidence",
		Long: `Report rewrites the reports of a saved bundle through the same finishing steps as
audit: ignore file (--ignore-file, or .darkauditignore.yaml when present), baseline,
writers, manifest and exit code. With --rejudge it runs the current detectors on
the recorded snapshots first and cuts their crops; the evidence files and their
hashes stay as captured, and manifest.json is rewritten for the new reports.`,
		Example: `  darkaudit report out/demo --rejudge
  darkaudit report out/demo --format md=summary.md --fail-on high`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("report needs one bundle folder, e.g. darkaudit report out/demo --rejudge")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var judge func(*evidence.Audit)
			if rejudge {
				judge = judgeAll
			}
			o, err := f.options(judge)
			if err != nil {
				return err
			}
			b, err := evidence.OpenBundle(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			if problems, err := b.Verify(); err == nil && len(problems) > 0 {
				for _, p := range problems {
					fmt.Fprintln(os.Stderr, "warning: evidence does not match manifest:", p)
				}
			}
			a, err := b.LoadAudit(rejudge)
			if err != nil {
				return usageErr("%s: %v", args[0], err)
			}
			return reports.Finish(b, a, o)
		},
	}
	cmd.Flags().BoolVar(&rejudge, "rejudge", false, "run the current detectors on the recorded snapshots")
	f.register(cmd)
	return cmd
}
