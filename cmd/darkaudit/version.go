package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/darkaudit/darkaudit/crawler"
)

// version and gitCommit are set at build time with -ldflags "-X main.version=… -X main.gitCommit=…".
var (
	version   = "0.1.0-dev"
	gitCommit = ""
)

// commit is the source revision darkaudit was built from.
func commit() string {
	if gitCommit != "" {
		return gitCommit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return s.Value[:7]
			}
		}
	}
	return "unknown"
}

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print darkaudit's version and the Chromium it would use",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Printf("darkaudit %s (commit %s)\n", version, commit())
			path, err := crawler.FindChrome(g.chromePath)
			if err != nil {
				fmt.Printf("chromium: not found — %v\n", err)
				return nil
			}
			v, err := crawler.ChromeVersion(path)
			if err != nil {
				fmt.Printf("chromium: %s (cannot run it: %v)\n", path, err)
				return nil
			}
			fmt.Printf("chromium: %s (%s)\n", path, v)
			return nil
		},
	}
}
