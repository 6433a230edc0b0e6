package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hugo sites as Hugo builds them (issue 22): one language of a
// multilingual site, the home page, sections, headless bundles.

// noStateRunWritesNothing deletes the state file and syncs dir again:
// every post is found on the site as it is, and nothing is written.
func noStateRunWritesNothing(t *testing.T, dir string) fullReport {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("run without the state file wrote %v", w)
	}
	if rep.Summary.Created+rep.Summary.Updated != 0 {
		t.Errorf("run without the state file: %+v", rep.Summary)
	}
	return rep
}

// runWarning returns the run's warning that holds every part, failing when
// none does.
func runWarning(t *testing.T, rep fullReport, parts ...string) string {
	t.Helper()
	for _, w := range rep.Warnings {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(w, p)
		}
		if all {
			return w
		}
	}
	t.Errorf("no run warning says %q: %q", parts, rep.Warnings)
	return ""
}

// noItemUnder fails when the report has an item of a file under one of
// the folders.
func noItemUnder(t *testing.T, rep fullReport, dirs ...string) {
	t.Helper()
	for _, it := range rep.Items {
		for _, d := range dirs {
			if strings.HasPrefix(it.Path, d) {
				t.Errorf("%s is in the run (%s %q): its language is not published", it.Path, it.Action, it.Warnings)
			}
		}
	}
}

