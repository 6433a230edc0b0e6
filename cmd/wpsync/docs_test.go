package main

// The documentation kept true: docs/reference.md names every flag of every
// command under that command and no flag a command lacks, every
// wpsync.yaml key of config.File and no other, and every environment
// variable the program reads; every relative link of README.md and docs/
// leads to a file (and a #anchor to a heading of it, by GitHub's rules);
// and the shell examples marked runnable run.

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wpsync/wpsync/internal/config"
)

// repoRoot is the checkout's root, seen from this package's folder.
const repoRoot = "../.."

// runnableMarker, on the line before a ```sh block, makes the block an
// example TestDocs_RunnableExamples runs.
const runnableMarker = "<!-- runnable -->"

// docFiles are the Markdown files of the documentation, relative to the root.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	more, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range more {
		rel, err := filepath.Rel(repoRoot, f)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	if len(files) < 2 {
		t.Fatalf("no docs/*.md found beside README.md")
	}
	return files
}

func readDoc(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mdLine is a line of a Markdown file outside fenced code blocks.
type mdLine struct {
	n    int // 1-based
	text string
}

// fenceRE opens or closes a fenced code block (``` or ~~~, indented up to
// three spaces, as in a list item).
var fenceRE = regexp.MustCompile("^ {0,3}(```+|~~~+)")

// proseLines returns the lines of md outside fenced code blocks.
func proseLines(md string) []mdLine {
	var out []mdLine
	fence := ""
	for i, l := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" ") == "" {
				fence = ""
			}
			continue
		}
		if m := fenceRE.FindStringSubmatch(l); m != nil {
			fence = m[1]
			continue
		}
		out = append(out, mdLine{i + 1, l})
	}
	return out
}

// stripCodeSpans removes inline code spans (`x`, “ a`b “) from a line,
// keeping their text when keep is true.
func stripCodeSpans(s string, keep bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '`' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		ticks := s[i:j]
		end := strings.Index(s[j:], ticks)
		for end >= 0 && j+end+len(ticks) < len(s) && s[j+end+len(ticks)] == '`' {
			// a longer run of backticks does not close the span
			next := strings.Index(s[j+end+len(ticks)+1:], ticks)
			if next < 0 {
				end = -1
				break
			}
			end += len(ticks) + 1 + next
		}
		if end < 0 {
			b.WriteString(ticks) // no closing run: literal backticks
			i = j
			continue
		}
		if keep {
			b.WriteString(strings.TrimSpace(s[j : j+end]))
		}
		i = j + end + len(ticks)
	}
	return b.String()
}

