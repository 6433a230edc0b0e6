package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	wpsync "github.com/wpsync/wpsync/sync"
)

const testPassword = "abcd EFGH ijkl MNOP qrst UVWX"

// fakeWP is a small WordPress REST API on httptest with a request log.
type fakeWP struct {
	t     *testing.T
	plain bool // plain permalinks: only /?rest_route= routes

	mu       sync.Mutex
	log      []string
	posts    map[int]map[string]any
	terms    []map[string]any
	nextID   int
	failNext []int // statuses to answer with before serving normally
}

func newFakeWP(t *testing.T, plain bool) (*fakeWP, *httptest.Server) {
	f := &fakeWP{t: t, plain: plain, posts: map[int]map[string]any{}, nextID: 10}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeWP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	route := r.URL.Path
	if rr := r.URL.Query().Get("rest_route"); rr != "" {
		route = rr
	} else if strings.HasPrefix(route, "/wp-json") {
		if f.plain {
			http.NotFound(w, r)
			return
		}
		route = strings.TrimPrefix(route, "/wp-json")
	}
	f.log = append(f.log, r.Method+" "+route)
	if len(f.failNext) > 0 {
		status := f.failNext[0]
		f.failNext = f.failNext[1:]
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.WriteHeader(status)
		return
	}
	if route == "/" && r.URL.Query().Get("rest_route") == "" {
		if f.plain {
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/?rest_route=/>; rel="https://api.w.org/"`, r.Host))
		} else {
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/wp-json/>; rel="https://api.w.org/"`, r.Host))
		}
		return
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		writeErr(w, 401, "rest_not_logged_in", "You are not currently logged in.")
		return
	}
	if user != "admin" {
		writeErr(w, 401, "invalid_username", "Unknown username.")
		return
	}
	if pass != strings.ReplaceAll(testPassword, " ", "") {
		writeErr(w, 401, "incorrect_password", "The provided password is an invalid application password.")
		return
	}
	var body map[string]any
	if r.Method == http.MethodPost {
		json.NewDecoder(r.Body).Decode(&body)
	}
	switch {
	case route == "/wp/v2/users/me":
		json.NewEncoder(w).Encode(map[string]any{"id": 1, "username": "admin", "roles": []string{"administrator"}})
	case route == "/wp/v2/posts" && r.Method == http.MethodGet:
		var found []map[string]any
		for _, p := range f.posts {
			if p["slug"] == r.URL.Query().Get("slug") {
				found = append(found, p)
			}
		}
		json.NewEncoder(w).Encode(found)
	case route == "/wp/v2/posts" && r.Method == http.MethodPost:
		f.nextID++
		p := wireFromBody(f.nextID, body)
		f.posts[f.nextID] = p
		w.WriteHeader(201)
		json.NewEncoder(w).Encode(p)
	case strings.HasPrefix(route, "/wp/v2/posts/") && r.Method == http.MethodPost:
		id, _ := strconv.Atoi(strings.TrimPrefix(route, "/wp/v2/posts/"))
		if _, ok := f.posts[id]; !ok {
			writeErr(w, 404, "rest_post_invalid_id", "Invalid post ID.")
			return
		}
		f.posts[id] = wireFromBody(id, body)
		json.NewEncoder(w).Encode(f.posts[id])
	case route == "/wp/v2/tags" && r.Method == http.MethodGet:
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		lo, hi := (page-1)*per, page*per
		hi = min(hi, len(f.terms))
		w.Header().Set("X-WP-TotalPages", strconv.Itoa((len(f.terms)+per-1)/per))
		json.NewEncoder(w).Encode(f.terms[lo:hi])
	case route == "/wp/v2/tags" && r.Method == http.MethodPost:
		for _, t := range f.terms {
			if t["name"] == body["name"] {
				w.WriteHeader(400)
				json.NewEncoder(w).Encode(map[string]any{"code": "term_exists", "message": "A term with the name provided already exists.", "data": map[string]any{"status": 400, "term_id": t["id"]}})
				return
			}
		}
		f.nextID++
		t := map[string]any{"id": f.nextID, "name": body["name"]}
		f.terms = append(f.terms, t)
		w.WriteHeader(201)
		json.NewEncoder(w).Encode(t)
	default:
		writeErr(w, 404, "rest_no_route", "No route was found matching the URL and request method.")
	}
}

