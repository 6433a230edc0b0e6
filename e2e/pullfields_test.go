package e2e

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wpsync/wpsync/internal/wptest"
)

// TestFields_PullRoundTrip: what sync sent of the fields folder (its meta:,
// genre terms, SEO fields, testdata/sites/fields) comes back through pull
// into the front matter, as sync reads it; a sync of the pulled folder,
// with the state pull recorded and without it, writes nothing, and leaves
// the folder, its state file too, byte for byte as pull wrote it.
func TestFields_PullRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name, plugin string
		want         map[string]any // the novel's front matter keys
	}{
		// Yoast's simulation offers description, title and noindex.
		{"yoast", "testdata/plugins/seo-yoast.php", map[string]any{
			"description": "What the novel is about, for the excerpt and search engines.",
			"seo_title":   "The novel, reviewed | Books", "noindex": true,
		}},
		{"rankmath", "testdata/plugins/seo-rankmath.php", map[string]any{
			"description": "What the novel is about, for the excerpt and search engines.",
			"seo_title":   "The novel, reviewed | Books", "noindex": true,
			"canonical": "https://books.example.org/reviewed-novel/", "og_image": "https://books.example.org/cover.png",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := wptest.Start(t, "e2e_fields_pull_"+tc.name, wptest.Options{MuPlugins: []string{"testdata/plugins/fields.php", tc.plugin}})
			ts := themeSite{t, s}
			dir := copyTree(t, filepath.Join("testdata", "sites", "fields"))
			ts.sync(dir, nil, 0)

			back := t.TempDir()
			r, rep := pullOn(t, s, back)
			if r.code != 0 || rep.Summary.Created != 2 {
				t.Fatalf("pull: exit %d, created %d\n%s\n%s", r.code, rep.Summary.Created, r.stdout, r.stderr)
			}
			novel := frontMatterOf(t, filepath.Join(back, "posts", "reviewed-novel.md"))
			want := map[string]any{
				"genre": []any{"Fiction", "Poetry"}, "tags": []any{"books"},
				"meta": map[string]any{"rating": 4, "mood": "3"}, // as the site registers them; shelf is not
			}
			for k, v := range tc.want {
				want[k] = v
			}
			for k, v := range want {
				if !reflect.DeepEqual(novel[k], v) {
					t.Errorf("pulled novel: %s = %#v, want %#v", k, novel[k], v)
				}
			}
			for _, k := range []string{"_yoast_wpseo_metadesc", "rank_math_description", "footnotes"} {
				if m, ok := novel["meta"].(map[string]any); ok && m[k] != nil {
					t.Errorf("pulled novel: meta %s written as meta, want it as its field (or not at all)", k)
				}
			}
			note := frontMatterOf(t, filepath.Join(back, "posts", "short-note.md"))
			if !reflect.DeepEqual(note["genre"], []any{"Essay"}) || note["description"] != "Only a description." || note["meta"] != nil {
				t.Errorf("pulled note: genre %#v, description %#v, meta %#v; want [Essay], its description, no meta", note["genre"], note["description"], note["meta"])
			}

			files := snapshot(t, back)
			ts.secondRun(back, nil)
			for _, c := range changed(files, snapshot(t, back)) {
				t.Errorf("sync after pull changed %s:\n%s", c, firstDiff(files[c], snapshot(t, back)[c]))
			}
			checkStateLoss(t, s, nil, back)
		})
	}
}

// frontMatterOf decodes the YAML front matter of the file at path.
func frontMatterOf(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("%s: no front matter:\n%s", path, data)
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(head), &fm); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fm
}
