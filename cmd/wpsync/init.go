package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/wpsync/wpsync/internal/config"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/sync/wordpress"
)

type initOptions struct {
	url, user string
	force     bool
}

func newInitCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Set up a folder for wpsync: write wpsync.yaml and .gitignore entries",
		Long: `Set up DIR (default: the current folder) for wpsync:

  - ask for the site address and the login name (or take --url and --user;
    without a terminal on stdin nothing is asked), and write wpsync.yaml;
  - add the lock and temporary files of .wpsync/ to .gitignore (the state
    file, .wpsync/state.json, is meant to be committed, so that CI runs
    share it);
  - explain how to create an Application Password and where to put it.

The password is never asked for and never written to wpsync.yaml.`,
		Args:              atMostOneDir("init"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(dirArg(args), opts, ios, getenv)
		},
	}
	cmd.Flags().StringVar(&opts.url, "url", "", "site address, e.g. https://example.com (default $WPSYNC_URL)")
	cmd.Flags().StringVar(&opts.user, "user", "", "WordPress login name (default $WPSYNC_USER)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing wpsync.yaml")
	return cmd
}

// gitignoreLines are what a synced folder's .gitignore needs: the lock and
// the state file's temporary files. The state file itself is committed.
var gitignoreLines = []string{".wpsync/lock", ".wpsync/*.tmp"}

// notContent are Markdown files that are usually not posts; init proposes
// to ignore those it finds at the top of the folder.
var notContent = []string{"README.md", "CHANGELOG.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "LICENSE.md", "SECURITY.md"}

func runInit(dir string, opts *initOptions, ios ioStreams, getenv func(string) string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &usageError{fmt.Errorf("create folder %s: %w", dir, err)}
	}
	cfgPath := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(cfgPath); err == nil && !opts.force {
		return &usageError{fmt.Errorf("%s exists already: edit it, or run init with --force to replace it", cfgPath)}
	}

	siteURL := firstNonEmpty(opts.url, getenv(config.EnvURL))
	user := firstNonEmpty(opts.user, getenv(config.EnvUser))
	if ios.terminals().In {
		in := bufio.NewReader(ios.In)
		var err error
		if opts.url == "" {
			if siteURL, err = ask(in, ios.Err, "Site address (as you open it in a browser)", siteURL, normalizeURL, checkSiteURL); err != nil {
				return err
			}
		}
		if opts.user == "" {
			if user, err = ask(in, ios.Err, "WordPress login name (Users → Profile → Username)", user, strings.TrimSpace, checkUser); err != nil {
				return err
			}
		}
	}
	var missing []string
	if siteURL == "" {
		missing = append(missing, "--url")
	}
	if user == "" {
		missing = append(missing, "--user")
	}
	if len(missing) > 0 {
		return &usageError{fmt.Errorf("init needs %s (stdin is not a terminal, so nothing is asked)", strings.Join(missing, " and "))}
	}
	siteURL = normalizeURL(siteURL)
	if err := checkSiteURL(siteURL); err != nil {
		return &usageError{fmt.Errorf("--url: %v", err)}
	}
	if err := checkUser(user); err != nil {
		return &usageError{fmt.Errorf("--user: %v", err)}
	}

	ignore := []string{}
	for _, name := range notContent {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			ignore = append(ignore, name)
		}
	}
	if err := writeFileAtomic(cfgPath, configYAML(siteURL, user, ignore)); err != nil {
		return err
	}
	added, err := addToGitignore(filepath.Join(dir, ".gitignore"), gitignoreLines)
	if err != nil {
		return err
	}

	w := ios.Out
	fmt.Fprintf(w, "Wrote %s: url %s, user %s", cfgPath, siteURL, user)
	if len(ignore) > 0 {
		fmt.Fprintf(w, ", ignoring %s", strings.Join(ignore, ", "))
	}
	fmt.Fprintln(w, ".")
	if len(added) > 0 {
		fmt.Fprintf(w, "Added %s to %s.\n", strings.Join(added, " and "), filepath.Join(dir, ".gitignore"))
	}
	fmt.Fprintf(w, "Commit %s and, after the first sync, .wpsync/state.json: it lets every\nmachine and CI run know which post each file is.\n", config.FileName)
	fmt.Fprintf(w, `
Next, sign in as %[2]s (the login password does not work; wpsync needs an
Application Password):
  wpsync login %[4]s
opens WordPress's page that makes one; approve it and wpsync keeps it for
this site in the system keyring (or, without one, a file of your own
configuration folder), never in %[3]s.
On a server or in CI, make one by hand instead: open
%[1]s/wp-admin/profile.php#application-passwords-section
(Users → Profile → Application Passwords), add one named "wpsync", and give
it as WPSYNC_APP_PASSWORD (in CI, a secret) or with --password-file FILE.
Then check everything and publish:
  wpsync doctor %[4]s
  wpsync sync --dry-run %[4]s
  wpsync sync %[4]s
`, siteURL, user, config.FileName, shellQuote(dir))
	if gen, err := sitegen.DetectWith(dir, sitegen.Settings{}); err == nil && gen.Unadapted() != nil && gen.Unadapted().Site != "" {
		// Set up in a Hugo site's content/ (say): the site is above.
		fmt.Fprintf(w, "\nNote: %s.\n", gen.Unadapted())
	}
	if u, _ := url.Parse(siteURL); u != nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		fmt.Fprintf(w, "\nNote: %s is plain http. WordPress offers Application Passwords only over\nHTTPS (or on a site set up as 'local'), and wpsync will not send a password\nunencrypted to another machine. Use the https:// address if the site has one.\n", siteURL)
	}
	return nil
}

