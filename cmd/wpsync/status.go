package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	wpsync "github.com/wpsync/wpsync/sync"
)

type statusOptions struct {
	conn   connFlags
	output string
	all    bool
}

func newStatusCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status [DIR]",
		Short: "Show what sync would do, per file, without doing it",
		Long: `Show what 'wpsync sync' would do with each Markdown file under DIR (default:
the current folder), writing nothing to WordPress or the state file:

  create     a new file; no post has its slug yet
  update     the file changed since the last sync
  unchanged  nothing to send (listed with --all)
  conflict   the post was edited or deleted in WordPress since wpsync wrote it
  orphan     the file is gone, its post is still on the site
  error      the file cannot be sent as it is; the message says why

Files that have not changed need no request; the site is asked only about
the others (to find posts by slug and to spot edits made in WordPress).

Exit codes: 0 sync would go through; 1 some files have errors or conflicts;
2 a usage, configuration, connection or authentication error.`,
		Args:              atMostOneDir("status"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(cmd, dirArg(args), opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text or json")
	cmd.Flags().BoolVarP(&opts.all, "all", "a", false, "list unchanged files too, each file with its warnings (by default each warning once, at the end)")
	cmd.Flags().BoolVarP(&opts.all, "verbose", "v", false, "the same as --all")
	_ = cmd.RegisterFlagCompletionFunc("output", completeOutput("text", "json"))
	return cmd
}

func runStatus(cmd *cobra.Command, dir string, opts *statusOptions, ios ioStreams, getenv func(string) string) error {
	if err := checkOutput(opts.output, "text", "json"); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	if opts.conn.rebuildState {
		return &usageError{fmt.Errorf("status writes nothing: --rebuild-state belongs to sync")}
	}
	s, err := openSession(dir, &opts.conn, ios, getenv, false) // no lock: nothing is written
	if err != nil {
		return err
	}
	defer s.close()
	report, err := wpsync.New(s.client, s.state, wpsync.Options{
		Generator:     s.site,
		Dir:           dir,
		DefaultStatus: s.file.DefaultStatus,
		Format:        s.file.Format,
		Ignore:        s.file.Ignore,
		MaxFileSize:   s.file.MaxFileSize,
		DryRun:        true,
		Site:          s.client.Site(),
	}).Run(cmd.Context())
	if err != nil {
		return err
	}
	if opts.output == "json" {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return err
		}
	} else {
		printStatus(ios.Out, report, opts.all, palette{on: useColor(ios.terminals().Out, getenv)})
	}
	if report.Failed() {
		return &filesFailedError{n: report.Summary.Failed + report.Summary.Conflicts}
	}
	return nil
}

// printStatus lists the plan, one line a file, and counts it.
func printStatus(w io.Writer, r *wpsync.Report, all bool, p palette) {
	fields := map[string][]string{} // what each update changes (the plan's)
	if r.Plan != nil {
		for _, fp := range r.Plan.Files {
			fields[fp.Path] = fp.Fields
		}
	}
	var warns warningGroups // without --all, each warning once, at the end
	skipped := 0
	for _, it := range r.Items {
		if !all {
			if it.Action == wpsync.ActionSkipped {
				skipped++ // counted by skippedNote, not a warning
				continue
			}
			for _, w := range it.Warnings {
				warns.add(it.Path, w)
			}
			it.Warnings = nil
			if quiet(it.Action) {
				continue
			}
		}
		verb := string(it.Action)
		if it.Adopted {
			verb += " (adopt)"
		}
		if it.MovedFrom != "" {
			verb += " (moved)"
		}
		verb = colorOf(it.Action, p)(fmt.Sprintf("%-18s", verb))
		if it.Action == wpsync.ActionError || it.Action == wpsync.ActionConflict {
			fmt.Fprintf(w, "%s %s\n", verb, it.Error)
			continue
		}
		if it.Action == wpsync.ActionSkipped {
			fmt.Fprintln(w, skippedLine(verb, it))
			continue
		}
		line := verb + " " + it.Path
		if it.MovedFrom != "" {
			line += " (was " + it.MovedFrom + ")"
		}
		if it.ID > 0 {
			line += fmt.Sprintf(" → %s %d", it.Type, it.ID)
		}
		if f := fields[it.Path]; it.Action == wpsync.ActionUpdate && len(f) > 0 {
			line += " (changes " + strings.Join(f, ", ") + ")"
		}
		fmt.Fprintln(w, line)
		for _, warn := range it.Warnings {
			fmt.Fprintf(w, "%s %s\n", p.yellow(fmt.Sprintf("%-18s", "warning")), warningAt(it.Path, warn))
		}
	}
	warns.write(w, 18, p)
	skippedNote(w, skipped, 18, p)
	runNotes(w, r.Notes, 18, p)
	for _, warn := range r.Warnings {
		fmt.Fprintln(w, p.yellow("warning: ")+warn)
	}
	s := r.Summary
	parts := []string{
		fmt.Sprintf("%d to create", s.Created),
		fmt.Sprintf("%d to update", s.Updated),
		fmt.Sprintf("%d unchanged", s.Unchanged),
	}
	for _, extra := range []struct {
		n    int
		what string
	}{{s.Conflicts, "in conflict"}, {s.Orphans, "orphaned"}, {s.Skipped, "skipped"}, {s.Failed, "with errors"}} {
		if extra.n > 0 || extra.what == "with errors" {
			parts = append(parts, fmt.Sprintf("%d %s", extra.n, extra.what))
		}
	}
	line := strings.Join(parts, ", ")
	if s.Created+s.Updated == 0 && s.Failed+s.Conflicts+s.Orphans == 0 {
		line += ": nothing to do"
	}
	if r.Failed() {
		line = p.red(line)
	}
	fmt.Fprintln(w, line)
}
