// Package blocklib checks wpsync's block markup with today's block editor
// code: @wordpress/blocks and @wordpress/block-library from npm (pinned in
// e2e/editor/package-lock.json), bundled by scripts/editor.sh and run in
// headless Chromium by e2e/editor/check.mjs. The e2e package checks the
// same with the editor of the test WordPress (6.1); no WordPress is needed
// here, but Chromium and Node.js are, so it runs with WPSYNC_E2E set, as
// `make test` does.
package blocklib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/e2e/editorcheck"
	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/sync"
)

type item = editorcheck.Item

// TestBlockLibrary_TodaysEditor parses every golden file of today's markup
// (markdown/testdata/blocks) and every sample post, rendered as wpsync
// sends it to a current WordPress, with today's block library: no block may
// be invalid, none valid only through a deprecated version (which the editor
// would migrate), and serialize(parse(x)) must give x back.
func TestBlockLibrary_TodaysEditor(t *testing.T) {
	if os.Getenv("WPSYNC_E2E") == "" {
		t.Skip("needs Chromium and the npm packages of scripts/editor.sh: run `make test`, or set WPSYNC_E2E=1")
	}
	var items []item
	golden, err := filepath.Glob("../../markdown/testdata/blocks/*.html")
	if err != nil || len(golden) < 20 {
		t.Fatalf("golden block files: %d, %v", len(golden), err)
	}
	for _, f := range golden {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, item{Name: strings.TrimPrefix(f, "../../"), Content: string(b)})
	}
	samples := sampleItems(t, "../../sample-content")
	if len(samples) < 5 {
		t.Fatalf("%d sample posts, want them all", len(samples))
	}
	items = append(items, samples...)
	// Proof that the check can fail: an invalid paragraph, WordPress 6.1's
	// heading, list and table, and 6.9's heading anchor (in the id alone),
	// which today's editor migrates.
	controls := []item{
		{Name: "control: invalid paragraph", Content: "<!-- wp:paragraph -->\n<div>a</div>\n<!-- /wp:paragraph -->"},
		{Name: "control: 6.1 heading", Content: "<!-- wp:heading -->\n<h2>a</h2>\n<!-- /wp:heading -->"},
		{Name: "control: 6.1 list", Content: "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>a</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->"},
		{Name: "control: 6.9 anchor", Content: "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\" id=\"a\">a</h2>\n<!-- /wp:heading -->"},
		{Name: "control: 6.1 table", Content: "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><tbody><tr><td>a</td></tr></tbody></table></figure>\n<!-- /wp:table -->"},
	}
	items = append(items, controls...)

	start := time.Now()
	rep := runCheck(t, items)
	t.Logf("block library check of %d items: %v (%v)", len(items), time.Since(start).Round(time.Millisecond), rep.Timings)
	if rep.BlockTypes < 50 || len(rep.Items) != len(items) {
		t.Fatalf("check: %d block types, %d of %d items", rep.BlockTypes, len(rep.Items), len(items))
	}
	for i, got := range rep.Items {
		if i >= len(items)-len(controls) {
			if len(got.Problems) == 0 && got.Saved == "" {
				t.Errorf("%s: the check found nothing wrong", got.Name)
			}
			continue
		}
		if got.Blocks == 0 {
			t.Errorf("%s: no blocks", got.Name)
		}
		for _, p := range got.Problems {
			t.Errorf("%s: block %s: %s", got.Name, p.Block, strings.Join(p.Issues, "; "))
		}
		if got.Saved != "" {
			t.Errorf("%s: saving in the editor would change it:\n%s", got.Name, editorcheck.FirstDiff(items[i].Content, got.Saved))
		}
	}
}

// sampleItems renders every post of the sample folder in the blocks format
// and today's markup. Pictures get a media ID, as after their upload, so
// that Image blocks are checked with the attachment class they get then.
func sampleItems(t *testing.T, dir string) []item {
	t.Helper()
	cfg, err := config.LoadFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := sync.Scan(dir, cfg.Ignore)
	if err != nil {
		t.Fatal(err)
	}
	var items []item
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markdown.ParseWith(p, src, markdown.Options{Format: markdown.FormatBlocks, ImageID: func(string) int { return 42 }})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		items = append(items, item{Name: "sample-content/" + p, Content: doc.Content})
	}
	return items
}

// runCheck runs e2e/editor/check.mjs with the bundle of today's block library.
func runCheck(t *testing.T, items []item) editorcheck.Report {
	t.Helper()
	editor, err := filepath.Abs("../editor")
	if err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(editor, "build", "blocklib.js")
	if _, err := os.Stat(bundle); err != nil {
		t.Fatalf("the block library bundle is missing: run `make test`, or scripts/editor.sh install (%v)", err)
	}
	return editorcheck.Run(t, editor, map[string]any{"library": bundle, "items": items})
}
