package wptest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSanitizeName(t *testing.T) {
	for in, want := range map[string]string{
		"e2e_sync":              "e2e_sync",
		"TestSync/Pages-1":      "testsync_pages_1",
		"":                      "site",
		strings.Repeat("a", 50): strings.Repeat("a", 40),
	} {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadEnvFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "env")
	data := "export WPSYNC_URL=http://127.0.0.1:8080\nexport WPSYNC_REQUEST_LOG='/tmp/my dir/it'\\''s.log'\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	vars, err := readEnvFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := vars["WPSYNC_URL"]; got != "http://127.0.0.1:8080" {
		t.Errorf("WPSYNC_URL = %q", got)
	}
	if got := vars["WPSYNC_REQUEST_LOG"]; got != "/tmp/my dir/it's.log" {
		t.Errorf("WPSYNC_REQUEST_LOG = %q", got)
	}
}

func TestRouteURL(t *testing.T) {
	s := &Site{URL: "http://127.0.0.1:1234"}
	got := s.RouteURL("/wp/v2/posts/7", url.Values{"context": {"edit"}})
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/" || u.Query().Get("rest_route") != "/wp/v2/posts/7" || u.Query().Get("context") != "edit" {
		t.Errorf("RouteURL = %s", got)
	}
}

func TestStartSkipsWhenDisabled(t *testing.T) {
	if Enabled() {
		t.Skip("WPSYNC_E2E is set")
	}
	var skipped bool
	t.Run("inner", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Start(t, "never_started", Options{})
	})
	if !skipped {
		t.Error("Start did not skip with WPSYNC_E2E unset")
	}
}

type post struct {
	ID     int    `json:"id"`
	Status string `json:"status"`
	Slug   string `json:"slug"`
	Link   string `json:"link"`
	Title  struct {
		Raw string `json:"raw"`
	} `json:"title"`
	Content struct {
		Raw string `json:"raw"`
	} `json:"content"`
}

func TestSites(t *testing.T) {
	t.Run("pretty", func(t *testing.T) {
		t.Parallel()
		site := Start(t, "wptest_pretty", Options{})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()

		var me struct {
			Username string   `json:"username"`
			Roles    []string `json:"roles"`
		}
		if err := site.GetJSON(ctx, "/wp/v2/users/me", url.Values{"context": {"edit"}}, &me); err != nil {
			t.Fatal(err)
		}
		if me.Username != site.User || len(me.Roles) == 0 || me.Roles[0] != "administrator" {
			t.Fatalf("users/me = %+v, want %s as administrator", me, site.User)
		}

		mark := site.Mark()
		var created post
		err := site.PostJSON(ctx, "/wp/v2/posts", map[string]any{
			"title": "Hello from wptest", "content": "Some *text*.", "status": "publish",
		}, &created)
		if err != nil {
			t.Fatal(err)
		}
		if created.ID == 0 || created.Slug != "hello-from-wptest" {
			t.Fatalf("created post = %+v", created)
		}
		reqs, err := site.RequestsSince(mark)
		if err != nil {
			t.Fatal(err)
		}
		if len(reqs) != 1 || reqs[0].Status != 201 || reqs[0].Method != "POST" ||
			!strings.Contains(reqs[0].URI, "rest_route=%2Fwp%2Fv2%2Fposts") {
			t.Fatalf("requests since mark = %v, want the one POST", reqs)
		}

		var got post
		route := "/wp/v2/posts/" + strconv.Itoa(created.ID)
		if err := site.GetJSON(ctx, route, url.Values{"context": {"edit"}}, &got); err != nil {
			t.Fatal(err)
		}
		if got.Title.Raw != "Hello from wptest" || got.Content.Raw != "Some *text*." || got.Status != "publish" {
			t.Fatalf("read back %+v", got)
		}
		if got.Link != site.URL+"/hello-from-wptest/" {
			t.Errorf("link = %q, want pretty permalink", got.Link)
		}

		// Pretty permalinks: /wp-json/ routes too.
		req, _ := http.NewRequestWithContext(ctx, "GET", site.URL+"/wp-json/wp/v2/posts", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var list []post
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if resp.StatusCode != 200 || err != nil || len(list) != 1 {
			t.Errorf("/wp-json/wp/v2/posts: status %d, %d posts, err %v", resp.StatusCode, len(list), err)
		}

		if err := site.Delete(ctx, route, url.Values{"force": {"true"}}); err != nil {
			t.Fatal(err)
		}
		err = site.GetJSON(ctx, route, nil, &got)
		var se *StatusError
		if !errors.As(err, &se) || se.StatusCode != 404 {
			t.Errorf("GET deleted post: %v, want status 404", err)
		}

		all, err := site.Requests()
		if err != nil || len(all) < 5 {
			t.Errorf("Requests() = %d lines, %v", len(all), err)
		}
	})

	t.Run("plain", func(t *testing.T) {
		t.Parallel()
		site := Start(t, "wptest_plain", Options{PlainPermalinks: true})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()

		var list []post
		if err := site.GetJSON(ctx, "/wp/v2/posts", url.Values{"status": {"any"}, "context": {"edit"}}, &list); err != nil {
			t.Fatal(err)
		}
		if len(list) != 0 {
			t.Errorf("a fresh site has %d posts, want none", len(list))
		}

		req, _ := http.NewRequestWithContext(ctx, "GET", site.URL+"/wp-json/wp/v2/posts", nil)
		req.SetBasicAuth(site.User, site.Password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && json.Valid(body) {
			t.Errorf("/wp-json/ answers JSON on a plain-permalinks site: %.200s", body)
		}
	})
}
