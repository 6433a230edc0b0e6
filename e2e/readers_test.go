package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// What readers will see (issue 20): source syntax of a dialect no adapter
// ran is a warning with its file and line, counted per item and in the
// summary; --strict fails those files; a generator without an adapter is
// named once per run. Fixtures in testdata/readers, one per generator
// recognised without an adapter: rd-KIND-shown.md leaves constructs as
// text, rd-KIND-code.md has them only in code, code spans and attributes.

// shown is what a file's warnings must name: "LINE construct".
type shown map[string][]string

func TestReaders_Generators(t *testing.T) {
	tests := []struct {
		kind, sync string // testdata/readers/KIND, the folder synced in it
		name       string // the run warning's generator
		files      shown
		// warned are warnings with a line that are not leftovers (what
		// wpsync already ran and left out).
		warned shown
	}{
		// An Obsidian vault, an Eleventy, a Docusaurus, a Hexo and an Astro
		// site have their adapters: obsidian_test.go, eleventy_test.go,
		// docusaurus_test.go, hexo_test.go, astro_test.go
		// (TestDocusaurus_Readers, TestHexo_Readers and TestAstro_Readers
		// read these fixtures).
		{kind: "mkdocs", sync: "docs", name: "an MkDocs site (../mkdocs.yml)", files: shown{"rd-mkdocs-shown.md": {
			`4 MkDocs admonition !!! note`, "7 MkDocs admonition ??? tip", "10 heading id { #setup }"}}},
		{kind: "vitepress", name: "a VitePress site (.vitepress/)", files: shown{"rd-vitepress-shown.md": {
			"4 admonition ::: warning", `8 JSX component <Badge type="tip" text="v2" />`, "10 template output {{ 1 + 1 }}"}}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			root := copyTree(t, filepath.Join("testdata", "readers", tt.kind))
			dir := filepath.Join(root, filepath.FromSlash(tt.sync))
			code := strings.Replace(firstKey(tt.files), "-shown", "-code", 1)
			failing := 0
			for _, want := range tt.files {
				if len(want) > 0 {
					failing++
				}
			}

			// --strict: the files that show source fail, the rest is published.
			r := wpsync(t, nil, "sync", dir, "--output", "json", "--strict")
			want := 0
			if failing > 0 {
				want = 1
			}
			if r.code != want {
				t.Fatalf("--strict: exit %d, want %d\n%s%s", r.code, want, r.stdout, r.stderr)
			}
			rep := parseReport(t, r.stdout)
			for path, constructs := range tt.files {
				if len(constructs) == 0 {
					rep.want(t, path, "create")
					continue
				}
				it := rep.want(t, path, "error", fmt.Sprintf("%d construct(s) of another dialect would be shown to readers as text (strict: true)", len(constructs)))
				if line := leadingLine(constructs[0]); it.Line != line {
					t.Errorf("%s: error line %d, want %d", path, it.Line, line)
				}
			}
			rep.want(t, code, "create")
			// Other warnings may stay: Jekyll's Liquid runs in code too
			// (Hexo's _posts), and template code in an attribute is
			// still template code the converter did not run.
			if it := rep.item(t, code); len(leftoverWarnings(it.Warnings)) != 0 || it.Leftovers != 0 {
				t.Errorf("%s: warnings %q, leftovers %d: want none (all in code or attributes)", code, it.Warnings, it.Leftovers)
			}

			// Without: published, one warning per construct with its line.
			rep = syncReport(t, dir, 0)
			total := 0
			for path, constructs := range tt.files {
				it := rep.want(t, path, map[bool]string{true: "create", false: "unchanged"}[len(constructs) > 0])
				got := leftoverWarnings(it.Warnings)
				if !slices.Equal(got, constructs) {
					t.Errorf("%s: leftovers\n%s\nwant\n%s", path, strings.Join(got, "\n"), strings.Join(constructs, "\n"))
				}
				if it.Leftovers != len(constructs) {
					t.Errorf("%s: item leftovers %d, want %d", path, it.Leftovers, len(constructs))
				}
				for _, w := range tt.warned[path] {
					if !slices.ContainsFunc(it.Warnings, func(s string) bool { return strings.HasPrefix(s, "line "+strings.Replace(w, " ", ": ", 1)) }) {
						t.Errorf("%s: no warning %q in %q", path, w, it.Warnings)
					}
				}
				total += len(constructs)
			}
			if rep.Summary.Leftovers != total {
				t.Errorf("summary leftovers %d, want %d", rep.Summary.Leftovers, total)
			}
			named := 0
			for _, w := range rep.Warnings {
				if strings.HasPrefix(w, tt.name+": wpsync has no adapter for it") {
					named++
				}
			}
			if named != 1 {
				t.Errorf("run warnings %q: want one naming %s", rep.Warnings, tt.name)
			}
			secondRunWritesNothing(t, dir, 0)
		})
	}
}