var (
	headingRE   = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdLinkRE    = regexp.MustCompile(`!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	htmlTagRE   = regexp.MustCompile(`<[^>]+>`)
	flagRE      = regexp.MustCompile(`(?:^|[^\w-])(--[a-z][a-z0-9-]*)`)
	schemeRE    = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
	yamlKeyRE   = regexp.MustCompile("^\\| `([a-z_]+)` \\|")
	envVarRE    = regexp.MustCompile(`WPSYNC_[A-Z0-9][A-Z0-9_]*`)
	getenvArgRE = regexp.MustCompile(`[Gg]etenv\("([A-Z_][A-Z0-9_]*)"\)`)
)

// headingText is a heading's text as GitHub renders it: code spans kept
// as their text, links as their text, emphasis and HTML tags dropped.
func headingText(raw string) string {
	s := stripCodeSpans(raw, true)
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = htmlTagRE.ReplaceAllString(s, "")
	return strings.NewReplacer("*", "", "~~", "").Replace(s)
}

// githubSlug is the anchor GitHub gives a heading: its text in lower case,
// every character that is not a letter, a mark, a digit, '_', '-' or a
// space removed, and spaces turned into hyphens.
func githubSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors returns the anchors of md's headings; a repeated one gets -1,
// -2, … as on GitHub.
func anchors(md string) map[string]bool {
	seen := map[string]int{}
	out := map[string]bool{}
	for _, l := range proseLines(md) {
		m := headingRE.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		slug := githubSlug(headingText(m[2]))
		a := slug
		if n := seen[slug]; n > 0 {
			a = slug + "-" + strconv.Itoa(n)
		}
		seen[slug]++
		out[a] = true
	}
	return out
}

func TestGithubSlug(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Running as a service (`wpsync watch`)", "running-as-a-service-wpsync-watch"},
		{"`wpsync.yaml`", "wpsyncyaml"},
		{"`wpsync sync [DIR]`", "wpsync-sync-dir"},
		{"Pages, custom types", "pages-custom-types"},
		{"Beside another checkout: `WPSYNC_SITE_PREFIX`", "beside-another-checkout-wpsync_site_prefix"},
		{"A [linked](x.md) *heading*", "a-linked-heading"},
		{"Über Straße", "über-straße"},
	}
	for _, tt := range tests {
		if got := githubSlug(headingText(tt.heading)); got != tt.want {
			t.Errorf("githubSlug(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
	got := anchors("# A\n\n```sh\n# not a heading\n```\n\n## A\n## A\n")
	want := map[string]bool{"a": true, "a-1": true, "a-2": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("anchors of a repeated heading = %v, want %v", got, want)
	}
}

func TestDocs_LinksResolve(t *testing.T) {
	checked := 0
	for _, doc := range docFiles(t) {
		md := readDoc(t, doc)
		for _, l := range proseLines(md) {
			for _, m := range mdLinkRE.FindAllStringSubmatch(stripCodeSpans(l.text, false), -1) {
				target := m[2]
				if schemeRE.MatchString(target) || strings.HasPrefix(target, "//") {
					continue // another site: not checked here
				}
				checked++
				path, frag, _ := strings.Cut(target, "#")
				file := doc
				if path != "" {
					file = filepath.ToSlash(filepath.Join(filepath.Dir(doc), path))
					if strings.HasPrefix(file, "../") {
						t.Errorf("%s:%d: link %q leads out of the repository", doc, l.n, target)
						continue
					}
					if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(file))); err != nil {
						t.Errorf("%s:%d: link %q: no file %s", doc, l.n, target, file)
						continue
					}
				}
				if frag == "" {
					continue
				}
				if !strings.HasSuffix(file, ".md") {
					t.Errorf("%s:%d: link %q: an anchor into a file that is not Markdown", doc, l.n, target)
					continue
				}
				if !anchors(readDoc(t, file))[frag] {
					t.Errorf("%s:%d: link %q: %s has no heading with the anchor #%s", doc, l.n, target, file, frag)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no relative link found in the docs: the link pattern is broken")
	}
}

// refSection is a "## " section of docs/reference.md.
type refSection struct {
	heading string // as rendered: `wpsync sync [DIR]` gives "wpsync sync [DIR]"
	line    int
	text    string // the section's lines, fenced blocks included
}

func referenceSections(t *testing.T) []refSection {
	t.Helper()
	md := readDoc(t, "docs/reference.md")
	prose := proseLines(md)
	isProse := map[int]bool{}
	for _, l := range prose {
		isProse[l.n] = true
	}
	var out []refSection
	for i, l := range strings.Split(md, "\n") {
		n := i + 1
		if isProse[n] && strings.HasPrefix(l, "## ") {
			out = append(out, refSection{heading: headingText(strings.TrimPrefix(l, "## ")), line: n})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].text += l + "\n"
		}
	}
	return out
}

// commandOf returns the command path a reference heading documents
// ("wpsync sync [DIR]" → "wpsync sync"), or "" for another section.
func commandOf(heading string) string {
	words := strings.Fields(heading)
	if len(words) == 0 || words[0] != "wpsync" {
		return ""
	}
	path := []string{"wpsync"}
	for _, w := range words[1:] {
		if !regexp.MustCompile(`^[a-z]+$`).MatchString(w) {
			break
		}
		path = append(path, w)
	}
	return strings.Join(path, " ")
}

// allCommands walks root and its commands (help, which cobra adds when it
// runs, and hidden ones left out), each with its help and version flags
// set up as when it runs.
func allCommands(root *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		out = append(out, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// flagsOf returns c's flags, its own and those it inherits.
func flagsOf(c *cobra.Command) []*pflag.Flag {
	var out []*pflag.Flag
	c.Flags().VisitAll(func(f *pflag.Flag) { out = append(out, f) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { out = append(out, f) })
	return out
}

func TestDocs_ReferenceFlags(t *testing.T) {
	root := newRootCmd(ioStreams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(string) string { return "" })
	cmds := allCommands(root)
	if len(cmds) < 5 {
		t.Fatalf("found %d commands under the root: the walk is broken", len(cmds))
	}
	anyFlag := map[string]bool{}
	for _, c := range cmds {
		for _, f := range flagsOf(c) {
			anyFlag["--"+f.Name] = true
		}
	}
	sections := map[string]refSection{}
	for _, s := range referenceSections(t) {
		path := commandOf(s.heading)
		if path == "" {
			// Not a command's section: a flag named here must be some command's.
			for _, m := range flagRE.FindAllStringSubmatch(s.text, -1) {
				if !anyFlag[m[1]] {
					t.Errorf("docs/reference.md, section %q: %s is a flag of no command", s.heading, m[1])
				}
			}
			continue
		}
		if _, dup := sections[path]; dup {
			t.Errorf("docs/reference.md:%d: a second section for %s", s.line, path)
		}
		sections[path] = s
	}
	for _, c := range cmds {
		s, ok := sections[c.CommandPath()]
		if !ok {
			t.Errorf("docs/reference.md has no section for %q (a heading `%s …`)", c.CommandPath(), c.CommandPath())
			continue
		}
		delete(sections, c.CommandPath())
		has := map[string]bool{}
		for _, f := range flagsOf(c) {
			has["--"+f.Name] = true
			if f.Hidden || (f.Name == "help" && c != root) {
				continue // every command takes -h; the root's section says so
			}
			if !regexp.MustCompile(`(?:^|[^\w-])--` + regexp.QuoteMeta(f.Name) + `(?:[^\w-]|$)`).MatchString(s.text) {
				t.Errorf("docs/reference.md, %s: flag --%s is not documented", c.CommandPath(), f.Name)
			}
			if f.Shorthand != "" && !regexp.MustCompile(`(?:^|[^\w-])-`+regexp.QuoteMeta(f.Shorthand)+`(?:[^\w-]|$)`).MatchString(s.text) {
				t.Errorf("docs/reference.md, %s: flag --%s's shorthand -%s is not documented", c.CommandPath(), f.Name, f.Shorthand)
			}
		}
		for _, m := range flagRE.FindAllStringSubmatch(s.text, -1) {
			if !has[m[1]] {
				t.Errorf("docs/reference.md, %s: names %s, which %s does not have", c.CommandPath(), m[1], c.CommandPath())
			}
		}
	}
	for path, s := range sections {
		t.Errorf("docs/reference.md:%d: section for %q, which is no command", s.line, path)
	}
}

func TestDocs_ReferenceSettings(t *testing.T) {
	var tags []string
	ft := reflect.TypeFor[config.File]()
	for i := range ft.NumField() {
		tag, _, _ := strings.Cut(ft.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			tags = append(tags, tag)
		}
	}
	if len(tags) < 5 {
		t.Fatalf("config.File has %d yaml tags: the walk is broken", len(tags))
	}
	var sec *refSection
	for _, s := range referenceSections(t) {
		if s.heading == config.FileName {
			sec = &s
			break
		}
	}
	if sec == nil {
		t.Fatalf("docs/reference.md has no section %q", "## `"+config.FileName+"`")
	}
	var keys []string
	for _, l := range strings.Split(sec.text, "\n") {
		if m := yamlKeyRE.FindStringSubmatch(l); m != nil {
			keys = append(keys, m[1])
		}
	}
	for _, k := range keys {
		if !slices.Contains(tags, k) {
			t.Errorf("docs/reference.md documents the %s key %q, which config.File does not have", config.FileName, k)
		}
	}
	for _, tag := range tags {
		if !slices.Contains(keys, tag) {
			t.Errorf("docs/reference.md: the %s key %q (config.File) is not in its table", config.FileName, tag)
		}
	}

	// The example in the section is a wpsync.yaml that loads, with every key.
	start := strings.Index(sec.text, "```yaml\n")
	if start < 0 {
		t.Fatalf("docs/reference.md: the %s section has no ```yaml example", config.FileName)
	}
	example, _, _ := strings.Cut(sec.text[start+len("```yaml\n"):], "```")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte(example), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.LoadFile(dir); err != nil {
		t.Errorf("docs/reference.md: the %s example does not load: %v", config.FileName, err)
	}
	for _, tag := range tags {
		if !regexp.MustCompile(`(?m)^` + tag + `:`).MatchString(example) {
			t.Errorf("docs/reference.md: the %s example does not show %q", config.FileName, tag)
		}
	}
}

// TestDocs_ReferenceEnvironment: every environment variable the program
// and its test harness read (a WPSYNC_ name, or a getenv of a literal) is
// named in docs/reference.md.
func TestDocs_ReferenceEnvironment(t *testing.T) {
	ref := readDoc(t, "docs/reference.md")
	names := map[string]string{}
	for _, dir := range []string{"cmd", "internal", "sync", "site", "markdown", "state", "watch", "pull"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, n := range envVarRE.FindAllString(string(b), -1) {
				names[n] = path
			}
			for _, m := range getenvArgRE.FindAllStringSubmatch(string(b), -1) {
				names[m[1]] = path
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{config.EnvURL, config.EnvUser, config.EnvPassword, config.EnvCredentials, "NO_COLOR"} {
		if _, ok := names[want]; !ok {
			t.Fatalf("the scan of the sources did not find %s: it is broken", want)
		}
	}
	for n, path := range names {
		if !regexp.MustCompile(`(?:^|[^A-Z0-9_])` + n + `(?:[^A-Z0-9_]|$)`).MatchString(ref) {
			t.Errorf("docs/reference.md does not name %s (read in %s)", n, path)
		}
	}
}

// example is a shell block marked runnable.
type example struct {
	doc  string
	line int
	code string
}

func runnableExamples(t *testing.T) []example {
	t.Helper()
	var out []example
	for _, doc := range docFiles(t) {
		lines := strings.Split(readDoc(t, doc), "\n")
		for i := 0; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) != runnableMarker {
				continue
			}
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j >= len(lines) || strings.TrimSpace(lines[j]) != "```sh" {
				t.Errorf("%s:%d: %s is not followed by a ```sh block", doc, i+1, runnableMarker)
				continue
			}
			var code []string
			k := j + 1
			for ; k < len(lines) && strings.TrimSpace(lines[k]) != "```"; k++ {
				code = append(code, lines[k])
			}
			if k >= len(lines) {
				t.Errorf("%s:%d: the runnable block is not closed", doc, j+1)
				continue
			}
			out = append(out, example{doc, j + 1, strings.Join(code, "\n") + "\n"})
			i = k
		}
	}
	return out
}

func TestDocs_RunnableExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wpsync")
	}
	examples := runnableExamples(t)
	if len(examples) < 2 {
		t.Fatalf("found %d runnable examples in the docs, want at least 2", len(examples))
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "wpsync"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, ex := range examples {
		t.Run(strings.ReplaceAll(ex.doc, "/", "_")+":"+strconv.Itoa(ex.line), func(t *testing.T) {
			dir := t.TempDir()
			home := t.TempDir()
			cmd := exec.Command("bash", "-euo", "pipefail", "-c", ex.code)
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader("") // no terminal: nothing is asked
			cmd.Env = []string{
				"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
				"HOME=" + home,
				"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
				"WPSYNC_CREDENTIALS=" + filepath.Join(home, "credentials.json"),
				"NO_COLOR=1",
			}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("%s:%d: the runnable example failed: %v\n%s\noutput:\n%s", ex.doc, ex.line, err, ex.code, out)
			}
		})
	}
}
