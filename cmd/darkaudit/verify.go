package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/evidence"

	"github.com/darkaudit/darkaudit/reports"
)

func newVerifyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "verify DIR",
		Short: "Check every SHA-256 in a bundle's manifest.json",
		Long: `Verify recomputes the SHA-256 of every file listed in DIR/manifest.json. It exits 0
when the bundle is intact and 1 naming each altered, missing or unlisted file.`,
		Example: `  darkaudit verify out/demo`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("verify needs one bundle folder, e.g. darkaudit verify out/demo")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := evidence.OpenBundle(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			problems, err := b.Verify()
			if errors.Is(err, evidence.ErrNoManifest) {
				return usageErr("%s: %v", args[0], err)
			}
			if err != nil {
				return usageErr("verify %s: %v", args[0], err)
			}
			if len(problems) == 0 {
				fmt.Printf("%s: intact\n", args[0])
				return nil
			}
			for _, p := range problems {
				fmt.Println(p)
			}
			return withCode(reports.ExitFindings, fmt.Errorf("%s: %d file(s) do not match manifest.json", args[0], len(problems)))
		},
	}
}
