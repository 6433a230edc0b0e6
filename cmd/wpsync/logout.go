package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/sync/wordpress"
)

type logoutOptions struct {
	url  string
	keep bool
	conn connFlags
}

func newLogoutCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &logoutOptions{}
	cmd := &cobra.Command{
		Use:   "logout [DIR]",
		Short: "Forget the Application Password wpsync login saved for the site, and revoke it",
		Long: `Forget the Application Password wpsync login saved for the site of DIR (its
wpsync.yaml url, or --url), in the system keyring and in the credentials
file, and revoke it in WordPress so that it signs nothing in any more
(--keep-in-wordpress leaves it valid there). Passwords given in
WPSYNC_APP_PASSWORD or --password-file are not touched.`,
		Args:              atMostOneDir("logout"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLogout(cmd.Context(), dirArg(args), opts, ios, getenv)
		},
	}
	cmd.Flags().StringVar(&opts.url, "url", "", "site address (default $WPSYNC_URL, then url: in wpsync.yaml)")
	cmd.Flags().BoolVar(&opts.keep, "keep-in-wordpress", false, "forget the password here but leave it valid in WordPress")
	cmd.Flags().StringVar(&opts.conn.caCert, "ca-cert", "", "PEM file of the certificate authority of a site with a private CA")
	cmd.Flags().BoolVar(&opts.conn.allowInsecureHTTP, "allow-insecure-http", false, "revoke over plain http:// on a host other than this machine")
	cmd.Flags().DurationVar(&opts.conn.requestTimeout, "request-timeout", 30*time.Second, "give up on a request that has not started to answer after this long")
	return cmd
}

func runLogout(ctx context.Context, dir string, opts *logoutOptions, ios ioStreams, getenv func(string) string) error {
	file, err := config.LoadFile(dir)
	if err != nil {
		return err
	}
	siteURL := normalizeURL(firstNonEmpty(opts.url, getenv(config.EnvURL), file.URL))
	if siteURL == "" {
		return &usageError{fmt.Errorf("logout needs the site address: --url, %s or url: in %s", config.EnvURL, config.FileName)}
	}
	store, err := config.OpenStore(getenv)
	if err != nil {
		return err
	}
	saved, inKeyring, ok, err := store.Load(siteURL, nil)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintf(ios.Out, "No password saved for %s: nothing to do.\n", siteURL)
		return nil
	}
	revoked, why := "", ""
	if !opts.keep {
		revoked, why = revoke(ctx, siteURL, saved, &opts.conn)
	}
	if _, err := store.Delete(siteURL); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "Forgot the password of %s for %s (it was in %s).\n", saved.User, siteURL, store.Where(inKeyring))
	switch {
	case opts.keep:
		fmt.Fprintln(ios.Out, "It is still valid in WordPress (--keep-in-wordpress).")
	case why != "":
		fmt.Fprintf(ios.Out, "Not revoked in WordPress (%s): revoke it under Users → Profile → Application Passwords.\n", why)
	default:
		fmt.Fprintf(ios.Out, "Revoked it in WordPress (%q).\n", revoked)
	}
	return nil
}

// revoke deletes the saved password in WordPress; why says what stopped
// it, "" when it is done.
func revoke(ctx context.Context, siteURL string, saved config.Saved, conn *connFlags) (name, why string) {
	hc, err := httpClient(siteURL, conn)
	if err != nil {
		return "", err.Error()
	}
	c, err := wordpress.New(siteURL, saved.User, saved.Password, hc)
	if err != nil {
		return "", err.Error()
	}
	c.UserAgent = "wpsync/" + buildVersion()
	if err := c.Discover(ctx); err != nil {
		return "", err.Error()
	}
	name, err = c.Revoke(ctx)
	if err != nil {
		return "", err.Error()
	}
	return name, ""
}
