package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/pull"
)

type pullOptions struct {
	all    bool
	conn   connFlags
	dryRun bool
	output string
	force  bool
	types  []string
}

func newPullCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &pullOptions{}
	cmd := &cobra.Command{
		Use:   "pull [DIR]",
		Short: "Bring the site's posts and pages into DIR as Markdown files",
		Long: `Write every post and page the user may edit (and custom types named with
--type) as a Markdown file with front matter under DIR (default: the current
folder; made when missing), download the pictures they use from the site's
uploads, and record the state as if 'wpsync sync' had published the files:
a sync right after writes nothing.

Layout: posts/SLUG.md; pages as SLUG.md, a child page in its parent's
folder (about/team.md); custom types as TYPE/SLUG.md; downloads under
media/YYYY/MM/. In a Hugo site (hugo.toml or config.* in DIR) posts,
pages and custom types go under its content folder; in a Jekyll site
(_config.yml) posts are _posts/YYYY-MM-DD-SLUG.md and drafts
_drafts/SLUG.md. A file the state ties to a post keeps its path.

Run it again to take edits made in WordPress: only the files of posts
changed there since the last pull or sync are written. A file changed here
as well is a conflict and is not overwritten (--force takes WordPress's
version).

Exit codes: 0 every post pulled; 1 some files failed or are in conflict;
2 a usage, configuration, connection or authentication error.`,
		Args:              atMostOneDir("pull"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPull(cmd, dirArg(args), opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "list the files that would be written; write nothing")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite files changed here whose post changed in WordPress too, and files not tied to their post")
	cmd.Flags().BoolVarP(&opts.all, "all", "a", false, "list every post, unchanged ones too, each with its warnings (by default: the files written or failed, and each warning once)")
	cmd.Flags().BoolVarP(&opts.all, "verbose", "v", false, "the same as --all")
	cmd.Flags().StringSliceVar(&opts.types, "type", nil, "also pull this custom post type (its REST base, e.g. books); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("output", completeOutput("text", "json"))
	return cmd
}

func runPull(cmd *cobra.Command, dir string, opts *pullOptions, ios ioStreams, getenv func(string) string) error {
	if err := checkOutput(opts.output, "text", "json"); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	if !opts.dryRun {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return &usageError{fmt.Errorf("make %s: %v", dir, err)}
		}
	}
	s, err := openSession(dir, &opts.conn, ios, getenv, !opts.dryRun)
	if err != nil {
		return err
	}
	defer s.close()

	start := time.Now()
	out := newSyncPrinter(opts.output, dir, s.file.Ignore, opts.dryRun, opts.all, ios, getenv) // output.go
	defer out.stop()
	pullOpts := pull.Options{
		Sync: s.syncOptions(), // root.go

		Types:    opts.types,
		DryRun:   opts.dryRun,
		Force:    opts.force,
		Progress: out.item,
		Start:    func(total int) { out.startBar(ios, getenv, total) },
	}
	report, err := pull.Run(cmd.Context(), s.client, s.state, pullOpts)
	out.stop()
	if err != nil {
		return err
	}
	if err := out.finish(report, time.Since(start)); err != nil {
		return err
	}
	if report.Failed() {
		return &filesFailedError{n: report.Summary.Failed + report.Summary.Conflicts}
	}
	return nil
}

// startBar shows a progress bar over the posts of a pull, on a terminal:
// the bar newSyncPrinter may have started counts the folder's files, which
// a first pull does not have yet.
func (p *syncPrinter) startBar(ios ioStreams, getenv func(string) string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.stop()
		p.bar = nil
	}
	if p.format == "github" || total <= progressMinFiles || !useColor(ios.terminals().Err, getenv) {
		return
	}
	p.bar = newProgressBar(ios.Err, total, true)
	p.bar.start()
}
