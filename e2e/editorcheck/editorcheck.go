// Package editorcheck runs e2e/editor/check.mjs, which checks block markup
// with a block editor in headless Chromium: the editor of a WordPress site
// (package e2e) or the bundle of today's block library (package
// e2e/blocklib). For tests only; it needs Node.js, Chromium and the npm
// packages that scripts/editor.sh installs.
package editorcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Item is one piece of block markup to check.
type Item struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

// Report is what check.mjs prints: one result per item, in order.
type Report struct {
	BlockTypes int `json:"blockTypes"` // block types the editor registered
	Items      []struct {
		Name     string
		Blocks   int
		Problems []struct {
			Block  string
			Issues []string
		}
		// Saved is what the editor would save when it differs from the
		// content (Custom HTML and Shortcode blocks compared as written).
		Saved string
	}
	Timings map[string]int // milliseconds per phase
}

// Run runs check.mjs in dir (e2e/editor) with req, the request: "items"
// and either "library" (the bundle's path) or the site's "url", "user" and
// "password", and optionally "screenshot". The request file may hold a
// password: it is written readable by the owner only, in a temporary
// folder of the test. A failure to run or to report fails the test.
func Run(t *testing.T, dir string, req map[string]any) Report {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed: run `make test`, or scripts/editor.sh install (%v)", err)
	}
	if _, err := exec.LookPath("chromium"); err != nil && os.Getenv("CHROMIUM") == "" {
		t.Fatalf("chromium is not installed: run `make test`, or scripts/editor.sh install")
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	reqFile := filepath.Join(t.TempDir(), "request.json")
	if err := os.WriteFile(reqFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "check.mjs", reqFile)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("editor check: %v\n%s", err, errb.String())
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("editor check printed no report: %v\n%s\n%s", err, out.String(), errb.String())
	}
	return rep
}

// FirstDiff shows where two texts first differ, a line of each.
func FirstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(no difference)"
}