// TestHugoSites_MultilingualContentDir is the case
// hugo-multilingual-contentdir: languages.XX.toml with a contentDir each.
func TestHugoSites_MultilingualContentDir(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/hugo-multilingual-contentdir"))
	rep := syncReport(t, dir, 0)
	// Only content/en is published: content/de is another language's,
	// content/base-l10n no language's; both said once.
	noItemUnder(t, rep, "content/de/", "content/base-l10n/")
	runWarning(t, rep, "2 file(s) of other languages left out (de: 2)", "wpsync publishes one language, en",
		"content/de/docs/limits.md, content/de/getting-started.md")
	runWarning(t, rep, "1 file(s) in folders of content/ that no language's contentDir names left out", "content/base-l10n/docs/limits.md")
	start := rep.want(t, "content/en/getting-started.md", "create")
	limits := rep.want(t, "content/en/docs/limits.md", "create")
	practice := rep.want(t, "content/en/docs/practice-berth.md", "create")
	for _, it := range []reportItem{start, limits, practice} {
		for _, w := range it.Warnings {
			if strings.Contains(w, "no page of the folder has that address") {
				t.Errorf("%s: %s", it.Path, w)
			}
		}
	}
	// The default language keeps the plain slugs: no -2, -3 from copies.
	lp, pp, sp := getPost(t, "posts", limits.ID), getPost(t, "posts", practice.ID), getPost(t, "posts", start.ID)
	if lp.Slug != "limits" || pp.Slug != "practice-berth" || sp.Slug != "getting-started" {
		t.Errorf("slugs %q %q %q", lp.Slug, pp.Slug, sp.Slug)
	}
	if lp.Title.Raw != "Mooring Limits" || !strings.Contains(lp.Content.Raw, "Boats up to 12 m") {
		t.Errorf("limits: %q %q", lp.Title.Raw, lp.Content.Raw)
	}
	// /docs/limits/ in an English page is the English post.
	for _, want := range []string{`href="` + lp.Link + `"`, `href="` + pp.Link + `"`} {
		if !strings.Contains(sp.Content.Raw, want) {
			t.Errorf("getting-started lacks %s:\n%s", want, sp.Content.Raw)
		}
	}
	if !strings.Contains(lp.Content.Raw, `href="`+pp.Link+`"`) || !strings.Contains(pp.Content.Raw, `href="`+lp.Link+`"`) {
		t.Errorf("limits and practice-berth do not link each other:\n%s\n%s", lp.Content.Raw, pp.Content.Raw)
	}
	// /documents/report-2024.pdf is content/en/documents/, uploaded.
	if !strings.Contains(sp.Content.Raw, "/wp-content/uploads/") || !strings.Contains(sp.Content.Raw, "report-2024") || strings.Contains(sp.Content.Raw, `href="/documents/`) {
		t.Errorf("the report is not uploaded:\n%s", sp.Content.Raw)
	}
	for _, text := range []string{"Boote bis 12 m", "Lies zuerst"} {
		if got := listAll(t, "/wp/v2/posts", map[string][]string{"search": {text}, "status": {"any"}}); len(got) != 0 {
			t.Errorf("a German page was published: %+v", got)
		}
	}
	if got := listAll(t, "/wp/v2/posts", map[string][]string{"slug": {"limits-2"}, "status": {"any"}}); len(got) != 0 {
		t.Errorf("a copy took limits-2: %+v", got)
	}
	secondRunWritesNothing(t, dir, 0)
	noStateRunWritesNothing(t, dir)

	// The same folder with language: de publishes the German pages, at
	// /de/…: /de/docs/limits/ is the German post. The English posts go
	// first, as a second WordPress site for German would not have them.
	for _, it := range []reportItem{start, limits, practice} {
		if err := site.Delete(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", it.ID), map[string][]string{"force": {"true"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "wpsync.yaml", "ignore:\n  - EXPECTED.md\nlanguage: de\n")
	de := syncReport(t, dir, 0)
	noItemUnder(t, de, "content/en/", "content/base-l10n/")
	runWarning(t, de, "3 file(s) of other languages left out (en: 3)", "wpsync publishes one language, de (language: in wpsync.yaml")
	runWarning(t, de, "content/base-l10n/docs/limits.md")
	deStart := getPost(t, "posts", de.want(t, "content/de/getting-started.md", "create").ID)
	deLimits := getPost(t, "posts", de.want(t, "content/de/docs/limits.md", "create").ID)
	if deLimits.Slug != "limits" || deStart.Slug != "getting-started" || deLimits.Title.Raw != "Liegeplatz-Grenzen" {
		t.Errorf("German posts: %q %q %q", deLimits.Slug, deStart.Slug, deLimits.Title.Raw)
	}
	if !strings.Contains(deStart.Content.Raw, `href="`+deLimits.Link+`"`) {
		t.Errorf("/de/docs/limits/ is not the German post:\n%s", deStart.Content.Raw)
	}
	secondRunWritesNothing(t, dir, 0)
	noStateRunWritesNothing(t, dir)
}

// TestHugoSites_TranslationByFileName is a two-language site whose French
// pages are x.fr.md beside x.md, with a home page, sections and a
// headless bundle.
func TestHugoSites_TranslationByFileName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "hugo.toml", "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n")
	writeFile(t, dir, "content/_index.md", "---\ntitle: Harbour\n---\nWelcome to the harbour.\n")
	writeFile(t, dir, "content/_index.fr.md", "---\ntitle: Port\n---\nBienvenue.\n")
	writeFile(t, dir, "content/hl-harbour.md", "---\ntitle: The harbour\ndate: 2024-03-01\n---\nSee [the boats](/hl-boats/) and [knots](hl-guide/hl-knots.md), or go [home](/).\n")
	writeFile(t, dir, "content/hl-harbour.fr.md", "---\ntitle: Le port\ndate: 2024-03-01\n---\nVoir [les bateaux](/fr/hl-boats/).\n")
	writeFile(t, dir, "content/hl-boats/index.en.md", "---\ntitle: Boats\ndate: 2024-03-02\n---\nOur boats.\n")
	writeFile(t, dir, "content/hl-boats/index.fr.md", "---\ntitle: Bateaux\ndate: 2024-03-02\n---\nNos bateaux.\n")
	writeFile(t, dir, "content/hl-boats/hl-spec.md", "Length 12 m.\n")
	// A section, one below it, and a section Hugo renders no page of.
	writeFile(t, dir, "content/hl-guide/_index.md", "---\ntitle: Guide\n---\nThe guide.\n")
	writeFile(t, dir, "content/hl-guide/hl-knots.md", "---\ntitle: Knots\ndate: 2024-03-03\n---\nA bowline.\n")
	writeFile(t, dir, "content/hl-guide/hl-advanced/_index.md", "---\ntitle: Advanced guide\n---\nFor sailors.\n")
	writeFile(t, dir, "content/hl-archive/_index.md", "---\ntitle: Archive\nbuild:\n  render: never\n---\n")
	writeFile(t, dir, "content/hl-archive/hl-old/_index.md", "---\ntitle: Old things\n---\nOld.\n")
	// A headless bundle: its index and its resources are no page.
	writeFile(t, dir, "content/hl-homepage/index.md", "---\nheadless: true\n---\n")
	writeFile(t, dir, "content/hl-homepage/hl-about.md", "---\ntitle: About us\n---\nWe sail.\n")
	writeFile(t, dir, "content/hl-homepage/hl-work.md", "---\ntitle: Our work\n---\nWe mend sails.\n")
	rep := syncReport(t, dir, 0)
	for _, p := range []string{"content/_index.fr.md", "content/hl-harbour.fr.md", "content/hl-boats/index.fr.md"} {
		if _, ok := rep.byPath[p]; ok {
			t.Errorf("%s is in the run", p)
		}
	}
	runWarning(t, rep, "3 file(s) of other languages left out (fr: 3)", "content/_index.fr.md, content/hl-boats/index.fr.md, content/hl-harbour.fr.md")
	rep.want(t, "content/_index.md", "skipped", "Hugo's home page")
	rep.want(t, "content/hl-homepage/index.md", "skipped", "headless: true")
	rep.want(t, "content/hl-homepage/hl-about.md", "skipped", "resource of the leaf bundle content/hl-homepage")
	rep.want(t, "content/hl-homepage/hl-work.md", "skipped", "resource of the leaf bundle content/hl-homepage")
	rep.want(t, "content/hl-boats/hl-spec.md", "skipped", "resource of the leaf bundle content/hl-boats")
	rep.want(t, "content/hl-archive/_index.md", "skipped", "render: never")
	harbourIt := rep.want(t, "content/hl-harbour.md", "create")
	if len(harbourIt.Warnings) != 0 {
		t.Errorf("harbour: %q: every link has its page (/ the front page)", harbourIt.Warnings)
	}
	harbour := getPost(t, "posts", harbourIt.ID)
	boats := getPost(t, "posts", rep.want(t, "content/hl-boats/index.en.md", "create").ID)
	knots := getPost(t, "posts", rep.want(t, "content/hl-guide/hl-knots.md", "create").ID)
	guideIt := rep.want(t, "content/hl-guide/_index.md", "create")
	advIt := rep.want(t, "content/hl-guide/hl-advanced/_index.md", "create")
	oldIt := rep.want(t, "content/hl-archive/hl-old/_index.md", "create", "parent content/hl-archive/_index.md is not published", "written without a parent")
	if harbour.Slug != "hl-harbour" || boats.Slug != "hl-boats" || boats.Title.Raw != "Boats" {
		t.Errorf("slugs %q %q (%q)", harbour.Slug, boats.Slug, boats.Title.Raw)
	}
	for _, want := range []string{`href="` + boats.Link + `"`, `href="` + knots.Link + `"`, `<a href="` + site.URL + `/">home</a>`} {
		if !strings.Contains(harbour.Content.Raw, want) {
			t.Errorf("harbour lacks %s:\n%s", want, harbour.Content.Raw)
		}
	}
	guide, adv, old := getPost(t, "pages", guideIt.ID), getPost(t, "pages", advIt.ID), getPost(t, "pages", oldIt.ID)
	if guide.Parent != 0 || guide.Slug != "hl-guide" {
		t.Errorf("guide: parent %d slug %q: a top section has no parent (the home page is none)", guide.Parent, guide.Slug)
	}
	if adv.Parent != guide.ID || old.Parent != 0 {
		t.Errorf("advanced: parent %d, want %d; old: parent %d, want none", adv.Parent, guide.ID, old.Parent)
	}
	for _, text := range []string{"We mend sails", "We sail.", "Nos bateaux", "Bienvenue", "Welcome to the harbour"} {
		for _, typ := range []string{"posts", "pages"} {
			if got := listAll(t, "/wp/v2/"+typ, map[string][]string{"search": {text}, "status": {"any"}}); len(got) != 0 {
				t.Errorf("%q was published: %+v", text, got)
			}
		}
	}
	secondRunWritesNothing(t, dir, 0)
	noStateRunWritesNothing(t, dir)
}

