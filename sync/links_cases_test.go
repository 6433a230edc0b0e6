package sync_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	. "github.com/wpsync/wpsync/sync"
)

// A section page that links to its own child is no circle of parents:
// run 1 writes the parent first, then the child under it, and the
// parent's link to the child is filled in the same run; the post links
// both permalinks; the second run and a run without the state file write
// nothing.
func TestLinks_PageLinksToItsChild(t *testing.T) {
	dir := t.TempDir()
	page := func(title, body string) string {
		return "---\nlayout: page\ntitle: " + title + "\n---\n\n" + body + "\n"
	}
	writeFiles(t, dir, map[string]string{
		"_config.yml":                    "url: https://example.org\n",
		"docs/index.md":                  page("Documentation", "All our guides."),
		"docs/server/index.md":           page("Harbour Server", "Read the [guides](/docs/server/guides/)."),
		"docs/server/guides/index.md":    page("Guides", "* [Building](/docs/server/guides/building.html)"),
		"docs/server/guides/building.md": page("Building", "Back to the [guides](/docs/server/guides/)."),
		"_posts/2022-08-18-server-guides.md": "---\nlayout: post\ndate: 2022-08-18 10:00:00\ntitle: Server guides\n---\n\n" +
			"We published [guides]({{site.url}}/docs/server/guides/), starting with [building]({{site.url}}/docs/server/guides/building.html).\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if r.Summary.Created != 5 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	for _, it := range r.Items {
		if slices.ContainsFunc(it.Warnings, func(w string) bool { return strings.Contains(w, "circle") }) {
			t.Errorf("%s warned of a circle: %q", it.Path, it.Warnings)
		}
	}
	guides := itemFor(t, r, "docs/server/guides/index.md")
	building := itemFor(t, r, "docs/server/guides/building.md")
	if p := post(t, wp, building.ID); p.Parent != guides.ID {
		t.Errorf("building's parent is %d, want the guides page %d", p.Parent, guides.ID)
	}
	wantGuides, wantBuilding := wp.URL+"/docs/server/guides/", wp.URL+"/docs/server/guides/building/"
	if guides.Link != wantGuides || building.Link != wantBuilding {
		t.Fatalf("links %s, %s; want %s, %s", guides.Link, building.Link, wantGuides, wantBuilding)
	}
	for file, want := range map[string][]string{
		"docs/server/guides/index.md":        {`href="` + wantBuilding + `"`},
		"docs/server/guides/building.md":     {`href="` + wantGuides + `"`},
		"docs/server/index.md":               {`href="` + wantGuides + `"`},
		"_posts/2022-08-18-server-guides.md": {`href="` + wantGuides + `"`, `href="` + wantBuilding + `"`},
	} {
		c := post(t, wp, itemFor(t, r, file).ID).Content
		for _, w := range want {
			if !strings.Contains(c, w) {
				t.Errorf("%s lacks %s:\n%s", file, w, c)
			}
		}
		if strings.Contains(c, `href="#"`) {
			t.Errorf("%s still links the top of its page:\n%s", file, c)
		}
	}

	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 5 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 5 || r.Summary.Failed != 0 || len(wp.Writes()) != 0 {
		t.Fatalf("run without the state file: summary %+v, requests %v", r.Summary, wp.Log())
	}
}

// A link by an address a page lists in redirect_from (the plugin on) is a
// link to that page: its permalink, fragment kept, by path or by the
// site's full URL; a page's own address wins over another's redirect.
func TestLinks_RedirectFromAddresses(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"_config.yml":            "url: https://example.org\nplugins:\n  - jekyll-redirect-from\n",
		"install/index.md":       "---\nredirect_from:\n  - '/download/'\n  - /docs/\nlayout: page\ntitle: Install\n---\nDownload it.\n",
		"docs/moorings/index.md": "---\nredirect_from: \"/moorings/\"\nlayout: page\ntitle: Moorings\n---\nBy the night.\n",
		"docs/index.md":          "---\nlayout: page\ntitle: Documentation\n---\nStart with [installing](/install/).\n",
		"_posts/2024-05-04-new-platforms.md": "---\nlayout: post\ndate: 2024-05-04 10:00:00\ntitle: New platforms\n---\n" +
			"The [download page](/download/#phones), the [same](https://example.org/download/), " +
			"the [moorings](/moorings/), [install](/install/) and the [docs](/docs/).\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if r.Summary.Created != 4 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	install := itemFor(t, r, "install/index.md").Link
	moorings := itemFor(t, r, "docs/moorings/index.md").Link
	docs := itemFor(t, r, "docs/index.md").Link
	it := itemFor(t, r, "_posts/2024-05-04-new-platforms.md")
	c := post(t, wp, it.ID).Content
	for _, want := range []string{
		`<a href="` + install + `#phones">download page</a>`,
		`<a href="` + install + `">same</a>`,
		`<a href="` + moorings + `">moorings</a>`,
		`<a href="` + install + `">install</a>`,
		`<a href="` + docs + `">docs</a>`, // docs/index.md's own address, not install's redirect
	} {
		if !strings.Contains(c, want) {
			t.Errorf("the post lacks %s:\n%s", want, c)
		}
	}
	if len(it.Warnings) != 0 {
		t.Errorf("the post's warnings: %q", it.Warnings)
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 4 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}

	// Without the plugin, redirect_from is no address: the link is left
	// as written, and said.
	writeFiles(t, dir, map[string]string{"_config.yml": "url: https://example.org\n"})
	gen, err = sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	r = runWith(t, wp, dir, Options{Generator: gen})
	it = itemFor(t, r, "_posts/2024-05-04-new-platforms.md")
	if c := post(t, wp, it.ID).Content; !strings.Contains(c, `<a href="/moorings/">moorings</a>`) ||
		!slices.ContainsFunc(it.Warnings, func(w string) bool {
			return strings.Contains(w, "link to /moorings/: no page of the folder has that address")
		}) {
		t.Errorf("without the plugin: warnings %q, content:\n%s", it.Warnings, c)
	}
}

// Hugo's ref and relref resolve as Hugo's page finder does: relative to
// the page (a leaf bundle's siblings are the folders beside it), then from
// the content folder, then by a page's unique name; ".md" may be left out;
// the fragment is kept; "#x" alone is the page itself; a ref to nothing,
// or to a name two pages have, is a warning with its line, never a dead
// link.
func TestLinks_HugoRefs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":                       "baseURL = 'https://example.org/'\n",
		"content/aws/_index.md":           "---\ntitle: AWS\n---\nStart with [the VPC]({{< ref \"3-vpc\" >}}).\n",
		"content/aws/3-vpc/index.md":      "---\ntitle: VPC\n---\nNext: [EC2]({{< ref \"4-ec2\" >}}), its [setup]({{< relref \"4-ec2#setup\" >}}).\n\nSee [below]({{< ref \"#subnets\" >}}).\n\n## Subnets\n",
		"content/aws/4-ec2/index.md":      "---\ntitle: EC2\n---\nBack to [the VPC]({{< relref \"../3-vpc\" >}}) ([its file]({{< relref \"../3-vpc/index.md\" >}})) and [the glossary]({{< ref \"glossary.md\" >}}).\n",
		"content/aws/deep/nested.md":      "---\ntitle: Nested\n---\n[About]({{< ref \"about\" >}}), [about from the root]({{< ref \"/about.md#team\" >}}), [AWS]({{< ref \"/aws\" >}}), [sibling]({{< ref \"./other\" >}}).\n",
		"content/aws/deep/other.md":       "---\ntitle: Other\n---\n[Missing]({{< ref \"no-such-page\" >}}) and [near]({{< ref \"setup\" >}}).\n",
		"content/about.md":                "---\ntitle: About\n---\nUs.\n",
		"content/glossary.md":             "---\ntitle: Glossary\n---\nWords, [two]({{< ref \"setup\" >}}).\n",
		"content/aws/setup.md":            "---\ntitle: Setup A\n---\nA.\n",
		"content/aws/deep/setup/index.md": "---\ntitle: Setup B\n---\nB.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if r.Summary.Failed != 0 || r.Summary.Created != 9 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	link := func(p string) string { return itemFor(t, r, p).Link }
	for file, want := range map[string][]string{
		"content/aws/_index.md":      {`<a href="` + link("content/aws/3-vpc/index.md") + `">the VPC</a>`},
		"content/aws/3-vpc/index.md": {`<a href="` + link("content/aws/4-ec2/index.md") + `">EC2</a>`, `<a href="` + link("content/aws/4-ec2/index.md") + `#setup">setup</a>`, `<a href="#subnets">below</a>`},
		"content/aws/4-ec2/index.md": {`<a href="` + link("content/aws/3-vpc/index.md") + `">the VPC</a>`, `<a href="` + link("content/aws/3-vpc/index.md") + `">its file</a>`, `<a href="` + link("content/glossary.md") + `">the glossary</a>`},
		"content/aws/deep/nested.md": {`<a href="` + link("content/about.md") + `">About</a>`, `<a href="` + link("content/about.md") + `#team">about from the root</a>`,
			`<a href="` + link("content/aws/_index.md") + `">AWS</a>`, `<a href="` + link("content/aws/deep/other.md") + `">sibling</a>`},
	} {
		it := itemFor(t, r, file)
		c := post(t, wp, it.ID).Content
		for _, w := range want {
			if !strings.Contains(c, w) {
				t.Errorf("%s lacks %s:\n%s", file, w, c)
			}
		}
		if strings.Contains(c, "wpsync-ref:") || len(it.Warnings) != 0 {
			t.Errorf("%s: warnings %q, content:\n%s", file, it.Warnings, c)
		}
	}
	for file, w := range map[string]string{
		"content/aws/deep/other.md": "line 4: link to no-such-page names no file in the synced folder",
		"content/glossary.md":       "line 4: link to setup is ambiguous: 2 pages have that name (content/aws/deep/setup/index.md, content/aws/setup.md): write its path",
	} {
		it := itemFor(t, r, file)
		if !slices.ContainsFunc(it.Warnings, func(got string) bool { return strings.Contains(got, w) }) {
			t.Errorf("%s's warnings %q lack %q", file, it.Warnings, w)
		}
		if c := post(t, wp, it.ID).Content; strings.Contains(c, "wpsync-ref:") {
			t.Errorf("%s: a dead link:\n%s", file, c)
		}
	}
	// Relative to the page first: the setup bundle beside other.md, not
	// the name two pages have.
	if c := post(t, wp, itemFor(t, r, "content/aws/deep/other.md").ID).Content; !strings.Contains(c, `<a href="`+link("content/aws/deep/setup/index.md")+`">near</a>`) {
		t.Errorf("other.md:\n%s", c)
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 9 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 9 || len(wp.Writes()) != 0 {
		t.Fatalf("run without the state file: summary %+v, requests %v", r.Summary, wp.Log())
	}
}
