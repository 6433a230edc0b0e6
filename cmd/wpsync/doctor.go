package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/internal/doctor"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

type doctorOptions struct {
	conn   connFlags
	output string
}

func newDoctorCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &doctorOptions{}
	cmd := &cobra.Command{
		Use:   "doctor [DIR]",
		Short: "Check that sync will work, and say what to fix when it will not",
		Long: `Check, one step at a time, everything sync needs, and explain what to do
about each problem:

  settings               where the URL, user and password come from
  folder                 wpsync.yaml, the Markdown files, the state file
  site answers           the URL is a site address and answers
  REST API               where it is (pretty or plain permalinks)
  Application Passwords  the site offers them (HTTPS, or a 'local' site)
  Authorization header   it reaches WordPress (proxies and CGI drop it)
  credentials            the user and the application password are right
  permissions            what the user may do (publish, upload, categories,
                         unfiltered HTML)
  batch requests         whether /batch/v1 speeds syncs up
  front matter fields    which meta:, taxonomy and SEO fields posts take

doctor writes nothing. It never prints the password.

Exit codes: 0 sync will work (warnings may remain); 2 it will not.`,
		Args:              atMostOneDir("doctor"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDoctor(cmd, dirArg(args), opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", completeOutput("text", "json"))
	return cmd
}

// doctorFailedError: a check failed; exit 2.
type doctorFailedError struct{ failed []string }

func (e *doctorFailedError) Error() string {
	return fmt.Sprintf("%d check(s) failed (%s): sync will not work until they are fixed", len(e.failed), strings.Join(e.failed, ", "))
}

func runDoctor(cmd *cobra.Command, dir string, opts *doctorOptions, ios ioStreams, getenv func(string) string) error {
	if err := checkOutput(opts.output, "text", "json"); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	local, site := localChecks(dir, &opts.conn, getenv)
	checks := append(local, doctor.Run(cmd.Context(), site)...)

	switch opts.output {
	case "json":
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			OK     bool           `json:"ok"`
			Checks []doctor.Check `json:"checks"`
		}{doctor.Healthy(checks), checks}); err != nil {
			return err
		}
	default:
		printChecks(ios, getenv, site, checks)
	}
	if !doctor.Healthy(checks) {
		return &doctorFailedError{failed: doctor.Failed(checks)}
	}
	return nil
}

// localChecks look at the settings and the folder, without the network,
// and return what the site checks need.
func localChecks(dir string, f *connFlags, getenv func(string) string) ([]doctor.Check, doctor.Options) {
	var checks []doctor.Check
	add := func(id, title string, st doctor.Status, msg, fix string, details ...string) {
		checks = append(checks, doctor.Check{ID: id, Title: title, Status: st, Message: msg, Fix: fix, Details: details})
	}
	site := doctor.Options{UserAgent: "wpsync/" + buildVersion() + " (doctor)", Timeout: f.requestTimeout}

	// settings: where each comes from; a missing one is named with where
	// it can be given.
	file, fileErr := config.LoadFile(dir)
	if fileErr != nil {
		file = &config.File{}
	}
	src := config.Sources{FlagURL: f.url, FlagUser: f.user, PasswordFile: f.passwordFile, Getenv: getenv, Saved: savedStore(getenv)}
	var warns []string
	src.Warn = func(msg string) { warns = append(warns, msg) }
	u, usr, pw := config.Origins(file, src)
	site.URL, site.User, site.DefaultStatus = u.Value, usr.Value, file.DefaultStatus
	conn, err := config.Resolve(file, src)
	if err != nil {
		msg := err.Error()
		if fileErr != nil {
			msg += " (" + config.FileName + " could not be read: see folder)"
		}
		add("settings", "settings", doctor.Fail, msg,
			"give the missing settings; the password through wpsync login, WPSYNC_APP_PASSWORD or --password-file, never in wpsync.yaml")
	} else {
		site.Password = conn.Password
		from := fmt.Sprintf("url %s (from %s), user %q (from %s), application password from %s", u.Value, u.From, usr.Value, usr.From, pw.From)
		st, fix := doctor.OK, ""
		if len(warns) > 0 {
			st, fix = doctor.Warn, strings.Join(warns, "; ")
		}
		add("settings", "settings", st, from, fix)
	}

	// The HTTP client as sync would make it: a private CA, and the refusal
	// to send the password in the clear to another machine.
	// A URL that is not a site address is the "site answers" check's
	// finding, said once.
	if _, urlErr := wordpress.ParseSiteURL(site.URL); site.URL != "" && urlErr == nil {
		if _, err := httpClient(site.URL, f); err != nil {
			site.NoCredentials = err.Error()
			if strings.Contains(err.Error(), "plain http") {
				add("security", "security", doctor.Fail, err.Error(), "use the site's https:// address (or pass --allow-insecure-http if you accept the risk)")
			} else {
				add("security", "security", doctor.Fail, err.Error(), "")
			}
		}
		anon := *f
		anon.allowInsecureHTTP = true // the anonymous checks send no secret
		if hc, err := httpClient(site.URL, &anon); err == nil {
			site.HTTPClient = hc
		}
	}

	// folder: wpsync.yaml, the Markdown files, the state file.
	switch {
	case fileErr != nil:
		add("folder", "folder", doctor.Fail, fileErr.Error(), "")
	case checkStatus(file.DefaultStatus) != nil:
		add("folder", "folder", doctor.Fail, fmt.Sprintf("%s: default_status: %v", config.FileName, checkStatus(file.DefaultStatus)), "")
	case wpsync.ValidateGlobs(file.Ignore) != nil:
		add("folder", "folder", doctor.Fail, fmt.Sprintf("%s: %v", config.FileName, wpsync.ValidateGlobs(file.Ignore)), "")
	default:
		checks = append(checks, folderCheck(dir, file, f, site.URL))
	}
	return checks, site
}

