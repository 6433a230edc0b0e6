package sync_test

import (
	"bytes"
	"context"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// post returns a stored post of the fake site.
func post(t *testing.T, wp *wpfake.Server, id int) wpfake.Post {
	t.Helper()
	p, ok := wp.GetPost(id)
	if !ok {
		t.Fatalf("no post %d", id)
	}
	return p
}

// mediaOf returns the media items whose file holds data.
func mediaOf(wp *wpfake.Server, data string) []wpfake.Media {
	var out []wpfake.Media
	for _, m := range wp.MediaItems() {
		if b, _ := wp.File(m.File); bytes.Equal(b, []byte(data)) {
			out = append(out, m)
		}
	}
	return out
}

// png is a tiny valid PNG; n varies its content.
func png(n byte) string {
	return "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + string([]byte{n})
}

func TestContent_PicturesUploadedOnce(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":        "---\ntitle: A\nfeatured_image: img/cover.png\n---\n![An owl](img/owl.png)\n\n<img src=\"img/owl.png\" alt=\"again\">\n\n![remote](https://example.com/x.png)\n",
		"posts/b.md":        "---\ntitle: B\n---\n![Same owl](../posts/img/owl.png) and ![copy](img/copy-of-owl.png)\n",
		"posts/img/owl.png": png(1),
		// The same bytes under another name: one upload.
		"posts/img/copy-of-owl.png": png(1),
		"posts/img/cover.png":       png(2),
	})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 2 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	if n := uploads(wp); n != 2 {
		t.Errorf("%d uploads, want 2 (owl once, cover once): %v", n, wp.Log())
	}
	a := post(t, wp, itemFor(t, r, "posts/a.md").ID)
	b := post(t, wp, itemFor(t, r, "posts/b.md").ID)
	owls := mediaOf(wp, png(1))
	if len(owls) != 1 {
		t.Fatalf("the owl is %d media items, want 1", len(owls))
	}
	owl := wp.SourceURL(owls[0])
	if strings.Contains(a.Content, "img/owl.png\"") || strings.Count(a.Content, owl) != 2 {
		t.Errorf("a's references not rewritten to %s:\n%s", owl, a.Content)
	}
	if !strings.Contains(a.Content, "https://example.com/x.png") {
		t.Errorf("remote image changed:\n%s", a.Content)
	}
	if strings.Count(b.Content, owl) != 2 {
		t.Errorf("b (and its copy of the owl) not rewritten to %s:\n%s", owl, b.Content)
	}
	if cover := mediaOf(wp, png(2)); a.FeaturedMedia == 0 || len(cover) != 1 || a.FeaturedMedia != cover[0].ID {
		t.Errorf("featured image = %d, want the cover's ID", a.FeaturedMedia)
	}
	for _, m := range owls {
		if m.AltText != "An owl" {
			t.Errorf("alt text of the owl = %q", m.AltText)
		}
	}
	// The Image block links to its attachment.
	if !strings.Contains(a.Content, `"id":`) || !strings.Contains(a.Content, "wp-image-") {
		t.Errorf("image block without the attachment ID:\n%s", a.Content)
	}

	t.Run("second run sends nothing", func(t *testing.T) {
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Unchanged != 2 || len(wp.Requests()) != 0 {
			t.Errorf("summary %+v, requests %v", r.Summary, wp.Log())
		}
	})
	t.Run("a new time stamp alone uploads nothing", func(t *testing.T) {
		later := time.Now().Add(time.Hour)
		if err := os.Chtimes(filepath.Join(dir, "posts/img/owl.png"), later, later); err != nil {
			t.Fatal(err)
		}
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Unchanged != 2 || len(wp.Requests()) != 0 {
			t.Errorf("summary %+v, requests %v", r.Summary, wp.Log())
		}
	})
	t.Run("a changed picture is uploaded anew and its posts updated", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/img/owl.png": png(3)})
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Updated != 2 || uploads(wp) != 1 {
			t.Fatalf("summary %+v, requests %v", r.Summary, wp.Log())
		}
		a := post(t, wp, itemFor(t, r, "posts/a.md").ID)
		if !strings.Contains(a.Content, "owl-1.png") {
			t.Errorf("a does not show the new upload:\n%s", a.Content)
		}
		wp.ResetLog()
		if r := runWith(t, wp, dir, Options{}); r.Summary.Unchanged != 2 || len(wp.Requests()) != 0 {
			t.Errorf("run after: summary %+v, requests %v", r.Summary, wp.Log())
		}
	})
}

