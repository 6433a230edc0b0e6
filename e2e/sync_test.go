package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// coreSite covers every front matter format and field.
var coreSite = map[string]string{
	"posts/2024-03-05-core-yaml.md": `---
title: "YAML: every field"
tags: [Go, WordPress]
categories:
  - Core News
  - Core Guides
excerpt: A short excerpt.
date: 2024-03-05T10:20:30
status: publish
---
First line of a paragraph
goes on here, a soft break the author did not mean as a line break.

[gallery ids="1,2"]

Contact: [contact-form-7 id="12" title="a_b"]

<!--more-->

| a | b |
|---|---|
| 1 | 2 |
`,
	"posts/core-toml.md": `+++
title = "TOML post"
slug = "core-toml-custom-slug"
date = 2024-06-01T12:00:00+02:00
draft = true
description = "Described, Hugo style."
category = "Core News"
+++
Body of the TOML post.
`,
	"posts/core-json.md": `{
  "title": "JSON post",
  "status": "pending",
  "summary": "Summarised.",
  "tags": "Core Single"
}

Body of the JSON post.
`,
	"posts/core-private.md": "---\ntitle: Private\nstatus: private\n---\nsecret\n",
	"posts/core-future.md":  "---\ntitle: Future\nstatus: future\ndate: 2030-01-01 10:00:00\n---\nlater\n",
	"_posts/2023-01-02-core-jekyll.markdown": `---
layout: post
title: Jekyll post
published: false
categories: core-jekyll core-notes
---
Jekyll body.
`,
	"core-about.md":        "---\ntype: page\ntitle: About us\n---\nAbout.\n",
	"core-from-heading.md": "# Title From Heading\n\nText under it.\n",
}