// ask prompts on w and reads one line until the answer passes check; an
// empty answer takes def.
func ask(in *bufio.Reader, w io.Writer, question, def string, normalize func(string) string, check func(string) error) (string, error) {
	for {
		if def != "" {
			fmt.Fprintf(w, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(w, "%s: ", question)
		}
		line, err := in.ReadString('\n')
		answer := strings.TrimSpace(line)
		if answer == "" {
			answer = def
		}
		if answer != "" {
			answer = normalize(answer)
			cerr := check(answer)
			if cerr == nil {
				return answer, nil
			}
			fmt.Fprintf(w, "  %v\n", cerr)
		}
		if err != nil { // no more answers
			fmt.Fprintln(w)
			return "", &usageError{fmt.Errorf("no usable answer to %q: pass --url and --user instead", question)}
		}
	}
}

// normalizeURL adds https:// to a bare host name and drops a trailing
// slash.
func normalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, "://") {
		s = "https://" + s
	}
	return strings.TrimSuffix(s, "/")
}

// checkSiteURL is the check every command makes of the site URL.
func checkSiteURL(s string) error {
	_, err := wordpress.ParseSiteURL(s)
	return err
}

func checkUser(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("the login name is empty")
	}
	if strings.ContainsAny(s, ":\n") {
		return fmt.Errorf("%q cannot be a WordPress login name", s)
	}
	return nil
}

// configYAML is the new wpsync.yaml, commented for the reader.
func configYAML(siteURL, user string, ignore []string) []byte {
	q := func(s string) string {
		out, _ := yaml.Marshal(s)
		return strings.TrimSpace(string(out))
	}
	var b strings.Builder
	b.WriteString("# wpsync settings for this folder (commit this file).\n")
	b.WriteString("# Flags and WPSYNC_* environment variables override them.\n")
	b.WriteString("# The application password never goes here: run wpsync login (it keeps it\n")
	b.WriteString("# in the system keyring), or set WPSYNC_APP_PASSWORD, or pass --password-file.\n")
	b.WriteString("url: " + q(siteURL) + "\n")
	b.WriteString("user: " + q(user) + "\n")
	b.WriteString("# default_status: publish   # for files that set none: publish, draft, pending, private, future\n")
	if len(ignore) > 0 {
		b.WriteString("ignore:                     # globs; without a slash they match a name at any depth\n")
		for _, g := range ignore {
			b.WriteString("  - " + q(g) + "\n")
		}
	} else {
		b.WriteString("# ignore:                   # globs; without a slash they match a name at any depth\n#   - drafts\n")
	}
	return []byte(b.String())
}

// addToGitignore appends the lines a .gitignore lacks, and returns them.
func addToGitignore(path string, lines []string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	if have[".wpsync/"] || have[".wpsync"] || have[".wpsync/*"] {
		return nil, nil // all of .wpsync/ ignored already, the user's choice
	}
	var add []string
	for _, l := range lines {
		if !have[l] {
			add = append(add, l)
		}
	}
	if len(add) == 0 {
		return nil, nil
	}
	var b strings.Builder
	b.Write(data)
	if len(data) > 0 && !strings.HasSuffix(string(data), "\n") {
		b.WriteString("\n")
	}
	b.WriteString("# wpsync: lock and temporary files (.wpsync/state.json is committed)\n")
	for _, l := range add {
		b.WriteString(l + "\n")
	}
	if err := writeFileAtomic(path, []byte(b.String())); err != nil {
		return nil, err
	}
	return add, nil
}

// writeFileAtomic replaces path with data, through a temporary file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// shellQuote quotes a folder name for a command line to copy.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
