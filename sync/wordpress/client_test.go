package wordpress

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

const testPassword = wpfake.Password

// noSleep makes retries instant and records the waits.
func noSleep(client *Client) *[]time.Duration {
	var waits []time.Duration
	rt := client.http.Transport.(*RetryTransport)
	rt.Sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	return &waits
}

func connect(t *testing.T, wp *wpfake.Server, user, password string) (*Client, error) {
	t.Helper()
	c, err := New(wp.URL, user, password, nil)
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	return c, c.Connect(context.Background())
}

func TestClient_Discover(t *testing.T) {
	for _, plain := range []bool{false, true} {
		t.Run(fmt.Sprintf("plain=%v", plain), func(t *testing.T) {
			wp := wpfake.New(t, wpfake.Options{Plain: plain})
			c, err := connect(t, wp, "admin", testPassword)
			if err != nil {
				t.Fatal(err)
			}
			if plain != strings.Contains(c.Root(), "rest_route") {
				t.Errorf("root %q for plain=%v", c.Root(), plain)
			}
			got, err := c.Create(context.Background(), &wpsync.Post{Type: "posts", Slug: "x", Title: "X", Status: "publish"})
			if err != nil {
				t.Fatal(err)
			}
			if got.ID == 0 || got.Title != "X" {
				t.Errorf("Create returned %+v", got)
			}
			reqs := wp.Requests()
			if last := reqs[len(reqs)-1]; last.Method+" "+last.Route != "POST /wp/v2/posts" {
				t.Errorf("last request %q, want POST /wp/v2/posts", last)
			}
		})
	}
}

func TestClient_AuthErrors(t *testing.T) {
	tests := []struct {
		user, password, want string
	}{
		{"admin", "wxyz wxyz wxyz wxyz wxyz wxyz", "application password is wrong"},
		// Not an application password's form: as doctor does, name the
		// login password.
		{"admin", "wrong pass word", "not an Application Password; a login password"},
		{"nobody", testPassword, "no such user"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			wp := wpfake.New(t, wpfake.Options{})
			_, err := connect(t, wp, tt.user, tt.password)
			var ae *AuthError
			if !errors.As(err, &ae) {
				t.Fatalf("Connect error = %v, want *AuthError", err)
			}
			msg := err.Error()
			for _, want := range []string{tt.want, tt.user, wp.URL} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, tt.password) || strings.Contains(msg, strings.ReplaceAll(tt.password, " ", "")) {
				t.Errorf("error leaks the password: %q", msg)
			}
		})
	}
}

func TestClient_NeverPrintsPassword(t *testing.T) {
	c, err := New("http://127.0.0.1:1", "admin", testPassword, nil)
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	pw := strings.ReplaceAll(testPassword, " ", "")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, c); strings.Contains(out, pw) {
			t.Errorf("fmt %s of a Client prints the password", verb)
		}
	}
	// A connection error names the site, not the credentials.
	err = c.Connect(context.Background())
	var ce *ConnectError
	if !errors.As(err, &ce) || strings.Contains(err.Error(), pw) {
		t.Errorf("Connect to a closed port: %v", err)
	}
}

func TestClient_FindCreateUpdate(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	c, err := connect(t, wp, "admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if p, err := c.FindBySlug(ctx, "posts", "hello"); err != nil || p != nil {
		t.Fatalf("FindBySlug on an empty site = %v, %v", p, err)
	}
	created, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "hello", Title: "Hello", Content: "<p>x</p>", Status: "draft", Date: "2024-03-05T10:00:00", Tags: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	found, err := c.FindBySlug(ctx, "posts", "hello")
	if err != nil || found == nil || found.ID != created.ID || found.Content != "<p>x</p>" {
		t.Fatalf("FindBySlug = %+v, %v", found, err)
	}
	found.Title = "Hello again"
	updated, err := c.Update(ctx, found)
	if err != nil || updated.Title != "Hello again" {
		t.Fatalf("Update = %+v, %v", updated, err)
	}
	if _, err := c.Update(ctx, &wpsync.Post{ID: 999, Type: "posts"}); err == nil {
		t.Fatal("Update of a missing post succeeded")
	} else {
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != 404 || ae.Code != "rest_post_invalid_id" {
			t.Errorf("Update of a missing post: %v, want a 404 APIError", err)
		}
	}
	// A post without date keeps WordPress's: the body must not carry one.
	if _, ok := (&wpsync.Post{}).Body()["date"]; ok {
		t.Error("body sends a date the file did not give")
	}
}

func TestClient_TermsPaginatesAndCreateTermIsIdempotent(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	for i := 0; i < 250; i++ {
		// Stored as WordPress stores names, escaped; listed by name.
		wp.AddTerm(wpfake.Term{ID: 1000 + i, Taxonomy: "tags", Name: fmt.Sprintf("t%03d &amp; co", i)})
	}
	c, err := connect(t, wp, "admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	terms, err := c.Terms(context.Background(), "tags")
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 250 {
		t.Fatalf("Terms = %d, want all 250 across 3 pages", len(terms))
	}
	if terms[249].Name != "t249 & co" {
		t.Errorf("name %q: entities not decoded", terms[249].Name)
	}
	got, err := c.CreateTerm(context.Background(), "tags", "t005 &amp; co")
	if err != nil || got.ID != 1005 {
		t.Errorf("CreateTerm of an existing name = %+v, %v; want id 1005", got, err)
	}
}

func TestRetryTransport(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		fail      []int
		call      func(c *Client) error
		wantErr   bool
		wantTries int
	}{
		{"429 retried with Retry-After", []int{429, 429}, func(c *Client) error {
			_, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a", Status: "draft"})
			return err
		}, false, 3},
		{"5xx on GET retried", []int{502, 503}, func(c *Client) error {
			_, err := c.Posts(ctx, "posts", []int{1})
			return err
		}, false, 3},
		{"5xx on create not replayed", []int{500}, func(c *Client) error {
			_, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a", Status: "draft"})
			return err
		}, true, 1},
		{"gives up after max tries", []int{503, 503, 503, 503, 503, 503}, func(c *Client) error {
			_, err := c.FindBySlug(ctx, "posts", "a")
			return err
		}, true, maxTries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wp := wpfake.New(t, wpfake.Options{})
			c, err := connect(t, wp, "admin", testPassword)
			if err != nil {
				t.Fatal(err)
			}
			waits := noSleep(c)
			before := len(wp.Requests())
			wp.FailNext(tt.fail...) // a 429 with Retry-After: 1
			err = tt.call(c)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tries := len(wp.Requests()) - before; tries != tt.wantTries {
				t.Errorf("sent %d times, want %d", tries, tt.wantTries)
			}
			if tt.fail[0] == 429 && len(*waits) > 0 && (*waits)[0] != time.Second {
				t.Errorf("waited %v, want Retry-After's 1s", (*waits)[0])
			}
		})
	}
}

func TestBackoff_JitteredAndCapped(t *testing.T) {
	for try := 1; try < 20; try++ {
		d := backoff(try)
		if d <= 0 || d > maxBackoff {
			t.Errorf("backoff(%d) = %v, want in (0, %v]", try, d, maxBackoff)
		}
	}
}