func TestContent_PathsConfinedToFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	writeFiles(t, root, map[string]string{"secret.png": png(9)})
	writeFiles(t, dir, map[string]string{
		"escape.md":    "![x](../secret.png)\n",
		"deep.md":      "![x](a/../../secret.png)\n",
		"abs.md":       "![x](/etc/passwd)\n",
		"missing.md":   "text\n\n![x](img/nope.png)\n",
		"link.md":      "![x](img/link.png)\n",
		"ok.md":        "![x](img/ok.png)\n",
		"img/ok.png":   png(1),
		"svg.md":       "![x](img/logo.svg)\n",
		"img/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	if err := os.Symlink(filepath.Join(root, "secret.png"), filepath.Join(dir, "img/link.png")); err != nil {
		t.Fatal(err)
	}
	// An Author, who may not post unfiltered HTML: the drawing the site
	// refuses cannot go into the post instead (svg_test.go).
	wp := wpfake.New(t, wpfake.Options{})
	addUser(wp, "user", "author")
	r := runAs(t, wp, "user", dir, Options{})
	want := map[string]string{
		"escape.md":  "escape.md:1: image ../secret.png leads outside the synced folder",
		"deep.md":    "deep.md:1: image a/../../secret.png leads outside the synced folder",
		"abs.md":     "abs.md:1: image /etc/passwd not found",
		"missing.md": "missing.md:3: image img/nope.png not found (no file img/nope.png",
		"link.md":    "link.md:1: image img/link.png is a symbolic link to a file outside the synced folder",
		"svg.md":     "svg.md:1: image img/logo.svg was refused by the site", // svg_test.go: what to do, and remembered
	}
	for p, msg := range want {
		it := itemFor(t, r, p)
		if it.Action != ActionError || !strings.Contains(it.Error, msg) {
			t.Errorf("%s: %s %q, want an error with %q", p, it.Action, it.Error, msg)
		}
	}
	if it := itemFor(t, r, "missing.md"); it.Line != 3 {
		t.Errorf("missing.md error line = %d, want 3", it.Line)
	}
	if it := itemFor(t, r, "ok.md"); it.Action != ActionCreate {
		t.Errorf("ok.md: %+v", it)
	}
	for _, r := range wp.Requests() {
		if cd := r.Header.Get("Content-Disposition"); r.Route == "/wp/v2/media" && r.Method == http.MethodPost &&
			cd != `attachment; filename="ok.png"` && cd != `attachment; filename="logo.svg"` {
			t.Errorf("uploaded %s", cd)
		}
	}
	if len(mediaOf(wp, png(9))) != 0 {
		t.Error("the file outside the folder was uploaded")
	}
}

func TestContent_LinksBetweenNewFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":     "---\ntitle: A\n---\nSee [B](b.md#part) and [about](../pages/about.md).\n",
		"posts/b.md":     "---\ntitle: B\n---\nBack to [A](./a.md). Gone: [x](nowhere.md).\n",
		"pages/about.md": "---\ntype: page\ntitle: About\n---\nAbout.\n",
	})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 3 || r.Summary.Updated != 0 || len(r.Items) != 3 {
		t.Fatalf("summary %+v (each file once, as created): %+v", r.Summary, r.Items)
	}
	a := post(t, wp, itemFor(t, r, "posts/a.md").ID)
	b := post(t, wp, itemFor(t, r, "posts/b.md").ID)
	if !strings.Contains(a.Content, `href="`+wp.URL+`/b/#part"`) || !strings.Contains(a.Content, `href="`+wp.URL+`/about/"`) {
		t.Errorf("a's links:\n%s", a.Content)
	}
	if !strings.Contains(b.Content, `href="`+wp.URL+`/a/"`) {
		t.Errorf("b's link:\n%s", b.Content)
	}
	bi := itemFor(t, r, "posts/b.md")
	if !slices.ContainsFunc(bi.Warnings, func(w string) bool {
		return strings.Contains(w, "link to nowhere.md names no file") && strings.Contains(w, "line")
	}) {
		t.Errorf("b's warnings %q lack the missing link", bi.Warnings)
	}

	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{}); r.Summary.Unchanged != 3 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}

	t.Run("a new slug updates the posts linking to it, in the same run", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/b.md": "---\ntitle: B\nslug: bee\n---\nBack to [A](./a.md). Gone: [x](nowhere.md).\n"})
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Updated != 2 || r.Summary.Unchanged != 1 {
			t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
		}
		a := post(t, wp, itemFor(t, r, "posts/a.md").ID)
		if !strings.Contains(a.Content, wp.URL+"/bee/#part") {
			t.Errorf("a still links to the old address:\n%s", a.Content)
		}
		wp.ResetLog()
		if r := runWith(t, wp, dir, Options{}); len(wp.Requests()) != 0 {
			t.Errorf("run after: summary %+v, requests %v", r.Summary, wp.Log())
		}
	})

	t.Run("a file that appears makes its link resolve", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/nowhere.md": "Now here.\n"})
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if it := itemFor(t, r, "posts/b.md"); it.Action != ActionUpdate || len(it.Warnings) != 0 {
			t.Errorf("b: %+v", it)
		}
	})
}