func wireFromBody(id int, b map[string]any) map[string]any {
	return map[string]any{
		"id": id, "slug": b["slug"], "status": b["status"], "link": fmt.Sprintf("http://wp.test/%v/", b["slug"]),
		"date": b["date"], "modified_gmt": "2026-01-02T03:04:05",
		"title": map[string]any{"raw": b["title"]}, "content": map[string]any{"raw": b["content"]},
		"excerpt": map[string]any{"raw": b["excerpt"]}, "categories": b["categories"], "tags": b["tags"],
	}
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg, "data": map[string]any{"status": status}})
}

func (f *fakeWP) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

// noSleep makes retries instant and records the waits.
func noSleep(client *Client) *[]time.Duration {
	var waits []time.Duration
	rt := client.http.Transport.(*RetryTransport)
	rt.Sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	return &waits
}

func connect(t *testing.T, srv *httptest.Server, user, password string) (*Client, error) {
	t.Helper()
	c, err := New(srv.URL, user, password, nil)
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	return c, c.Connect(context.Background())
}

func TestClient_Discover(t *testing.T) {
	for _, plain := range []bool{false, true} {
		t.Run(fmt.Sprintf("plain=%v", plain), func(t *testing.T) {
			f, srv := newFakeWP(t, plain)
			c, err := connect(t, srv, "admin", testPassword)
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
			if reqs := f.requests(); reqs[len(reqs)-1] != "POST /wp/v2/posts" {
				t.Errorf("last request %q, want POST /wp/v2/posts", reqs[len(reqs)-1])
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
			_, srv := newFakeWP(t, false)
			_, err := connect(t, srv, tt.user, tt.password)
			var ae *AuthError
			if !errors.As(err, &ae) {
				t.Fatalf("Connect error = %v, want *AuthError", err)
			}
			msg := err.Error()
			for _, want := range []string{tt.want, tt.user, srv.URL} {
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
	f, srv := newFakeWP(t, false)
	c, err := connect(t, srv, "admin", testPassword)
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
	_ = f
}

func TestClient_TermsPaginatesAndCreateTermIsIdempotent(t *testing.T) {
	f, srv := newFakeWP(t, false)
	for i := 0; i < 250; i++ {
		f.terms = append(f.terms, map[string]any{"id": 1000 + i, "name": fmt.Sprintf("t%d &amp; co", i)})
	}
	c, err := connect(t, srv, "admin", testPassword)
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
	got, err := c.CreateTerm(context.Background(), "tags", "t5 &amp; co")
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
			_, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a"})
			return err
		}, false, 3},
		{"5xx on GET retried", []int{502, 503}, func(c *Client) error {
			_, err := c.Posts(ctx, "posts", []int{1})
			return err
		}, false, 3},
		{"5xx on create not replayed", []int{500}, func(c *Client) error {
			_, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a"})
			return err
		}, true, 1},
		{"gives up after max tries", []int{503, 503, 503, 503, 503, 503}, func(c *Client) error {
			_, err := c.FindBySlug(ctx, "posts", "a")
			return err
		}, true, maxTries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeWP(t, false)
			c, err := connect(t, srv, "admin", testPassword)
			if err != nil {
				t.Fatal(err)
			}
			waits := noSleep(c)
			before := len(f.requests())
			f.mu.Lock()
			f.failNext = tt.fail
			f.mu.Unlock()
			err = tt.call(c)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tries := len(f.requests()) - before; tries != tt.wantTries {
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
