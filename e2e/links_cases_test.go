package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// Links between files (issue 22): the cases jekyll-redirect-from-links and
// parent-link-cycle of shared/cases/sites (copied to testdata/cases), and a
// small Hugo site of refs (testdata/sites/hugo-refs). Each runs on a site of
// its own: the cases share slugs (docs) with each other and with other
// tests.

// linksSite is a fresh WordPress for one test, and how to read it.
type linksSite struct {
	t *testing.T
	s *wptest.Site
}

func newLinksSite(t *testing.T, name string) linksSite {
	return linksSite{t: t, s: wptest.Start(t, "e2e_links_"+name, wptest.Options{})}
}

// sync runs wpsync sync DIR --output json against the site; want is the
// exit code.
func (l linksSite) sync(dir string, want int) fullReport {
	l.t.Helper()
	return fullReportOf(l.t, wpsync(l.t, l.s.Env(), "sync", dir, "--output", "json"), want)
}

// writesNothing syncs dir again and checks that the run wrote nothing:
// every file unchanged, no write request.
func (l linksSite) writesNothing(dir, what string, files int) {
	l.t.Helper()
	mark := l.s.Mark()
	rep := l.sync(dir, 0)
	reqs, err := l.s.RequestsSince(mark)
	if err != nil {
		l.t.Fatal(err)
	}
	for _, r := range reqs {
		if r.Method != "GET" && r.Method != "HEAD" && r.Method != "OPTIONS" { // OPTIONS reads a route's schema
			l.t.Errorf("%s: wrote %v", what, r)
		}
	}
	if rep.Summary.Unchanged != files || rep.Summary.Created+rep.Summary.Updated+rep.Summary.Failed != 0 {
		l.t.Errorf("%s: %+v, want %d unchanged", what, rep.Summary, files)
	}
}

// post reads a post or page back, in edit context.
func (l linksSite) post(typ string, id int) wpPost {
	l.t.Helper()
	var p wpPost
	if err := l.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", typ, id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		l.t.Fatalf("get %s %d: %v", typ, id, err)
	}
	p.Content.Raw = withoutFingerprint(p.Content.Raw)
	return p
}

// hasLinks checks that a post's content holds each of the links (an
// address and its text), and links no page's top ("#") or a converter's
// mark.
func hasLinks(t *testing.T, file string, p wpPost, links map[string]string) {
	t.Helper()
	for text, href := range links {
		if want := `<a href="` + href + `">` + text + `</a>`; !strings.Contains(p.Content.Raw, want) {
			t.Errorf("%s lacks %s:\n%s", file, want, p.Content.Raw)
		}
	}
	if strings.Contains(p.Content.Raw, `href="#"`) || strings.Contains(p.Content.Raw, "wpsync-ref:") {
		t.Errorf("%s links nowhere:\n%s", file, p.Content.Raw)
	}
}

// forgetState removes the state file, as a new checkout has none.
func forgetState(t *testing.T, dir string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
}

// jekyll-redirect-from-links: an address in a page's redirect_from (the
// plugin in _config.yml) is an address of that page: a link by it, by path
// or by the site's full URL, becomes the page's permalink, fragment kept.
func TestLinksCases_JekyllRedirectFrom(t *testing.T) {
	l := newLinksSite(t, "redirect")
	dir := copyTree(t, filepath.Join("testdata", "cases", "jekyll-redirect-from-links"))
	// Beside the case: a link by the site's full URL, with a fragment.
	writeFile(t, dir, "_posts/2024-05-05-full-address.md", "---\nlayout: post\ndate: 2024-05-05 10:00:00\ntitle: By full address\n---\n\n"+
		"Get it from [the download page](https://example.org/download/#phones).\n")
	rep := l.sync(dir, 0)
	if rep.Summary.Created != 5 || rep.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", rep.Summary, rep.Items)
	}
	install := rep.want(t, "install/index.md", "create")
	moorings := rep.want(t, "docs/moorings/index.md", "create")
	rep.want(t, "docs/index.md", "create")
	news := rep.want(t, "_posts/2024-05-04-new-platforms.md", "create")
	full := rep.want(t, "_posts/2024-05-05-full-address.md", "create")
	for _, it := range []reportItem{news, full, rep.item(t, "docs/index.md")} {
		for _, w := range it.Warnings {
			if strings.Contains(w, "no page of the folder has that address") {
				t.Errorf("%s: %q", it.Path, w)
			}
		}
	}
	if !strings.HasSuffix(install.Link, "/install/") || !strings.HasSuffix(moorings.Link, "/docs/moorings/") {
		t.Errorf("permalinks %s, %s", install.Link, moorings.Link)
	}
	hasLinks(t, news.Path, l.post("posts", news.ID), map[string]string{
		"download page": install.Link,  // redirect_from: ['/download/']
		"moorings page": moorings.Link, // redirect_from: "/moorings/"
		"install page":  install.Link,  // its own address
	})
	hasLinks(t, full.Path, l.post("posts", full.ID), map[string]string{"the download page": install.Link + "#phones"})
	hasLinks(t, "docs/index.md", l.post("pages", rep.item(t, "docs/index.md").ID), map[string]string{"installing": install.Link})

	l.writesNothing(dir, "second run", 5)
	forgetState(t, dir)
	l.writesNothing(dir, "run without the state file", 5)
}

