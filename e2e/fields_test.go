package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// Issue 28, the fields plugins add: a file's meta: (the keys the site
// registers for REST), its keys that name a taxonomy of the site, and its
// SEO fields into the SEO plugin's meta, on sites whose must-use plugins
// register them (testdata/plugins/fields.php, seo-yoast.php and
// seo-rankmath.php simulate the SEO plugins' REST surface).

const (
	fieldsNovel = "reviewed-novel.md"
	fieldsNote  = "short-note.md"
)

// fieldsPost is what these tests read of a post.
type fieldsPost struct {
	ID      int
	Genre   []int
	Tags    []int
	Excerpt struct{ Raw string }
	Meta    map[string]any
}

func (ts themeSite) fieldsPost(id int) fieldsPost {
	ts.t.Helper()
	var p fieldsPost
	if err := ts.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		ts.t.Fatalf("get post %d: %v", id, err)
	}
	return p
}

// runWarnings returns the run's warnings that contain part.
func runWarnings(rep fullReport, part string) []string {
	var out []string
	for _, w := range rep.Warnings {
		if strings.Contains(w, part) {
			out = append(out, w)
		}
	}
	return out
}

func TestFields_Yoast(t *testing.T) {
	ts := themeSite{t, wptest.Start(t, "e2e_fields_yoast", wptest.Options{MuPlugins: []string{"testdata/plugins/fields.php", "testdata/plugins/seo-yoast.php"}})}
	dir := copyTree(t, filepath.Join("testdata", "sites", "fields"))
	rep := ts.sync(dir, nil, 0)

	novel := ts.fieldsPost(rep.want(t, fieldsNovel, "create").ID)
	const desc = "What the novel is about, for the excerpt and search engines."
	want := map[string]any{
		"rating": float64(4), "mood": "3", // as registered: an integer, a text
		"_yoast_wpseo_metadesc": desc, "_yoast_wpseo_title": "The novel, reviewed | Books",
		"_yoast_wpseo_meta-robots-noindex": "1",
	}
	for k, v := range want {
		if !reflect.DeepEqual(novel.Meta[k], v) {
			t.Errorf("novel: meta %s = %#v, want %#v", k, novel.Meta[k], v)
		}
	}
	if _, ok := novel.Meta["shelf"]; ok {
		t.Errorf("novel: meta shelf is on the post, though the site does not register it")
	}
	if novel.Excerpt.Raw != desc {
		t.Errorf("novel: excerpt %q, want the description", novel.Excerpt.Raw)
	}
	if got := ts.names("genre", novel.Genre); !slices.Equal(got, []string{"Fiction", "Poetry"}) {
		t.Errorf("novel: genres %q, want [Fiction Poetry]", got)
	}
	if got := ts.names("tags", novel.Tags); !slices.Equal(got, []string{"books"}) {
		t.Errorf("novel: tags %q", got)
	}
	note := ts.fieldsPost(rep.want(t, fieldsNote, "create").ID)
	if got := ts.names("genre", note.Genre); !slices.Equal(got, []string{"Essay"}) {
		t.Errorf("note: genres %q, want [Essay]", got)
	}
	if note.Meta["_yoast_wpseo_metadesc"] != "Only a description." || note.Meta["_yoast_wpseo_title"] != "" {
		t.Errorf("note: meta %v", note.Meta)
	}

	// Said for each file at the line of its key, with what to do (the
	// listing groups them): the meta key the site does not register (in
	// both files), the SEO fields Yoast does not offer over REST, by the
	// keys the file wrote.
	rep.want(t, fieldsNovel, "create", "line 10: meta shelf: not registered for the REST API", "then edit the file so that it is sent again",
		"line 5: SEO fields canonical (_yoast_wpseo_canonical), og_image (_yoast_wpseo_opengraph-image): Yoast SEO")
	rep.want(t, fieldsNote, "create", "line 5: meta shelf: not registered for the REST API")
	if w := runWarnings(rep, "meta shelf"); len(w) != 0 {
		t.Errorf("warnings %q: meta shelf is said of each file, not of the run", rep.Warnings)
	}

	ts.secondRun(dir, nil)
	checkStateLoss(t, ts.s, nil, dir)

	// doctor lists what posts take here, and what not and why.
	r := wpsync(t, ts.s.Env(), "doctor", dir)
	st, text := checkLine(t, r.stdout, "front matter fields")
	for _, part := range []string{"rating (integer)", "mood (string)", "genre", "Yoast SEO (REST namespace yoast/v1): description, title, noindex"} {
		if !strings.Contains(text, part) {
			t.Errorf("doctor: front matter fields %q does not say %q", text, part)
		}
	}
	if st != "warn" || !strings.Contains(r.stdout, "canonical (_yoast_wpseo_canonical), image (_yoast_wpseo_opengraph-image): Yoast SEO does not offer") {
		t.Errorf("doctor: want a warning of Yoast's canonical and image:\n%s", r.stdout)
	}

	// A change of a field alone is a change: sent, then nothing again.
	path := filepath.Join(dir, fieldsNovel)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(strings.Replace(string(src), "rating: 4", "rating: 5", 1), "noindex: true", "noindex: false", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = ts.sync(dir, nil, 0)
	novel = ts.fieldsPost(rep.want(t, fieldsNovel, "update").ID)
	if novel.Meta["rating"] != float64(5) || novel.Meta["_yoast_wpseo_meta-robots-noindex"] != "0" {
		t.Errorf("after the edit: meta %v, want rating 5 and noindex 0", novel.Meta)
	}
	ts.secondRun(dir, nil)
	checkStateLoss(t, ts.s, nil, dir)
}

// Rank Math, as an Author: the schema tells an Author the registered keys
// too; the robots list is sent as Rank Math stores it; genres the site has
// are assigned, the one it lacks left out with a warning (an Author may
// not create terms of a taxonomy without capabilities of its own).
func TestFields_RankMathAuthor(t *testing.T) {
	ts := themeSite{t, wptest.Start(t, "e2e_fields_rankmath", wptest.Options{MuPlugins: []string{"testdata/plugins/fields.php", "testdata/plugins/seo-rankmath.php"}})}
	ctx := context.Background()
	for _, name := range []string{"Fiction", "Poetry"} {
		if err := ts.s.PostJSON(ctx, "/wp/v2/genre", map[string]any{"name": name}, nil); err != nil {
			t.Fatalf("create genre %s: %v", name, err)
		}
	}
	env := authorOn(t, ts.s, "fields-author")
	dir := copyTree(t, filepath.Join("testdata", "sites", "fields"))
	rep := ts.sync(dir, env, 0)

	novel := ts.fieldsPost(rep.want(t, fieldsNovel, "create").ID)
	want := map[string]any{
		"rating": float64(4), "mood": "3",
		"rank_math_description":    "What the novel is about, for the excerpt and search engines.",
		"rank_math_title":          "The novel, reviewed | Books",
		"rank_math_canonical_url":  "https://books.example.org/reviewed-novel/",
		"rank_math_facebook_image": "https://books.example.org/cover.png",
		"rank_math_robots":         []any{"noindex"},
	}
	for k, v := range want {
		if !reflect.DeepEqual(novel.Meta[k], v) {
			t.Errorf("novel: meta %s = %#v, want %#v", k, novel.Meta[k], v)
		}
	}
	if got := ts.names("genre", novel.Genre); !slices.Equal(got, []string{"Fiction", "Poetry"}) {
		t.Errorf("novel: genres %q", got)
	}
	note := ts.fieldsPost(rep.want(t, fieldsNote, "create", `genre "Essay" is not on the site`).ID)
	if len(note.Genre) != 0 {
		t.Errorf("note: genres %v, want none", note.Genre)
	}
	for _, it := range rep.Items {
		for _, w := range it.Warnings {
			if strings.Contains(w, "SEO fields") {
				t.Errorf("%s: %q: Rank Math takes every SEO field here", it.Path, w)
			}
		}
	}
	ts.secondRun(dir, env)
	checkStateLoss(t, ts.s, env, dir)
}