func TestContent_PageTree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"about.md":              "---\ntype: page\ntitle: About\nmenu_order: 2\n---\nAbout.\n",
		"about/team.md":         "---\ntype: page\ntitle: Team\n---\nTeam.\n",
		"about/team/people.md":  "---\ntype: page\n---\nPeople.\n",
		"docs/_index.md":        "---\ntitle: Docs\n---\nDocs home.\n",
		"docs/install/index.md": "---\ntype: page\nweight: 5\ntemplate: wide.php\n---\nInstall.\n",
		"legal.md":              "---\ntype: page\nparent: about.md\n---\nLegal.\n",
		"posts/news.md":         "A post in a folder.\n",
	})
	wp := wpfake.New(t, wpfake.Options{PageTemplates: []string{"wide.php"}}) // a classic theme's
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 7 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	id := func(p string) int { return itemFor(t, r, p).ID }
	parent := map[string]string{
		"about/team.md": "about.md", "about/team/people.md": "about/team.md",
		"docs/install/index.md": "docs/_index.md", "legal.md": "about.md",
	}
	for child, par := range parent {
		if got := post(t, wp, id(child)).Parent; got != id(par) {
			t.Errorf("%s: parent %d, want %d (%s)", child, got, id(par), par)
		}
	}
	if p := post(t, wp, id("docs/_index.md")); p.Type != "pages" || p.Parent != 0 {
		t.Errorf("docs/_index.md: %+v, want a top page", p)
	}
	if p := post(t, wp, id("docs/install/index.md")); p.MenuOrder != 5 || p.Template != "wide.php" {
		t.Errorf("install: menu_order %d template %q", p.MenuOrder, p.Template)
	}
	if p := post(t, wp, id("posts/news.md")); p.Parent != 0 || p.Type != "posts" {
		t.Errorf("a post got a parent: %+v", p)
	}
	// Parents are created before their children.
	order := func(slug string) int {
		return slices.IndexFunc(wp.Writes(), func(r wpfake.Request) bool {
			return r.Method == http.MethodPost && r.Route == "/wp/v2/pages" && r.Param("slug") == slug
		})
	}
	if !(order("about") >= 0 && order("about") < order("team") && order("team") < order("people")) {
		t.Errorf("creates out of order: %v", wp.Log())
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{}); r.Summary.Unchanged != 7 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}

	t.Run("a parent page added later adopts its children", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts.md": "---\ntype: page\n---\nAll posts.\n", "shop/cart.md": "---\ntype: page\n---\nCart.\n"})
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Created != 2 || r.Summary.Failed != 0 {
			t.Fatalf("summary %+v", r.Summary)
		}
		writeFiles(t, dir, map[string]string{"shop.md": "---\ntype: page\n---\nShop.\n"})
		wp.ResetLog()
		r = runWith(t, wp, dir, Options{})
		if it := itemFor(t, r, "shop/cart.md"); it.Action != ActionUpdate || post(t, wp, it.ID).Parent != itemFor(t, r, "shop.md").ID {
			t.Errorf("cart: %+v, parent %d", it, post(t, wp, it.ID).Parent)
		}
	})

	t.Run("parent by slug", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"careers.md": "---\ntype: page\nparent: about\n---\nJobs.\n", "bad.md": "---\ntype: page\nparent: nope\n---\nx\n"})
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{})
		if p := post(t, wp, itemFor(t, r, "careers.md").ID); p.Parent != id("about.md") {
			t.Errorf("careers parent %d, want %d", p.Parent, id("about.md"))
		}
		if it := itemFor(t, r, "bad.md"); it.Action != ActionError || !strings.Contains(it.Error, `parent "nope"`) {
			t.Errorf("bad.md: %+v", it)
		}
	})
}