// folderCheck counts the Markdown files and reads the state file.
func folderCheck(dir string, file *config.File, f *connFlags, siteURL string) doctor.Check {
	c := doctor.Check{ID: "folder", Title: "folder", Status: doctor.OK}
	gen, err := sitegen.DetectWith(dir, sitegen.Settings{Static: file.Static, Shortcodes: file.Shortcodes, LinkBase: file.LinkBase, Generator: file.Generator, Language: file.Language, NoThemeImages: file.ThemeImages != nil && !*file.ThemeImages, InlineTags: file.InlineTags, Input: file.Input})
	if err != nil {
		c.Status, c.Message = doctor.Fail, err.Error()
		c.Fix = "fix the site's configuration: wpsync reads it to know which files are pages"
		return c
	}
	paths, err := wpsync.ScanFiles(dir, file.Ignore, gen.Prune, sitegen.ReadsMDX(gen))
	if err != nil {
		c.Status, c.Message = doctor.Fail, err.Error()
		return c
	}
	c.Message = fmt.Sprintf("%s: %d Markdown file(s)", dir, len(paths))
	if gen.Config() != "" {
		// Which files become posts depends on it: say so where people look.
		name, aSite := sitegen.Title(gen.Generator())
		c.Details = append(c.Details, fmt.Sprintf("%s (%s): only the files %s renders as pages are published", aSite, gen.Config(), name))
		c.Details = append(c.Details, gen.Notes()...) // one language of several, say
	} else if g := gen.Generator(); g != "plain" && g != "" {
		// An adapter without a configuration file (an Obsidian vault, the
		// Go blog): say it is on, where people look.
		c.Details = append(c.Details, fmt.Sprintf("read by the %s adapter: see its page in docs/", g))
	}
	if u := gen.Unadapted(); u != nil {
		// Not a failure: the folder is published, and each construct its
		// readers would see is a warning of sync.
		c.Status = doctor.Warn
		c.Details = append(c.Details, u.String())
		c.Fix = u.Fix()
	}
	if len(paths) == 0 {
		c.Status = doctor.Warn
		c.Details = append(c.Details, "no *.md or *.markdown file found (hidden folders and ignore: globs are skipped)")
	}
	statePath := f.statePath
	if statePath == "" {
		statePath = state.DefaultPath(dir)
	}
	st, err := state.Load(statePath)
	var site string
	if cl, err := wordpress.New(siteURL, "", "", nil); err == nil {
		site = cl.Site()
	}
	switch {
	case err != nil:
		c.Status, c.Fix = doctor.Fail, "see the message; --rebuild-state sets a broken state file aside and rebuilds it from WordPress"
		c.Details = append(c.Details, err.Error())
	case len(st.Files) == 0:
		c.Message += "; no state yet (the first sync writes " + statePath + ")"
	case st.Site != "" && site != "" && st.Site != site:
		c.Status = doctor.Fail
		c.Details = append(c.Details, fmt.Sprintf("state file %s was made for %s, not %s", statePath, st.Site, site))
		c.Fix = "use --state to keep one state file per site"
	default:
		c.Message += fmt.Sprintf("; state file %s tracks %d", statePath, len(st.Files))
	}
	return c
}

// printChecks writes the checks as a table, coloured on a terminal.
func printChecks(ios ioStreams, getenv func(string) string, site doctor.Options, checks []doctor.Check) {
	pal := palette{on: useColor(ios.terminals().Out, getenv)}
	w := ios.Out
	if site.URL != "" {
		fmt.Fprintf(w, "wpsync doctor: %s as %q\n\n", site.URL, site.User)
	}
	width := 0
	for _, c := range checks {
		width = max(width, len(c.Title))
	}
	for _, c := range checks {
		word := map[doctor.Status]string{doctor.OK: "ok", doctor.Warn: "warn", doctor.Fail: "FAIL", doctor.Skip: "skip"}[c.Status]
		word = fmt.Sprintf("%-4s", word)
		switch c.Status {
		case doctor.OK:
			word = pal.green(word)
		case doctor.Warn:
			word = pal.yellow(word)
		case doctor.Fail:
			word = pal.red(word)
		case doctor.Skip:
			word = pal.dim(word)
		}
		fmt.Fprintf(w, "%s  %-*s  %s\n", word, width, c.Title, c.Message)
		indent := strings.Repeat(" ", 6+width+2)
		for _, d := range c.Details {
			fmt.Fprintf(w, "%s- %s\n", indent, d)
		}
		if c.Fix != "" {
			fmt.Fprintf(w, "%s%s %s\n", indent, pal.bold("fix:"), c.Fix)
		}
	}
	fmt.Fprintln(w)
	n := doctor.Counts(checks)
	switch {
	case !doctor.Healthy(checks):
		fmt.Fprintln(w, pal.red(fmt.Sprintf("%d problem(s): wpsync sync will not work until they are fixed.", n[doctor.Fail])))
	case n[doctor.Warn] > 0:
		fmt.Fprintln(w, pal.green("wpsync sync will work.")+fmt.Sprintf(" %d warning(s) above.", n[doctor.Warn]))
	default:
		fmt.Fprintln(w, pal.green("All checks passed: wpsync sync will work."))
	}
}