func TestSync_Core(t *testing.T) {
	dir := t.TempDir()
	for name, content := range coreSite {
		writeFile(t, dir, name, content)
	}
	mark := site.Mark()
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	rep := r.json(t)
	if rep.Summary.Created != len(coreSite) || rep.Summary.Failed != 0 {
		t.Fatalf("summary %+v, want %d created", rep.Summary, len(coreSite))
	}
	byPath := map[string]wpPost{}
	for _, it := range rep.Items {
		typ := "posts"
		if it.Type == "page" {
			typ = "pages"
		}
		if it.ID == 0 || it.Link == "" || it.Action != "create" {
			t.Errorf("item %+v: want action create with id and link", it)
		}
		byPath[it.Path] = getPost(t, typ, it.ID)
	}

	t.Run("fields arrive as written", func(t *testing.T) {
		cats, tags := terms(t, "categories"), terms(t, "tags")
		catID := func(name string) int {
			if len(cats[name]) != 1 {
				t.Fatalf("category %q exists %d times, want once", name, len(cats[name]))
			}
			return cats[name][0].ID
		}
		tagID := func(name string) int {
			if len(tags[name]) != 1 {
				t.Fatalf("tag %q exists %d times, want once", name, len(tags[name]))
			}
			return tags[name][0].ID
		}

		p := byPath["posts/2024-03-05-core-yaml.md"]
		check(t, "yaml title", p.Title.Raw, "YAML: every field")
		check(t, "yaml slug", p.Slug, "core-yaml")
		check(t, "yaml status", p.Status, "publish")
		check(t, "yaml date", p.Date, "2024-03-05T10:20:30")
		check(t, "yaml excerpt", p.Excerpt.Raw, "A short excerpt.")
		if !sameIDs(p.Categories, []int{catID("Core News"), catID("Core Guides")}) {
			t.Errorf("yaml categories = %v", p.Categories)
		}
		if !sameIDs(p.Tags, []int{tagID("Go"), tagID("WordPress")}) {
			t.Errorf("yaml tags = %v", p.Tags)
		}
		for _, sc := range []string{`[gallery ids="1,2"]`, `[contact-form-7 id="12" title="a_b"]`, "<!--more-->"} {
			if !strings.Contains(p.Content.Raw, sc) {
				t.Errorf("content.raw lacks %q byte for byte:\n%s", sc, p.Content.Raw)
			}
		}
		if strings.Contains(p.Content.Rendered, "<br") {
			t.Errorf("content.rendered has a <br> the author did not write:\n%s", p.Content.Rendered)
		}
		if !strings.Contains(p.Content.Rendered, "<table") {
			t.Errorf("table not rendered:\n%s", p.Content.Rendered)
		}

		p = byPath["posts/core-toml.md"]
		check(t, "toml title", p.Title.Raw, "TOML post")
		check(t, "toml slug", p.Slug, "core-toml-custom-slug")
		check(t, "toml status (draft = true)", p.Status, "draft")
		check(t, "toml date_gmt (zone given)", p.DateGMT, "2024-06-01T10:00:00")
		check(t, "toml excerpt (description)", p.Excerpt.Raw, "Described, Hugo style.")
		if !sameIDs(p.Categories, []int{catID("Core News")}) {
			t.Errorf("toml categories = %v", p.Categories)
		}

		p = byPath["posts/core-json.md"]
		check(t, "json title", p.Title.Raw, "JSON post")
		check(t, "json status", p.Status, "pending")
		check(t, "json excerpt (summary)", p.Excerpt.Raw, "Summarised.")
		if !sameIDs(p.Tags, []int{tagID("Core Single")}) {
			t.Errorf("json tags (a scalar) = %v", p.Tags)
		}

		check(t, "private status", byPath["posts/core-private.md"].Status, "private")
		p = byPath["posts/core-future.md"]
		check(t, "future status", p.Status, "future")
		check(t, "future date", p.Date, "2030-01-01T10:00:00")

		p = byPath["_posts/2023-01-02-core-jekyll.markdown"]
		check(t, "jekyll slug", p.Slug, "core-jekyll")
		check(t, "jekyll status (published: false)", p.Status, "draft")
		check(t, "jekyll date from file name", p.Date, "2023-01-02T00:00:00")
		if !sameIDs(p.Categories, []int{catID("core-jekyll"), catID("core-notes")}) {
			t.Errorf("jekyll categories = %v", p.Categories)
		}

		p = byPath["core-about.md"]
		check(t, "page type", p.Type, "page")
		check(t, "page title", p.Title.Raw, "About us")

		p = byPath["core-from-heading.md"]
		check(t, "title from heading", p.Title.Raw, "Title From Heading")
		if strings.Contains(p.Content.Raw, "Title From Heading") {
			t.Errorf("the heading used as title is repeated in the body: %q", p.Content.Raw)
		}
	})

	t.Run("second run writes nothing", func(t *testing.T) {
		mark = site.Mark()
		r := wpsync(t, nil, "sync", dir, "--output", "json")
		if rep := r.json(t); r.code != 0 || rep.Summary.Unchanged != len(coreSite) {
			t.Fatalf("exit %d, summary %+v", r.code, rep.Summary)
		}
		if w := writes(t, mark); len(w) != 0 {
			t.Errorf("second run wrote: %v", w)
		}
		if reqs, _ := site.RequestsSince(mark); len(reqs) != 0 {
			t.Errorf("second run sent %d requests, want none: %v", len(reqs), reqs)
		}
	})

	t.Run("one edit is one update", func(t *testing.T) {
		writeFile(t, dir, "posts/core-private.md", "---\ntitle: Private, edited\nstatus: private\n---\nsecret\n")
		mark = site.Mark()
		r := wpsync(t, nil, "sync", dir, "--output", "json")
		rep := r.json(t)
		if r.code != 0 || rep.Summary.Updated != 1 || rep.Summary.Unchanged != len(coreSite)-1 {
			t.Fatalf("exit %d, summary %+v", r.code, rep.Summary)
		}
		w := writes(t, mark)
		id := byPath["posts/core-private.md"].ID
		if len(w) != 1 || !strings.Contains(w[0].URI, "/wp/v2/posts/"+itoa(id)) {
			t.Errorf("writes = %v, want exactly one update of post %d", w, id)
		}
		check(t, "edited title", getPost(t, "posts", id).Title.Raw, "Private, edited")
	})

	t.Run("dry run writes nothing", func(t *testing.T) {
		writeFile(t, dir, "posts/core-dry.md", "new file\n")
		writeFile(t, dir, "posts/core-private.md", "---\ntitle: Private, edited twice\nstatus: private\n---\nsecret\n")
		statePath := filepath.Join(dir, ".wpsync", "state.json")
		before, _ := os.ReadFile(statePath)
		mark = site.Mark()
		r := wpsync(t, nil, "sync", dir, "--dry-run")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		for _, want := range []string{"would create", "posts/core-dry.md", "would update", "posts/core-private.md"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("plan lacks %q:\n%s", want, r.stdout)
			}
		}
		if w := writes(t, mark); len(w) != 0 {
			t.Errorf("dry run wrote: %v", w)
		}
		after, _ := os.ReadFile(statePath)
		if string(before) != string(after) {
			t.Error("dry run changed the state file")
		}
		os.Remove(filepath.Join(dir, "posts/core-dry.md"))
		writeFile(t, dir, "posts/core-private.md", "---\ntitle: Private, edited\nstatus: private\n---\nsecret\n")
	})

	t.Run("lost state creates no duplicate", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
			t.Fatal(err)
		}
		mark = site.Mark()
		r := wpsync(t, nil, "sync", dir, "--output", "json")
		rep := r.json(t)
		if r.code != 0 || rep.Summary.Created != 0 || rep.Summary.Failed != 0 {
			t.Fatalf("exit %d, summary %+v\n%s", r.code, rep.Summary, r.stderr)
		}
		if w := writes(t, mark); len(w) != 0 {
			t.Errorf("re-adopting unchanged posts wrote: %v", w)
		}
		all := append(listAll(t, "/wp/v2/posts", map[string][]string{"status": {"publish,future,draft,pending,private"}}),
			listAll(t, "/wp/v2/pages", map[string][]string{"status": {"publish,future,draft,pending,private"}})...)
		seen := map[string]int{}
		for _, p := range all {
			if strings.HasPrefix(p.Slug, "core-") {
				seen[p.Slug]++
			}
		}
		for slug, n := range seen {
			if n != 1 {
				t.Errorf("slug %s: %d posts, want 1", slug, n)
			}
		}
		if len(seen) != len(coreSite) {
			t.Errorf("%d core posts on the site, want %d: %v", len(seen), len(coreSite), seen)
		}
	})
}

func check(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func sameIDs(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func itoa(i int) string { return strconv.Itoa(i) }
