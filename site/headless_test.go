package site

import (
	"strings"
	"testing"
)

func TestPlain_HeadlessBundle(t *testing.T) {
	dir := tree(t, map[string]string{
		"homepage/index.md":     "---\nheadless: true\n---\n",
		"homepage/about.md":     "---\ntitle: About\n---\nWe sail.\n",
		"homepage/team/work.md": "---\ntitle: Work\n---\nWe mend.\n",
		"snips/index.md":        "---\nbuild:\n  render: never\n  list: never\n---\n",
		"snips/a.md":            "---\ntitle: A\n---\nx\n",
		"old/index.md":          "---\n_build:\n  render: false\n---\n",
		"old/b.md":              "---\ntitle: B\n---\nx\n",
		"trip/index.md":         "---\ntitle: Trip\n---\nx\n",
		"trip/day.md":           "---\ntitle: Day\n---\nx\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"homepage/index.md":     "headless: true",
		"homepage/about.md":     "a resource of the headless bundle homepage/index.md",
		"homepage/team/work.md": "a resource of the headless bundle homepage/index.md",
		"snips/a.md":            "headless bundle snips/index.md",
		"old/b.md":              "headless bundle old/index.md",
	} {
		if got, _ := judge(t, s, dir, rel); !strings.Contains(got, want) {
			t.Errorf("%s: skip %q, want %q", rel, got, want)
		}
	}
	for _, rel := range []string{"trip/index.md", "trip/day.md"} {
		if got, _ := judge(t, s, dir, rel); got != "" {
			t.Errorf("%s skipped: %s (a plain folder's index.md that is no headless bundle keeps its files posts)", rel, got)
		}
	}
}