func TestContent_TypesAuthorsCategories(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"book.md":     "---\ntype: book\nauthor: alice\nsticky: true\ncomment_status: closed\npassword: pw\npost_format: aside\n---\nA book.\n",
		"unknown.md":  "---\npost_type: recipe\n---\nNo such type.\n",
		"layout.md":   "---\ntitle: Section\ntype: section\n---\nHugo's type: names a layout.\n",
		"stranger.md": "---\nauthor: Bob Nobody\ncategories: [News/Local, News/World, Sports/Local]\n---\nx\n",
	})
	wp := wpfake.New(t, wpfake.Options{Types: append(wpfake.DefaultTypes(), wpfake.Type{Slug: "book", RESTBase: "books"})})
	alice := wp.AddUser(wpfake.User{Login: "alice", Name: "Alice A.", Roles: []string{"author"}})
	r := runWith(t, wp, dir, Options{})
	b := itemFor(t, r, "book.md")
	if b.Action != ActionCreate {
		t.Fatalf("book: %+v", b)
	}
	p := post(t, wp, b.ID)
	if p.Type != "books" || p.Author != alice || p.CommentStatus != "closed" || p.Password != "pw" {
		t.Errorf("book = %+v", p)
	}
	// A custom type without sticky posts and post formats does not keep
	// them, as in WordPress: what sync sent is in the create.
	if i := slices.IndexFunc(wp.Writes(), func(r wpfake.Request) bool { return r.Route == "/wp/v2/books" }); i < 0 ||
		wp.Writes()[i].Param("sticky") != "true" || wp.Writes()[i].Param("format") != "aside" {
		t.Errorf("the book's create lacks sticky or format: %v", wp.Writes())
	}
	if it := itemFor(t, r, "unknown.md"); it.Action != ActionError || !strings.Contains(it.Error, `no post type "recipe"`) {
		t.Errorf("unknown type: %+v", it)
	}
	if it := itemFor(t, r, "layout.md"); it.Action != ActionCreate || post(t, wp, it.ID).Type != "posts" ||
		len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], `line 3: type: "section" is not a post type of the site`) {
		t.Errorf("type: naming a layout: %+v", it)
	}
	s := itemFor(t, r, "stranger.md")
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], `author "Bob Nobody" is not a user`) {
		t.Errorf("stranger warnings: %q", s.Warnings)
	}
	cats := madeTerms(wp, "categories")
	find := func(name string, parent int) int {
		for _, c := range cats {
			if c.Name == name && c.Parent == parent {
				return c.ID
			}
		}
		return 0
	}
	news, sports := find("News", 0), find("Sports", 0)
	local, world, sportsLocal := find("Local", news), find("World", news), find("Local", sports)
	if news == 0 || local == 0 || world == 0 || sportsLocal == 0 || len(cats) != 5 {
		t.Fatalf("categories %+v", cats)
	}
	if got := slices.Sorted(slices.Values(post(t, wp, s.ID).Categories)); !slices.Equal(got, slices.Sorted(slices.Values([]int{local, world, sportsLocal}))) {
		t.Errorf("categories of the post = %v, want %v", got, []int{local, world, sportsLocal})
	}
	wp.ResetLog()
	// The file of the unknown type is tried again (the type may exist now).
	if r := runWith(t, wp, dir, Options{}); r.Summary.Unchanged != 3 || r.Summary.Failed != 1 || len(wp.Writes()) != 0 {
		t.Errorf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}
	if st, _ := state.Load(state.DefaultPath(dir)); st.Types["book"] != "books" {
		t.Errorf("state types = %v", st.Types)
	}
}

func TestContent_DryRunUploadsNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "![x](x.png)\n", "x.png": png(1)})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{DryRun: true})
	it := itemFor(t, r, "a.md")
	if it.Action != ActionCreate || len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], "would upload x.png") {
		t.Errorf("dry run item %+v", it)
	}
	if uploads(wp) != 0 || len(wp.Writes()) != 0 {
		t.Errorf("dry run wrote: %v", wp.Log())
	}
}

// A picture uploaded by a run whose state was lost, or whose answer never
// came, is found by its content's slug and not uploaded again.
func TestContent_MediaFoundAgainWithoutState(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":        "![An owl](img/owl.png)\n",
		"img/owl.png": png(1),
	})
	wp := wpfake.New(t, wpfake.Options{})
	first := itemFor(t, runWith(t, wp, dir, Options{}), "a.md")
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.ID != first.ID || it.Action != ActionUnchanged || uploads(wp) != 0 {
		t.Fatalf("item %+v, requests %v: want the post and the picture found again, nothing uploaded", it, wp.Log())
	}
}

