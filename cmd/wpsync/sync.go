package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/sync"
)

type syncOptions struct {
	conn        connFlags
	dryRun      bool
	output      string
	force       bool
	prune       bool
	pruneMax    string
	concurrency int
	noBatch     bool
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
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite posts edited in WordPress since wpsync wrote them, and recreate deleted ones")
	cmd.Flags().BoolVar(&opts.prune, "prune", false, "move the posts of deleted files to the trash (only if the run had no errors)")
	cmd.Flags().StringVar(&opts.pruneMax, "prune-max", sync.DefaultPruneMax.String(), "most posts --prune may trash in one run: a count, or a percentage of the tracked posts")
	cmd.Flags().IntVar(&opts.concurrency, "concurrency", 4, "requests in flight at once")
	cmd.Flags().BoolVar(&opts.noBatch, "no-batch", false, "send one request per post even when the site offers /batch/v1")
	return cmd
}

func runSync(cmd *cobra.Command, dir string, opts *syncOptions, ios ioStreams, getenv func(string) string) error {
	if opts.output != "text" && opts.output != "json" {
		return &usageError{fmt.Errorf("--output %q: want text or json", opts.output)}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	pruneMax, err := sync.ParseLimit(opts.pruneMax)
	if err != nil {
		return &usageError{fmt.Errorf("--prune-max: %v", err)}
	}
	if opts.concurrency < 1 {
		return &usageError{fmt.Errorf("--concurrency must be at least 1")}
	}
	s, err := openSession(dir, &opts.conn, ios, getenv, !opts.dryRun)
	if err != nil {
		return err
	}
	defer s.close()

	start := time.Now()
	syncOpts := sync.Options{
		Dir:           dir,
		DefaultStatus: s.file.DefaultStatus,
		Ignore:        s.file.Ignore,
		DryRun:        opts.dryRun,
		Site:          s.client.Site(),
		Force:         opts.force,
		Prune:         opts.prune,
		PruneMax:      pruneMax,
		MaxFileSize:   s.file.MaxFileSize,
		Concurrency:   opts.concurrency,
	}
	if opts.noBatch {
		s.client.DisableBatch()
	}
	if opts.output == "text" {
		syncOpts.Progress = func(it sync.Item) { printItem(ios.Out, it, opts.dryRun) }
	}
	report, err := sync.New(s.client, s.state, syncOpts).Run(cmd.Context())
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
func printItem(w io.Writer, it sync.Item, dryRun bool) {
	verb := map[sync.Action]string{
		sync.ActionCreate: "created", sync.ActionUpdate: "updated",
		sync.ActionUnchanged: "unchanged", sync.ActionError: "error",
		sync.ActionConflict: "conflict", sync.ActionOrphan: "orphan",
		sync.ActionTrashed: "trashed", sync.ActionSkipped: "skipped",
	}[it.Action]
	if dryRun && (it.Action == sync.ActionCreate || it.Action == sync.ActionUpdate) {
		verb = "would " + string(it.Action)
	}
	if it.Adopted {
		verb += " (adopted)"
	}
	if it.MovedFrom != "" {
		verb += " (moved)"
	}
	if it.Action == sync.ActionError || it.Action == sync.ActionConflict {
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

func printSummary(w io.Writer, r *sync.Report, dryRun bool, took time.Duration) {
	s := r.Summary
	prefix := ""
	if dryRun {
		prefix = "dry run, nothing written: would have "
	}
	for _, warn := range r.Warnings {
		fmt.Fprintln(w, "warning: "+warn)
	}
	extra := ""
	if s.Conflicts > 0 {
		extra += fmt.Sprintf(", conflicts %d", s.Conflicts)
	}
	if s.Orphans > 0 || s.Trashed > 0 {
		extra += fmt.Sprintf(", orphans %d, trashed %d", s.Orphans, s.Trashed)
	}
	if s.Skipped > 0 {
		extra += fmt.Sprintf(", skipped %d", s.Skipped)
	}
	fmt.Fprintf(w, "%screated %d, updated %d, unchanged %d, failed %d%s in %.1fs\n",
		prefix, s.Created, s.Updated, s.Unchanged, s.Failed, extra, took.Seconds())
}