// TestHugoSites_LanguageOfWpsyncYAML publishes the German pages of a site
// whose default language is English: language: de in wpsync.yaml.
func TestHugoSites_LanguageOfWpsyncYAML(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "wpsync.yaml", "language: de\n")
	writeFile(t, dir, "hugo.yaml", "baseURL: https://example.org/\ndefaultContentLanguage: en\nlanguages:\n  en:\n    contentDir: content/en\n  de:\n    contentDir: content/de\n")
	writeFile(t, dir, "content/en/hl-tools.md", "---\ntitle: Tools\n---\nA spanner.\n")
	writeFile(t, dir, "content/de/hl-anleitung.md", "---\ntitle: Anleitung\ndate: 2024-04-01\n---\nErst das [Werkzeug](/de/hl-werkzeug/), dann [die Karte](/de/hl-karte/).\n")
	writeFile(t, dir, "content/de/hl-werkzeug.md", "---\ntitle: Werkzeug\ndate: 2024-04-02\n---\nEin Schraubenschlüssel.\n")
	writeFile(t, dir, "content/de/hl-karte/index.md", "---\ntitle: Karte\ndate: 2024-04-03\n---\nDie Karte.\n")
	rep := syncReport(t, dir, 0)
	noItemUnder(t, rep, "content/en/")
	runWarning(t, rep, "1 file(s) of other languages left out (en: 1)", "wpsync publishes one language, de (language: in wpsync.yaml", "content/en/hl-tools.md")
	guide := getPost(t, "posts", rep.want(t, "content/de/hl-anleitung.md", "create").ID)
	tool := getPost(t, "posts", rep.want(t, "content/de/hl-werkzeug.md", "create").ID)
	karte := getPost(t, "posts", rep.want(t, "content/de/hl-karte/index.md", "create").ID)
	for _, want := range []string{`href="` + tool.Link + `"`, `href="` + karte.Link + `"`} {
		if !strings.Contains(guide.Content.Raw, want) {
			t.Errorf("anleitung lacks %s (/de/… is the German page):\n%s", want, guide.Content.Raw)
		}
	}
	if got := listAll(t, "/wp/v2/posts", map[string][]string{"search": {"A spanner"}, "status": {"any"}}); len(got) != 0 {
		t.Errorf("the English page was published: %+v", got)
	}
	secondRunWritesNothing(t, dir, 0)
	noStateRunWritesNothing(t, dir)
}