// parent-link-cycle: a page that links to its child is no circle of
// parents. Run 1 publishes the tree as it stays (parents first, the
// parent's link to its child filled in the same run); every link is the
// target's permalink at its end; run 2 and a run without the state file
// write nothing.
func TestLinksCases_ParentLinkCycle(t *testing.T) {
	l := newLinksSite(t, "parents")
	dir := copyTree(t, filepath.Join("testdata", "cases", "parent-link-cycle"))
	rep := l.sync(dir, 0)
	if rep.Summary.Created != 5 || rep.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", rep.Summary, rep.Items)
	}
	for _, it := range rep.Items {
		for _, w := range it.Warnings {
			if strings.Contains(w, "circle") || strings.Contains(w, "without its parent") || strings.Contains(w, "without a parent") {
				t.Errorf("%s: %q", it.Path, w)
			}
		}
	}
	docs := rep.want(t, "docs/index.md", "create")
	server := rep.want(t, "docs/server/index.md", "create")
	guides := rep.want(t, "docs/server/guides/index.md", "create")
	building := rep.want(t, "docs/server/guides/building.md", "create")
	post := rep.want(t, "_posts/2022-08-18-server-guides.md", "create")
	for _, pair := range [][2]reportItem{{server, docs}, {guides, server}, {building, guides}} {
		child, parent := pair[0], pair[1]
		if p := l.post("pages", child.ID); p.Parent != parent.ID {
			t.Errorf("%s: parent %d, want %s's page %d", child.Path, p.Parent, parent.Path, parent.ID)
		}
	}
	if !strings.HasSuffix(guides.Link, "/docs/server/guides/") || !strings.HasSuffix(building.Link, "/docs/server/guides/building/") {
		t.Fatalf("permalinks %s, %s: want them under their parents", guides.Link, building.Link)
	}
	hasLinks(t, post.Path, l.post("posts", post.ID), map[string]string{"guides": guides.Link, "building": building.Link})
	hasLinks(t, guides.Path, l.post("pages", guides.ID), map[string]string{"Building": building.Link})
	hasLinks(t, building.Path, l.post("pages", building.ID), map[string]string{"guides": guides.Link})
	hasLinks(t, server.Path, l.post("pages", server.ID), map[string]string{"guides": guides.Link})

	l.writesNothing(dir, "second run", 5)
	forgetState(t, dir)
	l.writesNothing(dir, "run without the state file", 5)
}

// Hugo's ref and relref (issue 22): a sibling bundle by its name, a
// fragment kept, "#x" alone the page itself, relref by a path with
// index.md, a nested page's ref from the content root, a ref to nothing
// warned with its line and left as a plain relative link.
func TestLinks_HugoRefs(t *testing.T) {
	l := newLinksSite(t, "hugorefs")
	dir := copyTree(t, filepath.Join("testdata", "sites", "hugo-refs"))
	rep := l.sync(dir, 0)
	if rep.Summary.Created != 5 || rep.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", rep.Summary, rep.Items)
	}
	cloud := rep.want(t, "content/cloud/_index.md", "create")
	vpc := rep.want(t, "content/cloud/vpc-basics/index.md", "create")
	ec2 := rep.want(t, "content/cloud/ec2-basics/index.md", "create")
	glossary := rep.want(t, "content/refs-glossary.md", "create")
	nested := rep.want(t, "content/cloud/deep/refs-nested.md", "create", "line 6: link to no-such-page names no file in the synced folder")
	for _, it := range []reportItem{cloud, vpc, ec2, glossary} {
		if len(it.Warnings) != 0 {
			t.Errorf("%s: %q", it.Path, it.Warnings)
		}
	}
	hasLinks(t, cloud.Path, l.post(cloud.Type+"s", cloud.ID), map[string]string{"the VPC": vpc.Link})
	hasLinks(t, vpc.Path, l.post(vpc.Type+"s", vpc.ID), map[string]string{"EC2": ec2.Link, "launch steps": ec2.Link + "#launch", "the subnets below": "#subnets"})
	hasLinks(t, ec2.Path, l.post(ec2.Type+"s", ec2.ID), map[string]string{"the VPC": vpc.Link, "the glossary": glossary.Link})
	hasLinks(t, nested.Path, l.post(nested.Type+"s", nested.ID), map[string]string{
		"the glossary":             glossary.Link + "#terms",
		"the cloud notes":          cloud.Link,
		"a page that is not there": "no-such-page",
	})

	l.writesNothing(dir, "second run", 5)
	forgetState(t, dir)
	l.writesNothing(dir, "run without the state file", 5)
}
