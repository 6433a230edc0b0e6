package sync_test

import (
	"encoding/base64"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// uploads counts the uploads the site was sent.
func uploads(wp *wpfake.Server) int {
	n := 0
	for _, r := range wp.Requests() {
		if r.Method == http.MethodPost && r.Route == "/wp/v2/media" {
			n++
		}
	}
	return n
}

// The site refuses SVG uploads (WordPress without a plugin does): an
// Author's file fails, saying what to do; an Editor's drawing goes into the
// post, sanitized. Either way the refusal is remembered, and the upload
// tried again only for new bytes or --force.
func TestSyncer_RefusedUploadRemembered(t *testing.T) {
	data, err := os.ReadFile("testdata/chart.svg")
	if err != nil {
		t.Fatal(err)
	}
	chart := string(data)
	for _, role := range []string{"author", "editor"} {
		unfiltered := role == "editor" // the role has unfiltered_html
		t.Run(role, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"survey.md": "---\ntitle: Survey\n---\nMost said often.\n\n![Answers](chart.svg)\n",
				"chart.svg": chart,
			})
			wp := wpfake.New(t, wpfake.Options{})
			addUser(wp, "user", role)
			r := runAs(t, wp, "user", dir, Options{})
			it := itemFor(t, r, "survey.md")
			if uploads(wp) != 1 {
				t.Fatalf("run 1: %d uploads, want 1: %v", uploads(wp), wp.Log())
			}
			if !unfiltered {
				if it.Action != ActionError || !strings.Contains(it.Error, "allow SVG uploads") || !strings.Contains(it.Error, "unfiltered HTML") || it.Line != 6 {
					t.Errorf("run 1: %+v", it)
				}
			} else {
				if it.Action != ActionCreate {
					t.Fatalf("run 1: %+v", it)
				}
				p, _ := wp.GetPost(it.ID)
				content := p.Content
				i := strings.Index(content, "data:image/svg+xml;base64,")
				if i < 0 {
					t.Fatalf("no inline drawing in %s", content)
				}
				enc := content[i+len("data:image/svg+xml;base64,"):]
				enc = enc[:strings.IndexAny(enc, `"'`)]
				svg, err := base64.StdEncoding.DecodeString(enc)
				if err != nil || !strings.Contains(string(svg), "<rect") || strings.Contains(string(svg), "alert") {
					t.Errorf("inline drawing %q (%v)", svg, err)
				}
			}
			wp.ResetLog()
			r = runAs(t, wp, "user", dir, Options{})
			if uploads(wp) != 0 || len(wp.Writes()) != 0 {
				t.Errorf("run 2 sent %v", wp.Log())
			}
			if it := itemFor(t, r, "survey.md"); unfiltered && it.Action != ActionUnchanged || !unfiltered && it.Action != ActionError {
				t.Errorf("run 2: %+v", it)
			}
			// A changed drawing is new bytes: tried again.
			writeFiles(t, dir, map[string]string{"chart.svg": strings.Replace(chart, `width="5"`, `width="6"`, 1)})
			wp.ResetLog()
			runAs(t, wp, "user", dir, Options{})
			if uploads(wp) != 1 {
				t.Errorf("changed drawing: %d uploads, want 1", uploads(wp))
			}
			wp.ResetLog()
			runAs(t, wp, "user", dir, Options{Force: true})
			if uploads(wp) != 1 {
				t.Errorf("--force: %d uploads, want 1 (tried again)", uploads(wp))
			}
		})
	}
}

// A run without the state file offers a refused drawing again (the refusal
// was remembered there only), and once it is refused again and shown
// inline, the post is what the file sends: no post is written.
func TestSyncer_RefusedUploadStateLoss(t *testing.T) {
	data, err := os.ReadFile("testdata/chart.svg")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"survey.md": "---\ntitle: Survey\n---\nMost said often.\n\n![Answers](chart.svg)\n",
		"chart.svg": string(data),
	})
	wp := wpfake.New(t, wpfake.Options{})
	if it := itemFor(t, runWith(t, wp, dir, Options{}), "survey.md"); it.Action != ActionCreate {
		t.Fatalf("run 1: %+v", it)
	}
	if err := os.RemoveAll(dir + "/.wpsync"); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "survey.md"); it.Action != ActionUnchanged || !it.Adopted {
		t.Errorf("state lost: %+v, want adopted unchanged", it)
	}
	for _, w := range wp.Writes() {
		if w.Route != "/wp/v2/media" {
			t.Errorf("state lost: wrote %s (all: %v)", w, wp.Log())
		}
	}
}