// Links by site address in a Hugo site, against the fake: resolved to
// permalinks between new files, updated in the same run when the target's
// slug changes, a root link to no page named, link_base used when set.
func TestContent_LinksBySiteAddress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":              "baseURL = 'https://example.org/'\n",
		"content/blog/a.md":      "---\ntitle: A\n---\nSee [B](/blog/b/#part), [B again](https://example.org/blog/b/) and <a href=\"../b/\">B in HTML</a>; [gone](/old/page/).\n",
		"content/blog/b.md":      "---\ntitle: B\n---\nBack to [A](../a/).\n",
		"content/blog/_index.md": "---\ntitle: Blog\n---\nThe blog.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if r.Summary.Created != 3 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	a := post(t, wp, itemFor(t, r, "content/blog/a.md").ID)
	b := post(t, wp, itemFor(t, r, "content/blog/b.md").ID)
	for _, want := range []string{`href="` + wp.URL + `/b/#part"`, `<a href="` + wp.URL + `/b/">B again</a>`, `<a href="` + wp.URL + `/b/">B in HTML</a>`, `<a href="/old/page/">gone</a>`} {
		if !strings.Contains(a.Content, want) {
			t.Errorf("a lacks %s:\n%s", want, a.Content)
		}
	}
	if !strings.Contains(b.Content, `href="`+wp.URL+`/a/"`) {
		t.Errorf("b's link:\n%s", b.Content)
	}
	if ai := itemFor(t, r, "content/blog/a.md"); !slices.ContainsFunc(ai.Warnings, func(w string) bool {
		return strings.Contains(w, "line 4: link to /old/page/: no page of the folder has that address")
	}) {
		t.Errorf("a's warnings %q lack the root link to no page", ai.Warnings)
	}

	wp.ResetLog()
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary.Unchanged != 3 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}

	// A new slug moves B's address and its permalink: A links to it by
	// the new address once it says so, in the same run.
	writeFiles(t, dir, map[string]string{
		"content/blog/b.md": "---\ntitle: B\nslug: bee\n---\nBack to [A](../a/).\n",
		"content/blog/a.md": "---\ntitle: A\n---\nSee [B](/blog/bee/#part).\n",
	})
	wp.ResetLog()
	r = runWith(t, wp, dir, Options{Generator: gen})
	if a := post(t, wp, itemFor(t, r, "content/blog/a.md").ID); !strings.Contains(a.Content, `href="`+wp.URL+`/bee/#part"`) {
		t.Errorf("a after the new slug:\n%s", a.Content)
	}

	// link_base sends a root link to a page not in the folder there.
	gen, err = sitegen.DetectWith(dir, sitegen.Settings{LinkBase: "https://old.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"content/blog/a.md": "---\ntitle: A\n---\nSee [gone](/old/page/#x).\n"})
	wp.ResetLog()
	r = runWith(t, wp, dir, Options{Generator: gen})
	if a := post(t, wp, itemFor(t, r, "content/blog/a.md").ID); !strings.Contains(a.Content, `href="https://old.example.org/old/page/#x"`) {
		t.Errorf("a with link_base:\n%s", a.Content)
	}
}

// Referenced names what posts show or link, whatever its extension, where
// it may be found, and also what a post names that is not there yet; a
// Syncer of a later process knows the same from the state.
func TestSyncer_Referenced(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":         "---\ntitle: A\n---\n![x](img/a.png)\n\n<img src=\"/pics/b.gif\">\n\n[doc](files/r.pdf) and [b](b.md)\n",
		"posts/b.md":         "---\ntitle: B\n---\n![soon](img/new.jxl)\n",
		"posts/img/a.png":    png(1),
		"static/pics/b.gif":  "GIF89a\x01\x00\x01\x00\x00\x00\x00", // a GIF's screen: a damaged one is not uploaded
		"posts/files/r.pdf":  "pdf",
		"posts/img/lone.jxl": "not shown by any post",
	})
	wp := wpfake.New(t, wpfake.Options{})
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	s := New(client(t, wp), st, Options{Dir: dir, Site: wp.URL})
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	sent := []string{"posts/files/r.pdf", "posts/img/a.png", "static/pics/b.gif"}
	want := append(slices.Clone(sent), "pics/b.gif", "posts/img/new.jxl") // every place looked in; the picture b.md waits for
	if got := slices.Sorted(maps.Keys(s.Referenced())); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("Referenced() = %q, want %q", got, want)
	}

	later := New(client(t, wp), mustLoad(t, dir), Options{Dir: dir, Site: wp.URL})
	if got := slices.Sorted(maps.Keys(later.Referenced())); !slices.Equal(got, sent) {
		t.Errorf("from the state: Referenced() = %q, want what the sent posts use: %q", got, sent)
	}
}

func mustLoad(t *testing.T, dir string) *state.State {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return st
}
