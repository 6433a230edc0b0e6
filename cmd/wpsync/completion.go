package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

type completionOptions struct {
	shell string
}

func newCompletionCmd(ios ioStreams) *cobra.Command {
	opts := &completionOptions{}
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the completion script for a shell, so that TAB completes wpsync's
commands, flags and their values.

  bash:  wpsync completion bash > /etc/bash_completion.d/wpsync
         (or, for this shell only: source <(wpsync completion bash))
  zsh:   wpsync completion zsh > "${fpath[1]}/_wpsync"
         (compinit must be enabled: autoload -U compinit; compinit)
  fish:  wpsync completion fish > ~/.config/fish/completions/wpsync.fish
  powershell:
         wpsync completion powershell | Out-String | Invoke-Expression

Start a new shell afterwards.`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		DisableFlagsInUseLine: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageError{fmt.Errorf("completion takes one shell: bash, zsh, fish or powershell")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.shell = args[0]
			return runCompletion(cmd.Root(), opts, ios)
		},
	}
	return cmd
}

func runCompletion(root *cobra.Command, opts *completionOptions, ios ioStreams) error {
	switch opts.shell {
	case "bash":
		return root.GenBashCompletionV2(ios.Out, true)
	case "zsh":
		return root.GenZshCompletion(ios.Out)
	case "fish":
		return root.GenFishCompletion(ios.Out, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(ios.Out)
	}
	return &usageError{fmt.Errorf("completion: unknown shell %q: want bash, zsh, fish or powershell", opts.shell)}
}

// completeDir completes a DIR argument with folders only.
func completeDir(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completeOutput completes an --output flag with its values.
func completeOutput(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
