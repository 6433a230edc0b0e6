package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.html from the current output")

// goldenFiles lists the Markdown inputs of the golden tests.
func goldenFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no golden files: %v", err)
	}
	return files
}

// TestParse_Golden renders testdata/NAME.md through Parse in the classic
// format and compares the Content with testdata/NAME.html. (The blocks
// format has its own golden files: TestParse_GoldenBlocks.)
func TestParse_Golden(t *testing.T) {
	for _, md := range goldenFiles(t) {
		name := strings.TrimSuffix(filepath.Base(md), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(md)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ParseWith(filepath.Base(md), src, Options{Format: FormatClassic, Site: goldenRules(name)})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			compareGolden(t, strings.TrimSuffix(md, ".md")+".html", doc.Content)
			checkNoBlankLine(t, doc.Content)
		})
	}
}

// compareGolden compares got with the golden file, or rewrites the file
// with -update.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./markdown -update)", err)
	}
	if got != string(want) {
		t.Errorf("Content differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

var preBlock = regexp.MustCompile(`(?s)<pre[ >].*?</pre>`)

// checkNoBlankLine fails when the HTML has a blank line outside <pre>:
// wpautop would split the surrounding paragraph there.
func checkNoBlankLine(t *testing.T, html string) {
	t.Helper()
	if i := strings.Index(preBlock.ReplaceAllString(html, "<pre/>"), "\n\n"); i >= 0 {
		t.Errorf("blank line outside <pre> in output:\n%s", html)
	}
}