// TestHugoSites_HeadlessBundleInPlainFolder syncs a content folder copied
// out of a Hugo site (no configuration): the headless bundle's index and
// its resources are no posts.
func TestHugoSites_HeadlessBundleInPlainFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "hl-homepage/index.md", "---\nheadless: true\n---\n")
	writeFile(t, dir, "hl-homepage/hl-p-about.md", "---\ntitle: About the yard\n---\nThe yard builds dinghies.\n")
	writeFile(t, dir, "hl-homepage/hl-p-work.md", "---\ntitle: Yard work\n---\nThe yard paints hulls.\n")
	writeFile(t, dir, "hl-snippets/index.md", "---\nbuild:\n  render: never\n  list: never\n---\n")
	writeFile(t, dir, "hl-snippets/hl-p-note.md", "---\ntitle: Yard note\n---\nThe yard shuts at six.\n")
	writeFile(t, dir, "hl-p-news.md", "---\ntitle: Yard news\ndate: 2024-05-01\n---\nA new crane.\n")
	rep := syncReport(t, dir, 0)
	rep.want(t, "hl-homepage/index.md", "skipped", "headless: true")
	rep.want(t, "hl-homepage/hl-p-about.md", "skipped", "a resource of the headless bundle hl-homepage/index.md")
	rep.want(t, "hl-homepage/hl-p-work.md", "skipped", "a resource of the headless bundle hl-homepage/index.md")
	rep.want(t, "hl-snippets/index.md", "skipped", "render: never")
	rep.want(t, "hl-snippets/hl-p-note.md", "skipped", "a resource of the headless bundle hl-snippets/index.md")
	rep.want(t, "hl-p-news.md", "create")
	for _, text := range []string{"builds dinghies", "paints hulls", "shuts at six"} {
		if got := listAll(t, "/wp/v2/posts", map[string][]string{"search": {text}, "status": {"any"}}); len(got) != 0 {
			t.Errorf("%q was published: %+v", text, got)
		}
	}
	secondRunWritesNothing(t, dir, 0)
	noStateRunWritesNothing(t, dir)
}