// TestReaders_Cases: the cases of shared/cases/dialects (testdata/cases):
// every construct EXPECTED.md lists as shown to readers is a warning with
// its line, and the generator is named.
func TestReaders_Cases(t *testing.T) {
	tests := []struct {
		name, sync string
		code       int    // exit code: a file the case says fails still fails
		generator  string // the run warning's start
		files      shown
	}{
		// obsidian-vault-syntax, eleventy-nunjucks and docusaurus-blog-and-docs:
		// their adapters render them (obsidian_test.go, eleventy_test.go,
		// docusaurus_test.go).
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyTree(t, filepath.Join("testdata", "cases", tt.name))
			dir := filepath.Join(root, filepath.FromSlash(tt.sync))
			rep := syncReport(t, dir, tt.code)
			for path, constructs := range tt.files {
				it := rep.item(t, path)
				if got := leftoverWarnings(it.Warnings); !slices.Equal(got, constructs) {
					t.Errorf("%s (%s): leftovers\n%s\nwant\n%s", path, it.Action, strings.Join(got, "\n"), strings.Join(constructs, "\n"))
				}
			}
			if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.HasPrefix(w, tt.generator) }) {
				t.Errorf("run warnings %q: want one starting %q", rep.Warnings, tt.generator)
			}
		})
	}
}

// TestReaders_SitesStayQuiet: our Hugo, Jekyll and Zola sites render every
// construct they use: no leftover, and no generator named.
func TestReaders_SitesStayQuiet(t *testing.T) {
	for _, name := range []string{"hugo", "jekyll", "zola"} {
		t.Run(name, func(t *testing.T) {
			dir := copyTree(t, filepath.Join("testdata", "sites", name))
			r := wpsync(t, nil, "sync", dir, "--output", "json", "--dry-run")
			rep := parseReport(t, r.stdout)
			if rep.Summary.Leftovers != 0 {
				for _, it := range rep.Items {
					if it.Leftovers > 0 {
						t.Errorf("%s: %q", it.Path, leftoverWarnings(it.Warnings))
					}
				}
			}
			for _, w := range rep.Warnings {
				if strings.Contains(w, "no adapter") {
					t.Errorf("run warning %q", w)
				}
			}
		})
	}
}

// leftoverWarnings are the warnings that name a leftover, as "LINE
// construct text".
func leftoverWarnings(warnings []string) []string {
	var out []string
	for _, w := range warnings {
		rest, ok := strings.CutPrefix(w, "line ")
		if !ok {
			continue
		}
		num, rest, _ := strings.Cut(rest, ": ")
		if what, _, ok := strings.Cut(rest, " is shown to readers as text: "); ok {
			out = append(out, num+" "+what)
		}
	}
	return out
}

// leadingLine is the line of "LINE construct".
func leadingLine(s string) int {
	var n int
	fmt.Sscanf(s, "%d", &n)
	return n
}

func firstKey(m shown) string {
	for k := range m {
		return k
	}
	return ""
}

// parseReport reads a --output json report.
func parseReport(t *testing.T, stdout string) fullReport {
	t.Helper()
	var rep fullReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	rep.byPath = map[string]reportItem{}
	for _, it := range rep.Items {
		rep.byPath[it.Path] = it
	}
	return rep
}

// TestReaders_GitHubOutput: each construct is an annotation on its line.
func TestReaders_GitHubOutput(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "readers", "vitepress"))
	r := wpsync(t, []string{"GITHUB_WORKSPACE=" + dir}, "sync", dir, "--output", "github")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// One annotation for the file's warnings, at the first one's line.
	for _, want := range []string{
		"::warning file=rd-vitepress-shown.md,line=4,title=wpsync%3A 3 warnings in rd-vitepress-shown.md::line 4: admonition ::: warning is shown to readers as text",
		"%0Aline 10: template output {{ 1 + 1 }} is shown to readers as text",
		"::warning title=wpsync::a VitePress site (.vitepress/)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, "::warning file=rd-vitepress-shown.md"); n != 1 {
		t.Errorf("%d annotations for rd-vitepress-shown.md, want one for its warnings", n)
	}
}

// TestReaders_Doctor: doctor says which generator has no adapter, as a
// warning of the folder check (sync still works).
func TestReaders_Doctor(t *testing.T) {
	dir := filepath.Join(copyTree(t, filepath.Join("testdata", "readers", "mkdocs")), "docs")
	r := wpsync(t, nil, "doctor", dir)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	wantChecks(t, r.stdout, map[string]string{"folder": "warn"})
	if !strings.Contains(r.stdout, "an MkDocs site (../mkdocs.yml): wpsync has no adapter for it") {
		t.Errorf("doctor does not name MkDocs:\n%s", r.stdout)
	}
}
