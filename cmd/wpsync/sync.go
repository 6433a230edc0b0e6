package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	wpsync "github.com/wpsync/wpsync/sync"
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
	strict      bool
	all         bool
}

func newSyncCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &syncOptions{}
	cmd := &cobra.Command{
		Use:   "sync [DIR]",
		Short: "Publish every changed Markdown file under DIR once",
		Long: `Publish every changed *.md and *.markdown file under DIR (default: the current
folder) to WordPress, then exit. Hidden files and folders are skipped.

Each file is checked for what readers will see: source syntax of a
dialect no adapter ran (Obsidian's [[wikilinks]], Liquid or Nunjucks
{% tags %}, :::note admonitions, MDX imports and <Components>, kramdown's
{: attributes}…) left as text is a warning with its line; --strict (or
strict: true in wpsync.yaml) fails those files instead.

Exit codes: 0 every file synced; 1 one or more files failed or are in
conflict (edited in WordPress since wpsync wrote them), or a prune was refused
(the others were still synced); 2 a usage, configuration, connection or
authentication error stopped the run before any file.`,
		Args: atMostOneDir("sync"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSync(cmd, dirArg(args), opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the plan; write nothing to WordPress or the state file")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text, json or github (GitHub Actions annotations)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite posts edited in WordPress since wpsync wrote them, restore trashed ones, and recreate deleted ones")
	cmd.Flags().BoolVar(&opts.prune, "prune", false, "move the posts of deleted files to the trash (only if the run had no errors)")
	cmd.Flags().StringVar(&opts.pruneMax, "prune-max", wpsync.DefaultPruneMax.String(), "most posts --prune may trash in one run: a count, or a percentage of the tracked posts")
	cmd.Flags().IntVar(&opts.concurrency, "concurrency", 4, "requests in flight at once")
	cmd.Flags().BoolVar(&opts.noBatch, "no-batch", false, "send one request per post even when the site offers /batch/v1")
	cmd.Flags().BoolVarP(&opts.all, "all", "a", false, "list every file, unchanged ones too, each with its warnings (by default: the files that changed or failed, and each warning once)")
	cmd.Flags().BoolVarP(&opts.all, "verbose", "v", false, "the same as --all")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "fail a file whose readers would see source syntax wpsync did not run ([[wikilinks]], {% tags %}, :::note…) instead of a warning; the others still publish (strict: true in wpsync.yaml)")
	return cmd
}

// staleSettle is how long a run waits after finding that the previous one
// was killed: a WordPress batch of 25 posts takes a second or two.
const staleSettle = 5 * time.Second

func runSync(cmd *cobra.Command, dir string, opts *syncOptions, ios ioStreams, getenv func(string) string) error {
	if err := checkOutput(opts.output, "text", "json", "github"); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	pruneMax, err := wpsync.ParseLimit(opts.pruneMax)
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
	s.strict = opts.strict

	start := time.Now()
	syncOpts := s.syncOptions() // root.go
	syncOpts.DryRun = opts.dryRun
	syncOpts.Force = opts.force
	syncOpts.Prune = opts.prune
	syncOpts.PruneMax = pruneMax
	syncOpts.Concurrency = opts.concurrency
	if s.lock != nil && s.lock.Stale != "" {
		// Requests of the killed run may still be landing on the server.
		fmt.Fprintf(ios.Err, "wpsync: the previous run (%s) was killed; waiting %s for its requests to settle\n", s.lock.Stale, staleSettle)
		syncOpts.SettleDelay = staleSettle
	}
	if opts.noBatch {
		s.client.DisableBatch()
	}
	out := newSyncPrinter(opts.output, dir, s.file.Ignore, opts.dryRun, opts.all, ios, getenv) // output.go
	defer out.stop()
	syncOpts.Progress = out.item
	report, err := wpsync.New(s.client, s.state, syncOpts).Run(cmd.Context())
	out.stop()
	if err != nil {
		err = out.fatal(err)
		if cmd.Context().Err() != nil {
			return fmt.Errorf("%w: %w", errInterrupted, err) // exit 130
		}
		return err
	}
	if err := out.finish(report, time.Since(start)); err != nil {
		return err
	}
	if report.Interrupted {
		// What was written is recorded and counted above; exit 130, as
		// shells report an interrupted command.
		return fmt.Errorf("%w: %d file(s) not reached; run sync again to send them", errInterrupted, report.Summary.NotReached)
	}
	if report.Failed() {
		return &filesFailedError{n: report.Summary.Failed}
	}
	return nil
}
