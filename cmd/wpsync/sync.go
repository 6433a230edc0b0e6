package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	wpsync "github.com/wpsync/wpsync/sync"
)

type syncOptions struct {
	conn   connFlags
	dryRun bool
	output string
}

func newSyncCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &syncOptions{}
	cmd := &cobra.Command{
		Use:   "sync [DIR]",
		Short: "Publish every changed Markdown file under DIR once",
		Long: `Publish every changed *.md and *.markdown file under DIR (default: the current
folder) to WordPress, then exit. Hidden files and folders are skipped.

Exit codes: 0 every file synced; 1 one or more files failed (the others were
still synced); 2 a usage, configuration, connection or authentication error
stopped the run before any file.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &usageError{fmt.Errorf("sync takes at most one folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runSync(cmd, dir, opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the plan; write nothing to WordPress or the state file")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text or json")
	return cmd
}

func runSync(cmd *cobra.Command, dir string, opts *syncOptions, ios ioStreams, getenv func(string) string) error {
	if opts.output != "text" && opts.output != "json" {
		return &usageError{fmt.Errorf("--output %q: want text or json", opts.output)}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	s, err := openSession(dir, &opts.conn, ios, getenv, !opts.dryRun)
	if err != nil {
		return err
	}
	defer s.close()

	start := time.Now()
	syncOpts := wpsync.Options{
		Dir:           dir,
		DefaultStatus: s.file.DefaultStatus,
		Ignore:        s.file.Ignore,
		DryRun:        opts.dryRun,
		Site:          s.client.Site(),
	}
	if opts.output == "text" {
		syncOpts.Progress = func(it wpsync.Item) { printItem(ios.Out, it, opts.dryRun) }
	}
	report, err := wpsync.New(s.client, s.state, syncOpts).Run(cmd.Context())
	if err != nil {
		return err
	}
	switch opts.output {
	case "json":
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return err
		}
	default:
		printSummary(ios.Out, report, opts.dryRun, time.Since(start))
	}
	if report.Failed() {
		return &filesFailedError{n: report.Summary.Failed}
	}
	return nil
}

// printItem writes one line a file: what happened, the file, the post.
func printItem(w io.Writer, it wpsync.Item, dryRun bool) {
	verb := map[wpsync.Action]string{
		wpsync.ActionCreate: "created", wpsync.ActionUpdate: "updated",
		wpsync.ActionUnchanged: "unchanged", wpsync.ActionError: "error",
	}[it.Action]
	if dryRun && (it.Action == wpsync.ActionCreate || it.Action == wpsync.ActionUpdate) {
		verb = "would " + string(it.Action)
	}
	if it.Adopted {
		verb += " (adopted)"
	}
	if it.Action == wpsync.ActionError {
		fmt.Fprintf(w, "%-16s %s\n", verb, it.Error)
		return
	}
	line := fmt.Sprintf("%-16s %s", verb, it.Path)
	if it.ID > 0 {
		line += fmt.Sprintf(" → %s %d", it.Type, it.ID)
	}
	if it.Link != "" {
		line += " " + it.Link
	}
	fmt.Fprintln(w, line)
	for _, warn := range it.Warnings {
		fmt.Fprintf(w, "%-16s %s: %s\n", "warning", it.Path, warn)
	}
}

func printSummary(w io.Writer, r *wpsync.Report, dryRun bool, took time.Duration) {
	s := r.Summary
	prefix := ""
	if dryRun {
		prefix = "dry run, nothing written: would have "
	}
	fmt.Fprintf(w, "%screated %d, updated %d, unchanged %d, failed %d in %.1fs\n",
		prefix, s.Created, s.Updated, s.Unchanged, s.Failed, took.Seconds())
}
